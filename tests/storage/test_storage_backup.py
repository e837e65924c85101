"""``firstaid db backup`` and the automatic copy before a migration (SQLite)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from storage_helpers import SECRET
from typer.testing import CliRunner

from bot.cli.app import app
from storage import QueryRecord, Store
from storage.backup import pre_migration_path
from storage.engine import create_engine, current_revision, upgrade

HASH_SECRET = SECRET.decode()


def record(text: str) -> QueryRecord:
    return QueryRecord(
        chat_id=1, user_id=1, chat_type="private", text=text, normalized=text, topic="burn",
        score=0.8, alternatives=[], emergency=False, oos=False, model_version="m1",
        latency_ms=1.0,
    )  # fmt: skip


def texts_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM queries ORDER BY id")]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / "data").mkdir()
    return tmp_path / "data"


def test_a_backup_taken_while_the_bot_writes_holds_every_committed_row(
    data: Path, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{data / 'firstaid.db'}"
    dest = tmp_path / "backups" / "copy.db"

    async def scenario() -> None:
        async with await Store.open(url, hash_secret=SECRET) as store:
            for i in range(50):
                await store.log_query(record(f"burn {i}"))
            # Still open: the rows sit in the WAL file, where a plain copy misses them.
            assert (data / "firstaid.db-wal").stat().st_size > 0
            result = await asyncio.to_thread(CliRunner().invoke, app, ["db", "backup", str(dest)])
            assert result.exit_code == 0, result.output
            await store.log_query(record("after the backup"))

    asyncio.run(scenario())
    assert texts_in(dest) == [f"burn {i}" for i in range(50)]


def test_an_existing_file_is_never_overwritten(data: Path, tmp_path: Path) -> None:
    asyncio.run(_open_and_close(f"sqlite+aiosqlite:///{data / 'firstaid.db'}"))
    dest = tmp_path / "keep.db"
    dest.write_bytes(b"an older backup")
    result = CliRunner().invoke(app, ["db", "backup", str(dest)])
    assert result.exit_code == 2 and "exists" in result.output
    assert dest.read_bytes() == b"an older backup"


def test_postgresql_gets_the_pg_dump_line(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pw@127.0.0.1:1/firstaid")
    result = CliRunner().invoke(app, ["db", "backup", "x.dump"])
    assert result.exit_code == 2 and "pg_dump" in result.output
    assert not Path("x.dump").exists()


async def _open_and_close(url: str) -> None:
    async with await Store.open(url, hash_secret=SECRET):
        pass


async def test_a_migration_is_preceded_by_a_copy_of_the_old_database(tmp_path: Path) -> None:
    database = tmp_path / "firstaid.db"
    url = f"sqlite+aiosqlite:///{database}"
    engine = create_engine(url)
    try:
        assert await upgrade(engine, "0001") == "0001"
        async with engine.begin() as conn:
            await conn.exec_driver_sql(
                "INSERT INTO chats (chat_hash, chat_type, country, settings, updated_at) "
                "VALUES ('h', 'private', 'GB', '{}', '2026-01-01 00:00:00')"
            )
    finally:
        await engine.dispose()
    async with await Store.open(url, hash_secret=SECRET) as store:  # migrates to the head
        assert await current_revision(store.engine) != "0001"
    copy = pre_migration_path(database, "0001", "0003")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT country FROM chats").fetchall() == [("GB",)]
    async with await Store.open(url, hash_secret=SECRET):  # at the head: no new copy
        pass
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [copy.name]
