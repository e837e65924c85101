"""Every translated corpus (corpus/topics/<lang>/) stays aligned with the English one,
cites sources in its own language, and is kept apart from its evaluation sets.

The alignment checks compare shapes, not wording: a translation with one step
fewer, a lost red flag or a dropped ``{number}`` answers differently from the
English topic without any test of the wording noticing. Failures name the file
and the field. The evaluation firewall reads ``corpus/eval/<lang>/*.jsonl``
only to keep topic examples and bank messages away from it.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from matcher.corpus import (
    Corpus,
    Topic,
    default_corpus_dir,
    eval_dir,
    languages,
    load_corpus,
    load_eval,
    topics_dir,
)
from matcher.serving.normalize import normalize
from matcher.training.data import EvalFirewall

# Today "es"; a new topics/<lang>/ folder is checked as soon as it exists.
LANGS = [lang for lang in languages() if lang != "en"]
MIN_EXAMPLES = 45
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[a-z0-9']+")

# Local numbers are filled in by the bot per chat ({number}); an answer never names
# one. The general numbers plus the Spanish-speaking countries' ambulance,
# police, fire and crisis lines (112, 911, 999, 000, 061 and 065 ambulance in
# Spain and Mexico, 062/091/092 police, 080/085 fire, 024 crisis, 107 Argentina,
# 123 Colombia, 131-133 Chile). Not 100-120: a CPR rate is "100 a 120".
EMERGENCY_NUMBERS = re.compile(
    r"(?<![\d.,])(?:112|911|999|000|061|065|066|062|080|085|088|091|092|024|107|123|131|132|133)"
    r"(?![\d.,]\d|\d)"
)

# A source is in the language when its address says so (a .es host, an es. or
# /es/ part, MedlinePlus's /spanish/, the Spanish bodies' own sites) or its title
# reads as Spanish.
SPANISH_URL = re.compile(
    r"^https://(?:[^/]*\.es(?:/|$)|es\.|[^/]*/(?:[^?#]*/)?(?:es|spanish|espanol)(?:/|$))"
    r"|cruzroja|cercp|sanidad|aeped",
    re.IGNORECASE,
)
SPANISH_WORDS = frozenset(
    "de del la las el los y en por para con una un que sobre ante al primeros auxilios".split()
)
# `call` topics citing one Spanish source where two are due (found when this test
# was written; adding a checked second source is a content task). Do not add to it.
FEW_SPANISH_SOURCES = {"asthma-attack", "carbon-monoxide", "shock", "swallowed-object"}
SPANISH_LETTERS = re.compile(r"[áéíóúñ¿¡]", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower-cased, accents removed ("Quemé" -> "queme"), so the word regex sees whole words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_forms(text: str) -> tuple[str, str]:
    """The text folded as written and after the matcher's clean-up (which repairs
    mojibake such as "Â¿cÃ³mo" before there are accents to fold)."""
    return fold(text), fold(normalize(text))


def words_key(text: str) -> str:
    return " ".join(WORD.findall(fold(text)))


def is_spanish_source(title: str, url: str) -> bool:
    if SPANISH_URL.search(url):
        return True
    return bool(SPANISH_LETTERS.search(title) or set(WORD.findall(fold(title))) & SPANISH_WORDS)


def topic_file(lang: str, topic_id: str) -> str:
    path = topics_dir(default_corpus_dir(), lang) / f"{topic_id}.yaml"
    return str(path.relative_to(default_corpus_dir().parent))


def answer_texts(topic: Topic) -> list[tuple[str, str]]:
    """(field, text) for everything the bot can show for a topic; examples and red
    flags read like user messages and may quote a number."""
    return [
        ("title", topic.title),
        ("summary", topic.summary),
        *(("steps", s) for s in topic.steps),
        *(("variants", s) for v in topic.variants for s in v.steps),
        *(("first", s) for f in topic.first for s in f.steps),
        *([("call_line", topic.call_line)] if topic.call_line else []),
        *(("do_not", s) for s in topic.do_not),
        *(("get_help", s) for s in topic.get_help),
    ]


def misalignments(en: Topic, tr: Topic) -> list[str]:
    """Field-by-field shape differences between an English topic and its translation."""
    found = []
    if tr.level != en.level:
        found.append(f"level {tr.level!r}, English {en.level!r}")
    for field in ("steps", "do_not", "get_help", "red_flags"):
        n_en, n_tr = len(getattr(en, field)), len(getattr(tr, field))
        if n_en != n_tr:
            found.append(f"{field}: {n_tr} items, English {n_en}")
    if len(en.variants) != len(tr.variants):
        found.append(f"variants: {len(tr.variants)}, English {len(en.variants)}")
    else:
        for i, (ve, vt) in enumerate(zip(en.variants, tr.variants, strict=True)):
            if len(ve.steps) != len(vt.steps):
                found.append(
                    f"variants[{i}] ({vt.audience}): {len(vt.steps)} steps, English {len(ve.steps)}"
                )
    if len(en.first) != len(tr.first):
        found.append(f"first: {len(tr.first)} blocks, English {len(en.first)}")
    else:
        for i, (fe, ft) in enumerate(zip(en.first, tr.first, strict=True)):
            if (fe.audience, fe.countries) != (ft.audience, ft.countries):
                found.append(
                    f"first[{i}]: audience/countries {ft.audience} {ft.countries}, "
                    f"English {fe.audience} {fe.countries}"
                )
            if len(fe.steps) != len(ft.steps):
                found.append(f"first[{i}]: {len(ft.steps)} steps, English {len(fe.steps)}")
            lost = set(PLACEHOLDER.findall(" ".join(fe.steps))) - set(
                PLACEHOLDER.findall(" ".join(ft.steps))
            )
            if lost:
                found.append(f"first[{i}]: placeholders {sorted(lost)} missing")
    if (en.call_line is None) != (tr.call_line is None):
        found.append(f"call_line: {'missing' if tr.call_line is None else 'not in English'}")
    elif en.call_line and tr.call_line:
        lost = set(PLACEHOLDER.findall(en.call_line)) - set(PLACEHOLDER.findall(tr.call_line))
        if lost:
            found.append(f"call_line: placeholders {sorted(lost)} missing")
    return found


@pytest.fixture(scope="module")
def english() -> Corpus:
    return load_corpus()


def test_there_is_a_translated_corpus() -> None:
    assert "es" in LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_every_english_topic_has_a_translation_with_the_same_id(english: Corpus, lang: str) -> None:
    translated = load_corpus(lang=lang)
    assert sorted(t.id for t in translated.topics) == sorted(t.id for t in english.topics)


@pytest.mark.parametrize("lang", LANGS)
def test_translations_have_the_english_shape(english: Corpus, lang: str) -> None:
    translated = load_corpus(lang=lang).by_id
    problems = [
        f"{topic_file(lang, t.id)}: {problem}"
        for t in english.topics
        if t.id in translated
        for problem in misalignments(t, translated[t.id])
    ]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_topics_cite_sources_in_the_language(lang: str) -> None:
    assert lang == "es", f"add the source rule for {lang!r}"
    short = []
    for t in load_corpus(lang=lang).topics:
        n = sum(is_spanish_source(s.title, s.url) for s in t.sources)
        need = 2 if t.level == "call" and t.id not in FEW_SPANISH_SOURCES else 1
        if n < need:
            short.append(f"{topic_file(lang, t.id)}: sources: {n} in Spanish, needs {need}")
    assert short == []


def test_the_topics_short_of_spanish_sources_are_still_short() -> None:
    # Once a second source is added, the topic leaves FEW_SPANISH_SOURCES.
    corpus = load_corpus(lang="es")
    fixed = {
        tid
        for tid in FEW_SPANISH_SOURCES
        if sum(is_spanish_source(s.title, s.url) for s in corpus.topic(tid).sources) >= 2
    }
    assert fixed == set()


@pytest.mark.parametrize("lang", LANGS)
def test_topics_have_enough_examples(lang: str) -> None:
    few = {
        topic_file(lang, t.id): len(t.examples)
        for t in load_corpus(lang=lang).topics
        if len(t.examples) < MIN_EXAMPLES
    }
    assert few == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_example_belongs_to_two_topics(lang: str) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for topic in load_corpus(lang=lang).topics:
        for example in dict.fromkeys(topic.examples):
            key = words_key(example) or example.strip()
            if key in owner and owner[key] != topic.id:
                clashes.append((example, owner[key], topic.id))
            owner.setdefault(key, topic.id)
    assert clashes == []


@pytest.mark.parametrize("lang", LANGS)
def test_answers_name_no_emergency_number(lang: str) -> None:
    found = [
        f"{topic_file(lang, t.id)}: {field}: {text!r}"
        for t in load_corpus(lang=lang).topics
        for field, text in answer_texts(t)
        if EMERGENCY_NUMBERS.search(text)
    ]
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_examples_and_bank_stay_clear_of_the_evaluation_sets(lang: str) -> None:
    paths = sorted(eval_dir(lang=lang).glob("*.jsonl"))
    assert paths, f"no evaluation sets in {eval_dir(lang=lang)}"
    evaluation = [item.text for p in paths for item in load_eval(p)]
    firewall = EvalFirewall(v for text in evaluation for v in folded_forms(text))
    corpus = load_corpus(lang=lang)
    messages = [(topic_file(lang, t.id), e) for t in corpus.topics for e in t.examples]
    messages += [(f"out_of_scope.{lang}.yaml", e) for e in corpus.oos_examples()]
    leaks = [
        f"{where}: {text!r}"
        for where, text in messages
        if any(map(firewall.blocks, folded_forms(text)))
    ]
    assert leaks == []


def test_helpers_on_hand_made_text() -> None:
    assert fold("¿Me QUEMÉ la mañana?") == "¿me queme la manana?"
    assert words_key("Me quemé  la MANO!") == "me queme la mano"
    assert EMERGENCY_NUMBERS.search("llama al 112 ya") and EMERGENCY_NUMBERS.search("(061)")
    assert not EMERGENCY_NUMBERS.search("100 a 120 compresiones; 1.000 ml; 20 minutos; 1123")
    assert is_spanish_source("Burns", "https://medlineplus.gov/spanish/burns.html")
    assert is_spanish_source("Quemaduras", "https://www.who.int/es/news-room/x")
    assert is_spanish_source("Primeros auxilios", "https://www.cruzroja.es/")
    assert is_spanish_source("Ingesta de pilas de botón", "https://example.org/")
    assert not is_spanish_source("Special circumstances", "https://www.resus.org.uk/library/")
    assert not is_spanish_source("Burns and scalds", "https://www.nhs.uk/conditions/burns/")
