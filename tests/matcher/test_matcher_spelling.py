"""Typo repair before encoding, and how a long story is read."""

from __future__ import annotations

import numpy as np
from matcher_helpers import ConceptEncoder

from matcher import Matcher
from matcher.encoders.base import as_unit_rows
from matcher.serving.spelling import MAX_ATTEMPTS, MAX_REPAIRS, Speller

CORPUS = [
    "bleeding nose",
    "the bleeding will stop",
    "breathing fast",
    "breathing slow",
    "heat heal",
]


def test_unknown_words_snap_to_the_one_nearest_corpus_word() -> None:
    speller = Speller(CORPUS, known_words=frozenset({"nose"}))
    text, fixes = speller.correct("my nose is bleading and I'm breathng")
    assert text == "my nose is bleeding and I'm breathing"
    assert fixes == [("bleading", "bleeding"), ("breathng", "breathing")]


def test_known_short_and_ambiguous_words_are_left_alone() -> None:
    speller = Speller(CORPUS + ["heat heal"], known_words=frozenset({"sledging"}))
    assert speller.correct("sledging")[1] == []  # a real word
    assert speller.correct("blee")[1] == []  # no target within one edit
    assert speller.correct("heam")[1] == []  # heat or heal: a tie is never guessed
    assert speller.correct("bleding nose")[0] == "bleeding nose"
    assert speller.correct("x1 9 é")[1] == []


def test_repairs_per_message_are_bounded() -> None:
    speller = Speller(CORPUS, known_words=frozenset())
    _, fixes = speller.correct(" ".join(["bleading"] * (MAX_REPAIRS + 5)))
    assert len(fixes) == MAX_REPAIRS


def test_a_long_story_is_read_whole_in_one_encoder_call(
    fake_matcher: Matcher, encoder: ConceptEncoder
) -> None:
    story = "we went to the park with grandma and the dog and had lunch and " * 3
    text = story + "now my dad is choking"
    before = encoder.calls
    query = fake_matcher.encode_queries([text])
    assert encoder.calls == before + 1 and encoder.texts[-1] == text
    np.testing.assert_allclose(query, as_unit_rows(encoder.encode([text])), atol=1e-6)


def test_gibberish_costs_a_bounded_number_of_lookups() -> None:
    speller = Speller(CORPUS, known_words=frozenset())
    words = [f"bzq{chr(97 + i % 26)}{chr(97 + i // 26)}x" for i in range(200)]
    text, fixes = speller.correct(" ".join(words))
    assert fixes == [] and text == " ".join(words)
    assert len(speller._cache) == MAX_ATTEMPTS
