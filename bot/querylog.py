"""Writing answers and ratings to storage, without ever costing the user the reply.

A failed write is logged and reported as ``None`` / ``False``: the answer still
goes out (without feedback buttons, which would need the query id). This is
the seam where a retrying, bounded write queue can go.
"""

from __future__ import annotations

import logging

from matcher import Answer
from storage.store import Store

log = logging.getLogger(__name__)
MAX_LOGGED_TEXT = 4096


async def log_answer(
    store: Store,
    *,
    chat_id: int,
    user_id: int,
    chat_type: str,
    text: str,
    reply: Answer,
    topic: str | None = None,
) -> int | None:
    """Log one answered message; the query id, or None when storage failed.

    ``topic`` overrides the matched topic (an inline result the user chose).
    """
    match = reply.match
    try:
        return await store.log_query(
            chat_id=chat_id,
            user_id=user_id,
            chat_type=chat_type,
            text=text[:MAX_LOGGED_TEXT],
            normalized=match.normalized[:MAX_LOGGED_TEXT],
            topic=topic if topic is not None else match.topic,
            score=match.score,
            alternatives=match.ranked,
            emergency=match.emergency,
            oos=match.oos,
            model_version=match.model_version,
            latency_ms=reply.latency_ms,
            low_confidence=match.low_confidence,
        )
    except Exception:
        log.exception("could not log a query; answering without feedback buttons")
        return None
