"""Storage faults: the user always gets the answer; log writes are retried, flushed, counted.

Real SQLite faults where SQLite can make them: another connection holding the
write lock past the busy timeout, and a connection that may not write
(``PRAGMA query_only``: the same SQLITE_READONLY a read-only file gives; the
suite runs as root here, which a ``chmod`` cannot stop). A full disk is a
store raising the OperationalError SQLite raises then. PostgreSQL restarting
is every server connection killed mid-run (needs POSTGRES_TEST_URL).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot import ui_text as w
from matcher import Matcher
from storage.records import QueryRecord
from storage.store import Store
from tests.bot.conftest import HASH_SECRET
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import (
    PG_URL,
    ask_many,
    bot_settings,
    live_bot,
    plain_pg_url,
    replies,
    replies_once,
)

pytestmark = pytest.mark.timeout(90)


async def eventually(check: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition never became true"
        await asyncio.sleep(0.1)


class Locker:
    """Another process's write transaction on the bot's SQLite file."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)

    def __enter__(self) -> Locker:
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


async def test_database_locked_past_the_busy_timeout_answers_then_writes_later(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.engine.SQLITE_BUSY_TIMEOUT_MS", 300)
    settings = bot_settings(tmp_path, api)
    async with live_bot(settings, fake_matcher) as (_, services):
        with Locker(settings.data_dir / "firstaid.db"):
            started = time.monotonic()
            asked = ask_many(api, fake_matcher, 3, first_chat=2100)
            await replies_once(api, asked, timeout=10)
            assert time.monotonic() - started < 5  # the lock never held a reply back
            # No query id, so no feedback buttons (the answer's own buttons stay).
            assert not [
                b
                for m in asked
                for row in (replies(api, m)[0].params.get("reply_markup") or {}).get(
                    "inline_keyboard", []
                )
                for b in row
                if b["callback_data"].startswith("fb:")
            ]
            assert services.querylog.counts.pending == 3
            api.send_text(chat_id=2100, text="/about")
            (about,) = await api.wait_for(
                "sendMessage", lambda c: "firstaid-bot" in c.params["text"]
            )
            assert w.ABOUT_LOG.format(pending=3, unwritten=0) in about.params["text"]
        store = services.store

        async def all_written() -> bool:
            return len(await store.export_queries()) == 3

        await eventually(all_written)
        counts = services.querylog.counts
        assert (counts.retried, counts.pending, counts.unwritten) == (3, 0, 0)


async def test_a_lock_shorter_than_the_busy_timeout_delays_neither_reply_nor_row_count(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    """Default 15 s busy timeout: the reply goes out after 1 s; the write still lands, once."""
    settings = bot_settings(tmp_path, api)
    async with live_bot(settings, fake_matcher) as (_, services):
        with Locker(settings.data_dir / "firstaid.db"):
            (asked,) = ask_many(api, fake_matcher, 1, first_chat=2200)
            await replies_once(api, [asked], timeout=5)
            await asyncio.sleep(1.0)
        await eventually(lambda: _count(services.store, 1))
        await asyncio.sleep(1.0)  # room for a second row to appear
        assert len(await services.store.export_queries()) == 1
        assert services.querylog.counts.retried == 0  # the first write waited and succeeded


async def test_many_writes_stuck_on_a_lock_never_starve_the_reads_a_reply_needs(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    """30 writes waiting on the lock must not take every pooled connection: new chats
    (whose country is read first) are still answered at once."""
    settings = bot_settings(tmp_path, api)
    async with live_bot(settings, fake_matcher) as (_, services):
        with Locker(settings.data_dir / "firstaid.db"):
            crowd = ask_many(api, fake_matcher, 30, first_chat=2600)
            await replies_once(api, crowd, timeout=10)
            asked_at = time.monotonic()
            newcomers = ask_many(api, fake_matcher, 5, first_chat=2700)
            await replies_once(api, newcomers, timeout=10)
            assert time.monotonic() - asked_at < 4  # not the pool's 30 s timeout
        await eventually(lambda: _count(services.store, 35), timeout=30)
        assert services.querylog.counts.unwritten == 0


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.cursor().execute("PRAGMA query_only = ON")


async def _reconnect(store: Store) -> None:
    await store.engine.dispose()
    if store.sqlite_writer is not None:
        store.sqlite_writer.dispose()


@pytest.mark.parametrize("speedups", [False, True])
async def test_read_only_database_answers_and_the_queue_writes_once_writable(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, speedups: bool
) -> None:
    settings = bot_settings(tmp_path, api, speedups=speedups)
    async with live_bot(settings, fake_matcher) as (_, services):
        store = services.store
        engines = [store.engine.sync_engine]
        if speedups:  # group commit writes SQLite rows through its own engine: hooked too
            assert store.sqlite_writer is not None
            engines.append(store.sqlite_writer)
        for engine in engines:
            event.listen(engine, "connect", _query_only)
        await _reconnect(store)  # every new connection is read-only
        asked = ask_many(api, fake_matcher, 3, first_chat=2300)
        await replies_once(api, asked)
        assert services.querylog.counts.pending == 3
        for engine in engines:
            event.remove(engine, "connect", _query_only)
        await _reconnect(store)

        async def all_written() -> bool:
            return len(await services.store.export_queries()) == 3

        await eventually(all_written)
        assert services.querylog.counts.unwritten == 0


class FullDisk:
    """The real store, except that writes fail as on a full disk while ``full`` is set."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.full = True

    async def log_query(self, record: QueryRecord) -> int:
        if self.full:
            raise OperationalError(
                "INSERT", {}, sqlite3.OperationalError("database or disk is full")
            )
        return await self.store.log_query(record)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def test_full_disk_is_counted_when_still_full_at_shutdown(
    api: FakeTelegram,
    tmp_path: Path,
    fake_matcher: Matcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = bot_settings(tmp_path, api)
    real = await Store.open(settings.effective_database_url, hash_secret=HASH_SECRET.encode())
    disk = FullDisk(real)
    try:
        async with live_bot(settings, fake_matcher, store=disk) as (_, services):
            first = ask_many(api, fake_matcher, 2, first_chat=2400)
            await replies_once(api, first)
            disk.full = False  # space freed: the queue drains
            await eventually(lambda: _count(real, 2))
            disk.full = True
            later = ask_many(api, fake_matcher, 3, first_chat=2410)
            await replies_once(api, later)
        # Shutdown flushed once more, found the disk still full, and said so.
        counts = services.querylog.counts
        assert (counts.written, counts.retried, counts.unwritten) == (2, 2, 3)
        assert "storage still failing at shutdown: 3 queries not logged" in caplog.text
        assert len(await real.export_queries()) == 2
    finally:
        await real.close()


async def _count(store: Store, n: int) -> bool:
    return len(await store.export_queries()) == n


async def _server_down(url: str, *, down: bool) -> int:
    """A restart as clients see it: connections killed, new ones refused until it is back.

    The test database is closed to connections (``ALLOW_CONNECTIONS false``)
    rather than the whole server stopped, so other tests on the server carry on.
    """
    name = make_url(url).database
    conn = await asyncpg.connect(plain_pg_url(PG_URL or url))  # the admin database, not this one
    try:
        await conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(not down).lower()}')
        if not down:
            return 0
        killed = await conn.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
        )
    finally:
        await conn.close()
    return len(killed)


@pytest.mark.postgres
async def test_postgres_restart_mid_run_loses_no_answer_and_no_row(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, pg_database: str
) -> None:
    settings = bot_settings(tmp_path, api, database_url=pg_database)
    async with live_bot(settings, fake_matcher) as (_, services):
        before = ask_many(api, fake_matcher, 3, first_chat=2500)
        await replies_once(api, before)
        assert await _server_down(pg_database, down=True) >= 1
        try:
            during = ask_many(api, fake_matcher, 3, first_chat=2510)
            await replies_once(api, during)
            assert services.querylog.counts.pending == 3
        finally:
            await _server_down(pg_database, down=False)
        after = ask_many(api, fake_matcher, 2, first_chat=2520)
        await replies_once(api, after)
        await eventually(lambda: _count(services.store, 8))
        counts = services.querylog.counts
        assert (counts.retried, counts.unwritten) == (3, 0)
