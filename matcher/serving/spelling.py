"""Typo repair before encoding: unknown words snap to the nearest corpus word.

A word-piece model splits "breth" into pieces that mean nothing, so "cant
breth" lands nowhere near "can't breathe". Before encoding, each word that is
neither an English word (the model's own vocabulary) nor a corpus word is
replaced by the corpus word at the smallest edit distance, when there is
exactly one best candidate that shares its first letter (typos rarely hit the
first letter, and the rule keeps repairs conservative). The corpus vocabulary
is where repairs are useful: a word the corpus never uses cannot help matching.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from matcher.serving.fuzzy import edit_distance

_WORD = re.compile(r"[^\W\d_]+")
# Corpus words seen once may themselves be typos written on purpose into
# examples ("havent", "brething"); only words used twice become targets.
MIN_COUNT = 2
MIN_LENGTH = 4
MAX_REPAIRS = 12  # per message
MAX_ATTEMPTS = 24  # unknown words looked up per message: bounds work on gibberish


class Speller:
    """Repairs unknown words against a corpus vocabulary; results are cached per word."""

    def __init__(self, corpus_texts: Iterable[str], known_words: frozenset[str]) -> None:
        counts = Counter(w for text in corpus_texts for w in _WORD.findall(text.lower()))
        self._targets: dict[str, list[str]] = {}
        for word, n in counts.items():
            if n >= MIN_COUNT and len(word) >= MIN_LENGTH:
                self._targets.setdefault(word[0], []).append(word)
        self._counts = counts
        self._known = known_words
        self._cache: dict[str, str | None] = {}

    def _repair(self, word: str) -> str | None:
        if word in self._cache:
            return self._cache[word]
        # One edit below 10 letters: two edits turn real words into others
        # ("sledging" -> "sleeping"); long words survive two typos.
        limit = 1 if len(word) < 10 else 2
        best: list[tuple[int, str]] = []
        for target in self._targets.get(word[0], ()):
            if abs(len(target) - len(word)) > limit:
                continue
            dist = edit_distance(word, target, limit)
            if dist <= limit:
                best.append((dist, target))
        best.sort()
        fix = None
        if best and (len(best) == 1 or best[0][0] < best[1][0]):
            fix = best[0][1]
        if len(self._cache) < 100_000:
            self._cache[word] = fix
        return fix

    def correct(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """The text with unknown words repaired, and the (typo, repair) pairs."""
        repairs: list[tuple[str, str]] = []
        attempts = [0]

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if (
                len(repairs) >= MAX_REPAIRS
                or attempts[0] >= MAX_ATTEMPTS
                or len(low) < MIN_LENGTH
                or low in self._known
                or self._counts.get(low, 0) > 0
            ):
                return word
            attempts[0] += 1
            repaired = self._repair(low)
            if repaired is None:
                return word
            repairs.append((word, repaired))
            return repaired

        return _WORD.sub(fix, text), repairs
