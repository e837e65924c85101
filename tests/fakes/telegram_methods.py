"""The Bot API methods the fake server implements: one function each, named like the method."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from tests.fakes import telegram_objects as tg

if TYPE_CHECKING:
    from tests.fakes.telegram_api import FakeTelegram

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_ALERT = 200
MAX_CAPTION = 1024


Method = Callable[["FakeTelegram", dict[str, Any]], Awaitable[Any]]
METHODS: dict[str, Method] = {}


def method(fn: Method) -> Method:
    """Register ``fn`` under its name as a Bot API method."""
    METHODS[fn.__name__] = fn
    return fn


# getUpdates and webhooks ------------------------------------------------------
@method
async def getMe(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return api.bot_user


@method
async def getUpdates(api: FakeTelegram, params: dict[str, Any]) -> Any:
    if api.webhook:
        raise tg.ConflictError(
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first"
        )
    offset = int(params.get("offset") or 0)
    limit = int(params.get("limit") or 100)
    timeout = float(params.get("timeout") or 0)
    if offset:
        api.pending = [u for u in api.pending if u["update_id"] >= offset]
    # A newer long poll ends an older one, as on the real server.
    api.poller += 1
    me = api.poller
    api.arrived.set()  # wakes an older long poll, which then ends with 409
    deadline = time.monotonic() + timeout
    while not api.pending and (remaining := deadline - time.monotonic()) > 0:
        api.arrived.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(api.arrived.wait(), remaining)
        if api.poller != me:
            raise tg.ConflictError("Conflict: terminated by other getUpdates request")
    batch = api.pending[:limit]
    handed = time.monotonic()
    for update in batch:
        api.handed_out[update["update_id"]] = handed
    return batch


@method
async def setWebhook(api: FakeTelegram, params: dict[str, Any]) -> Any:
    secret = params.get("secret_token")
    if secret is not None and not SECRET_TOKEN.match(secret):
        raise tg.BadRequest("Bad Request: secret token contains unallowed characters")
    if not str(params.get("url", "")).startswith(("https://", "http://")):
        raise tg.BadRequest("Bad Request: bad webhook: invalid URL")
    if params.get("drop_pending_updates"):
        api.pending.clear()
    api.webhook = dict(params)
    for update in list(api.pending):
        api.spawn(api.deliver(update))
    return True


@method
async def deleteWebhook(api: FakeTelegram, params: dict[str, Any]) -> Any:
    if params.get("drop_pending_updates"):
        api.pending.clear()
    api.webhook = None
    return True


@method
async def getWebhookInfo(api: FakeTelegram, params: dict[str, Any]) -> Any:
    hook = api.webhook or {}
    return {
        "url": hook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(api.pending),
    }


# sending ----------------------------------------------------------------------
@method
async def sendMessage(api: FakeTelegram, params: dict[str, Any]) -> Any:
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, int):
        raise tg.BadRequest("Bad Request: chat not found")
    plain = tg.check_text(params.get("text"), params.get("parse_mode"))
    tg.check_markup(params.get("reply_markup"))
    message: dict[str, Any] = {
        "message_id": next(api.bot_message_ids),
        "date": tg.now(),
        "chat": tg.chat(chat_id, "private" if chat_id > 0 else "supergroup"),
        "from": api.bot_user,
        "text": plain,
        "html": params.get("text"),
    }
    # Messages carry only inline keyboards; a reply keyboard belongs to the chat.
    markup = params.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    elif markup:
        api.reply_keyboards[chat_id] = markup
    api.messages[(chat_id, message["message_id"])] = message
    return _public(message)


async def _send_media(api: FakeTelegram, params: dict[str, Any], kind: str) -> Any:
    """sendVoice / sendAudio: an upload (``{"upload": ..., "size": ...}``) or a known file id."""
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, int):
        raise tg.BadRequest("Bad Request: chat not found")
    media = params.get(kind)
    if isinstance(media, dict) and media.get("size", 0) > 0:
        n = next(api.bot_message_ids)
        file_id = f"{kind}-file-{n}"
        api.files[file_id] = media
    elif isinstance(media, str) and media in api.files:
        file_id = media
    else:
        raise tg.BadRequest("Bad Request: wrong file identifier/HTTP URL specified")
    caption = params.get("caption")
    if caption is not None and tg.utf16_len(caption) > MAX_CAPTION:
        raise tg.BadRequest("Bad Request: message caption is too long")
    tg.check_markup(params.get("reply_markup"))
    message: dict[str, Any] = {
        "message_id": next(api.bot_message_ids),
        "date": tg.now(),
        "chat": tg.chat(chat_id, "private" if chat_id > 0 else "supergroup"),
        "from": api.bot_user,
        kind: {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "duration": int(params.get("duration") or 0),
        },
    }
    if caption is not None:
        message["caption"] = caption
    api.messages[(chat_id, message["message_id"])] = message
    return _public(message)


@method
async def sendVoice(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return await _send_media(api, params, "voice")


@method
async def sendAudio(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return await _send_media(api, params, "audio")


@method
async def editMessageText(api: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(api, params)
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


@method
async def editMessageReplyMarkup(api: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(api, params)
    markup = params.get("reply_markup")
    tg.check_markup(markup)
    if markup == message.get("reply_markup"):
        raise tg.BadRequest("Bad Request: message is not modified")
    _set_markup(message, markup)
    return _public(message)


@method
async def deleteMessage(api: FakeTelegram, params: dict[str, Any]) -> Any:
    api.messages.pop((params.get("chat_id"), params.get("message_id")), None)  # type: ignore[arg-type]
    return True


@method
async def sendChatAction(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return True


@method
async def answerCallbackQuery(api: FakeTelegram, params: dict[str, Any]) -> Any:
    if len(params.get("text") or "") > MAX_ALERT:
        raise tg.BadRequest("Bad Request: MESSAGE_TOO_LONG")
    api.callback_answers.append(params)
    return True


@method
async def answerInlineQuery(api: FakeTelegram, params: dict[str, Any]) -> Any:
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
    api.inline_answers.append(params)
    return True


# commands and chats -----------------------------------------------------------
@method
async def setMyCommands(api: FakeTelegram, params: dict[str, Any]) -> Any:
    commands = params.get("commands") or []
    for command in commands:
        if not COMMAND_NAME.match(command.get("command", "")):
            raise tg.BadRequest("Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(command.get("description", "")) <= 256:
            raise tg.BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    api.commands[_scope_key(params)] = commands
    return True


@method
async def getMyCommands(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return api.commands.get(_scope_key(params), [])


@method
async def getChatMember(api: FakeTelegram, params: dict[str, Any]) -> Any:
    user_id = int(params["user_id"])
    member = tg.user(user_id)
    if user_id in api.admins.get(int(params["chat_id"]), set()):
        return {"status": "creator", "user": member, "is_anonymous": False}
    return {"status": "member", "user": member}


@method
async def close(api: FakeTelegram, params: dict[str, Any]) -> Any:
    return True


def _find(api: FakeTelegram, params: dict[str, Any]) -> dict[str, Any]:
    key = (params.get("chat_id"), params.get("message_id"))
    message = api.messages.get(key)  # type: ignore[arg-type]
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
