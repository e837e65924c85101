"""Translations: the Spanish catalogues are complete and safe to fill, and the templates
match the sentences marked in the code (``make messages`` was run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import matcher.wording as mw
from bot import ui_text as w
from bot.i18n import FULL_LANGUAGES, full_language, gettext_for, ui_language
from matcher.i18n import available_languages

ROOT = Path(__file__).resolve().parents[1]
# (template, the folder its sentences are extracted from, the folder of its catalogues, domain)
DOMAINS = {
    "firstaid": (ROOT / "matcher/locale/firstaid.pot", ROOT / "matcher", ROOT / "matcher/locale"),
    "bot": (ROOT / "bot/locale/bot.pot", ROOT / "bot", ROOT / "bot/locale"),
}
TRANSLATED = [lang for lang in FULL_LANGUAGES if lang != "en"]
# matcher/other_language.py's sentences: in the Spanish catalogue whether or not the
# module (another change) is there yet.
OTHER_LANGUAGE = (
    "I can answer in English and Spanish so far. Please write to me in one of them.",
    "🚨 If someone is in danger, call {number} now.",
    "🚨 If someone is in danger, call your emergency number now: {numbers}.",
)
_FIELD = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"</?[a-z]+(?: [^>]*)?>")


def read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh)


def messages(catalog: Catalog) -> dict[str, Message]:
    return {m.id: m for m in catalog if m.id and isinstance(m.id, str)}


def catalogue(domain: str, lang: str) -> Path:
    return DOMAINS[domain][2] / lang / "LC_MESSAGES" / f"{domain}.po"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(domain: str, lang: str) -> None:
    template = messages(read(DOMAINS[domain][0]))
    po = read(catalogue(domain, lang))
    assert not po.fuzzy, "the catalogue's header is marked fuzzy"
    translated = messages(po)
    missing = [m for m in template if not translated.get(m) or not translated[m].string]
    assert missing == []
    fuzzy = [m.id for m in translated.values() if m.fuzzy]
    assert fuzzy == []
    assert not list(po.obsolete), "obsolete (#~) entries: translate or drop them"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_fields_tags_and_lines_are_kept(domain: str, lang: str) -> None:
    for message in messages(read(catalogue(domain, lang))).values():
        source, target = message.id, message.string
        assert isinstance(source, str) and isinstance(target, str)
        where = (domain, source)
        assert sorted(_FIELD.findall(target)) == sorted(_FIELD.findall(source)), where
        assert sorted(_TAG.findall(target)) == sorted(_TAG.findall(source)), where
        assert target.count("\n") == source.count("\n"), where
        assert target.startswith(" ") == source.startswith(" "), where  # " or ", " (child)"
        assert target.endswith(" ") == source.endswith(" "), where


def test_spanish_has_the_other_language_sentences() -> None:
    translated = messages(read(catalogue("firstaid", "es")))
    for source in OTHER_LANGUAGE:
        assert translated[source].string, source


@pytest.mark.parametrize("domain", DOMAINS)
def test_templates_match_the_code(domain: str) -> None:
    """Re-extract (as ``make messages`` does) and compare the message ids."""
    pot, folder, _ = DOMAINS[domain]
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords=keywords
        )
        if isinstance(message, str)
    }
    assert found == set(messages(read(pot))), "run `make messages` and translate what is new"


def test_catalogues_load_and_translate() -> None:
    assert "es" in available_languages()
    assert gettext_for("es")(w.BUTTON_NEXT_STEP) == "Paso siguiente ›"
    assert gettext_for("es")(w.COMMANDS[0][1]) != w.COMMANDS[0][1]
    assert gettext_for("en")(w.BUTTON_NEXT_STEP) == w.BUTTON_NEXT_STEP
    assert gettext_for("xx")(w.BUTTON_NEXT_STEP) == w.BUTTON_NEXT_STEP
    from matcher.i18n import gettext_for as matcher_gettext_for

    assert "llama al {number}" in matcher_gettext_for("es")(mw.DISCLAIMER)


@pytest.mark.parametrize(
    ("chosen", "code", "expected"),
    [
        (None, None, "en"),
        (None, "es", "es"),
        (None, "es-419", "es"),
        (None, "es-MX", "es"),
        (None, "es_AR", "es"),
        (None, "fr", "en"),
        (None, "en-GB", "en"),
        ("en", "es", "en"),
        ("es", "fr", "es"),
        ("de", "es", "es"),  # a choice the bot no longer has: the person's language
    ],
)
def test_ui_language(chosen: str | None, code: str | None, expected: str) -> None:
    assert ui_language(chosen, code) == expected


def test_full_language() -> None:
    assert full_language("ES") == "es" and full_language("pt-BR") is None
    assert full_language("") is None and full_language(None) is None
