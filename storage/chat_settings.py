"""The chat-settings half of ``Store``: free-form settings per chat, and the language
a chat chose with ``/language`` (kept in those settings, under ``lang``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.queries as queries
from storage.privacy import IdHasher

LANGUAGE_KEY = "lang"


class ChatSettings:
    """``Store`` provides the sessions, hasher and clock."""

    _writes: async_sessionmaker[AsyncSession]
    _reads: async_sessionmaker[AsyncSession]
    _hasher: IdHasher
    _clock: Callable[[], datetime]

    async def set_chat_settings(
        self, *, chat_id: int, chat_type: str, settings: Mapping[str, object]
    ) -> None:
        """Replace the chat's free-form settings (JSON-serialisable values)."""
        async with self._writes.begin() as session:
            await queries.save_chat(
                session,
                chat_hash=self._hasher.hash(chat_id),
                chat_type=chat_type,
                settings=settings,
                now=self._clock(),
            )

    async def get_chat_settings(self, chat_id: int) -> dict[str, Any]:
        """The chat's settings; empty when none were saved."""
        async with self._reads.begin() as session:
            chat = await queries.get_chat(session, self._hasher.hash(chat_id))
            return {} if chat is None else dict(chat.settings)

    async def set_chat_language(self, *, chat_id: int, chat_type: str, lang: str | None) -> None:
        """Remember the chat's language (a short code such as "es"); None: detect it."""
        if lang is not None and not (2 <= len(lang) <= 3 and lang.isascii() and lang.isalpha()):
            raise ValueError(f"a language is a two- or three-letter code, not {lang!r}")
        settings = await self.get_chat_settings(chat_id)
        settings.pop(LANGUAGE_KEY, None)
        if lang is not None:
            settings[LANGUAGE_KEY] = lang.lower()
        await self.set_chat_settings(chat_id=chat_id, chat_type=chat_type, settings=settings)

    async def get_chat_language(self, chat_id: int) -> str | None:
        """The language the chat chose, or None (detect each message's)."""
        value = (await self.get_chat_settings(chat_id)).get(LANGUAGE_KEY)
        return value if isinstance(value, str) else None
