"""The web console's half of ``Store``: the inbox, the dashboard, and claiming a chosen item."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.console_queries as console
import storage.review as review
from storage.console_queries import Dashboard, InboxFilters, InboxRow
from storage.privacy import IdHasher
from storage.records import ReviewItem

INBOX_LIMIT = 100


class ConsoleReads:
    """Console methods; ``Store`` provides the sessions, hasher and clock."""

    _reads: async_sessionmaker[AsyncSession]
    _writes: async_sessionmaker[AsyncSession]
    _hasher: IdHasher
    _clock: Callable[[], datetime]

    async def inbox(
        self, *, moderator_id: int, filters: InboxFilters, limit: int = INBOX_LIMIT
    ) -> list[InboxRow]:
        """Logged queries matching ``filters``, in the review queue's priority order."""
        async with self._reads.begin() as session:
            return await console.inbox(
                session,
                filters=filters,
                moderator_hash=self._hasher.hash(moderator_id),
                now=self._clock(),
                limit=limit,
            )

    async def dashboard(self, *, start: date, end: date) -> Dashboard:
        """Figures for the console's dashboard, ``start`` to ``end`` (UTC days) included."""
        if end < start:
            raise ValueError("the range ends before it starts")
        async with self._reads.begin() as session:
            return await console.dashboard(session, start=start, end=end)

    async def claim_for_review(
        self, *, query_id: int, moderator_id: int, lease_seconds: int = 600
    ) -> ReviewItem | None:
        """Lease this query to the moderator, as ``next_for_review`` leases the next one.

        The same conditional UPDATE as the queue's (:mod:`storage.review`), so a
        query another moderator holds, or one already reviewed, is refused (None).
        """
        now = self._clock()
        until = now + timedelta(seconds=lease_seconds)
        moderator_hash = self._hasher.hash(moderator_id)
        async with self._writes.begin() as session:
            if not await review._claim(session, query_id, moderator_hash, now, until):
                return None
            return await review._item(session, query_id, until)
