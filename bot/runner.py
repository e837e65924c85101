"""``firstaid run``: polling by default, a webhook server with a secret token when configured."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from telegram import Update

from bot import logs
from bot.application import build_application
from bot.reload import reload_on_sighup
from bot.settings import ConfigError, Settings

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
    logs.protect([secret])
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
    }


def run(settings: Settings) -> None:
    """Run the bot until SIGINT/SIGTERM; blocks."""
    token = settings.telegram_bot_token
    logs.configure(settings.log_level, [token.get_secret_value() if token else None])
    app = build_application(settings)
    reload_on_sighup(app)  # SIGHUP: switch to the promoted model without stopping
    if settings.run_mode == "webhook":
        app.run_webhook(
            **webhook_options(settings),
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
    else:
        app.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            timeout=POLL_TIMEOUT_S,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
