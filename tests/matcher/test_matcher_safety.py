"""Lexical safety rules: crisis wording, red flags, typos, negation, topic red flags."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matcher_helpers import fixture_corpus

from matcher.serving.fuzzy import Vocabulary, edit_distance, similar, stem
from matcher.serving.lexicon import CRISIS_RULES, EMERGENCY_RULES
from matcher.serving.safety import SafetyRules, _labels, bag_matches, compile_rule, rule_matches


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    known = frozenset({"cooking", "breeding", "glue", "hello"})
    return SafetyRules(fixture_corpus().topics, known)


def flags(rules: SafetyRules, text: str) -> list[str]:
    return rules.red_flags(rules.scan(text))


def crisis(rules: SafetyRules, text: str) -> list[str]:
    return rules.crisis(rules.scan(text))


def test_edit_distance_counts_swaps_once_and_caps_at_limit() -> None:
    assert edit_distance("breathing", "breahting", 2) == 1
    assert edit_distance("bleeding", "bleading", 2) == 1
    assert edit_distance("kitten", "sitting", 1) == 2  # capped at limit + 1


def test_similar_tolerates_typos_by_length_but_not_on_short_or_known_words() -> None:
    assert similar("unconscious", "unconcious")
    assert similar("breathing", "breathng")
    assert not similar("blue", "glue")  # short words must match exactly
    assert not similar("choking", "cooking", known=True)  # a real word is not a typo
    assert similar("choking", "chokin")
    assert stem("breathing") == stem("breathe") == "breath"


def test_vocabulary_lookup_returns_every_matching_rule_word() -> None:
    vocab = Vocabulary(["bleeding", "breathing", "blue"])
    assert vocab.lookup("bleading") == {"bleeding"}
    assert vocab.lookup("blu") == frozenset()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("he is not breathing!!", "not breathing"),
        ("she isnt breathng", "not breathing"),
        ("my son is unconcious", "unconscious"),
        ("his lips are going blue", "blue lips or face"),
        ("nose bleading and it wont stop for 30 min", "bleeding won't stop"),
        ("she had a fit for more than 5 minutes", "seizure over five minutes"),
        ("my 6 week old has a temperature of 38", "fever in a baby under three months"),
        ("bitten by a black widow", "venomous bite or sting"),
        ("crushing pain in my chest", "chest pain"),
    ],
)
def test_general_red_flags_fire_on_lay_wording_and_typos(
    rules: SafetyRules, text: str, label: str
) -> None:
    assert label in flags(rules, text)


@pytest.mark.parametrize(
    "text",
    [
        "hives all over, no trouble breathing",
        "no chest pain, just dizzy",
        "I cut myself while cooking",
        "drowning in emails today",
        "my phone battery is dead",
        "I got a flu shot yesterday",
    ],
)
def test_general_red_flags_stay_quiet_on_negations_and_figures_of_speech(
    rules: SafetyRules, text: str
) -> None:
    assert flags(rules, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "i want to die",
        "I want to kill myself",
        "been cutting myself again",
        "my daughter self-harms",
        "I dont want to live anymore",
        "he took an overdose on purpose",
        "i'm going to end it tonight",
        "everyone would be better off without me",
        "sucidal thoughts all week",
    ],
)
def test_crisis_wording_is_recognised(rules: SafetyRules, text: str) -> None:
    assert crisis(rules, text)


@pytest.mark.parametrize(
    "text",
    [
        "I cut myself while cooking",
        "I don't want to die, my chest hurts",
        "cut my wrist on broken glass by accident",
        "this headache is killing me",
    ],
)
def test_accidents_and_fear_are_not_crisis(rules: SafetyRules, text: str) -> None:
    assert crisis(rules, text) == []


def test_topic_red_flags_match_as_bags_of_content_words(rules: SafetyRules) -> None:
    scan = rules.scan("my nose has been bleeding for over 20 minutes now")
    assert rules.topic_red_flags(scan, "nosebleed") == ["bleeding for over 20 minutes"]
    assert rules.topic_red_flags(rules.scan("my nose is bleeding"), "nosebleed") == []
    assert rules.topic_red_flags(scan, "no-such-topic") == []


def test_rules_respect_order_and_gap() -> None:
    rule = compile_rule(("test", "alpha beta", 1))
    hits_ok = [frozenset({"alpha"}), frozenset(), frozenset({"beta"})]
    hits_far = [frozenset({"alpha"}), frozenset(), frozenset(), frozenset({"beta"})]
    hits_reversed = [frozenset({"beta"}), frozenset({"alpha"})]
    assert rule_matches(rule, hits_ok)
    assert not rule_matches(rule, hits_far)
    assert not rule_matches(rule, hits_reversed)


RULE_WORDS = sorted(
    {w for r in (*EMERGENCY_RULES, *CRISIS_RULES) for slot in r[1].split() for w in slot.split("|")}
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([*RULE_WORDS, "not", "no", "my", "the", "and", "bleeding", "mum"]),
        max_size=14,
    )
)
def test_skipping_impossible_rules_changes_no_result(rules: SafetyRules, words: list[str]) -> None:
    scan = rules.scan(" ".join(words))
    for compiled in (rules.emergency, rules.crisis_rules):
        every = [r.label for r in compiled if rule_matches(r, scan.hits)]
        assert _labels(compiled, scan) == list(dict.fromkeys(every))
    for topic_id, bags in rules.topic_bags.items():
        every_bag = [b.phrase for b in bags if bag_matches(b, scan.hits)]
        assert rules.topic_red_flags(scan, topic_id) == every_bag
