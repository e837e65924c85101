"""Inline mode: ``@bot <text>`` in any chat offers the best three topics to share.

Telegram sends an inline query at almost every pause in typing, so queries
are not logged; the result the user actually sends is (``chosen_inline_result``
updates, enabled with BotFather's /setinlinefeedback). Results are in the
person's Telegram language where the bot has it (a topic not yet translated: English).
"""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.i18n import reply_gettext_for, ui_language
from bot.service import Asker, query_record
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import chat_country, corpus_for, topic_chunks
from matcher import Match, wording
from matcher.compose import chunk, emergency_lines, render, topic_blocks
from matcher.corpus import Corpus

MAX_RESULTS = 3
MAX_QUERY = 256  # Telegram's own limit on inline query text
CACHE_SECONDS = 60


def best_topics(match: Match) -> list[str]:
    """The matched topic, then the runners-up, without repeats."""
    ordered = ([match.topic] if match.topic else []) + match.ranked
    return list(dict.fromkeys(ordered))[:MAX_RESULTS]


def inline_message(
    corpus: Corpus, topic_id: str, country: str | None, full: list[str], lang: str = "en"
) -> str:
    """One message: the full reply when it fits, else emergency line, steps and disclaimer."""
    if len(full) == 1:
        return full[0]
    topic = corpus.topic(topic_id)
    contact = corpus.contact(country)
    urgent = topic.level == "call"
    head = [emergency_lines(contact, topic_id, "html", lang=lang)] if urgent else []
    disclaimer = render(
        reply_gettext_for(lang)(wording.DISCLAIMER), "html", number=contact.emergency[0]
    )
    return chunk([*head, topic_blocks(topic, "html", lang)[0], disclaimer])[0]


async def on_inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    text = query.query.strip()[:MAX_QUERY]
    if not text:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=True)
        return
    match = await context.services.answerer.match(text)
    wanted = ui_language(None, query.from_user.language_code)
    country = await chat_country(context, query.from_user.id)
    results = []
    for topic_id in best_topics(match):
        lang = wanted if topic_id in corpus_for(context, wanted).by_id else "en"
        corpus = corpus_for(context, lang)
        topic = corpus.topic(topic_id)
        full = topic_chunks(context, topic_id, country, lang)
        body = inline_message(corpus, topic_id, country, full, lang)
        results.append(
            InlineQueryResultArticle(
                id=topic_id,
                title=topic.title,
                description=topic.summary,
                input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML),
            )
        )
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


async def on_chosen(update: Update, context: BotContext) -> None:
    """Log the query behind a result the user sent, with the topic they chose."""
    chosen = update.chosen_inline_result
    if chosen is None or chosen.result_id not in context.services.corpus.by_id:
        return
    user_id = chosen.from_user.id
    text = chosen.query[:MAX_QUERY]
    reply = await context.services.answerer.answer(text, None)
    record = query_record(Asker(user_id, user_id, "inline"), text, reply, topic=chosen.result_id)
    await context.services.querylog.write(record)
