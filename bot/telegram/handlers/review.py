"""``/review``: moderators work through the review queue, one item at a time.

Storage picks the item (priority order) and leases it to the moderator, so
two moderators never get the same item at once. A verdict is stored with
``record_review`` (the moderator id is hashed there) and the same message is
edited into the next item. Every handler here is wrapped in
:func:`bot.telegram.handlers.access.moderators_only`: a forged button from anyone else is
refused before any data is read.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import ui_text as w
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.access import moderators_only
from bot.telegram.handlers.common import refuse
from bot.telegram.handlers.review_view import item_keyboard, item_text, topics_keyboard
from bot.telegram.keyboards import page_count
from storage.records import QueryRow, Verdict

log = logging.getLogger(__name__)
# Button verdicts as storage names them; "skip" is absent on purpose (not a verdict).
VERDICTS: dict[str, Verdict] = {"correct": "correct", "oos": "oos", "unsafe": "unsafe"}


async def _next_view(
    context: BotContext, moderator_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    item = await context.services.store.next_for_review(moderator_id=moderator_id)
    if item is None:
        return w.REVIEW_EMPTY, None
    corpus = context.services.corpus
    return item_text(item, corpus), item_keyboard(item.query, item.feedback, corpus)


async def _show(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Turn the tapped message into ``text``; send a new message when it cannot be edited."""
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in exc.message:
                return
            log.info("could not edit a review message (%s); sending a new one", exc.message)
    await query.get_bot().send_message(query.from_user.id, text, reply_markup=markup)


async def _show_next(query: CallbackQuery, context: BotContext) -> None:
    text, markup = await _next_view(context, query.from_user.id)
    await _show(query, text, markup)


@moderators_only
async def on_review(update: Update, context: BotContext) -> None:
    """The next item of the queue (the same one again while its lease is this moderator's)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    text, markup = await _next_view(context, user.id)
    await message.reply_html(text, reply_markup=markup)


async def _row_or_next(query: CallbackQuery, context: BotContext, query_id: int) -> QueryRow | None:
    """The item's query; when it was deleted meanwhile, say so and show the next item."""
    row = await context.services.store.get_query(query_id)
    if row is None:
        await query.answer(w.REVIEW_GONE)
        await _show_next(query, context)
    return row


async def _taken(query: CallbackQuery, context: BotContext, query_id: int) -> bool:
    """True when another moderator already gave a verdict (that verdict is kept)."""
    store = context.services.store
    review = await store.get_review(query_id)
    return review is not None and review.moderator_hash != store.hasher.hash(query.from_user.id)


async def _save(
    query: CallbackQuery,
    context: BotContext,
    row: QueryRow,
    verdict: Verdict | None,
    corrected: str | None = None,
) -> None:
    """Store the verdict (None: skip), tell the moderator, show the next item."""
    store = context.services.store
    moderator = query.from_user.id
    if verdict is None:
        await store.skip_review(query_id=row.id, moderator_id=moderator)
        notice = w.REVIEW_SAVED["skip"]
    elif await _taken(query, context, row.id):
        notice = w.REVIEW_TAKEN
    elif not await store.record_review(
        query_id=row.id, moderator_id=moderator, verdict=verdict, corrected_topic=corrected
    ):
        notice = w.REVIEW_GONE  # deleted between reading and writing
    elif corrected is not None:
        notice = w.fill(w.REVIEW_SAVED_WRONG, title=context.services.corpus.by_id[corrected].title)
    else:
        notice = w.REVIEW_SAVED[verdict]
    await query.answer(notice)
    await _show_next(query, context)


@moderators_only
async def on_verdict(update: Update, context: BotContext) -> None:
    """Correct, out of scope, unsafe or skip; then the next item."""
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.ReviewVerdict):
        await refuse(query)
        return
    row = await _row_or_next(query, context, action.query_id)
    if row is None:
        return
    if action.verdict == "correct" and row.topic is None:
        await refuse(query)  # nothing was answered, so "correct" means nothing: forged
        return
    await _save(query, context, row, VERDICTS.get(action.verdict))


@moderators_only
async def on_correct(update: Update, context: BotContext) -> None:
    """The answer was wrong and this topic is right; then the next item."""
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if (
        not isinstance(action, cd.ReviewCorrect)
        or action.topic not in context.services.corpus.by_id
    ):
        await refuse(query)
        return
    row = await _row_or_next(query, context, action.query_id)
    if row is not None:
        await _save(query, context, row, "wrong", action.topic)


@moderators_only
async def on_page(update: Update, context: BotContext) -> None:
    """A page of every topic to pick the right one from, or back to the item's buttons."""
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    corpus = context.services.corpus
    if not isinstance(action, cd.ReviewPage) or (action.page or 0) >= page_count(corpus):
        await refuse(query)
        return
    row = await _row_or_next(query, context, action.query_id)
    if row is None:
        return
    if action.page is None:
        feedback = await context.services.store.get_feedback(row.id)
        asker = next((f for f in feedback if f.user_hash == row.user_hash), None)
        markup = item_keyboard(row, asker, corpus)
    else:
        markup = topics_keyboard(row.id, corpus, action.page)
    await query.answer()
    if isinstance(query.message, Message):
        with contextlib.suppress(BadRequest):  # a double tap: "message is not modified"
            await query.message.edit_reply_markup(reply_markup=markup)
