"""Who may moderate, and how often moderators are alerted about emergency answers rated
not helpful.

Alerts are rate limited per moderator (:class:`AlertLimiter`): at most one
notice per :data:`ALERT_INTERVAL_S`; the next notice says how many were held
back meanwhile. The review queue itself always has them all. Sending them is
:mod:`bot.telegram.handlers.alerts`; refusing non-moderators is
:mod:`bot.telegram.handlers.access`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.settings import Settings
from matcher.corpus import Corpus
from storage.records import QueryRow

ALERT_INTERVAL_S = 10 * 60


def is_moderator(settings: Settings, user_id: int | None) -> bool:
    """True only for a user listed in ``MODERATOR_IDS``."""
    return user_id is not None and user_id in settings.moderator_ids


@dataclass
class AlertLimiter:
    """At most one alert per moderator per ``interval_s``; counts what it holds back."""

    interval_s: float = ALERT_INTERVAL_S
    clock: Callable[[], float] = time.monotonic
    _last: dict[int, float] = field(default_factory=dict)
    _held: dict[int, int] = field(default_factory=dict)

    def admit(self, moderator_id: int) -> int | None:
        """None: hold this alert back (counted). Else send it; returns how many were held back."""
        now = self.clock()
        last = self._last.get(moderator_id)
        if last is not None and now - last < self.interval_s:
            self._held[moderator_id] = self._held.get(moderator_id, 0) + 1
            return None
        self._last[moderator_id] = now
        return self._held.pop(moderator_id, 0)


def needs_alert(row: QueryRow, corpus: Corpus) -> bool:
    """An emergency answer, or one on a ``call``-level topic."""
    topic = corpus.by_id.get(row.topic) if row.topic else None
    return row.emergency or (topic is not None and topic.level == "call")
