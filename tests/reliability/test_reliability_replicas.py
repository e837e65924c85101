"""Two replicas in webhook mode behind one endpoint, sharing one PostgreSQL.

Two bot applications (each with its own services: store, caches, query log)
serve webhooks on their own ports; a small round-robin proxy is the one
endpoint the fake Bot API delivers to. Needs POSTGRES_TEST_URL (.ci/run sets it).
"""

from __future__ import annotations

import asyncio
import itertools
import socket
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

from bot import ui_text as w
from bot.bootstrap import Services
from bot.telegram.runner import webhook_options
from matcher import Matcher
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import ask_many, bot_settings, live_bot, replies_once

pytestmark = [pytest.mark.timeout(120), pytest.mark.postgres]
SECRET = "replica-shared-secret_0123456789"
MOD_A, MOD_B = 71, 72


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RoundRobin:
    """The one webhook endpoint: each delivery goes to the next replica in turn."""

    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self.turn = itertools.cycle(range(len(targets)))
        self.handled_by: dict[int, int] = {}  # update id -> replica index
        self.port = free_port()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        which = next(self.turn)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with self._session.post(
            self.targets[which] + request.path, data=body, headers=headers
        ) as response:
            self.handled_by[int((await request.json())["update_id"])] = which
            return web.Response(status=response.status, body=await response.read())

    async def __aenter__(self) -> RoundRobin:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._session is not None and self._runner is not None
        await self._session.close()
        await self._runner.cleanup()


@asynccontextmanager
async def replicas(
    tmp_path: Path, api: FakeTelegram, matcher: Matcher, database_url: str
) -> AsyncIterator[tuple[RoundRobin, list[Services]]]:
    ports = [free_port(), free_port()]
    async with (
        RoundRobin([f"http://127.0.0.1:{p}" for p in ports]) as proxy,
        AsyncExitStack() as stack,
    ):
        started = []
        for n, port in enumerate(ports):
            settings = bot_settings(
                tmp_path / f"replica{n}",
                api,
                database_url=database_url,
                run_mode="webhook",
                webhook_url=f"http://127.0.0.1:{proxy.port}/hook",
                webhook_listen="127.0.0.1",
                webhook_port=port,
                webhook_secret=SECRET,  # shared: each start registers it again
                moderator_ids=frozenset({MOD_A, MOD_B}),
            )
            _, services = await stack.enter_async_context(
                live_bot(settings, matcher, webhook=webhook_options(settings))
            )
            started.append(services)
        yield proxy, started


async def say(api: FakeTelegram, chat_id: int, text_: str) -> str:
    before = len(api.sent(chat_id))
    api.send_text(chat_id=chat_id, text=text_)
    await api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == chat_id, count=1)
    for _ in range(200):
        if len(api.sent(chat_id)) > before:
            return str(api.sent(chat_id)[before].params["text"])
        await asyncio.sleep(0.02)
    raise AssertionError(f"no reply to {text_!r}")


async def test_two_replicas_answer_each_update_once_and_share_state(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, pg_database: str
) -> None:
    async with replicas(tmp_path, api, fake_matcher, pg_database) as (proxy, services):
        # Every update answered exactly once, whichever replica took it.
        asked = ask_many(api, fake_matcher, 20, first_chat=3100)
        await replies_once(api, asked)
        assert set(proxy.handled_by.values()) == {0, 1}
        assert len(await services[0].store.export_queries()) == 20

        # A /country change through one replica is used by the other within 1 s.
        chat = 3300
        await say(api, chat, "/emergency")
        await say(api, chat, "/emergency")  # both replicas have now cached "no country"
        await say(api, chat, "/country gb")
        changed_on = proxy.handled_by[max(proxy.handled_by)]
        await asyncio.sleep(1.0)
        after = await say(api, chat, "/emergency")
        assert proxy.handled_by[max(proxy.handled_by)] != changed_on  # the other replica
        assert "999" in after

        # A review item is never given to two moderators, whichever replica each asks.
        for moderator in (MOD_A, MOD_B):
            reply = await say(api, moderator, "/review")
            assert reply != w.REVIEW_EMPTY
        async with services[0].store.engine.connect() as conn:
            leases = (
                await conn.execute(
                    text("SELECT id, lease_owner FROM queries WHERE lease_owner IS NOT NULL")
                )
            ).all()
        assert len(leases) == 2 and len({owner for _, owner in leases}) == 2
        assert len({qid for qid, _ in leases}) == 2
