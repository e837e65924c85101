"""Builds the python-telegram-bot ``Application``: API address, rate limits, lifecycle hooks.

``post_init`` opens the services (matcher, store), starts the matcher worker,
registers the command menu and the jobs; ``post_shutdown`` closes them again.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, cast

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults

from bot import health, jobs
from bot.bootstrap import Services, close_services, matcher_factory, open_services
from bot.context import CONTEXT_TYPES, BotApp
from bot.handlers import register
from bot.matching import MatchWorker
from bot.sending import RetryingRateLimiter
from bot.settings import ConfigError, Settings
from bot.transport import AiohttpRequest
from matcher import wording as w

log = logging.getLogger(__name__)
# Retries after a 429 (PTB retries only when this is >= 1).
RATE_LIMIT_RETRIES = 3
# Updates handled at once; matching itself goes in batches to the matcher
# process (bot/matching.py), so this mostly overlaps network and storage waits.
# It also caps throughput at CONCURRENT_UPDATES / latency (Little's law): with 64,
# 300 messages/s could not be carried once replies took over 213 ms, so a short
# pause became a queue in PTB's update queue that fed itself (load benchmark at
# 300/s: p99 236 to 705 ms over four runs, p50 34 to 154 ms). With 256 the cap
# binds only past 850 ms: p99 under 250 ms in 12 of 14 runs, p50 13 to 29 ms.
CONCURRENT_UPDATES = 256
# How long start-up waits for the matcher's child process before answering without it.
CHILD_START_TIMEOUT_S = 60.0
# Connections for sending. With PTB's default transport (httpx) the default of
# 256 made each send dearer as concurrency grew (httpcore checks every pooled
# connection on every request) and tipped a burst into a slow state. 16 carry
# 30 sends/s with room at Telegram's round-trip times; a send waits up to
# POOL_TIMEOUT_S for a free one rather than PTB's 1 s.
CONNECTIONS = 16
POOL_TIMEOUT_S = 10.0


def rate_limiter(messages_per_second: float) -> AIORateLimiter:
    """At most ``messages_per_second`` overall, spread evenly; 20/min per group (PTB default).

    A bucket of one message refilled at ``r`` per second lets through at most
    ``1 + r`` messages in any one-second window, so ``r = rate - 1`` keeps every
    window at the cap (a bucket of ``rate`` messages could send twice the cap in
    the first second). Replies are also retried through short outages
    (:mod:`bot.sending`).
    """
    refill = max(messages_per_second - 1, messages_per_second / 2)
    return RetryingRateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / refill,
        max_retries=RATE_LIMIT_RETRIES,
    )


def application_builder(
    settings: Settings, *, services: Services | None = None
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """A configured builder; tests add their own ``request`` before building."""
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
    api = settings.telegram_api_url

    async def post_init(app: BotApp) -> None:
        limiter = app.bot.rate_limiter
        if isinstance(limiter, RetryingRateLimiter):  # retries end soon once stopping
            limiter.stopping = lambda: not app.running
        opened = services or await open_services(settings, shared_cores=True)
        app.bot_data.services = opened
        # A child process rebuilds the model from settings: only for a matcher built
        # from settings, never for one passed in (tests, fakes).
        child = settings.match_process and opened.matcher_from_settings
        app.bot_data.worker = MatchWorker(
            opened.matcher, child=functools.partial(matcher_factory, settings) if child else None
        )
        app.bot_data.worker.start_child()
        # Take updates once the child answers (a couple of seconds), so a backlog
        # waiting at start is answered at full speed; without it the thread answers.
        await app.bot_data.worker.child_ready(CHILD_START_TIMEOUT_S)
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in w.COMMANDS])
        except TelegramError:  # the menu is a convenience; answering matters more
            log.warning("could not register the command menu with Telegram")
        jobs.schedule(app)
        health.beat(settings.data_dir)

    async def post_shutdown(app: BotApp) -> None:
        if app.bot_data.worker is not None:
            app.bot_data.worker.close()
        if app.bot_data.services is not None:
            await close_services(app.bot_data.services)
        health.clear(settings.data_dir)

    return (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(rate_limiter(settings.telegram_rate_limit))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )


def finish(app: object) -> BotApp:
    """Register the handlers on a built application."""
    # The builder does not carry the context type over to the job queue's type.
    bot_app = cast(BotApp, app)
    register(bot_app)
    return bot_app


def build_application(settings: Settings, *, services: Services | None = None) -> BotApp:
    """The bot for ``settings``; ``services`` (tests) replaces the matcher and store it opens."""
    builder = application_builder(settings, services=services)
    # Only here, not in ``application_builder``: the tests give the builder their
    # own in-memory ``request``. getUpdates gets its own connection, as in PTB.
    builder = builder.request(
        AiohttpRequest(connections=CONNECTIONS, pool_timeout=POOL_TIMEOUT_S)
    ).get_updates_request(AiohttpRequest(connections=1))
    return finish(builder.build())
