"""The first message of an answer and the views one tap away from it.

An answer is sent as its short first message (:mod:`matcher.first`) with
buttons: "Next step" edits the message to one step at a time (Back / Next /
All), the sections (do not, get help, sources) replace it the same way, "All
steps" sends the full reply, "Child" / "Baby" switch the audience. Anyone in
the chat may tap them: in a group the person helping is often not the one who
asked.

Everything is in the answer's language (``Reply.lang``): the first message, its
buttons, and the views behind them, which the buttons' data carries.
"""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardButton, Message, Update
from telegram.error import BadRequest

from bot.service import Reply
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import (
    chat_country,
    checked_language,
    corpus_for,
    refuse,
    send_chunks,
    topic_chunks,
)
from bot.telegram.keyboards import (
    answer_keyboard,
    first_keyboard,
    kept_rows,
    section_keyboard,
    step_keyboard,
)
from matcher.compose import country_known
from matcher.corpus import Audience, Topic
from matcher.first import (
    ALL_AUDIENCES,
    Section,
    has_own_steps,
    section_view,
    step_view,
    topic_first,
)

AUDIENCES: tuple[Audience, ...] = ("adult", "child", "baby")


def shown_audience(topic: Topic, audience: Audience | None) -> Audience:
    """The audience whose steps are shown: the one named, where its first aid differs."""
    if audience is not None and has_own_steps(topic, audience):
        return audience
    return "adult"


def other_audiences(topic: Topic, shown: Audience) -> list[Audience]:
    """The audiences one tap away: those with their own first aid, and back to adult."""
    return [a for a in AUDIENCES if a != shown and (a == "adult" or has_own_steps(topic, a))]


async def send_answer(message: Message, context: BotContext, reply: Reply) -> None:
    """The first message with its buttons; answers without a topic are sent whole."""
    answer = reply.answer
    lang = checked_language(reply.lang)
    corpus = corpus_for(context, lang)
    tail = None
    if reply.query_id is not None:
        tail = answer_keyboard(corpus, reply.query_id, suggestions=reply.suggestions, lang=lang)
    topic_id = answer.match.topic
    if topic_id is None or not answer.first_html or topic_id not in corpus.by_id:
        await send_chunks(message, answer.html_chunks, markup=tail)
        return
    topic = corpus.by_id[topic_id]
    shown = shown_audience(topic, answer.audience)
    # A message that names whom it is about gets their steps and no switch.
    others = other_audiences(topic, shown) if answer.audience is None else []
    markup = first_keyboard(
        topic,
        audience=shown,
        others=others,
        country_known=country_known(corpus.contact(reply.country)),
        tail=tail.inline_keyboard if tail else (),
        lang=lang,
    )
    await send_chunks(message, [answer.first_html], markup=markup)


async def on_view(update: Update, context: BotContext) -> None:
    """A tap on Next, Back, All steps, a section or an audience."""
    query = update.callback_query
    if query is None:
        return
    action = cd.parse(query.data)
    message = query.message
    if not isinstance(action, cd.View) or not isinstance(message, Message):
        await refuse(query)
        return
    lang = action.lang
    corpus = corpus_for(context, lang)
    if action.topic not in corpus.by_id:
        await refuse(query)
        return
    await query.answer()
    topic = corpus.by_id[action.topic]
    country = await chat_country(context, message.chat.id)
    if action.view == "all":
        chunks = topic_chunks(context, topic.id, country, lang)
        await send_chunks(message, chunks, quote=False)
        return
    contact = corpus.contact(country)
    known = country_known(contact)
    audience = shown_audience(topic, _audience(action.audience))
    tail: list[list[InlineKeyboardButton]] = kept_rows(message.reply_markup)
    if action.view == "step":
        text, total = step_view(
            topic, action.step, contact=contact, audience=audience, fmt="html", lang=lang
        )
        step = min(action.step, total)
        markup = step_keyboard(
            topic,
            audience=audience,
            step=step,
            total=total,
            country_known=known,
            tail=tail,
            lang=lang,
        )
    elif action.view == "first":
        urgent = topic.level == "call"
        text = topic_first(
            topic, contact=contact, audience=audience, urgent=urgent, fmt="html", lang=lang
        )
        others = other_audiences(topic, audience)
        markup = first_keyboard(
            topic, audience=audience, others=others, country_known=known, tail=tail, lang=lang
        )
    else:
        section = _section(action.view)
        text = section_view(topic, section, contact=contact, fmt="html", lang=lang)
        markup = section_keyboard(topic, audience=audience, tail=tail, lang=lang)
    with contextlib.suppress(BadRequest):  # a double tap: "message is not modified"
        await message.edit_text(text, reply_markup=markup, disable_web_page_preview=True)


def _audience(name: str) -> Audience:
    for audience in ALL_AUDIENCES:
        if audience == name:
            return audience
    return "adult"


def _section(view: str) -> Section:
    if view == "get_help":
        return "get_help"
    if view == "sources":
        return "sources"
    return "do_not"
