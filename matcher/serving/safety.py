"""Lexical safety rules: crisis (suicide, self-harm) and red flags, tolerant of typos.

These run on every message beside the model, because the two mistakes that
matter most must not depend on an embedding being close enough:

- a message about suicide or self-harm goes to crisis support whatever else it
  mentions ("my arm is bleeding, I cut myself on purpose");
- a red flag ("not breathing", "lips going blue", "bleeding won't stop")
  makes the reply start with the emergency number even when the topic is
  usually harmless (a nosebleed) or the model found no topic at all.

General rules live in :mod:`matcher.serving.lexicon`; each topic's own ``red_flags``
come from the corpus and are matched as bags of content words (any order,
close together), with one word allowed missing in long phrases, because people
rarely repeat a phrase word for word.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matcher.corpus import Topic
from matcher.serving.critical import Critical
from matcher.serving.distinctions import CRITICAL
from matcher.serving.downgrades import DOWNGRADES
from matcher.serving.escalation import RED_FLAGS
from matcher.serving.fuzzy import Vocabulary
from matcher.serving.lexicon import Rule
from matcher.serving.normalize import tokens
from matcher.serving.overrides import OVERRIDES
from matcher.serving.rules import BLOCK, ENGLISH, NEG, LanguageRules

DEFAULT_GAP = 3
# A negation this many words before a rule cancels it ("no chest pain").
NEGATION_REACH = 2
# Topic red-flag words must fall within a window this much wider than the phrase.
BAG_SLACK = 6


@dataclass(frozen=True)
class CompiledRule:
    """One rule: ordered slots (sets of words) with at most ``gap`` words between them."""

    label: str
    slots: tuple[frozenset[str], ...]
    gap: int
    # False for a pattern written "+...": a negation just before does not cancel
    # it (it describes the negated phrase itself: "no breathing trouble").
    negatable: bool = True


@dataclass(frozen=True)
class Bag:
    """A topic red flag: content words that must (nearly) all appear close together."""

    phrase: str
    words: tuple[frozenset[str], ...]
    window: int


@dataclass(frozen=True)
class Scan:
    """A message's tokens and, per position, the rule words it matches (``NEG`` included)."""

    tokens: tuple[str, ...]
    hits: tuple[frozenset[str], ...]

    @functools.cached_property
    def present(self) -> frozenset[str]:
        """Every rule word matched anywhere in the message."""
        return frozenset().union(*self.hits)


def compile_rule(rule: Rule, words: LanguageRules = ENGLISH) -> CompiledRule:
    """Parse ``(label, "word|word word", gap?)`` into slots (synonyms of ``words``)."""
    label, pattern = rule[0], rule[1]
    gap = rule[2] if len(rule) == 3 else DEFAULT_GAP
    negatable = not pattern.startswith("+")
    pattern = pattern.removeprefix("+")
    slots = tuple(
        frozenset().union(*(_expand(w, words) for w in slot.split("|"))) for slot in pattern.split()
    )
    return CompiledRule(label=label, slots=slots, gap=gap, negatable=negatable)


def _expand(word: str, words: LanguageRules) -> frozenset[str]:
    """A word and its synonyms; ``=word`` is the word alone."""
    return frozenset([word[1:]]) if word.startswith("=") else words.expand(word)


def compile_bag(phrase: str, words: LanguageRules = ENGLISH) -> Bag | None:
    """Content words of a red-flag phrase; ``None`` when it has none."""
    toks = tokens(words.prepare(phrase))
    content = [NEG if t in words.negations else t for t in toks if t not in words.stopwords]
    if not content:
        return None
    return Bag(phrase, tuple(words.expand(w) for w in content), len(toks) + BAG_SLACK)


def _slot_at(slot: frozenset[str], hits: Sequence[frozenset[str]], pos: int) -> bool:
    return not slot.isdisjoint(hits[pos])


def _extend(rule: CompiledRule, hits: Sequence[frozenset[str]], k: int, pos: int) -> bool:
    # Depth-first: slot k matched at pos; find slot k+1 within the gap. After a
    # negation, "no trouble breathing" means the opposite of "not breathing":
    # a blocker word between the slots voids the match.
    if k == len(rule.slots) - 1:
        return True
    last = min(len(hits), pos + rule.gap + 2)
    for nxt in range(pos + 1, last):
        if _slot_at(rule.slots[k + 1], hits, nxt) and _extend(rule, hits, k + 1, nxt):
            return True
        if NEG in rule.slots[k] and BLOCK in hits[nxt]:
            return False
    return False


def rule_matches(rule: CompiledRule, hits: Sequence[frozenset[str]]) -> bool:
    """True when the slots occur in order, close enough, and are not negated."""
    negatable = rule.negatable and NEG not in rule.slots[0]
    for start in range(len(hits)):
        if not _slot_at(rule.slots[0], hits, start):
            continue
        before = hits[max(0, start - NEGATION_REACH) : start]
        if negatable and any(NEG in h for h in before):
            continue
        if _extend(rule, hits, 0, start):
            return True
    return False


def bag_matches(bag: Bag, hits: Sequence[frozenset[str]]) -> bool:
    """True when (all but one of 4+, else all) content words fall in one window."""
    need = len(bag.words) - 1 if len(bag.words) >= 4 else len(bag.words)
    for start in range(max(1, len(hits) - bag.window + 1)):
        window = hits[start : start + bag.window]
        found = sum(any(not w.isdisjoint(h) for h in window) for w in bag.words)
        if found >= need:
            return True
    return False


def _words(slots: Iterable[frozenset[str]]) -> set[str]:
    return {w for slot in slots for w in slot if w != NEG}


def load_known_words(vocab_file: Path | None = None) -> frozenset[str]:
    """Whole English words from a WordPiece vocabulary (the base model's by default).

    The BERT vocabulary doubles as a 20k-word dictionary: a message token found
    there is a real word and is not "corrected" into a rule word.
    """
    if vocab_file is None:
        from matcher.models.registry import base_model_path

        vocab_file = base_model_path() / "vocab.txt"
    if not vocab_file.exists():
        return frozenset()
    lines = vocab_file.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w.isalpha() and w.islower() and len(w) > 1)


class SafetyRules:
    """The compiled general rules plus every topic's red flags."""

    def __init__(
        self,
        topics: Sequence[Topic],
        known_words: frozenset[str] = frozenset(),
        *,
        rules: LanguageRules = ENGLISH,
    ) -> None:
        self.words = rules
        self.emergency = [compile_rule(r, rules) for r in rules.emergency_rules]
        self.crisis_rules = [compile_rule(r, rules) for r in rules.crisis_rules]
        self.signs = {
            name: [
                compile_rule((name, *p) if isinstance(p, tuple) else (name, p), rules)
                for p in patterns
            ]
            for name, patterns in rules.signs.items()
        }
        self.distinctions: list[Critical] = [*OVERRIDES, *CRITICAL]
        self.sign_flags: list[Critical] = list(RED_FLAGS)
        self.topic_bags: dict[str, list[Bag]] = {}
        for topic in topics:
            compiled = [compile_bag(p, rules) for p in topic.red_flags]
            self.topic_bags[topic.id] = [b for b in compiled if b is not None]
        words: set[str] = set()
        for rule in [
            *self.emergency,
            *self.crisis_rules,
            *(r for v in self.signs.values() for r in v),
        ]:
            words |= _words(rule.slots)
        for bags in self.topic_bags.values():
            for bag in bags:
                words |= _words(bag.words)
        self._vocab = Vocabulary(words, known_words)

    def scan(self, text: str) -> Scan:
        """Tokenise ``text`` and look every token up once."""
        toks = tuple(tokens(self.words.prepare(text)))
        markers = self.words.markers
        hits = tuple(self._vocab.lookup(t) | markers.get(t, frozenset()) for t in toks)
        return Scan(tokens=toks, hits=hits)

    def crisis(self, scan: Scan) -> list[str]:
        """Labels of the crisis rules the message matches (suicide, self-harm)."""
        return _labels(self.crisis_rules, scan)

    def red_flags(self, scan: Scan) -> list[str]:
        """Labels of the general red-flag rules the message matches."""
        return _labels(self.emergency, scan)

    def has_sign(self, scan: Scan, name: str) -> bool:
        """True when any pattern of the sign ``name`` (:data:`signs.SIGNS`) matches."""
        present = scan.present
        return any(
            _rule_possible(rule, present) and rule_matches(rule, scan.hits)
            for rule in self.signs[name]
        )

    def critical(self, scan: Scan, answered: str | None = None) -> Critical | None:
        """The first distinction the message meets (:data:`overrides.OVERRIDES`, then
        :data:`distinctions.CRITICAL`); one that overrides only some answers (``only``)
        counts when the model's answer, ``answered``, is one of them."""
        for rule in self.distinctions:
            if rule.only and answered not in rule.only:
                continue
            if all(self.has_sign(scan, n) for n in rule.needs) and not any(
                self.has_sign(scan, n) for n in rule.unless
            ):
                return rule
        return None

    def combined_red_flags(self, scan: Scan) -> list[str]:
        """Labels of :data:`escalation.RED_FLAGS` the message meets (two signs anywhere)."""
        return [
            rule.label
            for rule in self.sign_flags
            if all(self.has_sign(scan, n) for n in rule.needs)
            and not any(self.has_sign(scan, n) for n in rule.unless)
        ]

    def minor(self, scan: Scan, topic_id: str) -> bool:
        """True when the message says ``topic_id``'s danger is minor or over
        (:data:`downgrades.DOWNGRADES`); the caller still lets red flags win."""
        needs = DOWNGRADES.get(topic_id)
        return needs is not None and all(self.has_sign(scan, n) for n in needs)

    def topic_red_flags(self, scan: Scan, topic_id: str) -> list[str]:
        """The topic's own red-flag phrases found in the message."""
        return [
            b.phrase
            for b in self.topic_bags.get(topic_id, [])
            if _bag_possible(b, scan.present) and bag_matches(b, scan.hits)
        ]


# The two checks below only skip rules that cannot match: a rule needs every
# slot somewhere in the message, a bag nearly all its words. Most messages
# hold the words of few rules, so this spares the positional search (which was
# most of the rules' cost) without changing any result.
def _rule_possible(rule: CompiledRule, present: frozenset[str]) -> bool:
    return all(not slot.isdisjoint(present) for slot in rule.slots)


def _bag_possible(bag: Bag, present: frozenset[str]) -> bool:
    need = len(bag.words) - 1 if len(bag.words) >= 4 else len(bag.words)
    return sum(not w.isdisjoint(present) for w in bag.words) >= need


def _labels(rules: Sequence[CompiledRule], scan: Scan) -> list[str]:
    seen: list[str] = []
    present = scan.present
    for rule in rules:
        if (
            rule.label not in seen
            and _rule_possible(rule, present)
            and rule_matches(rule, scan.hits)
        ):
            seen.append(rule.label)
    return seen
