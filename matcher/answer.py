"""Text in, answer out: the one function the bot, the CLI and the benchmarks call."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matcher.compose import compose
from matcher.serving.decide import Match
from matcher.serving.matcher import Matcher

Format = Literal["text", "html"]
BOTH: tuple[Format, ...] = ("text", "html")


@dataclass(frozen=True)
class Answer:
    """The decision and the reply; ``latency_ms`` covers match and compose.

    A format not asked for (``answer_batch(formats=...)``) has no chunks.
    """

    match: Match
    text_chunks: list[str]
    html_chunks: list[str]
    latency_ms: float


def _finish(
    match: Match,
    matcher: Matcher,
    country: str | None,
    started: float,
    formats: tuple[Format, ...],
) -> Answer:
    corpus = matcher.corpus
    text = compose(match, corpus=corpus, country=country, fmt="text") if "text" in formats else []
    html = compose(match, corpus=corpus, country=country, fmt="html") if "html" in formats else []
    return Answer(match, text, html, (time.perf_counter() - started) * 1000.0)


def answer(text: str, *, matcher: Matcher, country: str | None) -> Answer:
    """Match one message and compose its reply in both formats for ``country`` (None: 112)."""
    started = time.perf_counter()
    return _finish(matcher.match(text), matcher, country, started, BOTH)


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
        _finish(m, matcher, c, started, formats) for m, c in zip(matches, countries, strict=True)
    ]
