"""Every language at once: detect a message's language, then match and answer in it.

English and each language with a corpus (``corpus/topics/<lang>/``) have a
matcher; a message in any other language gets the short answer of
:mod:`matcher.other_language`. The bot, ``firstaid ask/match/eval`` and the
benchmarks go through :class:`Polyglot`, so they detect languages the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from matcher.answer import BOTH, Answer, Format, answer, answer_batch, answer_other
from matcher.corpus import Level
from matcher.language import Detection, LanguageDetector
from matcher.serving.decide import Match
from matcher.serving.matcher import Matcher

T = TypeVar("T")


class Polyglot:
    """The matchers by language (English always), a detector, and an optional forced language."""

    def __init__(
        self,
        matchers: Mapping[str, Matcher],
        *,
        detector: LanguageDetector | None = None,
        forced: str | None = None,
    ) -> None:
        if "en" not in matchers:
            raise ValueError("the English matcher is required")
        self.matchers = dict(matchers)
        self.detector = detector or LanguageDetector()
        self.forced = forced

    @property
    def english(self) -> Matcher:
        return self.matchers["en"]

    @property
    def model_version(self) -> str:
        return self.english.model_version

    @property
    def levels(self) -> dict[str, Level]:
        return self.english.levels

    def forcing(self, lang: str | None) -> Polyglot:
        """The same matchers, every message taken to be in ``lang`` (None: detect)."""
        return Polyglot(self.matchers, detector=self.detector, forced=lang)

    def detect(
        self,
        text: str,
        *,
        chosen: str | None = None,
        previous: str | None = None,
        language_code: str | None = None,
    ) -> Detection:
        """The message's language: forced or chosen, else detected with the priors."""
        return self.detector.detect(
            text, forced=self.forced or chosen, previous=previous, language_code=language_code
        )

    def answer(self, text: str, *, country: str | None, lang: str) -> Answer:
        """Answer in ``lang``: its matcher's reply, or the short answer."""
        matcher = self.matchers.get(lang)
        if matcher is not None:
            return answer(text, matcher=matcher, country=country)
        english = self.english
        return answer_other(
            text, lang, corpus=english.corpus, country=country, model_version=english.model_version
        )

    def answer_batch(
        self,
        texts: Sequence[str],
        *,
        country: str | None,
        langs: Sequence[str],
        formats: tuple[Format, ...] = BOTH,
    ) -> list[Answer]:
        """Answers in the given languages, each language's messages matched together."""
        return _in_order(
            langs,
            lambda lang, where: (
                answer_batch(
                    [texts[i] for i in where],
                    matcher=self.matchers[lang],
                    countries=[country] * len(where),
                    formats=formats,
                )
                if lang in self.matchers
                else [self.answer(texts[i], country=country, lang=lang) for i in where]
            ),
        )

    def match(self, text: str) -> Match:
        return self.match_batch([text])[0]

    def match_batch(self, texts: Sequence[str]) -> list[Match]:
        """Detect each message's language, match each language's messages together."""
        return _in_order(
            [self.detect(t).lang for t in texts],
            lambda lang, where: (
                self.matchers[lang].match_batch([texts[i] for i in where])
                if lang in self.matchers
                else [self.answer(texts[i], country=None, lang=lang).match for i in where]
            ),
        )


def _in_order(langs: Sequence[str], run: Callable[[str, list[int]], list[T]]) -> list[T]:
    """``run(lang, positions)`` once per language; the results back in input order."""
    out: dict[int, T] = {}
    for lang in dict.fromkeys(langs):
        where = [i for i, code in enumerate(langs) if code == lang]
        out.update(zip(where, run(lang, where), strict=True))
    return [out[i] for i in range(len(langs))]
