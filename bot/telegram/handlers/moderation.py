"""Moderator commands besides the queue: ``/stats`` and ``/reload``.

Both are wrapped in :func:`bot.telegram.handlers.access.moderators_only` (moderators, in a
private chat). ``/stats`` shows the figures of ``firstaid stats``; ``/reload``
switches the running bot to the promoted model (:mod:`bot.reload`).
"""

from __future__ import annotations

from telegram import Update

from bot import ui_text as w
from bot.reload import ReloadError
from bot.telegram.context import BotContext
from bot.telegram.handlers.access import moderators_only
from storage.records import Stats

DEFAULT_DAYS = 7
MAX_DAYS = 90  # one line per day would not fit a message much beyond this


def _pct(value: float | None) -> str:
    # Same rendering as `firstaid stats`, so the two can be compared by eye.
    return "n/a" if value is None else f"{value:.1%}"


def stats_text(stats: Stats) -> str:
    """The figures of ``firstaid stats`` as a short message."""
    per_day = " · ".join(f"{d.day:%m-%d} {d.queries}" for d in stats.per_day)
    top = ", ".join(f"{topic} {count}" for topic, count in stats.top_topics) or w.STATS_NONE
    return "\n".join(
        [
            w.fill(w.STATS_TITLE, days=stats.days),
            w.fill(w.STATS_QUERIES, total=stats.total, emergencies=stats.emergencies),
            w.fill(w.STATS_FEEDBACK, rated=stats.feedback, helpful=_pct(stats.helpful_rate)),
            w.fill(
                w.STATS_RATES,
                oos=_pct(stats.oos_rate),
                low=_pct(stats.low_confidence_share),
                unanswered=_pct(stats.unanswered_share),
            ),
            w.fill(w.STATS_REVIEWED, reviewed=stats.reviewed),
            w.fill(w.STATS_PER_DAY, days=per_day),
            w.fill(w.STATS_TOP, topics=top),
        ]
    )


def _days(args: list[str] | None) -> int | None:
    if not args:
        return DEFAULT_DAYS
    value = args[0]
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
        return None
    return int(value)


@moderators_only
async def on_stats(update: Update, context: BotContext) -> None:
    """``/stats [days]``: queries, emergencies, rates, reviews, per day and top topics."""
    message = update.effective_message
    if message is None:
        return
    days = _days(context.args)
    if days is None:
        await message.reply_html(w.fill(w.STATS_USAGE, max_days=MAX_DAYS))
        return
    await message.reply_html(stats_text(await context.services.store.stats(days)))


@moderators_only
async def on_reload(update: Update, context: BotContext) -> None:
    """Switch to the promoted model; messages meanwhile are answered by the old one."""
    message = update.effective_message
    if message is None:
        return
    progress = await message.reply_html(w.RELOAD_STARTED)
    services = context.services
    try:
        done = await services.reloader.reload(services.settings, services.answerer)
    except ReloadError as exc:
        text = w.fill(w.RELOAD_FAILED, version=services.matcher.model_version, reason=str(exc))
    else:
        if done.changed:
            text = w.fill(w.RELOAD_DONE, old=done.old, new=done.new, seconds=f"{done.seconds:.1f}")
        else:
            text = w.fill(w.RELOAD_SAME, version=done.new)
    await progress.edit_text(text)
