"""The serving encoder: ``tokenizers`` + ONNX Runtime + numpy, never torch.

An exported folder (see :mod:`matcher.onnx.export`) holds ``model.onnx``
(fp32), ``model_int8.onnx`` (dynamically quantised), ``tokenizer.json`` and
``onnx.json`` (sequence length, dimension, how the export was verified). The
transformer runs in ONNX Runtime; mean pooling and L2 normalisation, the two
cheap steps sentence-transformers adds on top, run here in numpy.

Tokenisation follows sentence-transformers, not ``tokenizer.json``'s own
settings (which pad every text to a fixed 128 pieces and truncate there): pad
to the longest text in the batch and truncate at the model's
``max_seq_length`` (256 for all-MiniLM-L6-v2).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from matcher.encoders.base import Encoder, Vectors
from matcher.models.registry import onnx_dir

FP32_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "onnx.json"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# The bot sends at most this many messages per call (its micro-batch bound);
# larger inputs (building the index) are split into length-sorted chunks so
# short texts are not padded to the longest of thousands.
MAX_BATCH = 128
# What an export is made of; raised when the export changes so that
# `firstaid models ensure` redoes older ones (2: eager attention, fused operators;
# 3: int8 without the skip-layer-norm fusion, see matcher/onnx/fuse.py).
EXPORT_RECIPE = 3
EncoderKind = Literal["auto", "onnx", "onnx-int8", "torch"]
ENCODER_KINDS: tuple[EncoderKind, ...] = ("auto", "onnx", "onnx-int8", "torch")


log = logging.getLogger(__name__)


class MissingExportError(FileNotFoundError):
    """The ONNX export a model needs has not been written yet."""


def read_onnx_config(folder: Path) -> dict[str, Any]:
    """``onnx.json`` of an export folder; empty when absent."""
    path = folder / CONFIG_FILE
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def export_complete(folder: Path) -> bool:
    """True when ``folder`` holds both models, the tokenizer and a passed verification."""
    files = (FP32_FILE, INT8_FILE, TOKENIZER_FILE, CONFIG_FILE)
    return all((folder / f).exists() for f in files) and bool(
        read_onnx_config(folder).get("verified")
    )


def export_current(folder: Path) -> bool:
    """True when ``folder`` is complete and made by today's :data:`EXPORT_RECIPE`.

    An older export still serves correctly (only slower); ``models ensure`` redoes it.
    """
    return export_complete(folder) and read_onnx_config(folder).get("recipe", 1) >= EXPORT_RECIPE


def mean_pool(token_embeddings: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> Vectors:
    """Mean of the real (unpadded) token vectors, then L2-normalised rows."""
    weights = mask.astype(np.float32)
    summed = np.einsum("bld,bl->bd", token_embeddings, weights)
    counts = np.clip(weights.sum(axis=1, keepdims=True), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return np.asarray(pooled / norms, dtype=np.float32)


class OnnxEncoder:
    """Encodes with an exported model folder; fp32 or int8."""

    def __init__(
        self, folder: Path, *, quantized: bool = False, threads: int = 0, busy_wait: bool = True
    ) -> None:
        """``threads=0``: one thread per physical core. ``busy_wait``: see below."""
        config = read_onnx_config(folder)
        model_file = folder / (INT8_FILE if quantized else FP32_FILE)
        if not model_file.exists() or not (folder / TOKENIZER_FILE).exists() or not config:
            raise MissingExportError(
                f"no ONNX export in {folder}; run `firstaid models ensure` "
                "(needs the `train` extra) or set ENCODER=torch"
            )
        self.folder = folder
        self.quantized = quantized
        self.max_seq_length = int(config["max_seq_length"])
        self.dim = int(config["dim"])
        # int8 encodes one text per run (see ``encode``); the name keys the index cache.
        precision = "int8-single" if quantized else "fp32"
        self.name = f"onnx-{precision}:{config.get('source', folder.name)}:{config.get('created')}"
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._tokenizer.enable_truncation(max_length=self.max_seq_length)
        self._tokenizer.enable_padding(
            pad_id=int(config.get("pad_id", 0)), pad_token=str(config.get("pad_token", "[PAD]"))
        )
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Busy-waiting threads hand work to each other without a sleep and wake-up,
        # which makes one message alone faster; under concurrent load they spin on
        # cores the bot's event loop needs, so the bot turns it off. (numpy's BLAS
        # is kept to one thread for the same reason, see ``bot/__init__.py``.)
        options.add_session_config_entry(
            "session.intra_op.allow_spinning", "1" if busy_wait else "0"
        )
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    def _run(self, texts: Sequence[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (tokens,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        tokens = np.asarray(tokens, dtype=np.float32)
        if len(texts) == 1:
            # One text has no padding: a plain mean, far cheaper than mean_pool
            # (and int8 runs every text alone).
            pooled = tokens[0].mean(axis=0, keepdims=True)
            return np.asarray(pooled / max(float(np.linalg.norm(pooled)), 1e-12), dtype=np.float32)
        return mean_pool(tokens, mask)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Shape ``(len(texts), dim)``, unit rows; fp32: up to ``MAX_BATCH`` texts per ONNX call."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.quantized:
            # Dynamic int8 quantisation scales activations over the whole input
            # tensor, so a text's vector depended on the texts (and padding) beside
            # it (docs/benchmarks.md). One text per run keeps every answer
            # independent of other users' messages and equal to what the dev set
            # measured.
            return np.vstack([self._run([text]) for text in texts])
        if len(texts) <= MAX_BATCH:
            return self._run(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), MAX_BATCH):
            chunk = order[start : start + MAX_BATCH]
            out[chunk] = self._run([texts[i] for i in chunk])
        return out


def make_encoder(
    kind: str, model_dir: Path, *, models_dir: Path, threads: int = 0, busy_wait: bool = True
) -> Encoder:
    """The encoder the ``ENCODER`` setting names for ``model_dir``.

    ``onnx`` / ``onnx-int8`` read the model's export (``models/base-onnx`` for
    the base model); ``auto`` is int8 when the export's measurement allowed it
    (``int8_default`` in ``onnx.json``, see :func:`matcher.training.guard.int8_acceptable`)
    and fp32 otherwise; ``torch`` is the sentence-transformers reference,
    imported only here and only then. A model not exported yet falls back to the
    reference (same vectors, slower) when torch is installed, with a warning;
    without torch that is a :class:`MissingExportError`.
    """
    known: tuple[str, ...] = ENCODER_KINDS
    if kind not in known:
        raise ValueError(f"unknown encoder {kind!r}; one of {', '.join(known)}")
    folder = onnx_dir(model_dir, models_dir)
    if kind == "auto":
        kind = "onnx-int8" if read_onnx_config(folder).get("int8_default") else "onnx"
    if kind != "torch" and not export_complete(folder):
        if importlib.util.find_spec("sentence_transformers") is None:
            raise MissingExportError(
                f"no ONNX export in {folder}; run `firstaid models ensure` "
                "(needs the `train` extra) where the model was trained"
            )
        log.warning(
            "no ONNX export in %s: serving with torch (slower); "
            "run `firstaid models ensure` to export it",
            folder,
        )
        kind = "torch"
    if kind == "torch":
        from matcher.encoders.torch import SentenceTransformerEncoder

        return SentenceTransformerEncoder(model_dir)
    return OnnxEncoder(folder, quantized=kind == "onnx-int8", threads=threads, busy_wait=busy_wait)
