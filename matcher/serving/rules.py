"""The words of the safety rules, one set per language.

The safety-critical distinctions, the two-sign red flags and the de-escalations
(:mod:`matcher.serving.distinctions`, :mod:`matcher.serving.escalation`,
:mod:`matcher.serving.downgrades`) name
signs and topics only, so every language shares them. What a language brings is
its words: lay synonyms, negations, stopwords, the crisis and emergency rules,
and the patterns of every named sign. English keeps them in
:mod:`matcher.serving.lexicon`, :mod:`matcher.serving.signs`,
``escalation.RED_FLAG_SIGNS`` and ``downgrades.DOWNGRADE_SIGNS``; another
language puts the same names in one module, ``matcher/serving/lexicon_<lang>.py``,
with exactly the English sign names (checked here and by its tests).
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType

from matcher.serving import downgrades, escalation, lexicon, signs
from matcher.serving.lexicon import Rule
from matcher.serving.signs import Pattern

NEG = "NEG"
BLOCK = "BLOCK"

# What a language module must define.
NAMES = (
    "SYNONYMS",
    "NEGATIONS",
    "NEGATION_BLOCKERS",
    "STOPWORDS",
    "EMERGENCY_RULES",
    "CRISIS_RULES",
    "SIGNS",
    "DOWNGRADE_SIGNS",
)


def fold_accents(text: str) -> str:
    """ "Quemó", "niño" -> "quemo", "nino": people type both, the rules list one."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class LanguageRules:
    """One language's words for :class:`matcher.serving.safety.SafetyRules`."""

    lang: str
    synonyms: Sequence[str]
    negations: frozenset[str]
    negation_blockers: frozenset[str]
    stopwords: frozenset[str]
    emergency_rules: Sequence[Rule]
    crisis_rules: Sequence[Rule]
    # Every named sign: the distinctions' and the de-escalations'.
    signs: Mapping[str, Sequence[Pattern]]
    # True: messages and red flags are read without accents (patterns are written so).
    fold: bool = False

    @cached_property
    def groups(self) -> dict[str, frozenset[str]]:
        return {w: frozenset(line.split()) for line in self.synonyms for w in line.split()}

    @cached_property
    def markers(self) -> dict[str, frozenset[str]]:
        """Negations and the words that undo them ("no trouble breathing")."""
        return {
            **{w: frozenset([BLOCK]) for w in self.negation_blockers},
            **{w: frozenset([NEG]) for w in self.negations},
        }

    def expand(self, word: str) -> frozenset[str]:
        """The word with its lay synonyms."""
        return self.groups.get(word, frozenset([word]))

    def prepare(self, text: str) -> str:
        """The text as the rules read it (accents folded where the language says so)."""
        return fold_accents(text) if self.fold else text


ENGLISH = LanguageRules(
    lang="en",
    synonyms=lexicon.SYNONYMS,
    negations=lexicon.NEGATIONS,
    negation_blockers=lexicon.NEGATION_BLOCKERS,
    stopwords=lexicon.STOPWORDS,
    emergency_rules=lexicon.EMERGENCY_RULES,
    crisis_rules=lexicon.CRISIS_RULES,
    signs=signs.SIGNS | escalation.RED_FLAG_SIGNS | downgrades.DOWNGRADE_SIGNS,
)


def from_module(lang: str, module: ModuleType) -> LanguageRules:
    """A language's rules from its lexicon module; its sign names must be the English ones."""
    missing = [n for n in NAMES if not hasattr(module, n)]
    if missing:
        raise ValueError(f"{module.__name__} lacks {', '.join(missing)}")
    named = module.SIGNS | module.DOWNGRADE_SIGNS
    if set(named) != set(ENGLISH.signs):
        diff = sorted(set(named) ^ set(ENGLISH.signs))
        raise ValueError(f"{module.__name__}: signs differ from English: {diff}")
    return LanguageRules(
        lang=lang,
        synonyms=module.SYNONYMS,
        negations=frozenset(module.NEGATIONS),
        negation_blockers=frozenset(module.NEGATION_BLOCKERS),
        stopwords=frozenset(module.STOPWORDS),
        emergency_rules=module.EMERGENCY_RULES,
        crisis_rules=module.CRISIS_RULES,
        signs=named,
        fold=True,
    )


@cache
def language_rules(lang: str = "en") -> LanguageRules:
    """The rules' words for ``lang`` (``matcher.serving.lexicon_<lang>``)."""
    if lang == "en":
        return ENGLISH
    if not lang.isalpha():
        raise ValueError(f"not a language code: {lang!r}")
    return from_module(lang, importlib.import_module(f"matcher.serving.lexicon_{lang}"))
