"""Migrations build exactly the schema the models describe, and SQLite is tuned."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from storage_helpers import SECRET

from storage import Store, migrate
from storage.engine import create_engine, downgrade, normalize_url
from storage.models import Base


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_models_and_migrations_agree(db_url: str) -> None:
    assert await migrate(db_url) == "0003"
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_concurrent_upgrades_do_not_collide(db_url: str) -> None:
    # The bot starting while someone runs ``firstaid db upgrade``.
    assert await asyncio.gather(*(migrate(db_url) for _ in range(3))) == ["0003"] * 3


async def test_upgrade_is_idempotent_and_downgrade_reverts(db_url: str) -> None:
    store = await Store.open(db_url, hash_secret=SECRET)
    assert await store.revision() == "0003"
    await store.close()
    assert await migrate(db_url) == "0003"
    engine = create_engine(db_url)
    try:
        assert await downgrade(engine, "base") is None
        async with engine.connect() as conn:
            assert await conn.run_sync(_tables) <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_open_without_migrate_leaves_an_empty_database_alone(db_url: str) -> None:
    store = await Store.open(db_url, hash_secret=SECRET, migrate=False)
    try:
        assert await store.revision() is None
        async with store.engine.connect() as conn:
            assert await conn.run_sync(_tables) == set()
    finally:
        await store.close()


async def test_sqlite_runs_in_wal_with_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'sub' / 'x.db'}", hash_secret=SECRET)
    try:
        async with store.engine.connect() as conn:
            pragmas = [
                (await conn.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "busy_timeout", "foreign_keys")
            ]
        assert pragmas == ["wal", 15000, 1]
    finally:
        await store.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("sqlite:///data/x.db", "sqlite+aiosqlite:///data/x.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_urls_get_the_async_driver(url: str, expected: str) -> None:
    assert normalize_url(url) == expected
