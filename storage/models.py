"""The tables. Ids of people appear only as keyed hashes (``*_hash`` columns)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HASH_LEN = 64  # hex digest of HMAC-SHA256
TOPIC_LEN = 64
VERDICTS = ("correct", "wrong", "oos", "unsafe")

# Stable constraint names, so that batch migrations on SQLite can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (the only kind stored)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend.

    SQLite keeps no zone, so values are stored as naive UTC and read back aware;
    PostgreSQL uses ``timestamptz``. Naive input is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware one (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[str]: JSON}


class Chat(Base):
    """Per-chat choices: the country for emergency numbers and free-form settings."""

    __tablename__ = "chats"

    chat_hash: Mapped[str] = mapped_column(String(HASH_LEN), primary_key=True)
    chat_type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Query(Base):
    """One answered message. ``text`` and ``normalized`` are stored scrubbed."""

    __tablename__ = "queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(index=True, default=utc_now)
    chat_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    user_hash: Mapped[str] = mapped_column(String(HASH_LEN), index=True)
    chat_type: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(TOPIC_LEN))
    score: Mapped[float] = mapped_column(Float)
    alternatives: Mapped[list[str]] = mapped_column(default=list)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    oos: Mapped[bool] = mapped_column(Boolean, default=False)
    low_confidence: Mapped[bool] = mapped_column(Boolean, default=False)
    model_version: Mapped[str] = mapped_column(Text)  # may be a path
    latency_ms: Mapped[float] = mapped_column(Float)
    lang: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # The review lease: who holds this query in the moderation queue, until when.
    lease_owner: Mapped[str | None] = mapped_column(String(HASH_LEN))
    lease_until: Mapped[datetime | None] = mapped_column()


class Feedback(Base):
    """The asking user's rating of an answer; one per user and query, changeable."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("query_id", "user_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    query_id: Mapped[int] = mapped_column(ForeignKey("queries.id", ondelete="CASCADE"))
    user_hash: Mapped[str] = mapped_column(String(HASH_LEN), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    picked_topic: Mapped[str | None] = mapped_column(String(TOPIC_LEN))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Review(Base):
    """A moderator's verdict on a query; the latest verdict replaces an earlier one."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("query_id"),
        CheckConstraint(f"verdict IN {VERDICTS!r}", name="verdict"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    query_id: Mapped[int] = mapped_column(ForeignKey("queries.id", ondelete="CASCADE"))
    moderator_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    verdict: Mapped[str] = mapped_column(String(16))
    corrected_topic: Mapped[str | None] = mapped_column(String(TOPIC_LEN))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReviewSkip(Base):
    """A moderator passed on a query; it is not offered to that moderator again."""

    __tablename__ = "review_skips"

    query_id: Mapped[int] = mapped_column(
        ForeignKey("queries.id", ondelete="CASCADE"), primary_key=True
    )
    moderator_hash: Mapped[str] = mapped_column(String(HASH_LEN), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Meta(Base):
    """Facts about the database itself, such as the hash key's fingerprint."""

    __tablename__ = "meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
