"""The Bot API methods the fake server implements (one ``api_<method>`` each)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import time
from typing import TYPE_CHECKING, Any

from tests.fakes import telegram_objects as tg

if TYPE_CHECKING:
    from tests.fakes.telegram_api import FakeTelegram

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_ALERT = 200


class MethodsMixin:
    """State kept per bot message, and the method handlers."""

    def __init__(self) -> None:
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.arrived = asyncio.Event()
        self._bot_message_ids = itertools.count(500_000)

    # getUpdates and webhooks ----------------------------------------------
    async def api_getMe(self: FakeTelegram, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def api_getUpdates(self: FakeTelegram, params: dict[str, Any]) -> Any:
        from tests.fakes.telegram_api import ConflictError

        if self.webhook:
            raise ConflictError(
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        # A newer long poll ends an older one, as on the real server.
        self._poller += 1
        me = self._poller
        self.arrived.set()  # wakes an older long poll, which then ends with 409
        deadline = time.monotonic() + timeout
        while not self.pending and (remaining := deadline - time.monotonic()) > 0:
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), remaining)
            if self._poller != me:
                raise ConflictError("Conflict: terminated by other getUpdates request")
        batch = self.pending[:limit]
        handed = time.monotonic()
        for update in batch:
            self.handed_out[update["update_id"]] = handed
        return batch

    async def api_setWebhook(self: FakeTelegram, params: dict[str, Any]) -> Any:
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.match(secret):
            raise tg.BadRequest("Bad Request: secret token contains unallowed characters")
        if not str(params.get("url", "")).startswith(("https://", "http://")):
            raise tg.BadRequest("Bad Request: bad webhook: invalid URL")
        if params.get("drop_pending_updates"):
            self.pending.clear()
        self.webhook = dict(params)
        for update in list(self.pending):
            self._spawn(self._deliver(update))
        return True

    async def api_deleteWebhook(self: FakeTelegram, params: dict[str, Any]) -> Any:
        if params.get("drop_pending_updates"):
            self.pending.clear()
        self.webhook = None
        return True

    async def api_getWebhookInfo(self: FakeTelegram, params: dict[str, Any]) -> Any:
        hook = self.webhook or {}
        return {
            "url": hook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending),
        }

    # sending ----------------------------------------------------------------
    async def api_sendMessage(self: FakeTelegram, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise tg.BadRequest("Bad Request: chat not found")
        plain = tg.check_text(params.get("text"), params.get("parse_mode"))
        tg.check_markup(params.get("reply_markup"))
        message: dict[str, Any] = {
            "message_id": next(self._bot_message_ids),
            "date": tg.now(),
            "chat": tg.chat(chat_id, "private" if chat_id > 0 else "supergroup"),
            "from": self.bot_user,
            "text": plain,
            "html": params.get("text"),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return _public(message)

    async def api_editMessageText(self: FakeTelegram, params: dict[str, Any]) -> Any:
        message = self._find(params)
        plain = tg.check_text(params.get("text"), params.get("parse_mode"))
        tg.check_markup(params.get("reply_markup"))
        markup = params.get("reply_markup")
        if plain == message["text"] and markup == message.get("reply_markup"):
            raise tg.BadRequest(
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message"
            )
        message.update(text=plain, html=params.get("text"), edit_date=tg.now())
        _set_markup(message, markup)
        return _public(message)

    async def api_editMessageReplyMarkup(self: FakeTelegram, params: dict[str, Any]) -> Any:
        message = self._find(params)
        markup = params.get("reply_markup")
        tg.check_markup(markup)
        if markup == message.get("reply_markup"):
            raise tg.BadRequest("Bad Request: message is not modified")
        _set_markup(message, markup)
        return _public(message)

    async def api_deleteMessage(self: FakeTelegram, params: dict[str, Any]) -> Any:
        self.messages.pop((params.get("chat_id"), params.get("message_id")), None)  # type: ignore[arg-type]
        return True

    async def api_sendChatAction(self: FakeTelegram, params: dict[str, Any]) -> Any:
        return True

    async def api_answerCallbackQuery(self: FakeTelegram, params: dict[str, Any]) -> Any:
        if len(params.get("text") or "") > MAX_ALERT:
            raise tg.BadRequest("Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers.append(params)
        return True

    async def api_answerInlineQuery(self: FakeTelegram, params: dict[str, Any]) -> Any:
        results = params.get("results") or []
        if len(results) > 50:
            raise tg.BadRequest("Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise tg.BadRequest("Bad Request: RESULT_ID_INVALID")
        for result in results:
            content = result.get("input_message_content") or {}
            tg.check_text(content.get("message_text"), content.get("parse_mode"))
            tg.check_markup(result.get("reply_markup"))
        self.inline_answers.append(params)
        return True

    # commands and chats -------------------------------------------------------
    async def api_setMyCommands(self: FakeTelegram, params: dict[str, Any]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not COMMAND_NAME.match(command.get("command", "")):
                raise tg.BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise tg.BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_scope_key(params)] = commands
        return True

    async def api_getMyCommands(self: FakeTelegram, params: dict[str, Any]) -> Any:
        return self.commands.get(_scope_key(params), [])

    async def api_getChatMember(self: FakeTelegram, params: dict[str, Any]) -> Any:
        user_id = int(params["user_id"])
        member = tg.user(user_id)
        if user_id in self.admins.get(int(params["chat_id"]), set()):
            return {"status": "creator", "user": member, "is_anonymous": False}
        return {"status": "member", "user": member}

    async def api_close(self: FakeTelegram, params: dict[str, Any]) -> Any:
        return True

    def _find(self: FakeTelegram, params: dict[str, Any]) -> dict[str, Any]:
        key = (params.get("chat_id"), params.get("message_id"))
        message = self.messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise tg.BadRequest("Bad Request: message to edit not found")
        return message


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if k != "html"}


def _set_markup(message: dict[str, Any], markup: Any) -> None:
    if markup:
        message["reply_markup"] = markup
    else:
        message.pop("reply_markup", None)


def _scope_key(params: dict[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return str(scope.get("type", "default"))
