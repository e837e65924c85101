"""Fixtures for the matcher tests: the fixture corpus and a matcher on the concept encoder."""

from __future__ import annotations

from pathlib import Path

import pytest
from matcher_helpers import TEST_THRESHOLDS, ConceptEncoder, fixture_corpus

from matcher import Matcher, load_matcher
from matcher.corpus import Corpus


@pytest.fixture
def corpus() -> Corpus:
    return fixture_corpus()


@pytest.fixture
def encoder() -> ConceptEncoder:
    return ConceptEncoder()


@pytest.fixture
def fake_matcher(tmp_path: Path, corpus: Corpus, encoder: ConceptEncoder) -> Matcher:
    """The real matcher on the fixture corpus, with the concept encoder and test thresholds."""
    built = load_matcher(
        model="base",
        models_dir=tmp_path / "models",
        cache_dir=tmp_path / "cache",
        corpus=corpus,
        encoder=encoder,
    )
    return built.with_thresholds(TEST_THRESHOLDS)
