"""Deleting on request (``/forget``) and by age (the retention purge)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Feedback, Query, Review, ReviewSkip
from storage.queries import rowcount


async def _delete_queries(session: AsyncSession, where: ColumnElement[bool]) -> int:
    """Delete matching queries and every row hanging off them; returns rows deleted.

    Dependants are deleted explicitly rather than by ON DELETE CASCADE so the
    count is exact and nothing depends on SQLite's foreign-key switch.
    """
    ids = select(Query.id).where(where)
    deleted = 0
    for model in (Feedback, Review, ReviewSkip):
        result = await session.execute(
            delete(model)
            .where(model.query_id.in_(ids))
            .execution_options(synchronize_session=False)
        )
        deleted += rowcount(result)
    result = await session.execute(
        delete(Query).where(where).execution_options(synchronize_session=False)
    )
    return deleted + rowcount(result)


async def forget(session: AsyncSession, user_hash: str) -> int:
    """Delete a user's queries, everything about them, the user's ratings and private chat."""
    deleted = await _delete_queries(session, Query.user_hash == user_hash)
    result = await session.execute(
        delete(Feedback)
        .where(Feedback.user_hash == user_hash)
        .execution_options(synchronize_session=False)
    )
    deleted += rowcount(result)
    # In Telegram a private chat's id is the user's id, so its hash is the same.
    result = await session.execute(
        delete(Chat)
        .where(Chat.chat_hash == user_hash, Chat.chat_type == "private")
        .execution_options(synchronize_session=False)
    )
    return deleted + rowcount(result)


async def purge(session: AsyncSession, cutoff: datetime) -> int:
    """Delete queries logged before ``cutoff`` with their feedback, reviews and skips."""
    return await _delete_queries(session, Query.created_at < cutoff)
