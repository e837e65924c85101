"""Text in, answer out: the one function the bot, the CLI and the benchmarks call."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from matcher.compose import compose
from matcher.decide import Match
from matcher.matching import Matcher


@dataclass(frozen=True)
class Answer:
    """The decision and the reply in both formats; ``latency_ms`` covers match and compose."""

    match: Match
    text_chunks: list[str]
    html_chunks: list[str]
    latency_ms: float


def _finish(match: Match, matcher: Matcher, country: str | None, started: float) -> Answer:
    corpus = matcher.corpus
    text = compose(match, corpus=corpus, country=country, fmt="text")
    html = compose(match, corpus=corpus, country=country, fmt="html")
    return Answer(match, text, html, (time.perf_counter() - started) * 1000.0)


def answer(text: str, *, matcher: Matcher, country: str | None) -> Answer:
    """Match one message and compose its reply for ``country`` (ISO code; None: 112)."""
    started = time.perf_counter()
    return _finish(matcher.match(text), matcher, country, started)


def answer_batch(
    texts: Sequence[str], *, matcher: Matcher, countries: Sequence[str | None]
) -> list[Answer]:
    """Answer many messages with one encoder call; ``latency_ms`` is the batch's time."""
    if len(texts) != len(countries):
        raise ValueError("one country per message")
    started = time.perf_counter()
    matches = matcher.match_batch(texts)
    return [_finish(m, matcher, c, started) for m, c in zip(matches, countries, strict=True)]
