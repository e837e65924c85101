"""Background jobs: the heartbeat every 30 s and the daily retention purge."""

from __future__ import annotations

import logging

from bot import health
from bot.telegram.context import BotApp, BotContext

log = logging.getLogger(__name__)
PURGE_INTERVAL_S = 24 * 60 * 60
PURGE_FIRST_S = 60  # shortly after start, then daily


async def heartbeat(context: BotContext) -> None:
    """Beat only while updates can arrive (polling or the webhook server is up)."""
    updater = context.application.updater
    if updater is not None and not updater.running:
        return
    try:
        health.beat(context.services.settings.data_dir)
    except OSError:
        log.exception("could not write the heartbeat file")


async def purge(context: BotContext) -> None:
    """Delete logged queries older than ``RETENTION_DAYS``."""
    days = context.services.settings.retention_days
    try:
        removed = await context.services.store.purge(days)
    except Exception:
        log.exception("retention purge failed; it runs again tomorrow")
        return
    log.info("retention purge removed %d rows older than %d days", removed, days)


def schedule(app: BotApp) -> None:
    """Start both jobs on the application's job queue."""
    queue = app.job_queue
    if queue is None:  # the job-queue extra is a dependency, so this is a packaging bug
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    beat = health.INTERVAL_S
    queue.run_repeating(heartbeat, interval=beat, first=beat, name="heartbeat")
    queue.run_repeating(purge, interval=PURGE_INTERVAL_S, first=PURGE_FIRST_S, name="purge")
