"""Consistent copies of a SQLite database: ``firstaid db backup`` and before a migration.

A plain file copy of a database in WAL mode can miss committed transactions
(still in the ``-wal`` file) or catch a page mid-write. SQLite's online backup
API copies a consistent snapshot while the bot keeps running. The copy is
written beside its destination and renamed into place, so a crash never leaves
half a backup under the final name. PostgreSQL has ``pg_dump`` (see README).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

PAGES_PER_STEP = 1024  # copy in steps, so the bot's writers wait at most one step


def sqlite_file(url: str) -> Path | None:
    """The database file behind a SQLite URL; None for other backends or in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backup_sqlite(source: Path, dest: Path) -> int:
    """Copy the SQLite database ``source`` into the new file ``dest``; returns its size.

    Raises FileExistsError rather than overwrite ``dest``, FileNotFoundError when
    there is no database.
    """
    if not source.is_file():
        raise FileNotFoundError(f"no SQLite database at {source}")
    if dest.exists():
        raise FileExistsError(f"{dest} exists; choose a new file name")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out, pages=PAGES_PER_STEP)
            finally:
                out.close()
        finally:
            src.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest.stat().st_size


def pre_migration_path(database: Path, current: str, head: str) -> Path:
    """Where the automatic copy made before migrating ``current`` -> ``head`` goes."""
    return database.with_name(f"{database.name}.before-{current}-to-{head}.bak")
