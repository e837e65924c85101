"""The reference encoder: sentence-transformers on torch (the `train` extra only).

torch and sentence-transformers are imported inside the constructor, so even
importing this module stays cheap; serving never constructs it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matcher.encoders.base import Vectors, as_unit_rows


def load_sentence_transformer(model_dir: Path) -> Any:
    """A sentence-transformers model folder, offline, on CPU, without progress bars."""
    # Never reach a model hub: the folder is all we use.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    # No "Loading weights" progress bar in CLI output (getattr: untyped upstream).
    disable_bar = getattr(hf_logging, "disable_progress_bar", None)
    if callable(disable_bar):
        disable_bar()
    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


class SentenceTransformerEncoder:
    """The reference encoder: a sentence-transformers model folder, on CPU, offline."""

    def __init__(self, model_dir: Path, *, batch_size: int = 64) -> None:
        self.model_dir = Path(model_dir)
        self.name = f"sentence-transformers:{self.model_dir.resolve()}"
        self._batch_size = batch_size
        self._model = load_sentence_transformer(self.model_dir)
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
