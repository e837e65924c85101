"""Plain frozen records that storage hands out; callers never see ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Verdict = Literal["correct", "wrong", "oos", "unsafe"]
PairSource = Literal["helpful", "correction"]
ReviewReason = Literal["not_helpful", "emergency", "low_confidence", "oos", "sample"]


@dataclass(frozen=True, slots=True)
class QueryRecord:
    """One answer to log, as the bot hands it in: raw ids and text, hashed and scrubbed
    by :meth:`storage.store.Store.log_query` before anything is written."""

    chat_id: int
    user_id: int
    chat_type: str
    text: str
    normalized: str
    topic: str | None
    score: float
    alternatives: tuple[str, ...]
    emergency: bool
    oos: bool
    model_version: str
    latency_ms: float
    low_confidence: bool = False
    # The language of the message as answered ("en", "es", or the short answer's).
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class QueryRow:
    """One logged answer. ``text`` and ``normalized`` are already scrubbed."""

    id: int
    created_at: datetime
    chat_hash: str
    user_hash: str
    chat_type: str
    text: str
    normalized: str
    topic: str | None
    score: float
    alternatives: tuple[str, ...]
    emergency: bool
    oos: bool
    low_confidence: bool
    model_version: str
    latency_ms: float
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    query_id: int
    user_hash: str
    helpful: bool
    picked_topic: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewRow:
    query_id: int
    moderator_hash: str
    verdict: Verdict
    corrected_topic: str | None
    note: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A query handed to one moderator, with why it was chosen and what the user said."""

    query: QueryRow
    reason: ReviewReason
    feedback: FeedbackRow | None
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class TrainingPair:
    """A message and the topic it should match: a helpful answer or a moderator correction."""

    text: str
    topic: str
    source: PairSource


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    queries: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Figures over the last ``days`` days (UTC). Rates are None when nothing was counted."""

    days: int
    since: datetime
    total: int
    per_day: tuple[DayCount, ...]
    top_topics: tuple[tuple[str, int], ...]
    feedback: int
    helpful_rate: float | None
    oos_rate: float | None
    emergencies: int
    low_confidence_share: float | None
    unanswered_share: float | None
    reviewed: int
