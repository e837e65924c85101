"""Clinical content a reviewer checked against current guidance, kept true by tests.

Sources of the rules below: ERC 2021 and Resuscitation Council UK 2021 (CPR,
choking), NHS, St John Ambulance and British Red Cross (burns, anaphylaxis,
stroke, seizures, nosebleeds). These tests read only the topic files, never
the evaluation sets.
"""

from __future__ import annotations

import re

import pytest

from matcher.corpus import Corpus, Topic, load_corpus

# "call the emergency number", "get someone to call the emergency number",
# "Have someone call the emergency number": a call, not just a mention of the number.
CALLS = re.compile(r"\bcall\b[^.;]{0,40}\bemergency number\b", re.IGNORECASE)

# `call` topics whose guidance puts something before the call, with the reason.
# Each one must still tell the user to call, and must really need the exemption.
CALL_LATER = {
    "seizure": "NHS/SJA: time the fit and protect the person first; call only if it lasts over "
    "5 minutes, is a first fit, repeats, injures them or happens in water",
}

# Dose units the bot must never print, except the one sanctioned aspirin line.
DOSE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|milligrams?|mcg|micrograms?|µg)\b", re.IGNORECASE)
ASPIRIN_DOSE = "300 mg"
# Local numbers are filled in by the bot per chat; the corpus never names one.
LITERAL_NUMBER = re.compile(r"(?<!\d)(?:911|999|112)(?!\d)")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def answer_texts(topic: Topic) -> list[str]:
    """Everything the bot can show for a topic (examples are user messages, not answers)."""
    return [
        topic.title,
        topic.summary,
        *topic.steps,
        *(s for v in topic.variants for s in v.steps),
        *topic.do_not,
        *topic.get_help,
        *topic.red_flags,
    ]


def all_steps(topic: Topic) -> str:
    return " ".join([*topic.steps, *(s for v in topic.variants for s in v.steps)])


def first_index(steps: list[str], pattern: str) -> int:
    """Index of the first step matching ``pattern`` (case-insensitive); -1 if none."""
    rx = re.compile(pattern, re.IGNORECASE)
    return next((i for i, s in enumerate(steps) if rx.search(s)), -1)


def test_call_topics_tell_the_user_to_call_within_the_first_two_steps(corpus: Corpus) -> None:
    late = sorted(
        t.id
        for t in corpus.topics
        if t.level == "call" and not any(CALLS.search(s) for s in t.steps[:2])
    )
    assert late == sorted(CALL_LATER)


def test_documented_exceptions_still_say_when_to_call(corpus: Corpus) -> None:
    for tid in CALL_LATER:
        topic = corpus.topic(tid)
        assert topic.level == "call"
        assert 0 <= first_index(topic.steps, CALLS.pattern) <= 4, tid


def test_cardiac_arrest_gives_the_adult_cpr_numbers(corpus: Corpus) -> None:
    steps = " ".join(corpus.topic("cardiac-arrest").steps)
    assert re.search(r"\b30 (?:chest )?compressions\b", steps)
    assert re.search(r"\b2 (?:rescue )?breaths\b", steps)
    assert "100-120" in steps
    assert "5-6 cm" in steps
    assert re.search(r"\b(?:AED|defibrillator)\b", steps)


def test_cardiac_arrest_calls_before_compressions(corpus: Corpus) -> None:
    steps = corpus.topic("cardiac-arrest").steps
    assert 0 <= first_index(steps, CALLS.pattern) < first_index(steps, r"push|compression")


def test_child_and_baby_cpr_start_with_five_breaths_at_a_third_of_chest_depth(
    corpus: Corpus,
) -> None:
    variants = {
        v.audience.lower(): " ".join(v.steps) for v in corpus.topic("cardiac-arrest").variants
    }
    child = next(text for aud, text in variants.items() if "child" in aud)
    baby = next(text for aud, text in variants.items() if "bab" in aud or "infant" in aud)
    for text in (child, baby):
        assert re.search(r"\b5 rescue breaths\b", text)
        assert "third" in text and "100-120" in text
        assert CALLS.search(text)
    # ERC 2025 and AHA 2025: both thumbs with the hands circling the chest, not two fingers.
    assert "both thumbs" in baby and "two fingers" not in baby


def test_choking_adult_order_is_cough_then_back_blows_then_abdominal_thrusts(
    corpus: Corpus,
) -> None:
    steps = corpus.topic("choking").steps
    cough = first_index(steps, r"cough")
    blows = first_index(steps, r"5 (?:sharp )?back blows")
    thrusts = first_index(steps, r"5 abdominal thrusts")
    cpr = first_index(steps, r"unresponsive.*CPR")
    assert 0 <= cough < blows < thrusts < cpr


def test_choking_infant_uses_back_blows_and_chest_thrusts_never_abdominal(corpus: Corpus) -> None:
    topic = corpus.topic("choking-infant")
    steps = all_steps(topic)
    assert not re.search(r"abdominal|heimlich", steps, re.IGNORECASE)
    blows = first_index(topic.steps, r"5 (?:firm )?back blows")
    thrusts = first_index(topic.steps, r"5 chest thrusts")
    assert 0 <= blows < thrusts
    assert "forearm" in topic.steps[blows] and "two fingers" in topic.steps[thrusts]
    assert any(re.search(r"abdominal thrusts", d, re.IGNORECASE) for d in topic.do_not)


def test_burns_are_cooled_under_running_water_for_20_minutes(corpus: Corpus) -> None:
    topic = corpus.topic("burn")
    cooling = next(s for s in topic.steps if "running water" in s)
    assert "20 minutes" in cooling
    assert re.search(r"cling film", all_steps(topic))
    banned = " ".join(topic.do_not).lower()
    assert all(word in banned for word in ("ice", "butter", "creams"))


def test_anaphylaxis_injects_the_outer_thigh_and_repeats_after_five_minutes(
    corpus: Corpus,
) -> None:
    topic = corpus.topic("anaphylaxis")
    assert "outer thigh" in topic.steps[0]
    assert re.search(r"after 5 minutes.*second", all_steps(topic))
    assert re.search(r"legs raised", all_steps(topic))


def test_stroke_spells_out_fast_and_the_time_of_onset(corpus: Corpus) -> None:
    steps = " ".join(corpus.topic("stroke").steps)
    assert "FAST" in steps
    # Capitalised on purpose: each letter of the mnemonic, not any use of the word.
    assert all(re.search(rf"\b{word}\b", steps) for word in ("Face", "Arms?", "Speech", "Time"))
    assert re.search(r"note the time", steps, re.IGNORECASE)


def test_seizure_forbids_anything_in_the_mouth_and_restraint(corpus: Corpus) -> None:
    do_not = " ".join(corpus.topic("seizure").do_not).lower()
    assert "do not put anything in their mouth" in do_not
    assert "do not hold them down" in do_not


def test_nosebleed_forbids_tilting_back_and_uses_one_pinch_time(corpus: Corpus) -> None:
    topic = corpus.topic("nosebleed")
    assert any("do not tilt the head back" in d.lower() for d in topic.do_not)
    # One answer to "how long do I pinch?": every pinch in the steps lasts 10 minutes,
    # and the hospital threshold is two such rounds.
    pinches = re.findall(r"(\d+)(?: to (\d+))? minutes", all_steps(topic))
    assert pinches and all(p == ("10", "") for p in pinches)
    assert any("20 minutes" in h for h in topic.get_help)


def test_heart_attack_gives_one_300_mg_aspirin_to_chew_if_not_allergic(corpus: Corpus) -> None:
    steps = corpus.topic("heart-attack").steps
    assert CALLS.search(steps[0])
    aspirin = [s for s in steps if "aspirin" in s.lower()]
    assert len(aspirin) == 1
    assert ASPIRIN_DOSE in aspirin[0] and "chew" in aspirin[0] and "allergic" in aspirin[0]


def test_no_dose_in_mg_except_the_heart_attack_aspirin(corpus: Corpus) -> None:
    doses = [
        (t.id, m.group(0))
        for t in corpus.topics
        for text in answer_texts(t)
        for m in DOSE.finditer(text)
    ]
    assert doses == [("heart-attack", ASPIRIN_DOSE)]


def test_no_topic_names_a_local_emergency_number(corpus: Corpus) -> None:
    found = [
        (t.id, text)
        for t in corpus.topics
        for text in answer_texts(t)
        if LITERAL_NUMBER.search(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("topic_id", "field", "pattern"),
    [
        ("hypothermia", "do_not", r"hot bath"),
        ("hypothermia", "do_not", r"\brub"),
        ("hypothermia", "do_not", r"alcohol"),
        ("heatstroke", "steps", r"cool them as fast as you can"),
        ("poisoning", "do_not", r"do not make them vomit"),
        ("poisoning", "steps", r"keep the bottle, packet"),
        ("overdose", "steps", r"naloxone"),
        ("overdose", "steps", r"recovery position"),
        ("overdose", "steps", r"start CPR"),
        ("severe-bleeding", "steps", r"press firmly and directly on the wound"),
        ("severe-bleeding", "steps", r"tourniquet"),
        ("swallowed-object", "steps", r"button battery.*always an emergency"),
        ("suicidal-crisis", "steps", r"crisis line"),
    ],
)
def test_key_guidance_is_present(corpus: Corpus, topic_id: str, field: str, pattern: str) -> None:
    topic = corpus.topic(topic_id)
    text = all_steps(topic) if field == "steps" else " ".join(getattr(topic, field))
    assert re.search(pattern, text, re.IGNORECASE)


def test_call_and_dose_patterns_on_hand_made_text() -> None:
    assert CALLS.search("Get someone to call the emergency number now.")
    assert not CALLS.search("Note the emergency number for later. Call a friend.")
    assert [m.group(0) for m in DOSE.finditer("give 300 mg, or 0.5 mg, not 5 ml")] == [
        "300 mg",
        "0.5 mg",
    ]
    assert LITERAL_NUMBER.search("dial 999") and not LITERAL_NUMBER.search("call 1999")
