"""A hashing bag-of-words encoder: the real matcher's shape in microseconds, no model loaded."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from matcher.encoders.base import Vectors, as_unit_rows

WORD = re.compile(r"\w+")


class HashingEncoder:
    """Each word hashed into one of ``dim`` buckets; rows L2-normalised like a real encoder."""

    def __init__(self, dim: int = 1024) -> None:
        self.dim = dim
        self.name = f"hashing-bow-{dim}"
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        return as_unit_rows(out)
