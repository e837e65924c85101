"""The typed ``CallbackContext`` every handler receives, and what ``bot_data`` holds.

Handlers read ``context.services`` (answerer, store, query log, countries,
settings; see :class:`bot.bootstrap.Services`) instead of casting ``bot_data``
entries; ``post_init`` fills it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.bootstrap import Services


@dataclass
class BotData:
    """Long-lived objects shared by all handlers (``application.bot_data``)."""

    services: Services | None = None


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """``CallbackContext`` with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:  # only before post_init or after post_shutdown
            raise RuntimeError("the bot's services are not started")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

BotApp = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[BotContext]
]
