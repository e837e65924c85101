"""Who may moderate, and the alerts moderators get about emergency answers rated not helpful.

Moderators are the Telegram user ids in ``MODERATOR_IDS``. Every moderator
command *and every moderator button* goes through :func:`moderators_only`:
callback data is client-controlled, so a button proves nothing about who
pressed it. Everyone else gets a polite refusal and no data.

Alerts are rate limited per moderator (:class:`AlertLimiter`): at most one
notice per :data:`ALERT_INTERVAL_S`; the next notice says how many were held
back meanwhile. The queue itself (``/review``) always has them all.

Sending the alerts is :mod:`bot.handlers.alerts`.

Exports: :func:`is_moderator`, :func:`moderators_only`, :class:`AlertLimiter`,
:func:`needs_alert`.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.constants import ChatType

from bot.settings import Settings
from matcher import wording as w
from matcher.corpus import Corpus
from storage.records import QueryRow

if TYPE_CHECKING:
    from bot.context import BotContext

log = logging.getLogger(__name__)
ALERT_INTERVAL_S = 10 * 60
Handler = Callable[[Update, "BotContext"], Coroutine[Any, Any, None]]


def is_moderator(settings: Settings, user_id: int | None) -> bool:
    """True only for a user listed in ``MODERATOR_IDS``."""
    return user_id is not None and user_id in settings.moderator_ids


async def _refuse(update: Update, notice: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(notice)
    elif update.effective_message is not None:
        await update.effective_message.reply_html(notice)


def moderators_only(handler: Handler) -> Handler:
    """Run ``handler`` for moderators in a private chat; refuse everyone else politely.

    Non-moderators learn nothing beyond the refusal. Moderators in a group are
    asked to use a private chat, so queue items and figures never reach a group.
    """

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> None:
        user = update.effective_user
        if not is_moderator(context.services.settings, user.id if user else None):
            log.info("refused a moderator action from a non-moderator")
            await _refuse(update, w.MOD_ONLY)
            return
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await _refuse(update, w.MOD_PRIVATE_ONLY)
            return
        await handler(update, context)

    return guarded


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
