"""``/topics``: browse every topic, a page at a time; a tap sends the instructions.

The list is in the chat's language (that language's topics); its buttons carry it.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import ui_text as w
from bot.i18n import gettext_for
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import (
    chat_country,
    corpus_for,
    refuse,
    send_chunks,
    topic_chunks,
    update_language,
)
from bot.telegram.keyboards import page_count, topics_keyboard


def _header(context: BotContext, page: int, lang: str) -> str:
    pages = page_count(corpus_for(context, lang))
    return w.fill(gettext_for(lang)(w.TOPICS_HEADER), page=page + 1, pages=pages)


async def on_topics(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    lang = await update_language(update, context)
    markup = topics_keyboard(corpus_for(context, lang), 0, lang)
    await message.reply_html(_header(context, 0, lang), reply_markup=markup)


async def on_page(update: Update, context: BotContext) -> None:
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.TopicPage):  # empty data also reaches this handler
        await refuse(query)
        return
    lang = action.lang
    corpus = corpus_for(context, lang)
    if action.page >= page_count(corpus) or not isinstance(query.message, Message):
        await refuse(query)
        return
    await query.answer()
    markup = topics_keyboard(corpus, action.page, lang)
    with contextlib.suppress(BadRequest):  # a double tap: "message is not modified"
        await query.message.edit_text(_header(context, action.page, lang), reply_markup=markup)


async def on_show_topic(update: Update, context: BotContext) -> None:
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.ShowTopic):  # empty data also reaches this handler
        await refuse(query)
        return
    message = query.message
    lang = action.lang
    if action.topic not in corpus_for(context, lang).by_id or not isinstance(message, Message):
        await refuse(query)
        return
    await query.answer()
    country = await chat_country(context, message.chat.id)
    chunks = topic_chunks(context, action.topic, country, lang)
    await send_chunks(message, chunks, quote=False)
