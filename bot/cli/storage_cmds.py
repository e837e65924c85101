"""Moderator data tools: ``firstaid export``, ``firstaid stats`` and ``firstaid db ...``.

Storage is imported inside the commands so ``firstaid --help`` stays quick.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table

from bot.cli.output import console
from bot.settings import ConfigError, get_settings, resolve_hash_secret

# Added to the ``firstaid`` app by bot/cli/app.py.
commands = typer.Typer()

if TYPE_CHECKING:
    from storage import Stats, Store

T = TypeVar("T")
PAIR_FIELDS = ("text", "topic", "source")

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class ExportWhat(StrEnum):
    queries = "queries"
    pairs = "pairs"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _with_store(action: Callable[[Store], Awaitable[T]]) -> T:
    """Open the configured store, run ``action`` on it, close it."""
    from storage import Store
    from storage.keycheck import KeyMismatch

    settings = get_settings()
    try:
        secret = resolve_hash_secret(settings)
    except ConfigError as exc:
        raise _fail(str(exc)) from exc
    settings.data_dir.mkdir(parents=True, exist_ok=True)

    async def run() -> T:
        async with await Store.open(settings.effective_database_url, hash_secret=secret) as store:
            return await action(store)

    try:
        return asyncio.run(run())
    except KeyMismatch as exc:
        raise _fail(str(exc)) from exc


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _fail(f"--since wants a date like 2025-01-31, not {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# A spreadsheet runs a cell starting with one of these as a formula (even after
# a tab or carriage return), so such cells get a leading apostrophe, which
# spreadsheets show as plain text. JSON lines stay exact: no spreadsheet reads them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """One CSV cell: lists as JSON, formula-like text neutralised, the rest as is."""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _render(rows: list[dict[str, Any]], fields: tuple[str, ...], fmt: ExportFormat) -> str:
    if fmt is ExportFormat.jsonl:
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # None stays an empty cell.
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


async def _pair_rows(store: Store, since: datetime | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"text": p.text, "topic": p.topic, "source": p.source}
        for p in await store.training_pairs(since=since)
    ]
    # Out-of-scope verdicts travel with the pairs: the trainer's negatives.
    rows.extend(
        {"text": text, "topic": None, "source": "oos"}
        for text in await store.oos_verdict_texts(since=since)
    )
    return rows


@commands.command()
def export(
    since: Annotated[str | None, typer.Option(help="Only queries from this date (UTC).")] = None,
    format: Annotated[ExportFormat, typer.Option(help="Output format.")] = ExportFormat.jsonl,
    what: Annotated[
        ExportWhat,
        typer.Option(help="queries: the log; pairs: training pairs and out-of-scope texts."),
    ] = ExportWhat.queries,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Export the query log or the training pairs (scrubbed text, no ids)."""
    from storage import EXPORT_FIELDS

    start = _parse_since(since)
    if what is ExportWhat.queries:
        rows = _with_store(lambda store: store.export_queries(since=start))
        text = _render(rows, EXPORT_FIELDS, format)
    else:
        rows = _with_store(lambda store: _pair_rows(store, start))
        text = _render(rows, PAIR_FIELDS, format)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(rows)} rows to {output}", err=True)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _stats_tables(stats: Stats) -> list[Table]:
    summary = Table("figure", "value", title=f"Last {stats.days} days (UTC)")
    summary.add_row("queries", str(stats.total))
    summary.add_row("emergencies", str(stats.emergencies))
    summary.add_row("rated", str(stats.feedback))
    summary.add_row("helpful rate", _pct(stats.helpful_rate))
    summary.add_row("out-of-scope rate", _pct(stats.oos_rate))
    summary.add_row("low-confidence share", _pct(stats.low_confidence_share))
    summary.add_row("unanswered share", _pct(stats.unanswered_share))
    summary.add_row("reviewed", str(stats.reviewed))
    per_day = Table("day", "queries", title="Queries per day")
    for day in stats.per_day:
        per_day.add_row(day.day.isoformat(), str(day.queries))
    topics = Table("topic", "queries", title="Top topics")
    for topic, count in stats.top_topics:
        topics.add_row(topic, str(count))
    return [summary, per_day, topics]


@commands.command()
def stats(
    days: Annotated[int, typer.Option(min=1, help="How many days back, today included.")] = 7,
) -> None:
    """Queries per day, top topics, helpful and out-of-scope rates, emergencies."""
    figures = _with_store(lambda store: store.stats(days))
    for table in _stats_tables(figures):
        console.print(table)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations (the bot also does this on start)."""
    from storage import migrate

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    revision = asyncio.run(migrate(settings.effective_database_url))
    console.print(f"database at revision {revision}")


@db_app.command("purge")
def db_purge(
    days: Annotated[
        int | None, typer.Option(min=1, help="Keep this many days (default RETENTION_DAYS).")
    ] = None,
) -> None:
    """Delete logged queries, ratings and reviews older than the retention period."""
    keep = days if days is not None else get_settings().retention_days
    deleted = _with_store(lambda store: store.purge(keep))
    console.print(f"deleted {deleted} rows older than {keep} days")


PG_DUMP_HINT = (
    "DATABASE_URL is not SQLite; back PostgreSQL up with pg_dump, e.g. "
    "pg_dump --format=custom --file=PATH 'postgresql://user:password@host/db' (see README)"
)


@db_app.command("backup")
def db_backup(
    path: Annotated[Path, typer.Argument(help="A new file to write the copy into.")],
) -> None:
    """Copy the SQLite database consistently while the bot runs (SQLite's backup API)."""
    from storage.backup import backup_sqlite, sqlite_file

    database = sqlite_file(get_settings().effective_database_url)
    if database is None:
        raise _fail(PG_DUMP_HINT)
    try:
        size = backup_sqlite(database, path)
    except (FileExistsError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        raise _fail(f"could not write {path}: {exc}") from exc
    console.print(f"backed up {database} to {path} ({size} bytes)")
