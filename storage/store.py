"""``Store``: the one object the bot and the CLI use to reach the database."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

import storage.queries as queries
import storage.reports as reports
from storage.batching import GroupCommit, GroupRead
from storage.chat_settings import ChatSettings
from storage.console_reads import ConsoleReads
from storage.deletion import Deletion
from storage.engine import (
    IMMEDIATE,
    create_engine,
    create_sqlite_writer,
    current_revision,
    upgrade,
)
from storage.keycheck import check_key
from storage.models import utc_now
from storage.privacy import IdHasher, scrub_is_quick, scrub_pii
from storage.records import FeedbackRow, QueryRecord, QueryRow, Stats, TrainingPair
from storage.review_queue import ReviewQueue

Clock = Callable[[], datetime]
CLOSE_TIMEOUT_S = 10.0  # for query rows still being written when the store closes
# Errors that belong to a row itself (retrying cannot fix them): a batch failing so is split
# to find the row, and the bot's query log gives up on it. One definition for both.
ROW_ERRORS: tuple[type[Exception], ...] = (DataError, IntegrityError, ValueError, TypeError)


def _scrub_both(text: str, normalized: str) -> tuple[str, str]:
    return scrub_pii(text), scrub_pii(normalized)


class Store(ReviewQueue, ConsoleReads, Deletion, ChatSettings):
    """Hashes raw Telegram ids and scrubs text on the way in; hands out plain records.

    Build it with ``await Store.open(url, hash_secret=...)`` and ``await close()``
    it (or use ``async with``). Every method is async and keyword-only. The
    review-queue methods come from :class:`storage.review_queue.ReviewQueue`.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        hasher: IdHasher,
        clock: Clock = utc_now,
        *,
        batch_writes: bool = False,
        sqlite_writer: Engine | None = None,
    ) -> None:
        """``batch_writes``: rows and country reads made at the same time share one
        transaction (:mod:`storage.batching`); ``sqlite_writer`` (with it): see
        :func:`storage.engine.create_sqlite_writer`."""
        self._engine = engine
        self._hasher = hasher
        self._clock = clock
        self._reads = async_sessionmaker(engine, expire_on_commit=False)
        self._writes = async_sessionmaker(
            engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False
        )
        self._query_log = (
            GroupCommit(self._insert_queries, isolate=ROW_ERRORS) if batch_writes else None
        )
        # Many new chats at once (a start with a backlog): their countries in one query.
        self._countries = GroupRead(self._read_countries, missing=None) if batch_writes else None
        self._sqlite_writer = sqlite_writer
        self._sqlite_writes = (
            sqlite_writer.execution_options(**{IMMEDIATE: True}) if sqlite_writer else None
        )
        self._writer_thread = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-log")
            if sqlite_writer is not None
            else None
        )

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        hash_secret: bytes,
        migrate: bool = True,
        clock: Clock = utc_now,
        batch_writes: bool = False,
    ) -> Store:
        """Connect to ``url`` (SQLite or PostgreSQL); apply migrations unless ``migrate=False``.

        ``batch_writes`` (the ``SPEEDUPS`` setting): group commit for the query log.
        """
        hasher = IdHasher(hash_secret)
        engine = create_engine(url)
        try:
            if migrate:
                await upgrade(engine)
                await check_key(engine, hasher)
        except BaseException:
            await engine.dispose()
            raise
        writer = create_sqlite_writer(url) if batch_writes else None
        return cls(engine, hasher, clock, batch_writes=batch_writes, sqlite_writer=writer)

    async def close(self) -> None:
        """Finish the query rows being written, then close every pooled connection."""
        if self._query_log is not None:
            await self._query_log.close(CLOSE_TIMEOUT_S)
        if self._writer_thread is not None:
            # A batch still running after the timeout ends first, so its engine stays until then.
            await asyncio.to_thread(self._writer_thread.shutdown, wait=True)
        if self._sqlite_writer is not None:
            self._sqlite_writer.dispose()
        await self._engine.dispose()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @property
    def sqlite_writer(self) -> Engine | None:
        """The SQLite query log's own synchronous engine, if any (tests hook its connections)."""
        return self._sqlite_writer

    @property
    def hasher(self) -> IdHasher:
        return self._hasher

    async def revision(self) -> str | None:
        """The migration the database is at."""
        return await current_revision(self._engine)

    async def log_query(self, record: QueryRecord) -> int:
        """Log one answer (ids hashed, text scrubbed); returns the query id for callbacks.

        With ``batch_writes``, rows logged at the same moment share a transaction.
        """
        text, normalized = record.text, record.normalized
        if scrub_is_quick(text) and scrub_is_quick(normalized):
            text, normalized = _scrub_both(text, normalized)
        else:  # a long message, or numbers to search: milliseconds, off the event loop
            text, normalized = await asyncio.to_thread(_scrub_both, text, normalized)
        values: dict[str, Any] = dataclasses.asdict(record)  # the columns, but for these:
        values.update(
            created_at=self._clock(),
            chat_hash=self._hasher.hash(values.pop("chat_id")),
            user_hash=self._hasher.hash(values.pop("user_id")),
            text=text,
            normalized=normalized,
            score=float(record.score),
            alternatives=list(record.alternatives),
            latency_ms=float(record.latency_ms),
        )
        if self._query_log is None:
            return (await self._insert_queries([values]))[0]
        return await self._query_log.add(values)

    async def _insert_queries(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        if self._sqlite_writes is not None and self._writer_thread is not None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._writer_thread, self._insert_queries_sync, rows)
        async with self._writes.begin() as session:
            return await queries.insert_queries(session, rows)

    def _insert_queries_sync(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        assert self._sqlite_writes is not None
        with self._sqlite_writes.begin() as connection:
            return queries.insert_queries_sync(connection, rows)

    async def get_query(self, query_id: int) -> QueryRow | None:
        """The logged query, or None when it does not exist (or was deleted)."""
        async with self._reads.begin() as session:
            return await queries.get_query(session, query_id)

    async def record_feedback(
        self, *, query_id: int, user_id: int, helpful: bool, picked_topic: str | None = None
    ) -> bool:
        """Store or change a rating. False when the query is missing or ``user_id`` did not ask it.

        Only the asking user may rate, which also makes forged callbacks harmless.
        """
        async with self._writes.begin() as session:
            return await queries.save_feedback(
                session,
                query_id=query_id,
                user_hash=self._hasher.hash(user_id),
                helpful=helpful,
                picked_topic=picked_topic,
                now=self._clock(),
            )

    async def get_feedback(self, query_id: int) -> list[FeedbackRow]:
        """Ratings of a query (at most one: the asking user's)."""
        async with self._reads.begin() as session:
            return await queries.get_feedback(session, query_id)

    async def set_chat_country(self, *, chat_id: int, chat_type: str, country: str | None) -> None:
        """Remember the ISO 3166 alpha-2 country for emergency numbers (None clears it)."""
        code = None if country is None else country.strip().upper()
        if code is not None and not (len(code) == 2 and code.isascii() and code.isalpha()):
            raise ValueError(f"country must be a two-letter ISO code, not {country!r}")
        async with self._writes.begin() as session:
            await queries.save_chat(
                session,
                chat_hash=self._hasher.hash(chat_id),
                chat_type=chat_type,
                country=code,
                now=self._clock(),
            )

    async def get_chat_country(self, chat_id: int) -> str | None:
        """The chat's country, or None when it never chose one.

        Lookups made at the same time share one query (:class:`storage.batching.GroupRead`).
        """
        chat_hash = self._hasher.hash(chat_id)
        if self._countries is None:
            return (await self._read_countries([chat_hash])).get(chat_hash)
        return await self._countries.get(chat_hash)

    async def _read_countries(self, chat_hashes: Sequence[str]) -> dict[str, str | None]:
        async with self._reads.begin() as session:
            return await queries.get_chat_countries(session, chat_hashes)

    async def stats(self, days: int) -> Stats:
        """Figures for ``firstaid stats`` and ``/stats`` over the last ``days`` days."""
        if days < 1:
            raise ValueError("days must be at least 1")
        async with self._reads.begin() as session:
            return await reports.stats(session, days=days, now=self._clock())

    async def export_queries(self, *, since: datetime | None = None) -> list[dict[str, Any]]:
        """The log for moderators: one JSON-ready dict per query (fields: ``EXPORT_FIELDS``)."""
        async with self._reads.begin() as session:
            return await reports.export_queries(session, since=since)

    async def training_pairs(
        self, *, since: datetime | None = None, min_raters: int = reports.MIN_RATERS
    ) -> list[TrainingPair]:
        """Reviewed answers and ones enough people rated helpful (see ``reports``)."""
        async with self._reads.begin() as session:
            return await reports.training_pairs(session, since=since, min_raters=min_raters)

    async def oos_verdict_texts(self, *, since: datetime | None = None) -> list[str]:
        """Messages moderators marked out of scope, for the out-of-scope bank."""
        async with self._reads.begin() as session:
            return await reports.oos_verdict_texts(session, since=since)
