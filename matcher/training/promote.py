"""Promotion and rollback: the guard's verdict, then an atomic switch of ``CURRENT``.

The candidate is compared with what the bot would serve without it: the
current version, or the base model when nothing is promoted yet. When the
dev set, the corpus or the matching code changed since that model was measured
(:data:`matcher.training.guard.MEASURED_WITH`), it is measured again now (ONNX,
no torch, seconds) so both sides are judged on the same messages by the same rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.corpus import Corpus, dev_set_path, load_corpus, load_eval
from matcher.encoders.onnx import export_complete
from matcher.models.registry import (
    BASE,
    BASE_ONNX,
    base_model_path,
    current_version,
    onnx_dir,
    read_manifest,
    switch,
)
from matcher.training.guard import Verdict, check, comparable
from matcher.training.measure import BASE_DEV_FILE, measure_exported


@dataclass(frozen=True)
class Promotion:
    """What happened: promoted or not, over which version, and the guard's reasons."""

    version: str
    promoted: bool
    previous: str | None
    baseline: str
    verdict: Verdict
    forced: bool = False


def _base_record(models_dir: Path) -> dict[str, Any]:
    path = models_dir / BASE_ONNX / BASE_DEV_FILE
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def baseline_metrics(
    models_dir: Path, candidate: dict[str, Any], corpus: Corpus | None = None
) -> tuple[str, dict[str, Any] | None]:
    """(name, dev metrics) of the model the candidate must not be worse than.

    Metrics come from the stored record when it was measured on the same dev
    set, else from a fresh measurement of its ONNX export; None when neither exists.
    """
    current = current_version(models_dir)
    name = current or BASE
    model_dir = models_dir / current if current else base_model_path()
    stored = read_manifest(model_dir) if current else _base_record(models_dir)
    if stored and comparable(candidate, stored):
        dev: dict[str, Any] | None = stored.get("dev")
        return name, dev
    if not export_complete(onnx_dir(model_dir, models_dir)):
        return name, None
    items = load_eval(dev_set_path())
    return name, measure_exported(model_dir, models_dir, corpus or load_corpus(), items)


def promote(
    models_dir: Path, version: str, *, force: bool = False, corpus: Corpus | None = None
) -> Promotion:
    """Make ``version`` current if the guard allows it (or ``force``); never raises on refusal."""
    candidate = read_manifest(models_dir / version)
    if not candidate:
        raise FileNotFoundError(f"no model {version!r} under {models_dir}")
    previous = current_version(models_dir)
    if previous == version:
        return Promotion(version, True, previous, version, Verdict(True, ["already current"]))
    baseline, metrics = baseline_metrics(models_dir, candidate, corpus)
    verdict = check(candidate.get("dev"), metrics)
    if verdict.ok or force:
        switch(models_dir, version)
        return Promotion(version, True, previous, baseline, verdict, forced=not verdict.ok)
    return Promotion(version, False, previous, baseline, verdict)
