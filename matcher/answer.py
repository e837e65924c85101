"""Text in, answer out: the one function the bot, the CLI and the benchmarks call."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matcher.audience import audience_of
from matcher.compose import compose
from matcher.corpus import Audience, Corpus
from matcher.first import first_message
from matcher.serving.decide import Match
from matcher.serving.matcher import Matcher
from matcher.serving.normalize import normalize

Format = Literal["text", "html"]
BOTH: tuple[Format, ...] = ("text", "html")


@dataclass(frozen=True)
class Answer:
    """The decision and the reply; ``latency_ms`` covers match and compose.

    A format not asked for (``answer_batch(formats=...)``) has no chunks and an
    empty first message. ``first_*`` is the short first message
    (:mod:`matcher.first`); the chunks are the full reply ("All steps").
    ``audience`` is whom the message names (None: nobody by age).
    """

    match: Match
    text_chunks: list[str]
    html_chunks: list[str]
    latency_ms: float
    first_text: str = ""
    first_html: str = ""
    audience: Audience | None = None
    # The reply's language (the matcher's, or the short answer's for another language).
    lang: str = "en"


def _finish(
    match: Match,
    matcher: Matcher,
    country: str | None,
    started: float,
    formats: tuple[Format, ...],
    audience: Audience | None,
) -> Answer:
    corpus, lang = matcher.corpus, matcher.lang
    out: dict[Format, tuple[list[str], str]] = {}
    for fmt in formats:
        full = compose(match, corpus=corpus, country=country, fmt=fmt, lang=lang)
        first = first_message(
            match, corpus=corpus, country=country, audience=audience, fmt=fmt, full=full, lang=lang
        )
        out[fmt] = (full, first)
    text, first_text = out.get("text", ([], ""))
    html, first_html = out.get("html", ([], ""))
    elapsed = (time.perf_counter() - started) * 1000.0
    return Answer(match, text, html, elapsed, first_text, first_html, audience, lang)


def answer_other(
    text: str, lang: str, *, corpus: Corpus, country: str | None, model_version: str = ""
) -> Answer:
    """The short answer to a message in a language we cannot answer in full: that
    we answer in English and Spanish, the emergency number, and the crisis line
    when the message reads like a crisis (:mod:`matcher.other_language`)."""
    from matcher.other_language import other_language_reply

    started = time.perf_counter()
    contact = corpus.contact(country) if country else None
    reply_text, crisis = other_language_reply(text, lang, contact=contact, fmt="text")
    reply_html, _ = other_language_reply(text, lang, contact=contact, fmt="html")
    match = Match(
        text=text,
        normalized=normalize(text),
        topic=None,
        score=0.0,
        level=None,
        emergency=False,
        crisis=crisis,
        oos=True,
        low_confidence=False,
        reasons=[f"language {lang}: the short answer"],
        model_version=model_version,
        lang=lang,
    )
    elapsed = (time.perf_counter() - started) * 1000.0
    return Answer(match, [reply_text], [reply_html], elapsed, reply_text, reply_html, None, lang)


def answer(text: str, *, matcher: Matcher, country: str | None) -> Answer:
    """Match one message and compose its reply in both formats for ``country``.

    ``country`` None: no country known; the call line names the common numbers.
    """
    started = time.perf_counter()
    return _finish(matcher.match(text), matcher, country, started, BOTH, audience_of(text))


def answer_batch(
    texts: Sequence[str],
    *,
    matcher: Matcher,
    countries: Sequence[str | None],
    formats: tuple[Format, ...] = BOTH,
) -> list[Answer]:
    """Answer many messages with one encoder call; ``latency_ms`` is the batch's time.

    The bot asks for ``("html",)`` only; the CLI shows text.
    """
    if len(texts) != len(countries):
        raise ValueError("one country per message")
    started = time.perf_counter()
    matches = matcher.match_batch(texts)
    return [
        _finish(m, matcher, c, started, formats, audience_of(t))
        for m, c, t in zip(matches, countries, texts, strict=True)
    ]
