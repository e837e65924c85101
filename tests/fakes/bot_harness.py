"""Run the real bot ``Application`` inside a test's event loop, in the order PTB's
``run_polling`` / ``run_webhook`` use (initialize, post_init, updater, start; then the
reverse), without their signal handling and blocking loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.telegram.context import BotApp
from bot.telegram.runner import ALLOWED_UPDATES

POLL_TIMEOUT_S = 1


@asynccontextmanager
async def running(app: BotApp, *, webhook: dict[str, Any] | None = None) -> AsyncIterator[BotApp]:
    """Polling by default; ``webhook`` holds ``runner.webhook_options`` for webhook mode."""
    updater = app.updater
    assert updater is not None
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        if webhook is None:
            await updater.start_polling(
                poll_interval=0, timeout=POLL_TIMEOUT_S, allowed_updates=ALLOWED_UPDATES
            )
        else:
            await updater.start_webhook(**webhook, allowed_updates=ALLOWED_UPDATES)
        await app.start()
        try:
            yield app
        finally:
            if updater.running:
                await updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
