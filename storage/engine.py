"""Engine set-up per backend, and the Alembic migrations that ship inside the package."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from storage.backup import backup_sqlite, pre_migration_path, sqlite_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
WAL_ATTEMPTS = 20
# Execution option read by the SQLite "begin" hook: write transactions take the
# write lock up front, so a read-then-write never fails on a stale snapshot.
IMMEDIATE = "firstaid_begin_immediate"


def normalize_url(url: str) -> str:
    """Pick the async driver when the URL names none (``postgresql://``, ``sqlite://``)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str) -> AsyncEngine:
    """An async engine tuned for its backend (SQLite: WAL, busy timeout, foreign keys)."""
    url = normalize_url(url)
    if not is_sqlite(url):
        # Dates in stats are UTC days on every backend.
        return create_async_engine(
            url,
            pool_pre_ping=True,
            connect_args={"server_settings": {"timezone": "UTC"}},
        )
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _tune_sqlite(engine.sync_engine)
    return engine


def create_sqlite_writer(url: str) -> Engine | None:
    """A synchronous engine on the same SQLite file, for writes done in one thread hop; or None.

    aiosqlite runs every DBAPI call (BEGIN, execute, fetch, COMMIT, ...) as a hop to
    its thread and back, and SQLAlchemy's async layer makes several per
    transaction; the same insert through ``pysqlite`` on one worker thread costs
    a fraction of the CPU (``docs/benchmarks.md``). Used with group commit
    (``SPEEDUPS``). None for PostgreSQL (asyncpg has no such hops) and
    for an in-memory database, which a second engine would not share.
    """
    url = normalize_url(url)
    database = make_url(url).database
    if not is_sqlite(url) or not database or database == ":memory:":
        return None
    sync_url = make_url(url).set(drivername="sqlite+pysqlite")
    engine = create_sync_engine(
        sync_url,
        # Used on the store's writer thread, closed from the event loop's.
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Hand transaction control to SQLAlchemy (see the "begin" hook) so that
        # DDL is transactional and BEGIN IMMEDIATE is possible.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _enable_wal(cursor: Any) -> None:
    # Switching a new file to WAL needs a moment of exclusive access and SQLite
    # answers "database is locked" at once, without the busy handler, while
    # another connection (e.g. a concurrent ``db upgrade``) is starting. WAL is
    # stored in the file, so retrying briefly until one connection wins is enough.
    for attempt in range(WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as exc:  # the driver's OperationalError, wrapped by the adapter
            if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def alembic_config() -> Config:
    """Alembic's configuration, built in code so the migrations travel with the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# Any constant both processes agree on: serialises migrations on PostgreSQL.
MIGRATION_LOCK_ID = 0x6669727374616964  # "firstaid"


def _upgrade(connection: Connection, revision: str) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _downgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def backup_before_migration(engine: AsyncEngine) -> Path | None:
    """Copy a SQLite database that is about to be migrated; returns the copy's path.

    Nothing for a new database, one already at the latest revision, or PostgreSQL
    (its operators back up with pg_dump). Two processes starting at once may both
    try: the second finds the copy made and leaves it.
    """
    database = sqlite_file(engine.url.render_as_string(hide_password=False))
    if database is None or not database.is_file():
        return None
    async with engine.connect() as conn:
        current = await conn.run_sync(_current)
    head = _head()
    if current is None or head is None or current == head:
        return None
    dest = pre_migration_path(database, current, head)
    with contextlib.suppress(FileExistsError):
        await asyncio.to_thread(backup_sqlite, database, dest)
    return dest


async def upgrade(engine: AsyncEngine, revision: str = "head") -> str | None:
    """Apply migrations up to ``revision``; returns the revision the database is at.

    A SQLite database with migrations to apply is first copied beside itself
    (:func:`backup_before_migration`).

    Alembic is synchronous; ``run_sync`` drives it over the async connection in
    one transaction, so a failed migration leaves the schema as it was. That
    transaction holds the write lock (SQLite) or an advisory lock (PostgreSQL),
    so the bot starting and ``firstaid db upgrade`` cannot migrate twice.
    """
    await backup_before_migration(engine)
    async with engine.execution_options(**{IMMEDIATE: True}).begin() as conn:
        await conn.run_sync(_upgrade, revision)
        return await conn.run_sync(_current)


async def downgrade(engine: AsyncEngine, revision: str) -> str | None:
    """Revert migrations down to ``revision`` (``"base"`` drops every table)."""
    async with engine.begin() as conn:
        await conn.run_sync(_downgrade, revision)
        return await conn.run_sync(_current)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


async def migrate(url: str) -> str | None:
    """Bring the database at ``url`` to the latest schema (``firstaid db upgrade``)."""
    engine = create_engine(url)
    try:
        return await upgrade(engine)
    finally:
        await engine.dispose()
