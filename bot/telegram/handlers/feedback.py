"""The buttons under an answer: Helpful, Not helpful, a picked topic, None of these.

Every payload is re-validated against storage: the query must exist, a picked
topic must be one that was offered, and only the person who asked may rate
(storage enforces that; we surface its refusal). Anything else gets a short
notice and changes nothing. Everything is in the answer's language, which the
buttons' data carries.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update

from bot import ui_text as w
from bot.i18n import gettext_for
from bot.service import alternatives
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.alerts import schedule_alert
from bot.telegram.handlers.common import (
    chat_country,
    corpus_for,
    drop_markup,
    emergency_number,
    refuse,
    send_chunks,
    topic_chunks,
)
from bot.telegram.keyboards import alternatives_keyboard
from storage.records import QueryRow


def _message(query: CallbackQuery) -> Message | None:
    return query.message if isinstance(query.message, Message) else None


async def _query_row(context: BotContext, query_id: int) -> QueryRow | None:
    return await context.services.store.get_query(query_id)


async def on_feedback(update: Update, context: BotContext) -> None:
    """Helpful / Not helpful. "Not helpful" follows up with "Which fits better?"."""
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.Feedback):  # empty data also reaches this handler
        await refuse(query)
        return
    row = await _query_row(context, action.query_id)
    if row is None:
        await refuse(query)
        return
    _ = gettext_for(action.lang)
    saved = await context.services.store.record_feedback(
        query_id=action.query_id, user_id=query.from_user.id, helpful=action.helpful
    )
    if not saved:
        await query.answer(_(w.CALLBACK_NOT_YOURS))
        return
    await query.answer(_(w.THANKS))
    if not action.helpful:
        schedule_alert(context, row)  # moderators hear of emergency answers that failed
    message = _message(query)
    await drop_markup(message)
    if action.helpful or message is None:
        return
    others = alternatives(row.alternatives, row.topic)
    if others:
        corpus = corpus_for(context, action.lang)
        markup = alternatives_keyboard(corpus, row.id, others, action.lang)
        await message.reply_html(_(w.WHICH_FITS), reply_markup=markup, do_quote=False)
    else:
        await _none_fits(context, message, action.lang)


async def on_pick(update: Update, context: BotContext) -> None:
    """A topic chosen for an answer (or "None of these"): logged, then that topic is sent."""
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.Pick):  # empty data also reaches this handler
        await refuse(query)
        return
    row = await _query_row(context, action.query_id)
    if row is None or (action.topic is not None and action.topic not in row.alternatives):
        await refuse(query)
        return
    saved = await context.services.store.record_feedback(
        query_id=action.query_id,
        user_id=query.from_user.id,
        helpful=False,
        picked_topic=action.topic,
    )
    _ = gettext_for(action.lang)
    if not saved:
        await query.answer(_(w.CALLBACK_NOT_YOURS))
        return
    await query.answer(_(w.THANKS))
    message = _message(query)
    await drop_markup(message)
    if message is None:
        return
    if action.topic is None:
        await _none_fits(context, message, action.lang)
        return
    country = await chat_country(context, message.chat.id)
    chunks = topic_chunks(context, action.topic, country, action.lang)
    await send_chunks(message, chunks, quote=False)


async def _none_fits(context: BotContext, message: Message, lang: str) -> None:
    country = await chat_country(context, message.chat.id)
    number = emergency_number(context, country, lang)
    text = w.fill(gettext_for(lang)(w.NONE_FITS), number=number)
    await message.reply_html(text, do_quote=False)


async def on_unknown(update: Update, context: BotContext) -> None:
    """Callback data no handler accepts: forged, oversized or from an old version."""
    if update.callback_query is not None:
        await refuse(update.callback_query)
