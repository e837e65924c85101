"""Read-only reports: statistics, the moderator export and training data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Feedback, Query, Review
from storage.records import DayCount, Stats, TrainingPair

TOP_TOPICS = 10
# An unreviewed helpful rating trains the model only when this many different
# people agree, and one person backs at most PER_USER_CAP such pairs.
MIN_RATERS = 3
PER_USER_CAP = 10
# Columns of the query export, in order (CSV headers follow this).
EXPORT_FIELDS = (
    "id",
    "created_at",
    "chat_type",
    "text",
    "normalized",
    "topic",
    "score",
    "alternatives",
    "emergency",
    "oos",
    "low_confidence",
    "model_version",
    "latency_ms",
    "lang",
    "helpful",
    "picked_topic",
    "verdict",
    "corrected_topic",
)
# Only the asking user's rating counts (see save_feedback).
_ASKERS_FEEDBACK = and_(Feedback.query_id == Query.id, Feedback.user_hash == Query.user_hash)


def _since(since: datetime | None) -> ColumnElement[bool]:
    return true() if since is None else Query.created_at >= since


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


async def stats(session: AsyncSession, *, days: int, now: datetime) -> Stats:
    """Counts and rates over the last ``days`` UTC days, today included."""
    today = now.date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=now.tzinfo)
    window = Query.created_at >= since
    totals = (
        await session.execute(
            select(
                func.count(Query.id),
                _count_if(Query.emergency.is_(True)),
                _count_if(Query.oos.is_(True)),
                _count_if(Query.low_confidence.is_(True)),
                _count_if(and_(Query.topic.is_(None), Query.oos.is_(False))),
            ).where(window)
        )
    ).one()
    total, emergencies, oos, low, unanswered = (int(v) for v in totals)
    day = func.date(Query.created_at)
    counted = {
        date.fromisoformat(str(d)): int(n)
        for d, n in await session.execute(select(day, func.count()).where(window).group_by(day))
    }
    topic_count = func.count().label("n")
    top = await session.execute(
        select(Query.topic, topic_count)
        .where(window, Query.topic.is_not(None))
        .group_by(Query.topic)
        .order_by(topic_count.desc(), Query.topic)
        .limit(TOP_TOPICS)
    )
    rated, helpful = (
        await session.execute(
            select(func.count(Feedback.id), _count_if(Feedback.helpful.is_(True)))
            .join(Query, _ASKERS_FEEDBACK)
            .where(window)
        )
    ).one()
    reviewed = await session.scalar(
        select(func.count(Review.id)).join(Query, Review.query_id == Query.id).where(window)
    )
    return Stats(
        days=days,
        since=since,
        total=total,
        per_day=tuple(
            DayCount(first + timedelta(days=i), counted.get(first + timedelta(days=i), 0))
            for i in range(days)
        ),
        top_topics=tuple((str(t), int(n)) for t, n in top),
        feedback=int(rated),
        helpful_rate=_rate(int(helpful), int(rated)),
        oos_rate=_rate(oos, total),
        emergencies=emergencies,
        low_confidence_share=_rate(low, total),
        unanswered_share=_rate(unanswered, total),
        reviewed=int(reviewed or 0),
    )


async def export_queries(session: AsyncSession, *, since: datetime | None) -> list[dict[str, Any]]:
    """Every logged query since ``since`` as JSON-ready dicts with rating and verdict.

    Hashed ids stay out: moderators do not need them, and fewer copies of them
    means fewer ways to link one person's messages.
    """
    rows = await session.execute(
        select(
            Query, Feedback.helpful, Feedback.picked_topic, Review.verdict, Review.corrected_topic
        )
        .outerjoin(Feedback, _ASKERS_FEEDBACK)
        .outerjoin(Review, Review.query_id == Query.id)
        .where(_since(since))
        .order_by(Query.id)
    )
    out: list[dict[str, Any]] = []
    for q, helpful, picked, verdict, corrected in rows:
        out.append(
            {
                "id": q.id,
                "created_at": q.created_at.isoformat(),
                "chat_type": q.chat_type,
                "text": q.text,
                "normalized": q.normalized,
                "topic": q.topic,
                "score": q.score,
                "alternatives": list(q.alternatives),
                "emergency": q.emergency,
                "oos": q.oos,
                "low_confidence": q.low_confidence,
                "model_version": q.model_version,
                "latency_ms": q.latency_ms,
                "lang": q.lang,
                "helpful": helpful,
                "picked_topic": picked,
                "verdict": verdict,
                "corrected_topic": corrected,
            }
        )
    return out


async def training_pairs(
    session: AsyncSession,
    *,
    since: datetime | None,
    min_raters: int = MIN_RATERS,
    per_user_cap: int = PER_USER_CAP,
    lang: str = "en",
) -> list[TrainingPair]:
    """Positives for retraining the ``lang`` model, oldest first, without duplicates.

    A moderator's verdict decides: "wrong" with a corrected topic gives a
    correction, "correct" confirms the answer. An unreviewed answer counts only
    when at least ``min_raters`` different people asked the same thing (same
    words, any case or spacing), got the same topic and rated it helpful, and
    each person backs at most ``per_user_cap`` such pairs: one person (or a
    script) cannot teach the model alone. A topic the user picked stays out
    until a moderator confirms it, because users may guess wrong.
    """
    reviewed = exists().where(Review.query_id == Query.id)
    corrections = await session.execute(
        select(Query.id, Query.text, Review.corrected_topic)
        .join(Review, Review.query_id == Query.id)
        .where(
            _since(since),
            Query.lang == lang,
            Review.verdict == "wrong",
            Review.corrected_topic.is_not(None),
        )
    )
    confirmed = await session.execute(
        select(Query.id, Query.text, Query.topic)
        .join(Review, Review.query_id == Query.id)
        .where(
            _since(since), Query.lang == lang, Review.verdict == "correct", Query.topic.is_not(None)
        )
    )
    helpful = await session.execute(
        select(Query.id, Query.text, Query.topic, Query.user_hash)
        .join(Feedback, _ASKERS_FEEDBACK)
        .where(
            _since(since),
            Query.lang == lang,
            Feedback.helpful.is_(True),
            Query.topic.is_not(None),
            ~reviewed,
        )
        .order_by(Query.id)
    )
    found: list[tuple[int, TrainingPair]] = [
        (qid, TrainingPair(text, str(topic), "correction")) for qid, text, topic in corrections
    ]
    found.extend((qid, TrainingPair(text, str(topic), "helpful")) for qid, text, topic in confirmed)
    rated = ((qid, text, topic, user) for qid, text, topic, user in helpful)
    found.extend(_agreed(rated, min_raters=min_raters, per_user_cap=per_user_cap))
    found.sort(key=lambda item: item[0])
    return list(dict.fromkeys(pair for _, pair in found))


def _agreed(
    rows: Iterable[tuple[int, str, str | None, str]], *, min_raters: int, per_user_cap: int
) -> list[tuple[int, TrainingPair]]:
    """Unreviewed helpful answers that enough different people agree on (see training_pairs)."""
    groups: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for qid, text, topic, user_hash in rows:
        key = (" ".join(text.casefold().split()), str(topic))
        groups.setdefault(key, []).append((qid, text, user_hash))
    backed: Counter[str] = Counter()
    agreed = []
    for (_, topic), asked in groups.items():  # in order of each group's first query
        raters = list(dict.fromkeys(u for _, _, u in asked if backed[u] < per_user_cap))
        if len(raters) >= min_raters:
            backed.update(raters)
            qid, text, _ = asked[0]
            agreed.append((qid, TrainingPair(text, topic, "helpful")))
    return agreed


async def oos_verdict_texts(
    session: AsyncSession, *, since: datetime | None, lang: str = "en"
) -> list[str]:
    """Messages in ``lang`` moderators judged out of scope: negatives for its bank."""
    texts = await session.scalars(
        select(Query.text)
        .join(Review, Review.query_id == Query.id)
        .where(_since(since), Query.lang == lang, Review.verdict == "oos")
        .order_by(Query.id)
    )
    return list(dict.fromkeys(texts))
