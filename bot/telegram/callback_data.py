"""Inline-button payloads: compact, versioned, at most 64 bytes, parsed strictly.

Telegram hands callback data back verbatim, so anything may arrive: a button
from an older version of the bot, a payload edited by a client, random bytes.
:func:`parse` accepts exactly the shapes :func:`encode` produces and returns
``None`` for everything else; handlers then refuse politely.

Format ``<kind>:<version>:<fields>``:

- ``fb:1:<query_id>:h|n``       helpful / not helpful on an answer
- ``pk:1:<query_id>:<topic>|-`` a topic picked for an answer; ``-`` is "none of these"
- ``tl:1:<page>``               a page of the topic list
- ``tp:1:<topic>``              one topic from the list
- ``fg:1:<user_id>:y|n``        confirm or cancel /forget (only for that user)
- ``rv:1:<query_id>:c|o|u|s``   moderator verdict: correct, out of scope, unsafe, or skip
- ``rc:1:<query_id>:<topic>``   moderator verdict "wrong", with the right topic
- ``rp:1:<query_id>:<page>|-``  a page of the review topic list; ``-`` goes back to the item
- ``st:1:<topic>:a|c|b|p|o:<view>`` a view for adult, child, baby, pregnant, older: ``f`` first
  message, ``s<n>`` step n, ``d`` do not, ``g`` get help, ``r`` sources, ``a`` all steps
- ``cp:1:s|x``                  start the CPR coach, or stop the one on this message
- ``ct:1:<CC>|-``               set the chat's country; ``-`` shows the choices
- ``lg:1:<lang>|-``             set the chat's language (/language); ``-`` is automatic

The buttons under an answer and the views behind them (feedback, picks, topic
lists, views, the coach, the country) end with ``:<lang>`` when the answer is not
in English (``st:1:burn:a:f:es``), so each tap re-composes in that language.
The moderator kinds carry no authority: their handlers check the user every time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.i18n import FULL_LANGUAGES

MAX_BYTES = 64  # Telegram's limit for callback_data, in UTF-8 bytes
VERSION = "1"
_ID = r"(0|[1-9][0-9]{0,17})"
_TOPIC = r"([a-z0-9]+(?:-[a-z0-9]+)*)"
DEFAULT_LANG = "en"
# The optional language suffix: only the languages the bot answers in, never English
# (English buttons keep their short, older form).
_LANG = "(?::(?P<lang>{}))?".format("|".join(x for x in FULL_LANGUAGES if x != DEFAULT_LANG))


@dataclass(frozen=True)
class Feedback:
    query_id: int
    helpful: bool
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class Pick:
    query_id: int
    topic: str | None  # None: "none of these"
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class TopicPage:
    page: int
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class ShowTopic:
    topic: str
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class Forget:
    user_id: int
    confirm: bool


# Review verdict letters and what they mean to storage ("skip" is not a verdict).
REVIEW_VERDICTS = {"c": "correct", "o": "oos", "u": "unsafe", "s": "skip"}
_VERDICT_LETTERS = {v: k for k, v in REVIEW_VERDICTS.items()}


@dataclass(frozen=True)
class ReviewVerdict:
    query_id: int
    verdict: str  # "correct", "oos", "unsafe" or "skip"


@dataclass(frozen=True)
class ReviewCorrect:
    query_id: int
    topic: str  # the right topic: stored as the verdict "wrong" with this correction


@dataclass(frozen=True)
class ReviewPage:
    query_id: int
    page: int | None  # None: back to the item with its alternatives


AUDIENCE_LETTERS = {"adult": "a", "child": "c", "baby": "b", "pregnant": "p", "older": "o"}
_AUDIENCES = {v: k for k, v in AUDIENCE_LETTERS.items()}
VIEWS = {"f": "first", "d": "do_not", "g": "get_help", "r": "sources", "a": "all", "s": "step"}
_VIEW_LETTERS = {v: k for k, v in VIEWS.items()}


@dataclass(frozen=True)
class View:
    """One view of an answer; ``step`` counts from 1 and only for the "step" view."""

    topic: str
    audience: str  # "adult", "child" or "baby"
    view: str  # "first", "step", "do_not", "get_help", "sources" or "all"
    step: int = 0
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class SetLanguage:
    lang: str | None  # None: automatic (each message's own language)


@dataclass(frozen=True)
class Coach:
    start: bool
    lang: str = DEFAULT_LANG


@dataclass(frozen=True)
class SetCountry:
    country: str | None  # None: show the choices
    lang: str = DEFAULT_LANG


Action = (
    Feedback
    | Pick
    | TopicPage
    | ShowTopic
    | Forget
    | ReviewVerdict
    | ReviewCorrect
    | ReviewPage
    | View
    | Coach
    | SetCountry
    | SetLanguage
)


def _lang(m: re.Match[str]) -> str:
    return m["lang"] or DEFAULT_LANG


def _view(m: re.Match[str]) -> View:
    view = m[3]
    step = int(view[1:]) if view.startswith("s") else 0
    return View(m[1], _AUDIENCES[m[2]], VIEWS[view[0]], step, _lang(m))


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Action]]] = [
    (
        re.compile(rf"fb:{VERSION}:{_ID}:([hn]){_LANG}"),
        lambda m: Feedback(int(m[1]), m[2] == "h", _lang(m)),
    ),
    (
        re.compile(rf"pk:{VERSION}:{_ID}:(?:{_TOPIC}|-){_LANG}"),
        lambda m: Pick(int(m[1]), m[2], _lang(m)),
    ),
    (re.compile(rf"tl:{VERSION}:([0-9]{{1,3}}){_LANG}"), lambda m: TopicPage(int(m[1]), _lang(m))),
    (re.compile(rf"tp:{VERSION}:{_TOPIC}{_LANG}"), lambda m: ShowTopic(m[1], _lang(m))),
    (
        re.compile(rf"fg:{VERSION}:{_ID}:([yn])"),
        lambda m: Forget(int(m[1]), m[2] == "y"),
    ),
    (
        re.compile(rf"rv:{VERSION}:{_ID}:([cous])"),
        lambda m: ReviewVerdict(int(m[1]), REVIEW_VERDICTS[m[2]]),
    ),
    (re.compile(rf"rc:{VERSION}:{_ID}:{_TOPIC}"), lambda m: ReviewCorrect(int(m[1]), m[2])),
    (
        re.compile(rf"rp:{VERSION}:{_ID}:(?:([0-9]{{1,3}})|-)"),
        lambda m: ReviewPage(int(m[1]), None if m[2] is None else int(m[2])),
    ),
    (
        re.compile(rf"st:{VERSION}:{_TOPIC}:([acbpo]):([fdgra]|s[1-9][0-9]?){_LANG}"),
        lambda m: _view(m),
    ),
    (re.compile(rf"cp:{VERSION}:([sx]){_LANG}"), lambda m: Coach(m[1] == "s", _lang(m))),
    (re.compile(rf"ct:{VERSION}:(?:([A-Z]{{2}})|-){_LANG}"), lambda m: SetCountry(m[1], _lang(m))),
    (
        re.compile(rf"lg:{VERSION}:(?:({'|'.join(FULL_LANGUAGES)})|-)"),
        lambda m: SetLanguage(m[1]),
    ),
]


def encode(action: Action) -> str:
    """The callback data for ``action``; raises ``ValueError`` if it would not fit or parse."""
    match action:
        case Feedback(query_id, helpful):
            data = f"fb:{VERSION}:{query_id}:{'h' if helpful else 'n'}"
        case Pick(query_id, topic):
            data = f"pk:{VERSION}:{query_id}:{topic or '-'}"
        case TopicPage(page):
            data = f"tl:{VERSION}:{page}"
        case ShowTopic(topic):
            data = f"tp:{VERSION}:{topic}"
        case Forget(user_id, confirm):
            data = f"fg:{VERSION}:{user_id}:{'y' if confirm else 'n'}"
        case ReviewVerdict(query_id, verdict):
            data = f"rv:{VERSION}:{query_id}:{_VERDICT_LETTERS.get(verdict, '?')}"
        case ReviewCorrect(query_id, topic):
            data = f"rc:{VERSION}:{query_id}:{topic}"
        case ReviewPage(query_id, page):
            data = f"rp:{VERSION}:{query_id}:{'-' if page is None else page}"
        case View(topic, audience, view, step):
            letter = _VIEW_LETTERS.get(view, "?") + (str(step) if view == "step" else "")
            data = f"st:{VERSION}:{topic}:{AUDIENCE_LETTERS.get(audience, '?')}:{letter}"
        case Coach(start):
            data = f"cp:{VERSION}:{'s' if start else 'x'}"
        case SetCountry(country):
            data = f"ct:{VERSION}:{country or '-'}"
        case SetLanguage(lang):
            data = f"lg:{VERSION}:{lang or '-'}"
    lang = getattr(action, "lang", DEFAULT_LANG)
    if not isinstance(action, SetLanguage) and lang != DEFAULT_LANG:
        data += f":{lang}"
    if parse(data) != action:
        raise ValueError(f"cannot encode {action!r} as callback data")
    return data


def parse(data: object) -> Action | None:
    """The action behind ``data``, or ``None`` for anything :func:`encode` cannot produce."""
    if not isinstance(data, str) or len(data.encode("utf-8")) > MAX_BYTES:
        return None
    for pattern, build in _PATTERNS:
        if found := pattern.fullmatch(data):
            return build(found)
    return None


def matches(kind: type[Action]) -> Callable[[object], bool]:
    """A ``CallbackQueryHandler`` pattern accepting valid data of one kind."""

    def check(data: object) -> bool:
        return isinstance(parse(data), kind)

    return check
