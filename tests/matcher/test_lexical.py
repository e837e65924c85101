"""Word overlap (BM25) beside the embeddings: the scoring, the grouping, and how it adds."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from matcher_helpers import TEST_THRESHOLDS
from rank_bm25 import BM25Okapi

from matcher import Matcher
from matcher.serving.lexical import Lexical, words

DOCS = [
    "spelk in my thumb",
    "splinter in my thumb cant get it out",
    "my nose is bleeding",
    "nose bleed wont stop my nose",
    "my my my",
    "",
]


@pytest.mark.parametrize(
    "query", ["spelk thumb", "my nose my nose", "nothing shared here", "my", "thumb out"]
)
def test_scores_are_bm25okapi(query: str) -> None:
    ours = Lexical(DOCS, owners=range(len(DOCS)), n_groups=len(DOCS))
    reference = BM25Okapi([words(d) for d in DOCS])
    expected = reference.get_scores(words(query))
    assert np.allclose(ours.entry_scores(query), expected)


def test_each_group_scores_its_best_entry_and_rows_are_scaled_to_one() -> None:
    lexical = Lexical(DOCS, owners=[0, 0, 1, 1, 2, 2], n_groups=3)
    [row] = lexical.scores(["spelk in my thumb"])
    assert row[0] == pytest.approx(1.0)
    assert 0.0 <= row[1] < 1.0 and 0.0 <= row[2] < 1.0
    [none] = lexical.scores(["zebra crossing"])
    assert none.tolist() == [0.0, 0.0, 0.0]


def test_the_weight_adds_to_every_topic_and_the_bank(fake_matcher: Matcher) -> None:
    text = fake_matcher.corpus.topics[0].examples[0]
    off = fake_matcher.with_thresholds(replace(TEST_THRESHOLDS, lexical_weight=0.0))
    on = fake_matcher.with_thresholds(replace(TEST_THRESHOLDS, lexical_weight=0.25))
    plain_topics, plain_bank = off.scores([text])
    topics, bank = on.scores([text])
    overlap = on.lexical.scores([text])[0]
    assert np.allclose(topics[0] - plain_topics[0], 0.25 * overlap[:-1])
    assert bank[0] - plain_bank[0] == pytest.approx(0.25 * overlap[-1])
    # A message that is one of a topic's own examples overlaps that topic most.
    assert int(np.argmax(overlap[:-1])) == 0


def test_no_weight_no_work(fake_matcher: Matcher) -> None:
    off = fake_matcher.with_thresholds(replace(TEST_THRESHOLDS, lexical_weight=0.0))
    assert off.similarities(["my nose is bleeding"]).lexical is None
