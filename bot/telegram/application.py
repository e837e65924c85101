"""Builds the python-telegram-bot ``Application``: API address, rate limits, lifecycle hooks.

The one ``post_init`` opens the services (unless given), starts the answerer,
registers the command menu (once per language), the jobs and (when serving)
the SIGHUP reload;
the one ``post_shutdown`` undoes them in reverse.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any, cast

from telegram import Bot, BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

from bot import health
from bot import ui_text as w
from bot.bootstrap import Services, close_services, open_services
from bot.i18n import FULL_LANGUAGES, gettext_for
from bot.reload import Reload, ReloadError
from bot.runtime import gc_freeze
from bot.settings import ConfigError, Settings
from bot.telegram import jobs
from bot.telegram.context import CONTEXT_TYPES, BotApp
from bot.telegram.handlers import register
from bot.telegram.limiter import RetryingRateLimiter
from bot.telegram.waits import MonitoredProcessor

log = logging.getLogger(__name__)
# Retries after a 429 (PTB retries only when this is >= 1).
RATE_LIMIT_RETRIES = 3
# Updates handled at once; matching and storage waits overlap. It also caps
# throughput at CONCURRENT_UPDATES / latency (Little's law): too few, and a short
# pause becomes a queue in PTB's update queue that feeds itself.
CONCURRENT_UPDATES = 256
# Connections for sending. httpx checks every pooled connection on every request,
# so PTB's default of 256 made each send dearer as concurrency grew; 16 carry
# Telegram's 30 sends/s with room. A send waits up to POOL_TIMEOUT_S for a free
# one rather than PTB's 1 s.
CONNECTIONS = 16
POOL_TIMEOUT_S = 10.0


def rate_limiter(messages_per_second: float) -> AIORateLimiter:
    """At most ``messages_per_second`` overall, spread evenly; 20/min per group (PTB default).

    A bucket of one message refilled at ``r`` per second lets through at most
    ``1 + r`` messages in any one-second window, so ``r = rate - 1`` keeps every
    window at the cap (a bucket of ``rate`` messages could send twice the cap in
    the first second). Replies are also retried through short outages
    (:mod:`bot.telegram.limiter`).
    """
    refill = max(messages_per_second - 1, messages_per_second / 2)
    return RetryingRateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / refill,
        max_retries=RATE_LIMIT_RETRIES,
    )


def application_builder(
    settings: Settings, *, services: Services | None = None, serving: bool = False
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """A configured builder; tests add their own ``request`` before building.

    ``serving`` (``firstaid run``, not tests): SIGHUP reloads the model and, with
    ``SPEEDUPS``, start-up objects are frozen out of the garbage collector.
    """
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
    api = settings.telegram_api_url
    sighup = getattr(signal, "SIGHUP", None) if serving else None

    async def post_init(app: BotApp) -> None:
        limiter = app.bot.rate_limiter
        if isinstance(limiter, RetryingRateLimiter):  # retries end soon once stopping
            limiter.stopping = lambda: not app.running
        opened = app.bot_data.services or services
        if opened is None:
            opened = await open_services(settings, shared_cores=True)
        app.bot_data.services = opened
        await opened.answerer.start()
        await set_command_menus(app.bot)
        jobs.schedule(app)
        if sighup is not None:
            _on_signal(sighup, lambda: app.create_task(reload_model(app)))
        health.beat(settings.data_dir)
        if serving and settings.speedups:
            gc_freeze.freeze_long_lived()  # last: everything built at start is in place

    async def post_shutdown(app: BotApp) -> None:
        if sighup is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().remove_signal_handler(sighup)
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
        .concurrent_updates(MonitoredProcessor(CONCURRENT_UPDATES))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )


async def set_command_menus(bot: Bot) -> None:
    """The command menu: English for everyone, then each other language for the people
    whose Telegram is set to it (``language_code``)."""
    for lang in FULL_LANGUAGES:
        _ = gettext_for(lang)
        commands = [BotCommand(c, _(d)) for c, d in w.COMMANDS]
        try:
            if lang == "en":
                await bot.set_my_commands(commands)
            else:
                await bot.set_my_commands(commands, language_code=lang)
        except TelegramError:  # the menu is a convenience; answering matters more
            log.warning("could not register the %s command menu with Telegram", lang)


def _on_signal(signum: int, callback: Any) -> None:
    try:
        asyncio.get_running_loop().add_signal_handler(signum, callback)
    except (NotImplementedError, RuntimeError, ValueError):  # Windows, not the main thread
        log.warning("SIGHUP cannot be handled here; use /reload to switch models")


async def reload_model(app: BotApp) -> Reload | None:
    """Serve the promoted model (SIGHUP); errors are logged by the reloader, None returned."""
    services = app.bot_data.services
    if services is None:
        log.warning("reload requested before the bot started; ignored")
        return None
    try:
        return await services.reloader.reload(services.settings, services.answerer)
    except ReloadError:
        return None


def finish(app: object) -> BotApp:
    """Register the handlers on a built application."""
    # The builder does not carry the context type over to the job queue's type.
    bot_app = cast(BotApp, app)
    register(bot_app)
    return bot_app


def build_application(
    settings: Settings, *, services: Services | None = None, serving: bool = False
) -> BotApp:
    """The bot for ``settings``; ``services`` (tests) replaces the matcher and store it opens.

    Bot API calls go through PTB's own httpx request class, or with ``SPEEDUPS``
    through aiohttp (:mod:`bot.telegram.transport`, a tenth of the CPU per call).
    getUpdates gets its own connection, as in PTB.
    """
    builder = application_builder(settings, services=services, serving=serving)
    if settings.speedups:
        from bot.telegram.transport import AiohttpRequest

        builder = builder.request(
            AiohttpRequest(connections=CONNECTIONS, pool_timeout=POOL_TIMEOUT_S)
        ).get_updates_request(AiohttpRequest(connections=1))
    else:
        builder = builder.request(
            HTTPXRequest(connection_pool_size=CONNECTIONS, pool_timeout=POOL_TIMEOUT_S)
        ).get_updates_request(HTTPXRequest(connection_pool_size=1))
    return finish(builder.build())
