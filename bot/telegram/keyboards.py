"""Inline keyboards; every payload goes through :mod:`bot.telegram.callback_data`."""

from __future__ import annotations

import math
from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot import ui_text as w
from bot.service import MAX_ALTERNATIVES
from bot.telegram import callback_data as cd
from matcher.corpus import Corpus, Topic

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


# --- The first message and its views -------------------------------------------------

# Topics whose first aid may turn into CPR: the coach button goes under them.
COACH_TOPICS = frozenset({"cardiac-arrest", "drowning", "electric-shock"})
# Choking turns into CPR only if the person stops responding: the coach waits in
# the steps, not under a first message that a conscious person's helper reads.
COACH_IN_STEPS = COACH_TOPICS | {"choking", "choking-infant"}


def _view(topic: str, audience: str, view: str, step: int = 0) -> cd.View:
    return cd.View(topic, audience, view, step)


def kept_rows(markup: InlineKeyboardMarkup | None) -> list[list[InlineKeyboardButton]]:
    """The rows of ``markup`` that belong to the answer, not the view: topic picks, feedback."""
    if markup is None:
        return []
    kept = []
    for row in markup.inline_keyboard:
        actions = [cd.parse(b.callback_data) for b in row]
        if actions and all(isinstance(a, cd.Feedback | cd.Pick) for a in actions):
            kept.append(list(row))
    return kept


def first_keyboard(
    topic: Topic,
    *,
    audience: str,
    others: Sequence[str],
    country_known: bool,
    tail: Sequence[Sequence[InlineKeyboardButton]] = (),
) -> InlineKeyboardMarkup:
    """Under a first message: next step and all steps, the sections, the other audiences
    (``others``), the CPR coach, "Set my country" while none is known, then ``tail``."""
    tid = topic.id
    rows = [
        [
            _button(w.BUTTON_NEXT_STEP, _view(tid, audience, "step", 1)),
            _button(w.BUTTON_ALL_STEPS, _view(tid, audience, "all")),
        ],
        [
            _button(label, _view(tid, audience, section))
            for section, label in w.BUTTON_SECTIONS.items()
            if section != "do_not" or topic.do_not
        ],
    ]
    if others:
        rows.append([_button(w.BUTTON_AUDIENCE[a], _view(tid, a, "first")) for a in others])
    rows += _extras(tid, country_known)
    return InlineKeyboardMarkup([*rows, *(list(r) for r in tail)])


def _extras(
    topic_id: str, country_known: bool, coach: frozenset[str] = COACH_TOPICS
) -> list[list[InlineKeyboardButton]]:
    rows = []
    if topic_id in coach:
        rows.append([_button(w.BUTTON_COACH, cd.Coach(start=True))])
    if not country_known:
        rows.append([_button(w.BUTTON_SET_COUNTRY, cd.SetCountry(None))])
    return rows


def step_keyboard(
    topic: Topic,
    *,
    audience: str,
    step: int,
    total: int,
    country_known: bool,
    tail: Sequence[Sequence[InlineKeyboardButton]] = (),
) -> InlineKeyboardMarkup:
    """Back (the previous step, or the first message), Next while there is one, All."""
    tid = topic.id
    back = _view(tid, audience, "step", step - 1) if step > 1 else _view(tid, audience, "first")
    nav = [_button(w.BUTTON_BACK, back)]
    if step < total:
        nav.append(_button(w.BUTTON_NEXT_STEP, _view(tid, audience, "step", step + 1)))
    nav.append(_button(w.BUTTON_ALL_STEPS, _view(tid, audience, "all")))
    rows = [nav, *_extras(tid, country_known, COACH_IN_STEPS)]
    return InlineKeyboardMarkup([*rows, *(list(r) for r in tail)])


def section_keyboard(
    topic: Topic, *, audience: str, tail: Sequence[Sequence[InlineKeyboardButton]] = ()
) -> InlineKeyboardMarkup:
    """Under a section (do not, get help, sources): back to the first message, all steps."""
    nav = [
        _button(w.BUTTON_BACK, _view(topic.id, audience, "first")),
        _button(w.BUTTON_ALL_STEPS, _view(topic.id, audience, "all")),
    ]
    return InlineKeyboardMarkup([nav, *(list(r) for r in tail)])


def coach_keyboard(*, running: bool) -> InlineKeyboardMarkup:
    action = cd.Coach(start=not running)
    label = w.BUTTON_COACH_STOP if running else w.BUTTON_COACH
    return InlineKeyboardMarkup([[_button(label, action)]])


def country_keyboard(corpus: Corpus) -> InlineKeyboardMarkup:
    """The most common countries, three a row, by name."""
    known = {c.country: c.name for c in corpus.contacts}
    buttons = [_button(known[c], cd.SetCountry(c)) for c in w.COUNTRY_BUTTONS if c in known]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def location_keyboard() -> ReplyKeyboardMarkup:
    """A reply keyboard with one button that shares the location (private chats only)."""
    button = KeyboardButton(w.BUTTON_SHARE_LOCATION, request_location=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
