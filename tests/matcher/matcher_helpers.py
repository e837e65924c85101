"""Test helpers for the matcher: a concept encoder with predictable geometry, and factories."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matcher.corpus import Corpus, load_corpus
from matcher.encoders.base import Vectors, as_unit_rows
from matcher.serving.decide import Match
from matcher.serving.normalize import tokens
from matcher.serving.thresholds import Thresholds

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"

# Each concept is one dimension; any other word adds a little to a shared
# "other" dimension, so longer messages drift slightly, as with a real model.
CONCEPTS = {
    "choke": "choking choke choked cough",
    "nose": "nose nosebleed nostril",
    "burn": "burn burned burnt scald scalded kettle oven",
    "despair": "hopeless",
    "greet": "hello hi thanks thank bye",
    "weather": "weather",
    "bleed": "bleeding blood bleed bloody",
}
WORD_DIM = {w: i for i, words in enumerate(CONCEPTS.values()) for w in words.split()}
OTHER = len(CONCEPTS)
OTHER_WEIGHT = 0.15

# Thresholds suited to the concept encoder's geometry (not the real model's).
TEST_THRESHOLDS = Thresholds(
    k=3,
    max_weight=0.5,
    oos_floor=0.5,
    oos_margin=0.0,
    ambiguity=0.05,
    sure=0.5,
    red_flag_topics=3,
    lexical_weight=0.0,  # word overlap has its own tests (test_lexical.py)
)


class ConceptEncoder:
    """Maps words to concept dimensions; counts its calls and the texts it saw."""

    def __init__(self) -> None:
        self.name = "concept-test-encoder"
        self.calls = 0
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        self.texts += list(texts)
        out = np.zeros((len(texts), OTHER + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            for tok in tokens(text):
                dim = WORD_DIM.get(tok)
                out[row, OTHER if dim is None else dim] += 1.0 if dim is not None else OTHER_WEIGHT
            if not out[row].any():
                out[row, OTHER] = 1.0
        return as_unit_rows(out)


def fixture_corpus() -> Corpus:
    return load_corpus(FIXTURES)


def make_match(
    topic: str | None,
    *,
    ranked: Sequence[str] = (),
    emergency: bool = False,
    oos: bool = False,
    text: str = "a message",
) -> Match:
    """A hand-made Match: ``ranked`` defaults to the topic followed by two fillers."""
    ids = list(ranked) or [t for t in [topic, "filler-a", "filler-b"] if t]
    return Match(
        text=text,
        normalized=text,
        topic=topic,
        score=0.5,
        level="self" if topic else None,
        emergency=emergency,
        crisis=False,
        oos=oos,
        low_confidence=False,
        alternatives=[(t, 0.5 - 0.01 * i) for i, t in enumerate(ids)],
        reasons=[],
        model_version="test",
    )
