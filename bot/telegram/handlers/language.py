"""``/language``: the chat's language (English, Español) or automatic.

The choice is stored per chat (``Languages.choose``: storage, then the
detector's cache) and used for the
bot's own messages; answers follow each message's language unless the chat
chose one (:func:`bot.service.answer_question` reads the choice). Automatic
(stored as None): the person's Telegram language for the bot's messages. In
groups only admins choose, as for the country.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import ui_text as w
from bot.i18n import gettext_for, ui_language
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import (
    chat_language,
    may_set_country,
    refuse,
    update_language,
)
from bot.telegram.keyboards import language_keyboard


async def on_language(update: Update, context: BotContext) -> None:
    """The choices, in the chat's current language."""
    message = update.effective_message
    if message is None:
        return
    lang = await update_language(update, context)
    markup = language_keyboard(lang)
    await message.reply_html(gettext_for(lang)(w.LANGUAGE_ASK), reply_markup=markup)


async def on_set_language(update: Update, context: BotContext) -> None:
    """A language button: store the choice and confirm it in the chosen language."""
    query = update.callback_query
    if query is None:
        return
    action = cd.parse(query.data)
    message = query.message
    if not isinstance(action, cd.SetLanguage) or not isinstance(message, Message):
        await refuse(query)
        return
    user = query.from_user
    if not await may_set_country(context, message.chat, user.id):
        lang = await chat_language(context, message.chat.id, user)
        await query.answer(gettext_for(lang)(w.LANGUAGE_ADMINS_ONLY))
        return
    await context.services.languages.choose(
        chat_id=message.chat.id, chat_type=message.chat.type, lang=action.lang
    )
    await query.answer()
    _ = gettext_for(ui_language(action.lang, user.language_code))
    text = _(w.LANGUAGE_SET[action.lang]) if action.lang else _(w.LANGUAGE_AUTO_SET)
    with contextlib.suppress(BadRequest):  # a double tap: "message is not modified"
        await message.edit_text(text, reply_markup=None)
