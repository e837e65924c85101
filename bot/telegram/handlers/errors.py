"""The error handler: log first (secrets are redacted by :mod:`bot.redaction`), then tell the user.

The notice always carries the emergency number: if the failed message was an
emergency, the person must not be left with silence.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Conflict, NetworkError

from bot import ui_text as w
from bot.i18n import gettext_for, ui_language
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import cached_country, emergency_number

log = logging.getLogger(__name__)
MAX_ALERT = 200


async def on_error(update: object, context: BotContext) -> None:
    """Log the exception with the update id only (never the user's text), then reply briefly."""
    update_id = update.update_id if isinstance(update, Update) else None
    if update is None and isinstance(context.error, NetworkError | Conflict):
        # Polling trouble (a Telegram 5xx, a network blip, another instance polling):
        # PTB retries by itself, so one line, not a traceback per failed poll.
        error = context.error
        log.warning("polling failed (%s: %s); retrying", type(error).__name__, error)
        return
    log.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    user = update.effective_user
    # No storage here (it may be what failed): the person's own Telegram language.
    lang = ui_language(None, user.language_code if user else None)
    number = emergency_number(context, cached_country(context, chat.id if chat else None), lang)
    notice = w.fill(gettext_for(lang)(w.ERROR_REPLY), number=number)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(notice[:MAX_ALERT], show_alert=True)
            return
        except Exception:  # already answered or too old: fall back to a message
            pass
    message = update.effective_message
    if message is None or update.inline_query is not None:
        return
    try:
        await message.reply_html(notice)
    except Exception:  # the API may be the thing that is failing; the log has the cause
        log.warning("could not tell the user about the error in update %s", update_id)
