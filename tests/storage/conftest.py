"""Store fixtures over every backend: SQLite always, PostgreSQL when POSTGRES_TEST_URL is set.

PostgreSQL runs get a throwaway database for the session and a fresh schema per
test. No ``__init__.py`` here: a ``tests/storage`` package would shadow ``storage``.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from storage_helpers import SECRET, FakeClock, QueryFactory

from storage import QueryRecord, Store

PG_URL = os.environ.get("POSTGRES_TEST_URL")
NO_PG = "PostgreSQL storage tests skipped: POSTGRES_TEST_URL is not set (.ci/run sets it)"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[pytest.mark.postgres, pytest.mark.skipif(PG_URL is None, reason=NO_PG)],
    ),
]


def _plain(url: str, database: str | None = None) -> str:
    """The URL as asyncpg itself wants it (no ``+asyncpg``), optionally another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(_plain(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A database of our own for this run, so parallel runs cannot collide.

    A role without CREATEDB falls back to the configured database itself.
    """
    assert PG_URL is not None
    name = f"firstaid_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_admin(PG_URL, f'CREATE DATABASE "{name}"'))
    except asyncpg.InsufficientPrivilegeError:
        yield PG_URL
        return
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    asyncio.run(_admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'firstaid.db'}"
    url: str = request.getfixturevalue("pg_url")
    asyncio.run(_admin(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(db_url: str, clock: FakeClock) -> AsyncIterator[Store]:
    opened = await Store.open(db_url, hash_secret=SECRET, clock=clock)
    yield opened
    await opened.close()


@pytest.fixture
def log(store: Store) -> QueryFactory:
    """``await log(**overrides)`` logs a plausible answered query and returns its id."""

    async def make(**overrides: Any) -> int:
        values: dict[str, Any] = {
            "chat_id": 1001,
            "user_id": 2002,
            "chat_type": "private",
            "text": "my hand got burned by boiling water",
            "normalized": "my hand got burned by boiling water",
            "topic": "burn",
            "score": 0.82,
            "alternatives": ["chemical-burn", "sunburn"],
            "emergency": False,
            "oos": False,
            "model_version": "test-model",
            "latency_ms": 12.5,
        }
        values.update(overrides)
        return await store.log_query(QueryRecord(**values))

    return make
