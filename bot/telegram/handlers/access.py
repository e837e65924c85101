"""The guard on every moderator command and button: :func:`moderators_only`.

Moderators are the Telegram user ids in ``MODERATOR_IDS``. Callback data is
client-controlled, so a button proves nothing about who pressed it: every
moderator handler is wrapped, and the list is checked on every update.
Everyone else gets a polite refusal and no data.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot import ui_text as w
from bot.alerts import is_moderator
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


async def _refuse(update: Update, notice: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(notice)
    elif update.effective_message is not None:
        await update.effective_message.reply_html(notice)


def moderators_only(handler: Handler) -> Handler:
    """Run ``handler`` for moderators in a private chat; refuse everyone else politely.

    Non-moderators learn nothing beyond the refusal. Moderators in a group are
    asked to use a private chat, so queue items and figures never reach a group.
    """

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> None:
        user = update.effective_user
        if not is_moderator(context.services.settings, user.id if user else None):
            log.info("refused a moderator action from a non-moderator")
            await _refuse(update, w.MOD_ONLY)
            return
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await _refuse(update, w.MOD_PRIVATE_ONLY)
            return
        await handler(update, context)

    return guarded
