"""Alerts to moderators when an emergency answer is rated not helpful (rate limited).

The feedback handler calls :func:`schedule_alert`; the notices go out in a
background task so the person who rated never waits for them.
"""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot import ui_text as w
from bot.alerts import needs_alert
from bot.telegram.context import BotContext
from matcher.corpus import Corpus
from storage.records import QueryRow

log = logging.getLogger(__name__)
MAX_ALERT_TEXT = 200


def alert_text(row: QueryRow, corpus: Corpus, held: int) -> str:
    """The notice for one not-helpful rating (HTML, values escaped)."""
    topic = corpus.by_id.get(row.topic) if row.topic else None
    excerpt = row.text if len(row.text) <= MAX_ALERT_TEXT else row.text[:MAX_ALERT_TEXT] + "…"
    text = w.fill(
        w.ALERT_NOT_HELPFUL,
        title=topic.title if topic else "-",
        score=f"{row.score:.2f}",
        text=excerpt,
    )
    return text + ("\n" + w.fill(w.ALERT_SUPPRESSED, count=held) if held else "")


async def send_alerts(context: BotContext, row: QueryRow) -> int:
    """Notify every moderator the limiter admits; returns how many notices went out.

    A moderator who never opened a chat with the bot (or blocked it) cannot be
    reached; that is logged and the others still get theirs.
    """
    corpus = context.services.corpus
    sent = 0
    for moderator in sorted(context.services.settings.moderator_ids):
        held = context.services.alerts.admit(moderator)
        if held is None:
            continue
        try:
            await context.bot.send_message(moderator, alert_text(row, corpus, held))
            sent += 1
        except TelegramError as exc:
            log.warning("could not alert a moderator: %s", exc.message)
    return sent


def schedule_alert(context: BotContext, row: QueryRow) -> None:
    """Alert moderators in the background when ``row`` needs it; the user's reply never waits."""
    services = context.services
    if services.settings.moderator_ids and needs_alert(row, services.corpus):
        context.application.create_task(send_alerts(context, row), name="moderator-alert")
