"""Inline keyboards; every payload goes through :mod:`bot.telegram.callback_data`.

Labels are translated for ``lang`` (the answer's language, or the chat's for the
bot's own messages), and the payloads carry it, so a tap answers in the same
language. Topic titles come from the corpus of that language.
"""

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
from bot.i18n import LANGUAGE_NAMES, gettext_for
from bot.service import MAX_ALTERNATIVES
from bot.telegram import callback_data as cd
from matcher.corpus import Corpus, Topic

TOPICS_PER_PAGE = 8
MAX_BUTTON_TEXT = 48


def _button(text: str, action: cd.Action) -> InlineKeyboardButton:
    label = text if len(text) <= MAX_BUTTON_TEXT else text[: MAX_BUTTON_TEXT - 1] + "…"
    return InlineKeyboardButton(label, callback_data=cd.encode(action))


def _topic_buttons(
    corpus: Corpus, query_id: int, topic_ids: Sequence[str], lang: str
) -> list[list[InlineKeyboardButton]]:
    by_id = corpus.by_id
    return [[_button(by_id[t].title, cd.Pick(query_id, t, lang))] for t in topic_ids if t in by_id]


def answer_keyboard(
    corpus: Corpus, query_id: int, *, suggestions: Sequence[str] = (), lang: str = "en"
) -> InlineKeyboardMarkup:
    """Under an answer: the suggested topics (unsure answers), then Helpful / Not helpful."""
    _ = gettext_for(lang)
    rows = _topic_buttons(corpus, query_id, suggestions, lang)
    rows.append(
        [
            _button(_(w.BUTTON_HELPFUL), cd.Feedback(query_id, True, lang)),
            _button(_(w.BUTTON_NOT_HELPFUL), cd.Feedback(query_id, False, lang)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def alternatives_keyboard(
    corpus: Corpus, query_id: int, alternatives: Sequence[str], lang: str = "en"
) -> InlineKeyboardMarkup:
    """ "Which fits better?": the other candidate topics, then "None of these"."""
    rows = _topic_buttons(corpus, query_id, alternatives[:MAX_ALTERNATIVES], lang)
    rows.append([_button(gettext_for(lang)(w.BUTTON_NONE), cd.Pick(query_id, None, lang))])
    return InlineKeyboardMarkup(rows)


def page_count(corpus: Corpus) -> int:
    return max(1, math.ceil(len(corpus.topics) / TOPICS_PER_PAGE))


def topics_keyboard(corpus: Corpus, page: int, lang: str = "en") -> InlineKeyboardMarkup:
    """One page of topics (by title), with previous/next buttons; ``page`` starts at 0."""
    _ = gettext_for(lang)
    pages = page_count(corpus)
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PER_PAGE
    shown = w.sorted_topics(corpus)[start : start + TOPICS_PER_PAGE]
    rows = [[_button(t.title, cd.ShowTopic(t.id, lang))] for t in shown]
    nav = []
    if page > 0:
        nav.append(_button(_(w.BUTTON_PREVIOUS), cd.TopicPage(page - 1, lang)))
    if page < pages - 1:
        nav.append(_button(_(w.BUTTON_NEXT), cd.TopicPage(page + 1, lang)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def forget_keyboard(user_id: int, lang: str = "en") -> InlineKeyboardMarkup:
    _ = gettext_for(lang)
    return InlineKeyboardMarkup(
        [
            [
                _button(_(w.BUTTON_FORGET), cd.Forget(user_id, confirm=True)),
                _button(_(w.BUTTON_CANCEL), cd.Forget(user_id, confirm=False)),
            ]
        ]
    )


def language_keyboard(lang: str = "en") -> InlineKeyboardMarkup:
    """/language: each language by its own name, then Automatic."""
    buttons = [_button(name, cd.SetLanguage(code)) for code, name in LANGUAGE_NAMES.items()]
    auto = _button(gettext_for(lang)(w.BUTTON_LANGUAGE_AUTO), cd.SetLanguage(None))
    return InlineKeyboardMarkup([buttons, [auto]])


# --- The first message and its views -------------------------------------------------

# Topics whose first aid may turn into CPR: the coach button goes under them.
COACH_TOPICS = frozenset({"cardiac-arrest", "drowning", "electric-shock"})
# Choking turns into CPR only if the person stops responding: the coach waits in
# the steps, not under a first message that a conscious person's helper reads.
COACH_IN_STEPS = COACH_TOPICS | {"choking", "choking-infant"}


def _view(topic: str, audience: str, view: str, step: int = 0, lang: str = "en") -> cd.View:
    return cd.View(topic, audience, view, step, lang)


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
    lang: str = "en",
) -> InlineKeyboardMarkup:
    """Under a first message: next step and all steps, the sections, the other audiences
    (``others``), the CPR coach, "Set my country" while none is known, then ``tail``."""
    _ = gettext_for(lang)
    tid = topic.id
    rows = [
        [
            _button(_(w.BUTTON_NEXT_STEP), _view(tid, audience, "step", 1, lang)),
            _button(_(w.BUTTON_ALL_STEPS), _view(tid, audience, "all", 0, lang)),
        ],
        [
            _button(_(label), _view(tid, audience, section, 0, lang))
            for section, label in w.BUTTON_SECTIONS.items()
            if section != "do_not" or topic.do_not
        ],
    ]
    if others:
        labels = w.BUTTON_AUDIENCE
        rows.append([_button(_(labels[a]), _view(tid, a, "first", 0, lang)) for a in others])
    rows += _extras(tid, country_known, COACH_TOPICS, lang)
    return InlineKeyboardMarkup([*rows, *(list(r) for r in tail)])


def _extras(
    topic_id: str, country_known: bool, coach: frozenset[str], lang: str
) -> list[list[InlineKeyboardButton]]:
    _ = gettext_for(lang)
    rows = []
    if topic_id in coach:
        rows.append([_button(_(w.BUTTON_COACH), cd.Coach(True, lang))])
    if not country_known:
        rows.append([_button(_(w.BUTTON_SET_COUNTRY), cd.SetCountry(None, lang))])
    return rows


def step_keyboard(
    topic: Topic,
    *,
    audience: str,
    step: int,
    total: int,
    country_known: bool,
    tail: Sequence[Sequence[InlineKeyboardButton]] = (),
    lang: str = "en",
) -> InlineKeyboardMarkup:
    """Back (the previous step, or the first message), Next while there is one, All."""
    _ = gettext_for(lang)
    tid = topic.id
    first = _view(tid, audience, "first", 0, lang)
    back = _view(tid, audience, "step", step - 1, lang) if step > 1 else first
    nav = [_button(_(w.BUTTON_BACK), back)]
    if step < total:
        nav.append(_button(_(w.BUTTON_NEXT_STEP), _view(tid, audience, "step", step + 1, lang)))
    nav.append(_button(_(w.BUTTON_ALL_STEPS), _view(tid, audience, "all", 0, lang)))
    rows = [nav, *_extras(tid, country_known, COACH_IN_STEPS, lang)]
    return InlineKeyboardMarkup([*rows, *(list(r) for r in tail)])


def section_keyboard(
    topic: Topic,
    *,
    audience: str,
    tail: Sequence[Sequence[InlineKeyboardButton]] = (),
    lang: str = "en",
) -> InlineKeyboardMarkup:
    """Under a section (do not, get help, sources): back to the first message, all steps."""
    _ = gettext_for(lang)
    nav = [
        _button(_(w.BUTTON_BACK), _view(topic.id, audience, "first", 0, lang)),
        _button(_(w.BUTTON_ALL_STEPS), _view(topic.id, audience, "all", 0, lang)),
    ]
    return InlineKeyboardMarkup([nav, *(list(r) for r in tail)])


def coach_keyboard(*, running: bool, lang: str = "en") -> InlineKeyboardMarkup:
    action = cd.Coach(not running, lang)
    label = w.BUTTON_COACH_STOP if running else w.BUTTON_COACH
    return InlineKeyboardMarkup([[_button(gettext_for(lang)(label), action)]])


def country_keyboard(corpus: Corpus, lang: str = "en") -> InlineKeyboardMarkup:
    """The most common countries, three a row, by name."""
    known = {c.country: c.name for c in corpus.contacts}
    codes = [c for c in w.COUNTRY_BUTTONS if c in known]
    buttons = [_button(known[c], cd.SetCountry(c, lang)) for c in codes]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def location_keyboard(lang: str = "en") -> ReplyKeyboardMarkup:
    """A reply keyboard with one button that shares the location (private chats only)."""
    button = KeyboardButton(gettext_for(lang)(w.BUTTON_SHARE_LOCATION), request_location=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
