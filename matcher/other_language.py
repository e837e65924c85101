"""The short answer to a message in a language the bot cannot answer in full.

The bot answers fully in English and Spanish. A message in another language gets,
in that language: crisis support first when the message reads like a crisis,
then "I can answer in English and Spanish so far", then the emergency number.
The sentences are gettext messages (``matcher/locale/<lang>/``); a language
without a catalogue gets them in English.

:func:`reads_like_crisis` looks for the short crisis phrases of
``corpus/crisis_lexicon.yaml`` (22 languages, native scripts and common
transliterations) in any message: case-folded, without accents or
diacritics, apostrophes dropped and punctuation read as spaces, so the same
phrase matches however it is typed. Latin and Cyrillic phrases match whole words
(a trailing ``*`` lets a word go on); other scripts match anywhere, as Chinese
and Japanese have no spaces. A phrase right after a "no", "non", "не"... is denied
and does not count.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

import matcher.wording as w
from matcher.corpus import FALLBACK_CONTACT, Contact, default_corpus_dir
from matcher.i18n import N_, gettext_for

OTHER_LANGUAGE = N_(
    "I can answer in English and Spanish so far. Please write to me in one of them."
)
OTHER_DANGER = N_("🚨 If someone is in danger, call {number} now.")
OTHER_DANGER_UNKNOWN = N_("🚨 If someone is in danger, call your emergency number now: {numbers}.")

LEXICON_FILE = "crisis_lexicon.yaml"

# Letters that case folding and NFKD leave as they are but people type plainly.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ـ": ""})
_APOSTROPHES = re.compile("['’‘`´ʻʼ\u200c\u200d]")
_TAG = re.compile(r"</?(?:b|i|a)(?: [^>]*)?>")
# A phrase right after one of these is denied ("non voglio morire", "no quiero morir").
_NEGATIONS = frozenset("no non nao not dont ne nie не ні нет tidak tak gak nggak".split())


def normal(text: str) -> str:
    """``text`` as phrases are compared: folded, no accents or apostrophes, spaced."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN))
    kept = "".join(c for c in folded if not unicodedata.combining(c))
    kept = _APOSTROPHES.sub("", kept)
    spaced = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in kept)
    return " ".join(spaced.split())


def _worded(ch: str) -> bool:
    """True for a Latin or Cyrillic letter or a digit: such phrases match whole words."""
    if ch.isdigit():
        return True
    name = unicodedata.name(ch, "")
    return name.startswith(("LATIN", "CYRILLIC"))


@cache
def _needles(path: Path | None = None) -> tuple[str, ...]:
    """Every phrase of the lexicon as a substring to look for in a padded message."""
    source = path or default_corpus_dir() / LEXICON_FILE
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    needles: set[str] = set()
    for phrases in data.values():
        for raw in phrases:
            prefix = raw.endswith("*")
            phrase = normal(raw.removesuffix("*"))
            if not phrase:
                continue
            start = " " if _worded(phrase[0]) else ""
            end = " " if _worded(phrase[-1]) and not prefix else ""
            needles.add(start + phrase + end)
    return tuple(sorted(needles))


def reads_like_crisis(text: str) -> bool:
    """True when ``text``, in any language, holds a crisis phrase of the lexicon."""
    padded = f" {normal(text)} "
    for needle in _needles():
        at = padded.find(needle)
        while at >= 0:
            before = padded[:at].split()[-1:]
            if not before or before[0] not in _NEGATIONS:
                return True
            at = padded.find(needle, at + 1)
    return False


def _render(template: str, fmt: Literal["text", "html"], **values: str) -> str:
    """Fill ``template``: HTML escapes the values and keeps the tags; text drops the tags."""
    if fmt == "html":
        return template.format(**{k: html.escape(v, quote=True) for k, v in values.items()})
    return _TAG.sub("", template).format(**values)


def other_language_reply(
    text: str, lang: str, *, contact: Contact | None, fmt: Literal["text", "html"]
) -> tuple[str, bool]:
    """The short answer in ``lang`` and whether the message read like a crisis.

    Crisis support first (the contact's crisis line where it has one), then the
    languages the bot speaks, then the emergency number (the common numbers when
    the country is unknown).
    """
    _ = gettext_for(lang)
    known = contact is not None and contact.country != FALLBACK_CONTACT.country
    number = contact.emergency[0] if contact is not None and known else None
    numbers = _(w.COMMON_NUMBERS)
    crisis = reads_like_crisis(text)
    lines = []
    if crisis:
        call = number or numbers
        if contact is not None and known and contact.crisis:
            name = contact.crisis_name or _(w.CRISIS_HELPLINE_NAME)
            lines.append(
                _render(
                    _(w.CRISIS_LINE_WITH_HELPLINE),
                    fmt,
                    name=name,
                    crisis=contact.crisis,
                    number=call,
                )
            )
        else:
            lines.append(_render(_(w.CRISIS_LINE), fmt, number=call))
    lines.append(_render(_(OTHER_LANGUAGE), fmt))
    if number is not None:
        lines.append(_render(_(OTHER_DANGER), fmt, number=number))
    else:
        lines.append(_render(_(OTHER_DANGER_UNKNOWN), fmt, numbers=numbers))
    return "\n".join(lines), crisis
