"""Export a sentence-transformers model to ONNX (fp32 + int8) and prove it still agrees.

Training-side only: imports torch. The transformer is exported with the
dynamo exporter (``torch.onnx.export(..., dynamo=True)``) through a small
wrapper taking keyword inputs and returning the token embeddings, with
dynamic batch and sequence axes, then rewritten into ONNX Runtime's fused
operators (:mod:`matcher.onnx.fuse`); pooling and normalisation stay in numpy
(:mod:`matcher.encoders.onnx`). The legacy TorchScript exporter silently gives
wrong embeddings with transformers 5, so every export is checked against torch
on real texts and refused when fp32 drifts by more than ``FP32_TOLERANCE``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import warnings
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import torch

from matcher.encoders.base import Vectors
from matcher.encoders.onnx import (
    CONFIG_FILE,
    EXPORT_RECIPE,
    FP32_FILE,
    INPUTS,
    INT8_FILE,
    TOKENIZER_FILE,
    OnnxEncoder,
)
from matcher.onnx.fuse import optimize_bert, unfuse_skip_layer_norm

# fp32 ONNX and torch run the same arithmetic in a different order: differences
# of ~1e-7 are rounding; anything near 1e-4 means a wrong graph.
FP32_TOLERANCE = 1e-4
OPSET = 18


class ExportMismatchError(RuntimeError):
    """The fp32 ONNX embeddings differ from torch's: the export is wrong and was not written."""


class _TokenEmbeddings(torch.nn.Module):
    """The Hugging Face transformer with keyword inputs, returning ``last_hidden_state``."""

    def __init__(self, transformer: torch.nn.Module) -> None:
        super().__init__()
        self.transformer = transformer

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        out = self.transformer(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        hidden: torch.Tensor = out.last_hidden_state
        return hidden


def compare(reference: Vectors, candidate: Vectors) -> dict[str, float]:
    """Max absolute difference and min cosine between two sets of unit rows."""
    diff = float(np.abs(reference - candidate).max())
    cosine = float((reference * candidate).sum(axis=1).min())
    return {"max_abs_diff": diff, "min_cosine": cosine}


def _export_fp32(model: Any, path: Path) -> dict[str, int]:
    """Export, then fuse for ONNX Runtime (:mod:`matcher.onnx.fuse`); returns the fusion counts."""
    transformer = model[0].auto_model
    raw = path.with_name("raw-" + path.name)
    # Eager attention exports as plain MatMul/Softmax nodes that can be fused into
    # one Attention operator; the default (SDPA) exports a NaN-guarded mask
    # pattern nothing fuses. The arithmetic is the same (checked against torch below).
    previous = transformer.config._attn_implementation
    transformer.set_attn_implementation("eager")
    try:
        _export_raw(_TokenEmbeddings(transformer).eval(), model.tokenizer, raw)
    finally:
        if previous:
            transformer.set_attn_implementation(previous)
    config = transformer.config
    try:
        return optimize_bert(
            raw,
            path,
            num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size),
            mask_input="attention_mask",
        )
    finally:
        raw.unlink(missing_ok=True)


def _export_raw(wrapper: torch.nn.Module, tokenizer: Any, path: Path) -> None:
    sample = tokenizer(
        ["a short message", "a somewhat longer message about a burn on the hand"],
        padding=True,
        return_tensors="pt",
    )
    kwargs = {name: sample[name] for name in INPUTS}
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    dynamic = {name: {0: batch, 1: seq} for name in INPUTS}
    with torch.no_grad(), quiet_export():
        program = torch.onnx.export(
            wrapper,
            args=(),
            kwargs=kwargs,
            dynamic_shapes=dynamic,
            input_names=list(INPUTS),
            output_names=["token_embeddings"],
            opset_version=OPSET,
            dynamo=True,
            verbose=False,
        )
    if program is None:
        raise RuntimeError("torch.onnx.export returned no program")
    program.save(str(path))


class _DropRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


# Messages the export prints that tell the user nothing: torch's note that
# torchvision (which no model here uses) is absent, two shape-naming notices, a
# deprecation inside torch, and ONNX Runtime's advice to pre-process image models.
_NOISY_LOGGERS = ("torch.onnx._internal.exporter._registration",)
_NOISY_WARNINGS = (
    (FutureWarning, r".*LeafSpec.*"),
    (UserWarning, r"# The axis name: .* will not be used"),
)
_QUANT_ADVICE = "Please consider to run pre-processing before quantization"


class _QuantAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _QUANT_ADVICE not in record.getMessage()


@contextlib.contextmanager
def quiet_export() -> Iterator[None]:
    """Silence the third-party notices listed above, only while exporting."""
    drop, advice = _DropRecords(), _QuantAdvice()
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    root = logging.getLogger()
    with warnings.catch_warnings():
        for category, message in _NOISY_WARNINGS:
            warnings.filterwarnings("ignore", message=message, category=category)
        for logger in loggers:
            logger.addFilter(drop)
        root.addFilter(advice)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeFilter(drop)
            root.removeFilter(advice)


def _quantize(fp32: Path, int8: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Residual adds and layer norms apart again: int8 runs faster so (matcher/onnx/fuse.py).
    model = onnx.load(str(fp32))
    unfuse_skip_layer_norm(model)
    source = int8.with_name("unfused-" + fp32.name)
    onnx.save(model, str(source))
    try:
        # Per-channel weight scales: one scale per output column instead of one per
        # matrix. Measured on the dev set with the base model: min cosine to fp32
        # 0.96 (median 0.993) against 0.81 (median 0.964) per tensor, and no slower.
        with quiet_export():
            quantize_dynamic(str(source), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        source.unlink(missing_ok=True)


def _dimension(model: Any) -> int:
    # sentence-transformers 6 renamed the method; 5 only has the old name.
    getter = getattr(model, "get_embedding_dimension", None)
    return int(getter() if getter else model.get_sentence_embedding_dimension())


def _write_config(folder: Path, config: dict[str, Any]) -> None:
    text = json.dumps(config, indent=2) + "\n"
    (folder / CONFIG_FILE).write_text(text, encoding="utf-8")


def export_model(
    model: Any, model_dir: Path, out_dir: Path, *, verify_texts: Sequence[str], source: str
) -> dict[str, Any]:
    """Export ``model`` (a loaded ``SentenceTransformer`` for ``model_dir``) into ``out_dir``.

    Writes into a temporary sibling and renames it into place only after the
    fp32 check passes, so ``out_dir`` is either a verified export or absent.
    Returns the ``onnx.json`` content (with the fp32 and int8 comparisons).
    """
    started = time.perf_counter()
    tmp = out_dir.with_name(f".{out_dir.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        fusions = _export_fp32(model, tmp / FP32_FILE)
        _quantize(tmp / FP32_FILE, tmp / INT8_FILE)
        shutil.copy2(model_dir / TOKENIZER_FILE, tmp / TOKENIZER_FILE)
        pad = model.tokenizer.pad_token or "[PAD]"
        config: dict[str, Any] = {
            "source": source,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "max_seq_length": int(model.max_seq_length),
            "dim": _dimension(model),
            "pad_token": pad,
            "pad_id": int(model.tokenizer.convert_tokens_to_ids(pad)),
            "opset": OPSET,
            "exporter": f"torch.onnx dynamo (torch {torch.__version__})",
            "recipe": EXPORT_RECIPE,
            "fused_operators": fusions,
            "verified": False,
        }
        _write_config(tmp, config)
        config["verification"] = verify(model, tmp, verify_texts)
        fp32 = config["verification"]["fp32"]
        if fp32["max_abs_diff"] > FP32_TOLERANCE:
            raise ExportMismatchError(
                f"fp32 ONNX differs from torch by {fp32['max_abs_diff']:.2e} "
                f"(> {FP32_TOLERANCE:.0e}); the export was not written"
            )
        config["verified"] = True
        config["export_seconds"] = round(time.perf_counter() - started, 1)
        _write_config(tmp, config)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return config


def verify(model: Any, folder: Path, texts: Sequence[str]) -> dict[str, Any]:
    """Encode ``texts`` with torch and with both ONNX files; compare the embeddings."""
    reference = np.asarray(
        model.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True),
        dtype=np.float32,
    )
    result: dict[str, Any] = {"texts": len(texts)}
    for label, quantized in (("fp32", False), ("int8", True)):
        encoder = OnnxEncoder(folder, quantized=quantized)
        result[label] = compare(reference, encoder.encode(list(texts)))
    return result
