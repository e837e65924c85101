"""A fake Telegram Bot API server for end-to-end tests and the load benchmark.

It listens on loopback, speaks the real envelope (``{"ok": true, "result": ...}``
or ``{"ok": false, "error_code": ..., "description": ...}``) with the real
status codes, keeps updates until a later ``getUpdates`` offset confirms them,
long-polls, delivers to a webhook when one is set, validates what the bot sends
(HTML, 4096-character texts, 64-byte callback data) and records every request.

Faults for reliability tests: ``fail(method, status, retry_after=..., times=...)``
and ``slow(method, seconds)``.

    api = FakeTelegram()
    await api.start()                      # api.url -> TELEGRAM_API_URL
    msg = api.send_text(chat_id=1, user_id=1, text="my son is choking")
    reply = await api.wait_for("sendMessage")
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl

import httpx
from telegram.request import BaseRequest, RequestData

from tests.fakes import telegram_objects as tg
from tests.fakes.http_server import HttpServer, Request, Response
from tests.fakes.telegram_methods import METHODS

TOKEN = "7000000001:AAFakeTokenForTestsOnly-DoNotUse_x1"
BOT_ID = 7000000001
BOT_USERNAME = "firstaid_test_bot"
# Values the Bot API sends as strings; everything else in a form body is JSON.
STRING_FIELDS = {
    "text", "caption", "callback_query_id", "inline_query_id", "url", "secret_token",
    "parse_mode", "query", "next_offset", "description", "language_code", "ip_address",
}  # fmt: skip


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    result: Any = None


@dataclass
class Fault:
    status: int
    retry_after: int | None
    description: str | None
    times: int


class FakeTelegram:
    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = tg.user(BOT_ID, is_bot=True, first_name="First Aid")
        self.bot_user.update(username=username, can_join_groups=True, supports_inline_queries=True)
        self.username = username
        self.calls: list[Call] = []
        self.replies: dict[tuple[int, int], list[Call]] = {}
        self.pending: list[dict[str, Any]] = []
        self.handed_out: dict[int, float] = {}
        self.update_for_message: dict[tuple[int, int], int] = {}
        self.webhook: dict[str, Any] | None = None
        self.deliveries: list[tuple[int, int]] = []
        self.admins: dict[int, set[int]] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.files: dict[str, dict[str, Any]] = {}  # uploaded voice and audio, by file id
        # The reply keyboard each chat shows (``{"remove_keyboard": true}`` once removed).
        self.reply_keyboards: dict[int, dict[str, Any]] = {}
        self.arrived = asyncio.Event()
        self.poller = 0
        self.bot_message_ids = itertools.count(500_000)
        self.delays: dict[str, float] = {}
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._server = HttpServer(self._handle)
        self._changed = asyncio.Condition()
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    # -- lifecycle -------------------------------------------------------
    async def start(self, port: int = 0) -> FakeTelegram:
        self.port = await self._server.start("127.0.0.1", port)
        return self

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self._server.stop()

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- faults ----------------------------------------------------------
    def fail(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error."""
        self.faults.setdefault(method, []).append(Fault(status, retry_after, description, times))

    def slow(self, method: str, seconds: float) -> None:
        """Delay every call of ``method`` (0 removes the delay)."""
        self.delays[method] = seconds

    # -- what users do -----------------------------------------------------
    def add_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._ids), **payload}
        message = payload.get("message") or payload.get("edited_message")
        if message:
            key = (message["chat"]["id"], message["message_id"])
            self.update_for_message[key] = update["update_id"]
        self.pending.append(update)
        self.arrived.set()
        if self.webhook:
            self.spawn(self.deliver(update))
        self._notify()
        return update

    def user_message(
        self,
        *,
        chat_id: int,
        user_id: int | None = None,
        text: str | None = None,
        chat_type: str = "private",
        reply_to: dict[str, Any] | None = None,
        kind: str | None = None,
        edited_of: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A message (or an edit of ``edited_of``) from a user; returns the message dict."""
        uid = user_id if user_id is not None else chat_id
        message: dict[str, Any] = {
            "message_id": edited_of["message_id"] if edited_of else next(self._message_ids),
            "date": tg.now(),
            "chat": tg.chat(chat_id, chat_type),
            "from": tg.user(uid),
        }
        if text is not None:
            message["text"] = text
            if entities := tg.entities_for(text):
                message["entities"] = entities
        if kind is not None:
            message.update(tg.media(kind, message["message_id"]))
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if edited_of is not None:
            message["edit_date"] = tg.now()
            self.add_update({"edited_message": message})
        else:
            self.add_update({"message": message})
        return message

    def send_location(
        self, *, chat_id: int, latitude: float, longitude: float, chat_type: str = "private"
    ) -> dict[str, Any]:
        """A location shared by a user (the "Share my location" button)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": tg.now(),
            "chat": tg.chat(chat_id, chat_type),
            "from": tg.user(chat_id),
            "location": {"latitude": latitude, "longitude": longitude},
        }
        self.add_update({"message": message})
        return message

    def send_text(self, *, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        return self.user_message(chat_id=chat_id, text=text, **kwargs)

    def press(self, *, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A tap on an inline button of the bot's ``message`` (any ``data`` may be forged)."""
        query = {
            "id": f"cb{next(self._ids)}",
            "from": tg.user(user_id),
            "message": message,
            "chat_instance": f"ci{message['chat']['id']}",
            "data": data,
        }
        return self.add_update({"callback_query": query})

    def inline_query(self, *, user_id: int, query: str) -> dict[str, Any]:
        payload = {
            "id": f"iq{next(self._ids)}",
            "from": tg.user(user_id),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
        return self.add_update({"inline_query": payload})

    # -- what tests read ---------------------------------------------------
    def requests(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if method is None or c.method == method]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendMessage calls (to ``chat_id`` when given)."""
        return [
            c
            for c in self.requests("sendMessage")
            if c.status == 200 and (chat_id is None or c.params["chat_id"] == chat_id)
        ]

    def replies_to(self, chat_id: int, message_id: int) -> list[Call]:
        """Successful sendMessage calls quoting that user message."""
        return self.replies.get((chat_id, message_id), [])

    async def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[Call]:
        """Wait until ``count`` successful calls of ``method`` (matching ``where``) exist."""

        def matching() -> list[Call]:
            return [
                c for c in self.requests(method) if c.status == 200 and (where is None or where(c))
            ]

        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(matching()) >= count), timeout
                )
        found = matching()
        if len(found) < count:
            raise AssertionError(
                f"{method}: {len(found)} of {count} calls after {timeout}s; "
                f"seen: {[c.method for c in self.calls]}"
            )
        return found

    # -- HTTP --------------------------------------------------------------
    async def _handle(self, request: Request) -> Response:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith("/bot"):
            return _error(404, "Not Found")
        if not request.path.startswith(prefix):
            return _error(401, "Unauthorized")
        method = request.path[len(prefix) :].split("?", 1)[0]
        status, payload = await self.call(method, _decode(request))
        return Response.json(status, payload)

    async def call(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Serve one API call (HTTP or in memory): faults, delays, recording."""
        if delay := self.delays.get(method):
            await asyncio.sleep(delay)
        status, payload = await self._dispatch(method, params)
        call = Call(method, params, status, time.monotonic(), payload.get("result"))
        self.calls.append(call)
        target = _reply_target(params) if method == "sendMessage" and status == 200 else None
        if target is not None:
            self.replies.setdefault((params["chat_id"], target), []).append(call)
        self._notify()
        return status, payload

    def request(self) -> InMemoryRequest:
        """A PTB request object that calls this fake directly, without HTTP (handler tests)."""
        return InMemoryRequest(self)

    async def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        queue = self.faults.get(method)
        if queue:
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return _fault_payload(fault)
        handler = METHODS.get(method)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            result = await handler(self, params)
        except tg.BadRequest as exc:
            return 400, {"ok": False, "error_code": 400, "description": str(exc)}
        except tg.ConflictError as exc:
            return 409, {"ok": False, "error_code": 409, "description": str(exc)}
        return 200, {"ok": True, "result": result}

    def _notify(self) -> None:
        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        self.spawn(notify())

    def spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def deliver(self, update: dict[str, Any]) -> None:
        """Push one update to the webhook like Telegram does (retrying while it is down)."""
        hook = self.webhook
        assert hook is not None
        headers = {"Content-Type": "application/json"}
        if hook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
        async with httpx.AsyncClient(timeout=10) as client:
            for _ in range(50):
                try:
                    response = await client.post(hook["url"], json=update, headers=headers)
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
                    continue
                self.deliveries.append((update["update_id"], response.status_code))
                if response.status_code == 200:
                    self.handed_out[update["update_id"]] = time.monotonic()
                    self.pending = [u for u in self.pending if u is not update]
                return


class InMemoryRequest(BaseRequest):
    """Routes a ``Bot``'s calls straight into a :class:`FakeTelegram` (no sockets)."""

    def __init__(self, api: FakeTelegram) -> None:
        self.api = api

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        params = json.loads(json.dumps(request_data.parameters)) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for name, field in request_data.multipart_data.items():
                content = field[1]
                size = len(content) if isinstance(content, bytes) else 0
                params[name] = {"upload": field[0], "size": size}
        status, payload = await self.api.call(url.rsplit("/", 1)[-1], params)
        return status, json.dumps(payload).encode()


def _reply_target(params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        return int(reply["message_id"])
    value = params.get("reply_to_message_id")
    return int(value) if value is not None else None


def _decode(request: Request) -> dict[str, Any]:
    if not request.body:
        return {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        data: dict[str, Any] = json.loads(request.body)
        return data
    if content_type.startswith("multipart/form-data"):
        return _decode_multipart(content_type, request.body)
    return _decode_fields(parse_qsl(request.body.decode(), keep_blank_values=True))


def _decode_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """A file upload: fields as in a form, each file as ``{"upload": name, "size": bytes}``."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    parsed = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    fields: list[tuple[str, str]] = []
    files: dict[str, Any] = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if not isinstance(name, str):
            continue
        filename = part.get_filename()
        if filename is not None:
            files[name] = {"upload": filename, "size": len(payload)}
        else:
            fields.append((name, payload.decode()))
    return {**_decode_fields(fields), **files}


def _decode_fields(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in pairs:
        if key in STRING_FIELDS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _error(status: int, description: str) -> Response:
    return Response.json(status, {"ok": False, "error_code": status, "description": description})


def _fault_payload(fault: Fault) -> tuple[int, dict[str, Any]]:
    payload: dict[str, Any] = {"ok": False, "error_code": fault.status}
    if fault.status == 429:
        retry = fault.retry_after or 1
        payload["description"] = fault.description or f"Too Many Requests: retry after {retry}"
        payload["parameters"] = {"retry_after": retry}
    else:
        payload["description"] = fault.description or _DEFAULT_FAULTS.get(fault.status, "Error")
    return fault.status, payload


_DEFAULT_FAULTS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
