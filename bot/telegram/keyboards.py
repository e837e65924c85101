"""Inline keyboards; every payload goes through :mod:`bot.telegram.callback_data`."""

from __future__ import annotations

import math
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import ui_text as w
from bot.service import MAX_ALTERNATIVES
from bot.telegram import callback_data as cd
from matcher.corpus import Corpus

TOPICS_PER_PAGE = 8
MAX_BUTTON_TEXT = 48


def _button(text: str, action: cd.Action) -> InlineKeyboardButton:
    label = text if len(text) <= MAX_BUTTON_TEXT else text[: MAX_BUTTON_TEXT - 1] + "…"
    return InlineKeyboardButton(label, callback_data=cd.encode(action))


def _topic_buttons(
    corpus: Corpus, query_id: int, topic_ids: Sequence[str]
) -> list[list[InlineKeyboardButton]]:
    by_id = corpus.by_id
    return [[_button(by_id[t].title, cd.Pick(query_id, t))] for t in topic_ids if t in by_id]


def answer_keyboard(
    corpus: Corpus, query_id: int, *, suggestions: Sequence[str] = ()
) -> InlineKeyboardMarkup:
    """Under an answer: the suggested topics (unsure answers), then Helpful / Not helpful."""
    rows = _topic_buttons(corpus, query_id, suggestions)
    rows.append(
        [
            _button(w.BUTTON_HELPFUL, cd.Feedback(query_id, helpful=True)),
            _button(w.BUTTON_NOT_HELPFUL, cd.Feedback(query_id, helpful=False)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def alternatives_keyboard(
    corpus: Corpus, query_id: int, alternatives: Sequence[str]
) -> InlineKeyboardMarkup:
    """ "Which fits better?": the other candidate topics, then "None of these"."""
    rows = _topic_buttons(corpus, query_id, alternatives[:MAX_ALTERNATIVES])
    rows.append([_button(w.BUTTON_NONE, cd.Pick(query_id, None))])
    return InlineKeyboardMarkup(rows)


def page_count(corpus: Corpus) -> int:
    return max(1, math.ceil(len(corpus.topics) / TOPICS_PER_PAGE))


def topics_keyboard(corpus: Corpus, page: int) -> InlineKeyboardMarkup:
    """One page of topics (by title), with previous/next buttons; ``page`` starts at 0."""
    pages = page_count(corpus)
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PER_PAGE
    shown = w.sorted_topics(corpus)[start : start + TOPICS_PER_PAGE]
    rows = [[_button(t.title, cd.ShowTopic(t.id))] for t in shown]
    nav = []
    if page > 0:
        nav.append(_button(w.BUTTON_PREVIOUS, cd.TopicPage(page - 1)))
    if page < pages - 1:
        nav.append(_button(w.BUTTON_NEXT, cd.TopicPage(page + 1)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def forget_keyboard(user_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(w.BUTTON_FORGET, cd.Forget(user_id, confirm=True)),
                _button(w.BUTTON_CANCEL, cd.Forget(user_id, confirm=False)),
            ]
        ]
    )
