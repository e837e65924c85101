"""``/topics``: browse every topic, a page at a time; a tap sends the instructions."""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import ui_text as w
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import chat_country, refuse, send_chunks, topic_chunks
from bot.telegram.keyboards import page_count, topics_keyboard


def _header(context: BotContext, page: int) -> str:
    return w.fill(w.TOPICS_HEADER, page=page + 1, pages=page_count(context.services.corpus))


async def on_topics(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    markup = topics_keyboard(context.services.corpus, 0)
    await message.reply_html(_header(context, 0), reply_markup=markup)


async def on_page(update: Update, context: BotContext) -> None:
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.TopicPage):  # empty data also reaches this handler
        await refuse(query)
        return
    corpus = context.services.corpus
    if action.page >= page_count(corpus) or not isinstance(query.message, Message):
        await refuse(query)
        return
    await query.answer()
    with contextlib.suppress(BadRequest):  # a double tap: "message is not modified"
        await query.message.edit_text(
            _header(context, action.page), reply_markup=topics_keyboard(corpus, action.page)
        )


async def on_show_topic(update: Update, context: BotContext) -> None:
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.ShowTopic):  # empty data also reaches this handler
        await refuse(query)
        return
    message = query.message
    if action.topic not in context.services.corpus.by_id or not isinstance(message, Message):
        await refuse(query)
        return
    await query.answer()
    country = await chat_country(context, message.chat.id)
    await send_chunks(message, topic_chunks(context, action.topic, country), quote=False)
