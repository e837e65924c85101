"""Export a model to ONNX and measure it on the dev set through the served encoder.

Used after training (:mod:`matcher.training.run`) and for the base model's one-off
export (``models/base-onnx``). torch is imported only by the export functions,
so re-measuring an exported model (for the promotion guard) runs without it.
Measuring on the ONNX encoder, not torch, means the manifest describes exactly
what the bot serves; the two agree to ~1e-7 anyway (the export is refused
otherwise).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matcher.corpus import Corpus, EvalItem, dev_set_path, load_eval
from matcher.encoders.onnx import CONFIG_FILE, OnnxEncoder, export_current, read_onnx_config
from matcher.evaluation import evaluate
from matcher.models.registry import BASE_ONNX, base_model_path, model_corpus, onnx_dir
from matcher.serving.matcher import Matcher, load_matcher
from matcher.serving.thresholds import BASE_THRESHOLDS, Thresholds, thresholds_for
from matcher.training.calibration import calibrate
from matcher.training.data import text_hash
from matcher.training.guard import INT8_TOP1_POINTS, int8_acceptable

BASE_DEV_FILE = "dev.json"
_MATCHER = Path(__file__).resolve().parent.parent


def pipeline_hash() -> str:
    """A digest of the matching code (``matcher/serving`` and the evaluation).

    Stored dev figures are compared only with figures made by the same code:
    a new safety rule moves every model's figures, not only the new model's.
    """
    files = sorted([*(_MATCHER / "serving").glob("*.py"), _MATCHER / "evaluation.py"])
    return text_hash(f.read_text(encoding="utf-8") for f in files)


CACHE = ".cache"  # index vectors of exported models, under MODELS_DIR


def verify_texts(corpus: Corpus, items: Sequence[EvalItem]) -> list[str]:
    """Dev messages plus every topic document (long enough to test truncation at 256)."""
    return [i.text for i in items] + [t.document() for t in corpus.topics]


def _matcher(
    model_dir: Path, folder: Path, corpus: Corpus, *, quantized: bool, cache_dir: Path | None = None
) -> Matcher:
    return load_matcher(
        model=str(model_dir),
        models_dir=model_dir.parent,
        cache_dir=cache_dir,
        corpus=model_corpus(corpus, model_dir),
        encoder=OnnxEncoder(folder, quantized=quantized),
    )


def dev_metrics(
    matcher: Matcher, items: Sequence[EvalItem], thresholds: Thresholds
) -> dict[str, Any]:
    """Headline dev metrics of ``matcher`` with ``thresholds`` (batched, no latency)."""
    report = evaluate(items, matcher.with_thresholds(thresholds), batched=True)
    metrics = report.metrics()
    for key in ("latency_p50_ms", "latency_p95_ms"):
        metrics.pop(key, None)
    return metrics


def export_and_measure(
    model: Any,
    model_dir: Path,
    out_dir: Path,
    *,
    corpus: Corpus,
    items: Sequence[EvalItem],
    source: str,
) -> dict[str, Any]:
    """Export, verify, calibrate thresholds on the dev set, measure fp32 and int8.

    Returns the manifest sections: ``onnx``, ``thresholds``, ``dev``,
    ``dev_int8``, ``dev_hash`` and ``seconds``.
    """
    from matcher.onnx.export import export_model

    started = time.perf_counter()
    config = export_model(
        model, model_dir, out_dir, verify_texts=verify_texts(corpus, items), source=source
    )
    fp32 = _matcher(model_dir, out_dir, corpus, quantized=False)
    calibration = calibrate(items, fp32)
    thresholds = calibration.thresholds
    int8 = _matcher(model_dir, out_dir, corpus, quantized=True)
    dev, dev_int8 = dev_metrics(fp32, items, thresholds), dev_metrics(int8, items, thresholds)
    record_int8_choice(out_dir, dev, dev_int8)
    return {
        "onnx": config["verification"] | {"export_seconds": config["export_seconds"]},
        "thresholds": thresholds.to_dict(),
        "dev": dev,
        "dev_int8": dev_int8,
        "int8_default": int8_acceptable(dev, dev_int8),
        "dev_hash": text_hash(i.text for i in items),
        "pipeline_hash": pipeline_hash(),
        "seconds": time.perf_counter() - started,
    }


def ensure_base_export(models_dir: Path, corpus: Corpus) -> dict[str, Any]:
    """Export the stock model into ``models/base-onnx`` once; measure it now (base thresholds).

    The measurement is repeated on every call (seconds: the base index vectors
    are cached in ``models/.cache``) so that "base vs fine-tuned" is always
    measured with the same matcher code, corpus and dev set.
    """
    folder = models_dir / BASE_ONNX
    items = load_eval(dev_set_path())
    if not export_current(folder):
        from matcher.encoders.torch import load_sentence_transformer
        from matcher.onnx.export import export_model

        model = load_sentence_transformer(base_model_path())
        export_model(
            model,
            base_model_path(),
            folder,
            verify_texts=verify_texts(corpus, items),
            source="base",
        )
    measured: dict[str, Any] = {
        "dev_hash": text_hash(i.text for i in items),
        "corpus_hash": corpus.content_hash,
        "pipeline_hash": pipeline_hash(),
    }
    for key, quantized in (("dev", False), ("dev_int8", True)):
        matcher = _matcher(
            base_model_path(), folder, corpus, quantized=quantized, cache_dir=models_dir / CACHE
        )
        measured[key] = dev_metrics(matcher, items, BASE_THRESHOLDS)
    (folder / BASE_DEV_FILE).write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
    record_int8_choice(folder, measured["dev"], measured["dev_int8"])
    return measured


def record_int8_choice(folder: Path, dev: dict[str, Any], dev_int8: dict[str, Any]) -> None:
    """Store in ``onnx.json`` whether ``ENCODER=auto`` may serve this export in int8."""
    config = read_onnx_config(folder)
    config["int8_default"] = int8_acceptable(dev, dev_int8)
    config["int8_rule"] = (
        f"int8 top-1 within {INT8_TOP1_POINTS * 100:.1f} points of fp32, no emergency recall lost"
    )
    (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def measure_exported(
    model_dir: Path, models_dir: Path, corpus: Corpus, items: Sequence[EvalItem]
) -> dict[str, Any]:
    """Dev metrics of an already exported model with its own thresholds (no torch)."""
    folder = onnx_dir(model_dir, models_dir)
    matcher = _matcher(model_dir, folder, corpus, quantized=False, cache_dir=models_dir / CACHE)
    return dev_metrics(matcher, items, thresholds_for(model_dir))


def measure_int8(
    model_dir: Path, models_dir: Path, corpus: Corpus, items: Sequence[EvalItem]
) -> dict[str, Any]:
    """fp32 and int8 dev metrics of an exported model (its own thresholds); records the choice."""
    folder = onnx_dir(model_dir, models_dir)
    thresholds = thresholds_for(model_dir)
    measured: dict[str, Any] = {}
    for key, quantized in (("dev", False), ("dev_int8", True)):
        matcher = _matcher(
            model_dir, folder, corpus, quantized=quantized, cache_dir=models_dir / CACHE
        )
        measured[key] = dev_metrics(matcher, items, thresholds)
    record_int8_choice(folder, measured["dev"], measured["dev_int8"])
    measured["int8_default"] = int8_acceptable(measured["dev"], measured["dev_int8"])
    return measured
