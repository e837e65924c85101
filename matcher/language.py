"""Which language a message is written in, offline (py3langid, BSD-3-Clause).

Short messages are hard for any detector ("help", "ayuda!", "bleach ojo"), so
the text decides only when it says enough; otherwise the priors do, in order:
the language the chat chose (``/language``), the language of the chat's
previous message, Telegram's ``language_code`` for the user, then English.
A Latin-script message is given to a language we cannot answer (French,
German...) only when the detector is sure and the message is long enough:
sending an English speaker a "we only speak..." note would be worse than
answering a French speaker in English. benchmarks/language_detection.py
measured this against lingua (docs/benchmarks.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# Languages answered in full (a corpus, a catalogue and safety rules each).
FULL_LANGUAGES = ("en", "es")
# The most used languages on Telegram besides those: a short answer in each.
OTHER_LANGUAGES = (
    "ru", "pt", "fa", "ar", "hi", "id", "tr", "uk", "uz", "de",
    "it", "fr", "zh", "ko", "ja", "ms", "bn", "ur", "pl", "vi",
)  # fmt: skip
KNOWN_LANGUAGES = (*FULL_LANGUAGES, *OTHER_LANGUAGES)

# The text decides alone from this many words (and this sure), else the priors.
MIN_WORDS = 3
MIN_CONFIDENCE = 0.90
# A Latin-script language we cannot answer needs more.
OTHER_MIN_WORDS = 4
OTHER_MIN_CONFIDENCE = 0.995
# Only Spanish writes these (and the detector can miss them in two words).
_SPANISH_MARKS = re.compile(r"[¿¡ñÑ]")
_WORDS = re.compile(r"\w+", re.UNICODE)
# Function words that only one of the two languages uses: a short message with
# a few of them says which it is better than character statistics do.
_SPANISH_WORDS = frozenset(
    "que el la los las de del mi mis tu se con por para es esta estan esta un una y lo le les "
    "te nos como pero muy mucho hago hacer tiene tengo ya cuando donde porque sin al su sus hay "
    "fue era ahora hijo hija nene nena mama papa ayuda duele le cayo".split()
)
_ENGLISH_WORDS = frozenset(
    "the my is are and i to of in it he she his her what do does with was has have on for this "
    "that not can how just after got into from your you we they our im its dont cant help hurts "
    "fell should".split()
)


def language_of_code(code: str | None) -> str | None:
    """Telegram's ``language_code`` (an IETF tag: "es-419", "pt-br", "zh-hans") as
    one of :data:`KNOWN_LANGUAGES`, or None."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in KNOWN_LANGUAGES else None


@dataclass(frozen=True)
class Detection:
    """``lang`` and why: "forced", "text" (the detector, sure enough) or "prior"."""

    lang: str
    source: str
    confidence: float = 0.0


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin >= 0.5 * len(letters)


class LanguageDetector:
    """Detects the language of a message among :data:`KNOWN_LANGUAGES`."""

    def __init__(self, languages: tuple[str, ...] = KNOWN_LANGUAGES) -> None:
        self.languages = languages

    @cached_property
    def _identifier(self) -> Any:
        # Loaded on first use (about 0.3 s), restricted to the languages we know.
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(self.languages))
        return identifier

    def classify(self, text: str) -> tuple[str, float]:
        """The detector's own answer: (language, probability)."""
        lang, prob = self._identifier.classify(text)
        return str(lang), float(prob)

    def detect(
        self,
        text: str,
        *,
        forced: str | None = None,
        previous: str | None = None,
        language_code: str | None = None,
    ) -> Detection:
        """The message's language: ``forced`` wins, then a clear text, then the priors."""
        if forced:
            return Detection(forced, "forced", 1.0)
        prior = previous or language_of_code(language_code) or FULL_LANGUAGES[0]
        words = len(_WORDS.findall(text))
        if words == 0:
            return Detection(prior, "prior")
        if not _latin(text):
            lang, prob = self.classify(text)
            return Detection(lang, "text", prob)
        if _SPANISH_MARKS.search(text) and "es" in self.languages:
            return Detection("es", "text", 1.0)
        ranked = [(str(c), float(p)) for c, p in self._identifier.rank(text)]
        full = {c: p for c, p in ranked if c in FULL_LANGUAGES}
        top = next((c, p) for c, p in ranked if c not in FULL_LANGUAGES)
        # Close languages share the rest (Indonesian and Malay): what counts is
        # how sure it is that the message is in neither English nor Spanish.
        if words >= OTHER_MIN_WORDS and sum(full.values()) <= 1.0 - OTHER_MIN_CONFIDENCE:
            return Detection(top[0], "text", 1.0 - sum(full.values()))
        total = sum(full.values()) or 1.0
        share = {c: p / total for c, p in full.items()}
        lang = max(share, key=lambda c: share[c])
        folded = [w.lower() for w in _WORDS.findall(text)]
        votes = {
            "es": sum(w in _SPANISH_WORDS for w in folded),
            "en": sum(w in _ENGLISH_WORDS for w in folded),
        }
        other = "es" if lang == "en" else "en"
        if votes[lang] > votes[other] or (words >= MIN_WORDS and share[lang] >= MIN_CONFIDENCE):
            return Detection(lang, "text", share[lang])
        return Detection(prior, "prior", share[lang])
