"""Writing and reading the log: queries, feedback and per-chat choices.

Functions take an open session and already-hashed ids; ``Store`` owns both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Executable, Result, Table, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base, Chat, Feedback, Query, Review
from storage.records import FeedbackRow, QueryRow, ReviewRow, Verdict


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(cast(CursorResult[Any], result).rowcount)


async def upsert(
    session: AsyncSession,
    model: type[Base],
    values: Mapping[str, object],
    *,
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT, or UPDATE ``update`` columns when ``keys`` clash: one atomic statement."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = pg_insert(model).values(**values)
        pg = pg.on_conflict_do_update(
            index_elements=list(keys), set_={c: pg.excluded[c] for c in update}
        )
        await session.execute(pg)
    elif dialect == "sqlite":
        lite = sqlite_insert(model).values(**values)
        lite = lite.on_conflict_do_update(
            index_elements=list(keys), set_={c: lite.excluded[c] for c in update}
        )
        await session.execute(lite)
    else:
        raise NotImplementedError(f"storage supports SQLite and PostgreSQL, not {dialect}")


def query_row(q: Query) -> QueryRow:
    return QueryRow(
        id=q.id,
        created_at=q.created_at,
        chat_hash=q.chat_hash,
        user_hash=q.user_hash,
        chat_type=q.chat_type,
        text=q.text,
        normalized=q.normalized,
        topic=q.topic,
        score=q.score,
        alternatives=tuple(q.alternatives),
        emergency=q.emergency,
        oos=q.oos,
        low_confidence=q.low_confidence,
        model_version=q.model_version,
        latency_ms=q.latency_ms,
        lang=q.lang,
    )


def feedback_row(f: Feedback) -> FeedbackRow:
    return FeedbackRow(
        query_id=f.query_id,
        user_hash=f.user_hash,
        helpful=f.helpful,
        picked_topic=f.picked_topic,
        created_at=f.created_at,
    )


def review_row(r: Review) -> ReviewRow:
    return ReviewRow(
        query_id=r.query_id,
        moderator_hash=r.moderator_hash,
        verdict=cast(Verdict, r.verdict),
        corrected_topic=r.corrected_topic,
        note=r.note,
        created_at=r.created_at,
    )


def _insert_statement(rows: Sequence[Mapping[str, Any]]) -> tuple[Executable, Any]:
    # Core INSERT ... RETURNING, not session.add + flush: the bot logs every answer
    # on its event loop, and the unit of work cost about twice as much CPU (load
    # benchmark profile) for rows that are never read back in this session.
    table = cast(Table, Query.__table__)
    if len(rows) == 1:
        return insert(table).values(**rows[0]).returning(table.c.id), None
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return statement, [dict(r) for r in rows]


async def insert_queries(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert query rows in one statement; their ids, in the order given."""
    statement, params = _insert_statement(rows)
    result = await session.execute(statement, params)
    return [int(i) for i in result.scalars().all()]


def insert_queries_sync(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """:func:`insert_queries` on a synchronous connection (SQLite's writer thread)."""
    statement, params = _insert_statement(rows)
    return [int(i) for i in connection.execute(statement, params).scalars().all()]


async def get_query(session: AsyncSession, query_id: int) -> QueryRow | None:
    query = await session.get(Query, query_id)
    return None if query is None else query_row(query)


async def save_feedback(
    session: AsyncSession,
    *,
    query_id: int,
    user_hash: str,
    helpful: bool,
    picked_topic: str | None,
    now: datetime,
) -> bool:
    """Store or change the asking user's rating; False for a missing query or another user."""
    owner = await session.scalar(select(Query.user_hash).where(Query.id == query_id))
    if owner is None or owner != user_hash:
        return False
    values = {
        "query_id": query_id,
        "user_hash": user_hash,
        "helpful": helpful,
        "picked_topic": picked_topic,
        "created_at": now,
    }
    await upsert(
        session,
        Feedback,
        values,
        keys=("query_id", "user_hash"),
        update=("helpful", "picked_topic", "created_at"),
    )
    return True


async def get_feedback(session: AsyncSession, query_id: int) -> list[FeedbackRow]:
    rows = await session.scalars(
        select(Feedback).where(Feedback.query_id == query_id).order_by(Feedback.id)
    )
    return [feedback_row(f) for f in rows]


async def save_chat(
    session: AsyncSession,
    *,
    chat_hash: str,
    chat_type: str,
    now: datetime,
    country: str | None = None,
    settings: Mapping[str, object] | None = None,
) -> None:
    """Create the chat row or update the given field (country or settings)."""
    values: dict[str, object] = {"chat_hash": chat_hash, "chat_type": chat_type, "updated_at": now}
    changed = ["chat_type", "updated_at"]
    if settings is not None:
        values["settings"] = dict(settings)
        changed.append("settings")
    else:
        values["country"] = country
        changed.append("country")
    await upsert(session, Chat, values, keys=("chat_hash",), update=changed)


async def get_chat(session: AsyncSession, chat_hash: str) -> Chat | None:
    return await session.get(Chat, chat_hash)


async def get_chat_countries(
    session: AsyncSession, chat_hashes: Sequence[str]
) -> dict[str, str | None]:
    """The country of each chat that has a row; chats without one are left out."""
    rows = await session.execute(
        select(Chat.chat_hash, Chat.country).where(Chat.chat_hash.in_(chat_hashes))
    )
    return dict(rows.all())
