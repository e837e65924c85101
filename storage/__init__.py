"""The query log: what people asked, what the bot answered, how it was rated and reviewed.

Private by design: Telegram ids are HMAC-SHA256 hashed inside storage and never
written raw; message text is scrubbed of phones, e-mails, long numbers,
@usernames and data-carrying URLs before it is stored. No Telegram, bot or
matcher imports here. SQLite (WAL, busy timeout, foreign keys) or PostgreSQL,
through SQLAlchemy's async API; Alembic migrations ship in ``storage/migrations``.

Exports:

- ``Store``: ``await Store.open(url, *, hash_secret, migrate=True, clock=utc_now,
  batch_writes=False)``,
  ``await close()`` (or ``async with``); ``revision()``, ``engine``, ``hasher``.
  URLs without a driver get the async one (``postgresql://`` -> asyncpg). Every
  method is async with keyword-only arguments; raw ids go in, only hashes are stored:
  ``log_query(record: QueryRecord) -> int``;
  ``get_query(query_id) -> QueryRow | None``;
  ``record_feedback(*, query_id, user_id, helpful, picked_topic=None) -> bool``
  (False for a missing query or a user other than the one who asked);
  ``get_feedback(query_id)``; ``set_chat_country(*, chat_id, chat_type, country)``;
  ``get_chat_country(chat_id)``; ``set_chat_settings`` / ``get_chat_settings``;
  ``forget_user(user_id) -> int``; ``purge(days) -> int``;
  ``stats(days) -> Stats``; ``export_queries(*, since=None) -> list[dict]``;
  ``training_pairs(*, since=None) -> list[TrainingPair]``;
  ``oos_verdict_texts(*, since=None) -> list[str]``;
  review queue: ``next_for_review(*, moderator_id, lease_seconds=600) -> ReviewItem | None``,
  ``record_review(*, query_id, moderator_id, verdict, corrected_topic=None, note=None) -> bool``,
  ``get_review(query_id)``, ``skip_review(*, query_id, moderator_id) -> bool``.
- ``IdHasher`` and ``scrub_pii``: the privacy primitives the store applies.
- ``migrate(url)``: apply migrations (``firstaid db upgrade``).
- Records (frozen dataclasses): ``QueryRecord`` (what goes in), ``QueryRow``,
  ``FeedbackRow``, ``ReviewRow``, ``ReviewItem``, ``TrainingPair``, ``Stats``,
  ``DayCount``; ``EXPORT_FIELDS`` names the columns of ``export_queries``.
"""

from __future__ import annotations

from storage.engine import migrate
from storage.privacy import IdHasher, scrub_pii
from storage.records import (
    DayCount,
    FeedbackRow,
    QueryRecord,
    QueryRow,
    ReviewItem,
    ReviewReason,
    ReviewRow,
    Stats,
    TrainingPair,
    Verdict,
)
from storage.reports import EXPORT_FIELDS
from storage.store import Store

__all__ = [
    "EXPORT_FIELDS",
    "DayCount",
    "FeedbackRow",
    "IdHasher",
    "QueryRecord",
    "QueryRow",
    "ReviewItem",
    "ReviewReason",
    "ReviewRow",
    "Stats",
    "Store",
    "TrainingPair",
    "Verdict",
    "migrate",
    "scrub_pii",
]
