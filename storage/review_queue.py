"""The review-queue half of ``Store``: what moderators review next, leases and verdicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.review as review
from storage.privacy import IdHasher, scrub_pii
from storage.records import ReviewItem, ReviewRow, Verdict


class ReviewQueue:
    """Moderators' queue methods; ``Store`` provides the sessions, hasher and clock."""

    _reads: async_sessionmaker[AsyncSession]
    _writes: async_sessionmaker[AsyncSession]
    _hasher: IdHasher
    _clock: Callable[[], datetime]

    async def next_for_review(
        self, *, moderator_id: int, lease_seconds: int = 600
    ) -> ReviewItem | None:
        """Lease the most urgent unreviewed query to this moderator; None when the queue is empty.

        Order: rated not helpful, emergencies, low confidence, out of scope, then a
        random sample of the rest. A leased query goes to no one else until the
        lease expires; asking again returns the moderator's current item.
        """
        async with self._writes.begin() as session:
            return await review.claim_next(
                session,
                moderator_hash=self._hasher.hash(moderator_id),
                now=self._clock(),
                lease_seconds=lease_seconds,
            )

    async def record_review(
        self,
        *,
        query_id: int,
        moderator_id: int,
        verdict: Verdict,
        corrected_topic: str | None = None,
        note: str | None = None,
    ) -> bool:
        """Store a verdict (``corrected_topic`` only with "wrong"); False if the query is gone."""
        async with self._writes.begin() as session:
            return await review.save_review(
                session,
                query_id=query_id,
                moderator_hash=self._hasher.hash(moderator_id),
                verdict=verdict,
                corrected_topic=corrected_topic,
                note=None if note is None else scrub_pii(note),
                now=self._clock(),
            )

    async def get_review(self, query_id: int) -> ReviewRow | None:
        """The verdict on a query, or None before review."""
        async with self._reads.begin() as session:
            return await review.get_review(session, query_id)

    async def skip_review(self, *, query_id: int, moderator_id: int) -> bool:
        """Release the lease; the query is not offered to this moderator again."""
        async with self._writes.begin() as session:
            return await review.skip(
                session,
                query_id=query_id,
                moderator_hash=self._hasher.hash(moderator_id),
                now=self._clock(),
            )
