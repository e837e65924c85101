"""What the moderators' web console reads: the inbox with filters, and the dashboard figures.

Claims are not made here: the console leases items through the review queue
(:mod:`storage.review`) exactly as ``/review`` does, so a query held by one
moderator is held everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from storage.models import Feedback, Query, Review
from storage.queries import query_row
from storage.records import DayCount, QueryRow
from storage.review import queue_order

Rating = Literal["any", "helpful", "not_helpful", "unrated"]
Confidence = Literal["any", "low", "confident"]
Status = Literal["open", "reviewed", "all"]
TOP = 10
# Only the asking user's rating counts, as everywhere else (see save_feedback).
_ASKERS = and_(Feedback.query_id == Query.id, Feedback.user_hash == Query.user_hash)
# The inbox joins the rating under another name: the queue's order has its own
# subquery on feedback, which must not correlate with the joined rows.
_Rating = aliased(Feedback, name="rating")
_RATED = and_(_Rating.query_id == Query.id, _Rating.user_hash == Query.user_hash)


@dataclass(frozen=True, slots=True)
class InboxFilters:
    """What the inbox shows; every field narrows it, the defaults show every open item."""

    topic: str | None = None
    rating: Rating = "any"
    confidence: Confidence = "any"
    start: date | None = None
    end: date | None = None
    text: str | None = None
    status: Status = "open"
    lang: str | None = None  # the language the message was answered in ("en", "es", "fr"...)


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One logged query as the inbox lists it, with its rating, verdict and who holds it."""

    query: QueryRow
    helpful: bool | None
    picked_topic: str | None
    verdict: str | None
    corrected_topic: str | None
    note: str | None
    held_by_me: bool
    held_by_other: bool


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Figures between two UTC days, both included. Rates are None when nothing was counted."""

    start: date
    end: date
    total: int
    per_day: tuple[DayCount, ...]
    emergencies_per_day: tuple[int, ...]  # one per day of ``per_day``
    rated: int
    helpful_rate: float | None
    oos_rate: float | None
    emergencies: int
    low_confidence_share: float | None
    top_topics: tuple[tuple[str, int], ...]
    most_corrected: tuple[tuple[str, int], ...]
    model_versions: tuple[tuple[str, int], ...]


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of ``day``."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def _window(start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if start is not None:
        found.append(Query.created_at >= day_start(start))
    if end is not None:
        found.append(Query.created_at < day_start(end + timedelta(days=1)))
    return found


def _conditions(filters: InboxFilters) -> list[ColumnElement[bool]]:
    found = _window(filters.start, filters.end)
    if filters.topic:
        found.append(Query.topic == filters.topic)
    if filters.lang:
        found.append(Query.lang == filters.lang)
    if filters.rating == "helpful":
        found.append(_Rating.helpful.is_(True))
    elif filters.rating == "not_helpful":
        found.append(_Rating.helpful.is_(False))
    elif filters.rating == "unrated":
        found.append(_Rating.id.is_(None))
    if filters.confidence == "low":
        found.append(Query.low_confidence.is_(True))
    elif filters.confidence == "confident":
        found.append(Query.low_confidence.is_(False))
    if filters.text:
        # Stored text is scrubbed, so a search can only find what is left after scrubbing.
        found.append(Query.text.icontains(filters.text, autoescape=True))
    if filters.status == "open":
        found.append(Review.id.is_(None))
    elif filters.status == "reviewed":
        found.append(Review.id.is_not(None))
    return found


async def inbox(
    session: AsyncSession,
    *,
    filters: InboxFilters,
    moderator_hash: str,
    now: datetime,
    limit: int,
) -> list[InboxRow]:
    """Matching queries in the review queue's order (its priorities, aged as it ages them)."""
    rows = await session.execute(
        select(Query, _Rating.helpful, _Rating.picked_topic, Review)
        .outerjoin(_Rating, _RATED)
        .outerjoin(Review, Review.query_id == Query.id)
        .where(*_conditions(filters))
        .order_by(*queue_order(now))
        .limit(limit)
    )
    out = []
    for q, helpful, picked, review in rows:
        live = q.lease_until is not None and q.lease_until >= now and review is None
        out.append(
            InboxRow(
                query=query_row(q),
                helpful=helpful,
                picked_topic=picked,
                verdict=None if review is None else review.verdict,
                corrected_topic=None if review is None else review.corrected_topic,
                note=None if review is None else review.note,
                held_by_me=live and q.lease_owner == moderator_hash,
                held_by_other=live and q.lease_owner != moderator_hash,
            )
        )
    return out


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


async def _ranked(
    session: AsyncSession, column: InstrumentedAttribute[Any], *where: ColumnElement[bool]
) -> tuple[tuple[str, int], ...]:
    n = func.count().label("n")
    rows = await session.execute(
        select(column, n)
        .select_from(Query)
        .outerjoin(Review, Review.query_id == Query.id)
        .where(column.is_not(None), *where)
        .group_by(column)
        .order_by(n.desc(), column)
        .limit(TOP)
    )
    return tuple((str(name), int(count)) for name, count in rows)


async def dashboard(session: AsyncSession, *, start: date, end: date) -> Dashboard:
    """Counts, rates and rankings for queries asked from ``start`` to ``end`` (UTC days)."""
    window = _window(start, end)
    total, emergencies, oos, low = (
        int(v)
        for v in (
            await session.execute(
                select(
                    func.count(Query.id),
                    _count_if(Query.emergency.is_(True)),
                    _count_if(Query.oos.is_(True)),
                    _count_if(Query.low_confidence.is_(True)),
                ).where(*window)
            )
        ).one()
    )
    day = func.date(Query.created_at)
    counted = {
        date.fromisoformat(str(d)): (int(n), int(e))
        for d, n, e in await session.execute(
            select(day, func.count(), _count_if(Query.emergency.is_(True)))
            .where(*window)
            .group_by(day)
        )
    }
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    rated, helpful = (
        await session.execute(
            select(func.count(Feedback.id), _count_if(Feedback.helpful.is_(True)))
            .join(Query, _ASKERS)
            .where(*window)
        )
    ).one()
    corrected = or_(Review.verdict == "wrong", Review.verdict == "unsafe")
    return Dashboard(
        start=start,
        end=end,
        total=total,
        per_day=tuple(DayCount(d, counted.get(d, (0, 0))[0]) for d in days),
        emergencies_per_day=tuple(counted.get(d, (0, 0))[1] for d in days),
        rated=int(rated),
        helpful_rate=_rate(int(helpful), int(rated)),
        oos_rate=_rate(oos, total),
        emergencies=emergencies,
        low_confidence_share=_rate(low, total),
        top_topics=await _ranked(session, Query.topic, *window),
        most_corrected=await _ranked(session, Query.topic, corrected, *window),
        model_versions=await _ranked(session, Query.model_version, *window),
    )
