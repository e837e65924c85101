"""Graceful shutdown: SIGTERM/SIGINT finish what is in flight, and the query log is flushed.

The signal goes through the production path (``firstaid run`` -> PTB's
``run_polling`` and its signal handlers) in this process, like the bot tests'
SIGINT test; the soak benchmark also ends each run with a SIGTERM to a real
bot process and checks its exit status.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DataError, OperationalError
from typer.testing import CliRunner

from bot import health
from bot.cli.app import app
from bot.query_log import QueryLog
from matcher import Matcher
from storage.records import QueryRecord
from storage.store import Store
from tests.bot.conftest import HASH_SECRET, example_of
from tests.fakes.telegram_api import TOKEN
from tests.fakes.threaded import ThreadedFake
from tests.reliability.proxy import Proxy


@pytest.mark.timeout(60)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_answers_and_logs_the_updates_in_flight(
    signum: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE", "MODEL"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    text = example_of(fake_matcher, "sunburn")
    with ThreadedFake() as fake:
        monkeypatch.setenv("TELEGRAM_API_URL", fake.api.url)
        fake.call(fake.api.slow, "sendMessage", 1.5)  # each reply is in flight for 1.5 s
        asked = [fake.call(fake.api.send_text, chat_id=3100 + i, text=text) for i in range(3)]
        signalled: dict[str, float] = {}

        def stop_while_in_flight() -> None:
            try:
                deadline = time.monotonic() + 30
                while len(fake.api.handed_out) < 3 and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(0.3)  # the handlers are now waiting on their replies
                signalled["at"] = time.monotonic()
            finally:
                os.kill(os.getpid(), signum)

        stopper = threading.Thread(target=stop_while_in_flight)
        stopper.start()
        result = CliRunner().invoke(app, ["run"])
        stopper.join()
        replies = [fake.api.replies_to(3100 + i, m["message_id"]) for i, m in enumerate(asked)]
        pending = list(fake.api.pending)
    assert result.exit_code == 0, result.output
    assert [len(r) for r in replies] == [1, 1, 1]
    assert all(r[0].at > signalled["at"] for r in replies)  # they were still in flight
    assert pending == []  # confirmed to Telegram: a restart will not answer them again
    assert not health.heartbeat_path(data).exists()

    async def logged() -> int:
        store = await Store.open(
            f"sqlite+aiosqlite:///{data / 'firstaid.db'}", hash_secret=HASH_SECRET.encode()
        )
        try:
            return len(await store.export_queries())
        finally:
            await store.close()

    assert asyncio.run(logged()) == 3


@pytest.mark.timeout(60)
def test_a_stop_signal_while_telegram_is_unreachable_still_exits_promptly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher
) -> None:
    """Replies retry for up to a minute, but not once the bot is stopping: exit stays bounded."""
    monkeypatch.chdir(tmp_path)
    for name in ("DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE", "MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    monkeypatch.setattr("bot.telegram.limiter.SHUTDOWN_GRACE_S", 1.0)
    with ThreadedFake() as fake:
        proxy = fake.run(Proxy(fake.api.port).start())
        monkeypatch.setenv("TELEGRAM_API_URL", proxy.url)
        fake.call(fake.api.slow, "sendMessage", 1.0)
        fake.call(fake.api.send_text, chat_id=3200, text=example_of(fake_matcher, "burn"))
        took: dict[str, float] = {}

        def cut_the_line_then_stop() -> None:
            try:
                deadline = time.monotonic() + 30
                while not fake.api.handed_out and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(0.3)
                fake.run(proxy.down())  # Telegram unreachable from now on
                time.sleep(1.0)  # the reply is retrying
            finally:
                took["signal"] = time.monotonic()
                os.kill(os.getpid(), signal.SIGTERM)

        stopper = threading.Thread(target=cut_the_line_then_stop)
        stopper.start()
        result = CliRunner().invoke(app, ["run"])
        took["exit"] = time.monotonic()
        stopper.join()
    assert result.exit_code == 0, result.output
    # Retries in flight may sleep out their back-off (up to 8 s), then 1 s of grace each
    # for the reply and the error notice; far from the 60 s window (or two of them).
    assert took["exit"] - took["signal"] < 15


@pytest.mark.timeout(60)
def test_polling_faults_in_production_are_one_warning_line_each(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_matcher: Matcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """``run_polling`` routes polling errors to the error handler: a line, not a traceback."""
    monkeypatch.chdir(tmp_path)
    for name in ("DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE", "MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    with ThreadedFake() as fake:
        monkeypatch.setenv("TELEGRAM_API_URL", fake.api.url)
        fake.call(fake.api.fail, "getUpdates", 502)
        fake.call(fake.api.fail, "getUpdates", 409)
        fake.call(fake.api.send_text, chat_id=3300, text=example_of(fake_matcher, "burn"))

        def stop_when_answered() -> None:
            try:
                fake.run(fake.api.wait_for("sendMessage", timeout=30))
            finally:
                os.kill(os.getpid(), signal.SIGINT)

        stopper = threading.Thread(target=stop_when_answered)
        stopper.start()
        with caplog.at_level(logging.WARNING):
            result = CliRunner().invoke(app, ["run"])
        stopper.join()
    assert result.exit_code == 0, result.output
    assert "polling failed (NetworkError: Bad Gateway); retrying" in caplog.text
    assert "polling failed (Conflict: Conflict: terminated by other getUpdates" in caplog.text
    assert "Traceback" not in caplog.text and "error while handling update" not in caplog.text


class FlakyStore:
    """``log_query`` fails while ``down`` (as SQLite does when locked), then stores rows."""

    def __init__(self) -> None:
        self.down = True
        self.rows: list[QueryRecord] = []
        self.refuse: set[str] = set()

    async def log_query(self, record: QueryRecord) -> int:
        if record.text in self.refuse:
            raise DataError("INSERT", {}, ValueError("invalid byte sequence"))
        if self.down:
            raise OperationalError("INSERT", {}, RuntimeError("database is locked"))
        self.rows.append(record)
        return len(self.rows)


def values(n: int) -> QueryRecord:
    text = f"question {n}"
    return QueryRecord(n, n, "private", text, text, None, 0.0, (), False, True, "v", 1.0)


def slow_retries(store: FlakyStore, **kwargs: Any) -> QueryLog:
    """Retries far apart, so only :meth:`QueryLog.flush` can write the queue."""
    return QueryLog(store, retry_first_s=60, reply_wait_s=0.5, **kwargs)  # type: ignore[arg-type]


async def test_flush_on_shutdown_writes_what_waited_exactly_once() -> None:
    store = FlakyStore()
    querylog = slow_retries(store)
    assert [await querylog.write(values(n)) for n in range(4)] == [None] * 4
    assert querylog.counts.pending == 4
    store.down = False
    counts = await querylog.flush()
    assert [row.chat_id for row in store.rows] == [0, 1, 2, 3]
    assert (counts.written, counts.retried, counts.pending, counts.unwritten) == (4, 4, 0, 0)


async def test_what_cannot_be_written_is_counted_and_logged_never_dropped_silently(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = FlakyStore()
    store.refuse = {"question 9"}  # a row the database will never take
    querylog = slow_retries(store, max_pending=2)
    with caplog.at_level(logging.ERROR, logger="bot.query_log"):
        for n in (1, 2, 3, 9):
            await querylog.write(values(n))
        assert querylog.counts.unwritten == 2  # queue full (3) and refused (9)
        counts = await querylog.flush(timeout=1.0)  # storage still down at shutdown
    assert (counts.written, counts.pending, counts.unwritten) == (0, 0, 4)
    assert "the log retry queue is full (2)" in caplog.text
    assert "a log write was refused (DataError" in caplog.text
    assert "storage still failing at shutdown: 2 queries not logged" in caplog.text
    assert store.rows == []


async def test_a_write_slower_than_the_reply_wait_still_lands_once() -> None:
    class SlowStore(FlakyStore):
        async def log_query(self, record: QueryRecord) -> int:
            await asyncio.sleep(0.3)
            return await super().log_query(record)

    store = SlowStore()
    store.down = False
    querylog = QueryLog(store, reply_wait_s=0.05)  # type: ignore[arg-type]
    assert await querylog.write(values(1)) is None  # the reply did not wait for it
    counts = await querylog.flush()
    assert len(store.rows) == 1 and (counts.written, counts.unwritten) == (1, 0)
