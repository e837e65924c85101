"""The encoder interface: a batch of texts in, L2-normalised float32 vectors out.

Everything else in the matcher depends only on :class:`Encoder`, so the ONNX
runtime (:mod:`matcher.encoders.onnx`) serves while the sentence-transformers
reference (:mod:`matcher.encoders.torch`, the only module that loads torch)
trains and checks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit-length vectors; ``name`` identifies model and runtime."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Shape ``(len(texts), dim)``, float32, each row L2-normalised."""
        ...


def as_unit_rows(vectors: Any) -> Vectors:
    """float32 copy with every non-zero row scaled to length 1 (guards any encoder's output)."""
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D array, got shape {arr.shape}")
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return np.asarray(arr / np.where(norms == 0, 1.0, norms), dtype=np.float32)
