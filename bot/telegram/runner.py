"""``firstaid run``: polling by default, a webhook server with a secret token when configured."""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from bot import redaction
from bot.bootstrap import open_services
from bot.settings import ConfigError, Settings
from bot.telegram.application import build_application

# Only what the handlers use; Telegram then does not send the rest at all.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.CHOSEN_INLINE_RESULT,
]
POLL_TIMEOUT_S = 10
BOOTSTRAP_RETRIES = 5
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments for ``Updater.start_webhook`` / ``Application.run_webhook``.

    The local path is the path of ``WEBHOOK_URL`` (a reverse proxy forwards it
    unchanged). Without ``WEBHOOK_SECRET`` a random one is made for this run:
    Telegram learns it from setWebhook at every start, so it need not persist.
    """
    if not settings.webhook_url:
        raise ConfigError(
            "RUN_MODE=webhook needs WEBHOOK_URL, the public https address Telegram posts to"
        )
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not secret:
        secret = secrets.token_urlsafe(32)
    if not _SECRET_TOKEN.match(secret):
        raise ConfigError("WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (1-256 characters)")
    redaction.protect([secret])
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
    }


def run(settings: Settings) -> None:
    """Run the bot until SIGINT/SIGTERM; blocks.

    The data folder, database and model are opened first, before Telegram is
    contacted: a fault there is a :class:`ConfigError` and the bot never starts
    polling. SIGINT/SIGTERM stop taking updates, finish the ones in flight
    (answered and logged), confirm them to Telegram and flush the query log.
    """
    token = settings.telegram_bot_token
    redaction.configure(settings.log_level, [token.get_secret_value() if token else None])
    # PTB runs on the current event loop; the services must be opened on that same loop.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        options = webhook_options(settings) if settings.run_mode == "webhook" else None
        # The bot's cores are shared with its event loop: no busy-waiting encoder.
        services = loop.run_until_complete(open_services(settings, shared_cores=True))
    except BaseException:
        loop.close()
        raise
    app = build_application(settings, services=services, serving=True)
    app.bot_data.services = services  # closed by post_shutdown even if start-up fails
    try:
        if options is not None:
            app.run_webhook(
                **options, allowed_updates=ALLOWED_UPDATES, bootstrap_retries=BOOTSTRAP_RETRIES
            )
        else:
            app.run_polling(
                allowed_updates=ALLOWED_UPDATES,
                timeout=POLL_TIMEOUT_S,
                bootstrap_retries=BOOTSTRAP_RETRIES,
            )
    except InvalidToken as exc:
        raise ConfigError(
            "Telegram refused TELEGRAM_BOT_TOKEN; copy it again from @BotFather"
        ) from exc
    except TelegramError as exc:
        raise ConfigError(
            f"cannot reach the Telegram Bot API at {settings.telegram_api_url} "
            f"({type(exc).__name__}: {exc}); check the network, a proxy or TELEGRAM_API_URL"
        ) from exc
