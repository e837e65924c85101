"""The first message over the real corpus: every topic, audience and country within the
limits, the chat's number in every call line, the common numbers while none is known,
and the clinical points the first message must carry."""

from __future__ import annotations

import re

import pytest

import matcher.wording as wording
from matcher.audience import audience_of
from matcher.compose import compose_topic, utf16_len
from matcher.corpus import Audience, Corpus, load_corpus
from matcher.first import (
    CALL_LIMIT,
    OTHER_LIMIT,
    audience_steps,
    first_message,
    has_own_steps,
    section_view,
    step_view,
    topic_first,
)
from matcher.serving.decide import Match

AUDIENCES: tuple[Audience, ...] = ("adult", "child", "baby", "pregnant", "older")
# Where the call line must name the country's own number, not 112.
NON_112 = ("US", "CA", "MX", "AU", "NZ", "JP", "GB", "ZA", "BR")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def first(corpus: Corpus, topic_id: str, country: str | None, audience: Audience = "adult") -> str:
    topic = corpus.topic(topic_id)
    return topic_first(
        topic,
        contact=corpus.contact(country),
        audience=audience,
        urgent=topic.level == "call",
        fmt="text",
    )


def test_every_topic_audience_and_country_fits_and_calls_the_right_number(
    corpus: Corpus,
) -> None:
    countries: list[str | None] = [None, *(c.country for c in corpus.contacts)]
    for topic in corpus.topics:
        urgent = topic.level == "call"
        for audience in AUDIENCES:
            for country in countries:
                contact = corpus.contact(country)
                for fmt in ("text", "html"):
                    text = topic_first(
                        topic, contact=contact, audience=audience, urgent=urgent, fmt=fmt
                    )
                    where = (topic.id, audience, country, fmt)
                    assert utf16_len(text) <= (CALL_LIMIT if urgent else OTHER_LIMIT), where
                    assert "{" not in text and "}" not in text, where
                    assert wording.FIRST_DISCLAIMER.replace("<i>", "").replace("</i>", "") in (
                        re.sub(r"</?i>", "", text)
                    )
                    if not urgent:
                        continue
                    if country is None:
                        assert wording.COMMON_NUMBERS in text, where
                    else:
                        line = text.split("\n")[0]
                        assert contact.emergency[0] in line, where


@pytest.mark.parametrize("country", NON_112)
def test_call_level_steps_carry_the_real_number(corpus: Corpus, country: str) -> None:
    number = corpus.contact(country).emergency[0]
    for tid in ("cardiac-arrest", "choking", "severe-bleeding", "stroke"):
        text = first(corpus, tid, country)
        steps = text.split("\n", 2)[2]  # below the call line and the title
        assert number in steps, (tid, country)
        assert "Call 112 now" not in text


def test_unknown_country_never_says_call_112_now(corpus: Corpus) -> None:
    for topic in corpus.topics:
        for audience in AUDIENCES:
            text = first(corpus, topic.id, None, audience)
            assert "Call 112" not in text, topic.id
        full = "\n".join(compose_topic(topic.id, corpus=corpus, country=None, fmt="text"))
        assert "Call 112 now" not in full and "call 112." not in full, topic.id


def test_first_steps_come_from_the_named_audience(corpus: Corpus) -> None:
    adult = first(corpus, "cardiac-arrest", "GB", "adult")
    child = first(corpus, "cardiac-arrest", "GB", "child")
    baby = first(corpus, "cardiac-arrest", "GB", "baby")
    assert "5-6 cm" in adult and "rescue breaths" not in adult
    assert "5 rescue breaths" in child and "about 5 cm" in child
    # ERC 2025 and AHA 2025: the two-thumb, hands-encircling technique for infants.
    assert "both thumbs" in baby and "two fingers" not in baby and "about 4 cm" in baby
    assert "back blows" in first(corpus, "choking", "GB", "baby")
    # A topic whose first aid is the same for a child shows the adult steps, unlabelled.
    assert not has_own_steps(corpus.topic("nosebleed"), "baby")
    assert first(corpus, "nosebleed", "GB", "baby") == first(corpus, "nosebleed", "GB", "adult")


def test_cardiac_arrest_first_message_has_the_hard_flat_surface(corpus: Corpus) -> None:
    assert "firm, flat surface" in first(corpus, "cardiac-arrest", "US")


def test_local_advice_follows_the_country(corpus: Corpus) -> None:
    australia = first(corpus, "jellyfish-sting", "AU")
    britain = first(corpus, "jellyfish-sting", "GB")
    assert "vinegar" in australia and "000" in australia and "Australia" in australia
    assert "vinegar" not in britain and "seawater" in britain
    assert "300 mg" in first(corpus, "heart-attack", "GB")
    assert "325 mg" in first(corpus, "heart-attack", "US")
    elsewhere = first(corpus, "heart-attack", "FR")
    assert "aspirin" in elsewhere and not re.search(r"\d+ mg", elsewhere)
    assert "pressure bandage" in first(corpus, "snake-bite", "AU")
    assert "pressure bandage" not in first(corpus, "snake-bite", "US")


def test_seizure_header_says_when_to_call_not_call_now(corpus: Corpus) -> None:
    text = first(corpus, "seizure", "GB")
    head = text.split("\n")[0]
    assert "Call 999 now" not in head
    assert "first seizure" in head and "5 minutes" in head and "pregnan" in head
    unknown = first(corpus, "seizure", None)
    assert wording.COMMON_NUMBERS in unknown and "Call your emergency number now" not in unknown


def test_anaphylaxis_shows_the_signs_first(corpus: Corpus) -> None:
    steps = first(corpus, "anaphylaxis", "GB").split("\n")
    assert steps[2].startswith("1. Signs:") and "auto-injector" in steps[3]


def test_infant_choking_calls_on_speaker_as_soon_as_the_baby_cannot_breathe(
    corpus: Corpus,
) -> None:
    text = first(corpus, "choking-infant", "GB")
    assert "1. Baby cannot cough, cry or breathe? Shout for help and call 999 on speaker" in text


def test_pregnant_and_older_add_to_the_adult_steps(corpus: Corpus) -> None:
    choking = first(corpus, "choking", "GB", "pregnant")
    assert "(pregnant)" in choking and "back blows" in choking
    assert "chest thrusts" in choking and "abdominal thrusts" not in choking
    anaphylaxis = first(corpus, "anaphylaxis", "GB", "pregnant")
    assert "auto-injector" in anaphylaxis and "If pregnant:" in anaphylaxis
    assert "left side" in anaphylaxis
    head = first(corpus, "head-injury", "GB", "older")
    assert "Older person:" in head and "hospital" in head
    # No variant of its own: the adult message, unlabelled.
    assert first(corpus, "cardiac-arrest", "GB", "pregnant") == first(
        corpus, "cardiac-arrest", "GB", "adult"
    )
    steps = audience_steps(corpus.topic("choking"), "pregnant")
    assert steps[: len(corpus.topic("choking").steps)] == corpus.topic("choking").steps


def test_step_view_walks_every_step_for_the_audience(corpus: Corpus) -> None:
    topic = corpus.topic("cardiac-arrest")
    contact = corpus.contact("US")
    for audience in AUDIENCES:
        steps = audience_steps(topic, audience)
        for n in range(1, len(steps) + 1):
            text, total = step_view(topic, n, contact=contact, audience=audience, fmt="text")
            assert total == len(steps) and f"step {n} of {total}" in text
            assert text.startswith("🚨 Call 911 now")
    # The corpus says "the emergency number"; the step names the real one.
    text, _ = step_view(topic, 2, contact=contact, audience="adult", fmt="text")
    assert "call 911 now" in text and "the emergency number" not in text


def test_sections_show_one_block_each(corpus: Corpus) -> None:
    topic = corpus.topic("burn")
    contact = corpus.contact("GB")
    assert section_view(topic, "do_not", contact=contact, fmt="text").startswith("Do not")
    assert section_view(topic, "get_help", contact=contact, fmt="text").startswith("Get help")
    assert "https://" in section_view(topic, "sources", contact=contact, fmt="text")


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("my 8 month old is not breathing", "baby"),
        ("newborn choking on milk", "baby"),
        ("my 6 week old baby isnt breathing", "baby"),
        ("infant cpr how", "baby"),
        ("18 month old swallowed a coin", "child"),
        ("cpr on a 6 year old, how deep", "child"),
        ("toddler limp and not breathing", "child"),
        ("do rescue breaths on a child first", "child"),
        ("she's 4 and not breathing", "child"),
        ("my son is 15 and collapsed at football", None),  # adult steps, by default
        ("my pregnant wife is choking", "pregnant"),
        ("I am 30 weeks pregnant and feel faint", "pregnant"),
        ("grandma fell and hit her head", "older"),
        ("my dad is 82 and fell in the garden", "older"),
        ("my dad collapsed and isnt breathing", None),
        ("my son burned his hand", None),
        ("it has been going on for 10 minutes", None),
    ],
)
def test_audience_of_the_message(text: str, audience: Audience | None) -> None:
    assert audience_of(text) == audience


def _first_of(corpus: Corpus, topic: str, *, emergency: bool) -> str:
    """The first message (GB, text) for a confident match of ``topic``."""
    match = Match(
        text="x",
        normalized="x",
        topic=topic,
        score=0.7,
        level="call",
        emergency=emergency,
        crisis=False,
        oos=False,
        low_confidence=False,
    )
    return first_message(match, corpus=corpus, country="GB", audience=None, fmt="text", full=[])


@pytest.mark.parametrize("topic", ["swallowed-object", "electric-shock", "unconscious-breathing"])
def test_a_call_level_topic_found_calm_opens_with_the_calm_line(corpus: Corpus, topic: str) -> None:
    # The matcher decided no emergency (a coin swallowed and playing, a question): the
    # first message must not open with the alarm the full reply also leaves out.
    calm = _first_of(corpus, topic, emergency=False)
    assert calm.splitlines()[0] == "If anyone is in danger, call 999."
    assert "Call 999 now" not in calm
    alarm = _first_of(corpus, topic, emergency=True)
    assert alarm.splitlines()[0].startswith("🚨")
