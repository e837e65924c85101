"""The encoder interface: a batch of texts in, L2-normalised float32 vectors out.

Everything else in the matcher depends only on :class:`Encoder`, so a faster
runtime (ONNX) can sit beside the sentence-transformers reference. torch and
sentence-transformers are imported inside :class:`SentenceTransformerEncoder`
only: importing this module (or serving with another encoder) never loads them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
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


class SentenceTransformerEncoder:
    """The reference encoder: a sentence-transformers model folder, on CPU, offline."""

    def __init__(self, model_dir: Path, *, batch_size: int = 64) -> None:
        # Never reach a model hub: the folder is all we use.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # No "Loading weights" progress bar in CLI output (getattr: untyped upstream).
        disable_bar = getattr(hf_logging, "disable_progress_bar", None)
        if callable(disable_bar):
            disable_bar()

        self.model_dir = Path(model_dir)
        self.name = f"sentence-transformers:{self.model_dir.resolve()}"
        self._batch_size = batch_size
        self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        dim_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dim_of() or 0)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Encode with ``normalize_embeddings=True``; an empty batch gives ``(0, dim)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return as_unit_rows(out)
