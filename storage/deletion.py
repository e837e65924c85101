"""The deletion half of ``Store``: ``/forget``, the retention purge, and the hooks that
let copies held outside the database (the bot's retry queue, model folders) follow."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.retention as retention
from storage.privacy import IdHasher

log = logging.getLogger(__name__)
BeforeForget = Callable[[int], Awaitable[object]]
AfterDelete = Callable[[], Awaitable[object]]


class Deletion:
    """``forget_user`` and ``purge``; ``Store`` provides the sessions, hasher and clock."""

    _writes: async_sessionmaker[AsyncSession]
    _hasher: IdHasher
    _clock: Callable[[], datetime]

    def _hooks(self) -> tuple[list[BeforeForget], list[AfterDelete]]:
        hooks: tuple[list[BeforeForget], list[AfterDelete]]
        hooks = vars(self).setdefault("_deletion_hooks", ([], []))
        return hooks

    def before_forget(self, hook: BeforeForget) -> None:
        """Call ``hook(user_id)`` before a user's rows are deleted (e.g. drop queued writes)."""
        self._hooks()[0].append(hook)

    def after_delete(self, hook: AfterDelete) -> None:
        """Call ``hook()`` after a forget or purge deleted rows (e.g. rebuild derived copies)."""
        self._hooks()[1].append(hook)

    async def forget_user(self, user_id: int) -> int:
        """Delete the user's queries (with their ratings and reviews) and private chat.

        Returns the number of rows deleted across all tables. Hooks run around
        it; a failing hook is logged and never stops the deletion.
        """
        before, _ = self._hooks()
        for hook in before:
            await _run(hook(user_id))
        async with self._writes.begin() as session:
            deleted = await retention.forget(session, self._hasher.hash(user_id))
        await self._after(deleted)
        return deleted

    async def purge(self, days: int) -> int:
        """Delete queries older than ``days`` days and what hangs off them; returns rows deleted."""
        if days < 1:
            raise ValueError("days must be at least 1")
        async with self._writes.begin() as session:
            deleted = await retention.purge(session, self._clock() - timedelta(days=days))
        await self._after(deleted)
        return deleted

    async def _after(self, deleted: int) -> None:
        if deleted:
            for hook in self._hooks()[1]:
                await _run(hook())


async def _run(call: Awaitable[object]) -> None:
    try:
        await call
    except Exception:
        log.exception("a deletion hook failed; the rows were still deleted")
