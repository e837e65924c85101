"""The application's update processor: PTB's plain one, measuring waits.

``firstaid health`` fails when updates wait longer than ``HEALTH_MAX_WAIT_S``
to be handled (:mod:`bot.health`); admission control (:mod:`bot.telegram.admission`)
asks which updates hold one of the update slots.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import SimpleUpdateProcessor

from bot import health

# A measured wait counts for the health check this long after it was seen.
WAIT_MEMORY_S = 120.0


class MonitoredProcessor(SimpleUpdateProcessor):
    """PTB's plain update processor, measuring how long updates wait to be handled.

    Two signs of waiting: a message handled long after Telegram received it,
    and every update slot busy for a long time (then nothing new starts, so the
    first sign cannot show).
    """

    def __init__(
        self, max_concurrent_updates: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.clock = clock
        self.active = 0
        self.in_slots: set[int] = set()
        self.full_since: float | None = None
        self.last_wait = 0.0
        self.last_wait_at = -WAIT_MEMORY_S
        health.set_wait_probe(self.worst_wait)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        self._note_wait(update)
        self.active += 1
        if self.active >= self.max_concurrent_updates and self.full_since is None:
            self.full_since = self.clock()
        key = update.update_id if isinstance(update, Update) else None
        if key is not None:
            self.in_slots.add(key)
        try:
            await coroutine
        finally:
            if key is not None:
                self.in_slots.discard(key)
            self.active -= 1
            if self.active < self.max_concurrent_updates:
                self.full_since = None

    def holds(self, update: Update) -> bool:
        """True while ``update`` is handled in one of this processor's slots."""
        return update.update_id in self.in_slots

    def _note_wait(self, update: object) -> None:
        message = update.message if isinstance(update, Update) else None
        if message is None or message.date is None:
            return
        # Telegram stamps messages in whole seconds: a second of waiting is noise.
        self.last_wait = max(time.time() - message.date.timestamp() - 1.0, 0.0)
        self.last_wait_at = self.clock()

    def worst_wait(self) -> float:
        """Seconds updates have been waiting lately (0 when they are handled at once)."""
        now = self.clock()
        waits = [0.0]
        if now - self.last_wait_at < WAIT_MEMORY_S:
            waits.append(self.last_wait)
        if self.full_since is not None:
            waits.append(now - self.full_since)
        return max(waits)
