"""Picklable matcher factories for tests that start a matcher process."""

from __future__ import annotations

from pathlib import Path

from matcher import Matcher, load_matcher
from tests.fakes.encoder import HashingEncoder


def hashing_matcher(models_dir: str) -> Matcher:
    """The real matcher over the real corpus with the hashing encoder (``fake_matcher``)."""
    return load_matcher(
        model="base", models_dir=Path(models_dir), cache_dir=None, encoder=HashingEncoder()
    )
