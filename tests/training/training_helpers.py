"""Builders for the training tests: fake model versions (a manifest, no weights) and metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from matcher.encoders.onnx import EXPORT_RECIPE
from matcher.models.registry import write_manifest

N_IN_SCOPE = 372
N_EMERGENCY = 200
DEV_HASH = "dev-hash-1"


def metrics(top1_hits: int = 356, emergency_hits: int = 196, **extra: float) -> dict[str, Any]:
    """Dev metrics as ``EvalReport.metrics()`` gives them, from hit counts."""
    return {
        "n": 472,
        "n_in_scope": N_IN_SCOPE,
        "n_emergency": N_EMERGENCY,
        "top1": top1_hits / N_IN_SCOPE,
        "top3": 0.99,
        "mrr": 0.97,
        "oos_recall": 0.95,
        "false_rejection": 0.01,
        "emergency_recall": emergency_hits / N_EMERGENCY,
        "over_escalation": 0.17,
        **extra,
    }


def fake_version(
    models_dir: Path,
    version: str,
    dev: dict[str, Any] | None,
    dev_hash: str = DEV_HASH,
    **recorded: str,
) -> Path:
    """A version folder holding only a manifest (plus ``recorded`` keys such as
    ``pipeline_hash``): enough for the registry and the guard."""
    folder = models_dir / version
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"version": version, "dev_hash": dev_hash, **recorded}
    if dev is not None:
        manifest["dev"] = dev
    write_manifest(folder, manifest)
    return folder


def fake_export(folder: Path, **config: object) -> Path:
    """An ONNX folder that passes ``export_current`` (empty files, verified config)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "model_int8.onnx", "tokenizer.json"):
        (folder / name).write_bytes(b"")
    (folder / "onnx.json").write_text(
        json.dumps({"verified": True, "recipe": EXPORT_RECIPE, **config}), encoding="utf-8"
    )
    return folder


def fake_base(models_dir: Path, dev: dict[str, Any] | None) -> Path:
    """``models/base-onnx`` with a stored base measurement on the test dev set."""
    folder = fake_export(models_dir / "base-onnx")
    record = {"dev_hash": DEV_HASH, "dev": dev, "dev_int8": dev}
    (folder / "dev.json").write_text(json.dumps(record), encoding="utf-8")
    return folder
