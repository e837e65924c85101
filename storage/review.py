"""The moderators' review queue: priority order, leases, verdicts and skips.

A claim is one conditional UPDATE of the query's lease columns. SQLite
serialises writers and PostgreSQL re-checks the WHERE clause after waiting on
the row lock, so two moderators can never both win the same query.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import VERDICTS, Feedback, Query, Review, ReviewSkip
from storage.queries import feedback_row, query_row, review_row, rowcount, upsert
from storage.records import ReviewItem, ReviewReason, ReviewRow

# Candidates fetched per round; a claim can lose a race, so take a few.
CANDIDATES = 20
SAMPLE_TIER = 4

_not_helpful = exists().where(
    Feedback.query_id == Query.id,
    Feedback.user_hash == Query.user_hash,
    Feedback.helpful.is_(False),
)
# Highest priority first: rated not helpful, emergency, low confidence, out of scope.
PRIORITY = case(
    (_not_helpful, 0),
    (Query.emergency.is_(True), 1),
    (Query.low_confidence.is_(True), 2),
    (Query.oos.is_(True), 3),
    else_=SAMPLE_TIER,
)
_REVIEWED = exists().where(Review.query_id == Query.id)
# Ageing: an item climbs one tier for every AGE_STEP it waits (at most MAX_AGE_STEPS),
# and within a rank the oldest comes first. So a flood of fresh items (say, "not
# helpful" ratings from one person) waits behind every older item of its tier, and
# an emergency that has waited one step goes before the whole flood.
AGE_STEP = timedelta(hours=6)
MAX_AGE_STEPS = SAMPLE_TIER - 1


def queue_order(now: datetime) -> list[ColumnElement[Any]]:
    """ORDER BY clauses for the review queue at ``now``: aged priority, then oldest first."""
    steps = case(
        *((Query.created_at < now - AGE_STEP * n, n) for n in range(MAX_AGE_STEPS, 0, -1)),
        else_=0,
    )
    return [PRIORITY - steps, Query.created_at.asc(), PRIORITY, Query.id.asc()]


def _skipped_by(moderator_hash: str) -> ColumnElement[bool]:
    return exists().where(
        ReviewSkip.query_id == Query.id, ReviewSkip.moderator_hash == moderator_hash
    )


def _free_for(moderator_hash: str, now: datetime) -> ColumnElement[bool]:
    return or_(
        Query.lease_until.is_(None), Query.lease_until < now, Query.lease_owner == moderator_hash
    )


async def _own_lease(session: AsyncSession, moderator_hash: str, now: datetime) -> int | None:
    """A live lease this moderator already holds: asking again shows the same item."""
    return await session.scalar(
        select(Query.id)
        .where(Query.lease_owner == moderator_hash, Query.lease_until >= now, ~_REVIEWED)
        .where(~_skipped_by(moderator_hash))
        .limit(1)
    )


async def _candidates(session: AsyncSession, moderator_hash: str, now: datetime) -> list[int]:
    eligible = and_(~_REVIEWED, ~_skipped_by(moderator_hash), _free_for(moderator_hash, now))
    flagged = await session.scalars(
        select(Query.id)
        .where(eligible, PRIORITY < SAMPLE_TIER)
        .order_by(*queue_order(now))
        .limit(CANDIDATES)
    )
    ids = list(flagged)
    if not ids:
        # The rest: a random sample, so moderators also see everyday answers.
        sample = await session.scalars(
            select(Query.id)
            .where(eligible, PRIORITY == SAMPLE_TIER)
            .order_by(func.random())
            .limit(CANDIDATES)
        )
        ids = list(sample)
    return ids


async def _claim(
    session: AsyncSession, query_id: int, moderator_hash: str, now: datetime, until: datetime
) -> bool:
    result = await session.execute(
        update(Query)
        .where(Query.id == query_id, _free_for(moderator_hash, now), ~_REVIEWED)
        .values(lease_owner=moderator_hash, lease_until=until)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def _item(session: AsyncSession, query_id: int, until: datetime) -> ReviewItem:
    query = await session.get(Query, query_id, populate_existing=True)
    assert query is not None  # just claimed inside this transaction
    feedback = await session.scalar(
        select(Feedback).where(Feedback.query_id == query_id, Feedback.user_hash == query.user_hash)
    )
    reason: ReviewReason
    if feedback is not None and not feedback.helpful:
        reason = "not_helpful"
    elif query.emergency:
        reason = "emergency"
    elif query.low_confidence:
        reason = "low_confidence"
    elif query.oos:
        reason = "oos"
    else:
        reason = "sample"
    row = None if feedback is None else feedback_row(feedback)
    return ReviewItem(query=query_row(query), reason=reason, feedback=row, lease_until=until)


async def claim_next(
    session: AsyncSession, *, moderator_hash: str, now: datetime, lease_seconds: int
) -> ReviewItem | None:
    """Lease the most urgent unreviewed query to this moderator, or None when none is left."""
    until = now + timedelta(seconds=lease_seconds)
    own = await _own_lease(session, moderator_hash, now)
    candidates = [own] if own is not None else await _candidates(session, moderator_hash, now)
    for query_id in candidates:
        if await _claim(session, query_id, moderator_hash, now, until):
            return await _item(session, query_id, until)
    return None


async def save_review(
    session: AsyncSession,
    *,
    query_id: int,
    moderator_hash: str,
    verdict: str,
    corrected_topic: str | None,
    note: str | None,
    now: datetime,
) -> bool:
    """Store the verdict (replacing an earlier one); False when the query does not exist.

    The lease is left to expire rather than cleared: a moderator racing for this
    query then still finds it taken.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
    if corrected_topic is not None and verdict != "wrong":
        raise ValueError("corrected_topic goes with the verdict 'wrong' only")
    if await session.get(Query, query_id) is None:
        return False
    values = {
        "query_id": query_id,
        "moderator_hash": moderator_hash,
        "verdict": verdict,
        "corrected_topic": corrected_topic,
        "note": note,
        "created_at": now,
    }
    changed = ("moderator_hash", "verdict", "corrected_topic", "note", "created_at")
    await upsert(session, Review, values, keys=("query_id",), update=changed)
    return True


async def get_review(session: AsyncSession, query_id: int) -> ReviewRow | None:
    review = await session.scalar(select(Review).where(Review.query_id == query_id))
    return None if review is None else review_row(review)


async def skip(session: AsyncSession, *, query_id: int, moderator_hash: str, now: datetime) -> bool:
    """Pass on a query: release this moderator's lease and never offer it to them again."""
    if await session.get(Query, query_id) is None:
        return False
    values = {"query_id": query_id, "moderator_hash": moderator_hash, "created_at": now}
    await upsert(
        session, ReviewSkip, values, keys=("query_id", "moderator_hash"), update=("created_at",)
    )
    await session.execute(
        update(Query)
        .where(Query.id == query_id, Query.lease_owner == moderator_hash)
        .values(lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return True
