"""Group commit: concurrent query rows share transactions, callers keep their own outcome."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from storage_helpers import SECRET, FakeClock, QueryFactory

from storage import Store
from storage.batching import GroupCommit, GroupRead, Row
from storage.engine import create_sqlite_writer


@pytest.fixture
async def store(db_url: str, clock: FakeClock) -> AsyncIterator[Store]:
    """The store with ``batch_writes`` (the ``SPEEDUPS`` setting): group commit and reads."""
    opened = await Store.open(db_url, hash_secret=SECRET, clock=clock, batch_writes=True)
    yield opened
    await opened.close()


async def test_rows_logged_together_share_a_transaction_and_keep_their_ids(
    store: Store, log: QueryFactory
) -> None:
    first = asyncio.create_task(log(text="first message"))
    await asyncio.sleep(0)  # the writer takes it alone
    rest = [f"message number {i}" for i in range(40)]
    ids = await asyncio.gather(first, *(log(text=t, topic="nosebleed") for t in rest))
    assert len(set(ids)) == len(ids)
    for query_id, text in zip(ids, ["first message", *rest], strict=True):
        row = await store.get_query(query_id)
        assert row is not None and row.text == text  # each caller got its own row's id
    assert store._query_log.transactions < len(ids) / 4


async def test_sqlite_query_rows_go_through_the_writer_engine_in_one_transaction(
    store: Store, log: QueryFactory
) -> None:
    writer = store.sqlite_writer
    if writer is None:
        assert store.engine.dialect.name == "postgresql"  # asyncpg: no writer needed
        return
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.strip().upper())

    event.listen(writer, "before_cursor_execute", seen)
    before = store._query_log.transactions
    ids = await asyncio.gather(*(log(text=f"row {i}") for i in range(5)))
    transactions = store._query_log.transactions - before
    assert 1 <= transactions < 5  # shared
    # Every one on the writer engine, taking the write lock up front as the main one does.
    assert statements.count("BEGIN IMMEDIATE") == transactions
    assert sum(s.startswith("INSERT") for s in statements) >= transactions
    rows = [await store.get_query(i) for i in ids]  # read back through the async engine
    assert [r.text for r in rows if r is not None] == [f"row {i}" for i in range(5)]


def test_the_writer_engine_exists_only_for_sqlite_files_and_is_tuned_like_the_main_one(
    tmp_path: Path,
) -> None:
    assert create_sqlite_writer("sqlite+aiosqlite://") is None
    assert create_sqlite_writer("sqlite:///:memory:") is None
    assert create_sqlite_writer("postgresql://bot@localhost/firstaid") is None
    writer = create_sqlite_writer(f"sqlite:///{tmp_path / 'x.db'}")
    assert writer is not None and writer.dialect.driver == "pysqlite"
    with writer.connect() as conn:
        pragmas = [
            conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        ]
    writer.dispose()
    assert pragmas == ["wal", 1, 1, 15_000]


class Flaky:
    """Refuses any batch holding a row marked ``bad`` (ValueError) or, when ``transient``,
    every batch (ConnectionError); ids count up."""

    def __init__(self, *, transient: bool = False) -> None:
        self.transient = transient
        self.batches: list[int] = []
        self.next_id = 1

    async def __call__(self, rows: Sequence[Row]) -> list[int]:
        self.batches.append(len(rows))
        await asyncio.sleep(0.01)
        if self.transient:
            raise ConnectionError("database went away")
        if any(r.get("bad") for r in rows):
            raise ValueError("refused")
        ids = list(range(self.next_id, self.next_id + len(rows)))
        self.next_id += len(rows)
        return ids


async def test_a_bad_row_fails_only_its_own_caller() -> None:
    insert = Flaky()
    group = GroupCommit(insert, isolate=(ValueError,))
    first = asyncio.create_task(group.add({"n": 0}))
    await asyncio.sleep(0)
    rows: list[Row] = [{"n": 1}, {"n": 2, "bad": True}, {"n": 3}]
    results = await asyncio.gather(first, *(group.add(r) for r in rows), return_exceptions=True)
    assert isinstance(results[2], ValueError)
    assert all(isinstance(r, int) for i, r in enumerate(results) if i != 2)
    assert insert.batches == [1, 3, 1, 1, 1]  # the batch of 3 was retried row by row


async def test_a_failing_database_reaches_every_caller_at_once() -> None:
    insert = Flaky(transient=True)
    group = GroupCommit(insert, isolate=(ValueError,))
    first = asyncio.create_task(group.add({"n": 0}))
    await asyncio.sleep(0)
    rest = [group.add({"n": i}) for i in range(1, 5)]
    results = await asyncio.gather(first, *rest, return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    assert insert.batches == [1, 4]  # not split row by row: each would wait out the failure


async def test_a_caller_cancelled_before_its_turn_is_not_written() -> None:
    insert = Flaky()
    group = GroupCommit(insert)
    first = asyncio.create_task(group.add({"n": 0}))
    await asyncio.sleep(0)  # being written
    gone = asyncio.create_task(group.add({"n": 1}))
    kept = asyncio.create_task(group.add({"n": 2}))
    await asyncio.sleep(0)
    gone.cancel()
    assert await first == 1 and await kept == 2
    assert insert.batches == [1, 1]
    with pytest.raises(asyncio.CancelledError):
        await gone


async def test_close_lets_the_rows_being_written_finish() -> None:
    insert = Flaky()
    group = GroupCommit(insert)
    pending = [asyncio.create_task(group.add({"n": i})) for i in range(3)]
    await asyncio.sleep(0)
    await group.close(timeout=5)
    assert [await p for p in pending] == [1, 2, 3]


async def test_country_lookups_made_together_share_one_query_and_keep_their_answers(
    store: Store,
) -> None:
    await store.set_chat_country(chat_id=-100700, chat_type="group", country="DE")
    await store.set_chat_country(chat_id=-100701, chat_type="group", country=None)  # a row, unset
    first = asyncio.create_task(store.get_chat_country(-100700))
    await asyncio.sleep(0)  # the reader takes it alone
    chats = [-100700, -100701, 42, 43, -100700]
    reads = store._countries.reads
    found = await asyncio.gather(first, *(store.get_chat_country(c) for c in chats))
    assert found == ["DE", "DE", None, None, None, "DE"]
    assert store._countries.reads - reads == 2  # the first alone, then the rest at once


async def test_a_failed_read_reaches_every_caller_of_it_and_the_next_read_works() -> None:
    calls: list[list[int]] = []

    async def read_many(keys: Sequence[int]) -> dict[int, str]:
        calls.append(list(keys))
        await asyncio.sleep(0.01)
        if 13 in keys:
            raise ConnectionError("database went away")
        return {k: f"v{k}" for k in keys if k % 2 == 0}

    group: GroupRead[int, str | None] = GroupRead(read_many, missing=None)
    first = asyncio.create_task(group.get(2))
    await asyncio.sleep(0)
    results = await asyncio.gather(
        first, group.get(13), group.get(4), group.get(4), return_exceptions=True
    )
    assert results[0] == "v2"
    assert all(isinstance(r, ConnectionError) for r in results[1:])
    assert calls == [[2], [13, 4]]  # a key asked twice is read once
    assert await group.get(3) is None and await group.get(6) == "v6"
