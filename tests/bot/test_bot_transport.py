"""The bot's aiohttp transport against a loopback server: bodies, errors, timeouts, proxies."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.limiter import not_delivered
from bot.telegram.transport import AiohttpRequest
from tests.fakes.http_server import HttpServer, Request, Response

TOKEN = "123456:transport-test-token-abcdefghijkl"


def data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[Request]]]:
    seen: list[Request] = []

    async def handle(request: Request) -> Response:
        seen.append(request)
        if request.path.endswith("/slow"):
            await asyncio.sleep(2)
        return Response.json(200, {"ok": True, "result": True})

    http = HttpServer(handle)
    port = await http.start()
    yield f"http://127.0.0.1:{port}", seen
    await http.stop()


@pytest.fixture
async def transport() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(connections=2, read_timeout=0.5)
    await request.initialize()
    yield request
    await request.shutdown()


async def test_parameters_go_as_json_with_their_own_types(
    server: tuple[str, list[Request]], transport: AiohttpRequest
) -> None:
    base, seen = server
    markup = {"inline_keyboard": [[{"text": "👍", "callback_data": "fb:1:up"}]]}
    status, body = await transport.do_request(
        f"{base}/bot{TOKEN}/sendMessage",
        "POST",
        data(chat_id=42, text="Cool the burn — 20 minutes", reply_markup=markup),
    )
    assert status == 200 and json.loads(body) == {"ok": True, "result": True}
    (request,) = seen
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.body) == {
        "chat_id": 42,
        "text": "Cool the burn — 20 minutes",
        "reply_markup": markup,
    }
    assert request.headers["user-agent"] == AiohttpRequest.USER_AGENT


async def test_files_go_as_multipart_form_data(
    server: tuple[str, list[Request]], transport: AiohttpRequest
) -> None:
    base, seen = server
    upload = InputFile(b"first aid report", filename="report.txt")
    await transport.do_request(
        f"{base}/bot{TOKEN}/sendDocument", "POST", data(chat_id=7, document=upload)
    )
    (request,) = seen
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'filename="report.txt"' in request.body and b"first aid report" in request.body
    assert b'name="chat_id"' in request.body


async def test_a_refused_connection_is_a_network_error_known_not_delivered() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    request = AiohttpRequest(connections=1)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.do_request(f"http://127.0.0.1:{port}/bot{TOKEN}/sendMessage", "POST")
    finally:
        await request.shutdown()
    assert not_delivered(caught.value)  # safe to send again
    assert TOKEN not in str(caught.value)


async def test_a_slow_answer_times_out_and_may_have_been_delivered(
    server: tuple[str, list[Request]], transport: AiohttpRequest
) -> None:
    base, _ = server
    with pytest.raises(TimedOut) as caught:
        await transport.do_request(f"{base}/bot{TOKEN}/slow", "POST", data(chat_id=1))
    assert not not_delivered(caught.value)  # the request went out: ambiguous
    assert TOKEN not in str(caught.value)


async def test_requests_before_initialize_are_refused() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest(connections=1).do_request("http://127.0.0.1:9/x", "POST")


def test_proxies_come_from_the_environment_once_per_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("https_proxy", "http://proxy.example:3128")
    monkeypatch.setenv("no_proxy", "internal.example")
    request = AiohttpRequest(connections=1)
    assert request._proxy(f"https://api.telegram.org/bot{TOKEN}/getMe") == (
        "http://proxy.example:3128"
    )
    assert request._proxy("https://internal.example/bot1/getMe") is None
    monkeypatch.delenv("https_proxy")
    # looked up once per server, not on every request
    assert request._proxy("https://api.telegram.org/bot1/sendMessage") == (
        "http://proxy.example:3128"
    )
