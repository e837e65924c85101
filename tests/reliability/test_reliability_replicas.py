"""Two replicas in webhook mode behind one endpoint, sharing one PostgreSQL.

Two bot processes (``firstaid run``'s own path, the hashing encoder instead of
the model) serve webhooks on their own ports; a small round-robin proxy is the
one endpoint the fake Bot API delivers to. Needs POSTGRES_TEST_URL (.ci/run sets it).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

from bot import ui_text as w
from matcher import Matcher
from storage.engine import create_engine
from tests.bot.conftest import HASH_SECRET
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.reliability.conftest import ask_many, replies_once

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


ROOT = Path(__file__).resolve().parents[2]


async def _listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    return True


@asynccontextmanager
async def replicas(
    tmp_path: Path, api: FakeTelegram, database_url: str
) -> AsyncIterator[RoundRobin]:
    """Two bot processes (``firstaid run``'s path) behind the round-robin proxy."""
    ports = [free_port(), free_port()]
    async with RoundRobin([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
        processes = []
        for n, port in enumerate(ports):
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith(("ADMIT_", "MODEL"))},
                "PYTHONPATH": str(ROOT),
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.url,
                "DATA_DIR": str(tmp_path / f"replica{n}"),
                "MODELS_DIR": str(tmp_path / f"models{n}"),
                "HASH_SECRET": HASH_SECRET,
                "DATABASE_URL": database_url,
                "RUN_MODE": "webhook",
                "WEBHOOK_URL": f"http://127.0.0.1:{proxy.port}/hook",
                "WEBHOOK_LISTEN": "127.0.0.1",
                "WEBHOOK_PORT": str(port),
                "WEBHOOK_SECRET": SECRET,  # shared: each start registers it again
                "MODERATOR_IDS": f"{MOD_A},{MOD_B}",
                "SPEEDUPS": "false",
                "DEFAULT_COUNTRY": "",
            }
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "tests.reliability.replica_main", cwd=ROOT, env=env
                )
            )
        try:
            deadline = time.monotonic() + 60
            while (
                not all([await _listening(p) for p in ports]) or len(api.requests("setWebhook")) < 2
            ):
                assert time.monotonic() < deadline, "the replicas did not start"
                assert all(p.returncode is None for p in processes), "a replica exited"
                await asyncio.sleep(0.2)
            yield proxy
        finally:
            for process in processes:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(p.wait(), 30) for p in processes]
        assert codes == [0, 0]  # each stopped cleanly on SIGTERM


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
    async with replicas(tmp_path, api, pg_database) as proxy:
        # Every update answered exactly once, whichever replica took it.
        asked = ask_many(api, fake_matcher, 20, first_chat=3100)
        await replies_once(api, asked)
        assert set(proxy.handled_by.values()) == {0, 1}

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
        engine = create_engine(pg_database)
        try:
            async with engine.connect() as conn:
                rows = await conn.execute(
                    text("SELECT id, lease_owner FROM queries WHERE lease_owner IS NOT NULL")
                )
                leases = rows.all()
                logged = await conn.scalar(text("SELECT count(*) FROM queries"))
        finally:
            await engine.dispose()
        assert len(leases) == 2 and len({owner for _, owner in leases}) == 2
        assert len({qid for qid, _ in leases}) == 2
        assert logged == 20  # each question logged once, by the replica that answered it
