"""Typo-tolerant word matching for the safety rules (no third-party fuzzy library).

Frightened people type fast on phones: "unconcious", "breathng", "bleading".
A rule word matches a message token when they are equal, share a stem, or are
within a small edit distance that grows with word length. Short words (< 5
letters) must match exactly: at that length one edit turns "blue" into "glue".
Typos rarely hit the first letter, so requiring it cuts many accidental
matches; the rest are kept rare because a rule needs several of its words
("bleeding" ~ "breeding" alone fires nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

_SUFFIXES = ("ing", "ed", "es", "s")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (edits plus adjacent swaps), capped at ``limit + 1``.

    Swaps count once because "breahting"-style transpositions are the commonest
    phone typo. Stops early once every cell in a row exceeds ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def allowed_typos(word: str) -> int:
    """Edits tolerated for a rule word: 0 below 5 letters, 1 up to 7, 2 from 8."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


def stem(word: str) -> str:
    """A crude suffix strip ("breathing", "breathes", "breathe" -> "breath")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def similar(word: str, token: str, *, known: bool = False) -> bool:
    """True when ``token`` (from a message) is ``word`` (from a rule), allowing typos.

    A ``known`` token is a correctly spelled word of its own ("cooking" is one
    edit from "choking"), so it only matches exactly or by stem.
    """
    if word == token:
        return True
    if len(word) >= 4 and stem(word) == stem(token):
        return True
    if known:
        return False
    limit = allowed_typos(word)
    if limit == 0 or not token or token[0] != word[0]:
        return False
    return edit_distance(word, token, limit) <= limit


class Vocabulary:
    """The words the rules use, with a cached token -> matching-words lookup.

    Rules are checked against every message, so each distinct token is compared
    with the vocabulary once (bucketed by first letter) and remembered.
    ``known`` is a dictionary of correctly spelled words (see :func:`similar`).
    """

    def __init__(self, words: Iterable[str], known: frozenset[str] = frozenset()) -> None:
        self._known = known
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(set(words)):
            self._by_first.setdefault(word[:1], []).append(word)
        self._cache: dict[str, frozenset[str]] = {}

    def lookup(self, token: str) -> frozenset[str]:
        """The rule words that ``token`` matches (empty when none)."""
        hit = self._cache.get(token)
        if hit is None:
            known = token in self._known
            hit = frozenset(
                w for w in self._by_first.get(token[:1], ()) if similar(w, token, known=known)
            )
            if len(self._cache) < 100_000:  # bounded: hostile input cannot grow it forever
                self._cache[token] = hit
        return hit
