"""The typed ``CallbackContext`` every handler receives, and what ``bot_data`` holds.

Handlers read ``context.services`` (matcher worker, store, corpus, settings)
instead of casting ``bot_data`` entries; ``post_init`` fills it once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.bootstrap import Services
from bot.matching import MatchWorker
from bot.moderation import AlertLimiter
from bot.reload import Reloader


@dataclass
class BotData:
    """Long-lived objects shared by all handlers (``application.bot_data``)."""

    services: Services | None = None
    worker: MatchWorker | None = None
    # Chat id -> chosen country (None: never chose). Read-through cache of storage.
    countries: dict[int, str | None] = field(default_factory=dict)
    # Moderation (bot/moderation.py, bot/reload.py): alert rate limits, model reloads.
    alerts: AlertLimiter = field(default_factory=AlertLimiter)
    reloader: Reloader = field(default_factory=Reloader)


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """``CallbackContext`` with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:  # only before post_init or after post_shutdown
            raise RuntimeError("the bot's services are not started")
        return services

    @property
    def worker(self) -> MatchWorker:
        worker = self.bot_data.worker
        if worker is None:
            raise RuntimeError("the matcher worker is not started")
        return worker


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

BotApp = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[BotContext]
]
