"""An in-memory stand-in for ``storage.Store`` with the same rules the bot relies on.

Ids are "hashed" with a visible prefix so tests can see hashing happened; only
the asking user may rate a query, like the real store. ``broken = True`` makes
every call raise, for the "storage down" paths.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from storage.records import FeedbackRow, QueryRecord, QueryRow


class StoreDown(RuntimeError):
    pass


def fake_hash(raw: int) -> str:
    return f"h{raw}"


class FakeStore:
    def __init__(self) -> None:
        self.queries: dict[int, QueryRow] = {}
        self.feedback: dict[int, FeedbackRow] = {}
        self.countries: dict[str, str | None] = {}
        self.languages: dict[str, str] = {}
        self.broken = False
        self.closed = False
        self.purged: list[int] = []

    def _check(self) -> None:
        if self.broken:
            raise StoreDown("database is locked")

    async def log_query(self, record: QueryRecord) -> int:
        self._check()
        values = dataclasses.asdict(record)
        query_id = len(self.queries) + 1
        self.queries[query_id] = QueryRow(
            id=query_id,
            created_at=datetime.now(UTC),
            chat_hash=fake_hash(values.pop("chat_id")),
            user_hash=fake_hash(values.pop("user_id")),
            alternatives=tuple(values.pop("alternatives")),
            low_confidence=values.pop("low_confidence", False),
            **values,
        )
        return query_id

    async def get_query(self, query_id: int) -> QueryRow | None:
        self._check()
        return self.queries.get(query_id)

    async def record_feedback(
        self, *, query_id: int, user_id: int, helpful: bool, picked_topic: str | None = None
    ) -> bool:
        self._check()
        row = self.queries.get(query_id)
        if row is None or row.user_hash != fake_hash(user_id):
            return False
        self.feedback[query_id] = FeedbackRow(
            query_id, row.user_hash, helpful, picked_topic, datetime.now(UTC)
        )
        return True

    async def set_chat_country(self, *, chat_id: int, chat_type: str, country: str | None) -> None:
        self._check()
        self.countries[fake_hash(chat_id)] = country

    async def get_chat_country(self, chat_id: int) -> str | None:
        self._check()
        return self.countries.get(fake_hash(chat_id))

    async def set_chat_language(self, *, chat_id: int, chat_type: str, lang: str | None) -> None:
        self._check()
        if lang is None:
            self.languages.pop(fake_hash(chat_id), None)
        else:
            self.languages[fake_hash(chat_id)] = lang

    async def get_chat_language(self, chat_id: int) -> str | None:
        self._check()
        return self.languages.get(fake_hash(chat_id))

    async def forget_user(self, user_id: int) -> int:
        self._check()
        mine = [q for q, row in self.queries.items() if row.user_hash == fake_hash(user_id)]
        for query_id in mine:
            del self.queries[query_id]
        dropped = sum(self.feedback.pop(q, None) is not None for q in mine)
        return len(mine) + dropped

    async def purge(self, days: int) -> int:
        self._check()
        self.purged.append(days)
        return 0

    async def close(self) -> None:
        self.closed = True
