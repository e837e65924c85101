"""Matching quality in a language other than English, on its evaluation sets.

    .venv/bin/python benchmarks/languages.py --lang es [--sets dev,independent] [--calibrate]

Prints every figure of `firstaid eval` per set (top-1, top-3, harmful misroutes,
emergency recall, over-escalation, out-of-scope recall and false rejection,
top-1 per style). ``--calibrate`` first fits the thresholds on the dev set
(``matcher.training.calibration``) and prints them for
``matcher/serving/languages.py:THRESHOLDS``. ``--encoder minilm`` measures the
fine-tuned English model (the promoted one) on the same corpus instead of e5.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.corpus import eval_dir, load_eval  # noqa: E402
from matcher.evaluation import evaluate  # noqa: E402
from matcher.serving.languages import THRESHOLDS, load_language_matcher  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="es")
    parser.add_argument("--sets", default="dev,independent")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--max-false-rejection", type=float, default=0.03)
    parser.add_argument("--encoder", choices=("e5", "minilm"), default="e5")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache")
    parser.add_argument(
        "--english",
        action="store_true",
        help="the English sets through the English matcher alone and with language "
        "detection in front (as the bot answers), side by side",
    )
    args = parser.parse_args()
    if args.english:
        english_unchanged(args.cache_dir)
        return
    encoder = None
    if args.encoder == "minilm":
        from matcher.encoders.onnx import OnnxEncoder
        from matcher.models.registry import onnx_dir, resolve_model

        models = ROOT / "models"
        model_dir, _ = resolve_model(None, models)
        encoder = OnnxEncoder(onnx_dir(model_dir, models), quantized=True)
    matcher = load_language_matcher(args.lang, cache_dir=args.cache_dir, encoder=encoder)
    if args.calibrate:
        from matcher.training.calibration import calibrate

        dev = load_eval(eval_dir(lang=args.lang) / "dev.jsonl")
        result = calibrate(dev, matcher, max_false_rejection=args.max_false_rejection)
        print("calibrated:", result.thresholds)
        matcher = matcher.with_thresholds(result.thresholds)
    else:
        print("thresholds:", THRESHOLDS[args.lang])
    for name in args.sets.split(","):
        items = load_eval(eval_dir(lang=args.lang) / f"{name}.jsonl")
        r = evaluate(items, matcher, batched=True)
        print(
            f"{args.lang} {name:12s} n={r.n} top1 {r.top1:.3f} top3 {r.top3:.3f} "
            f"harmful {r.harmful} ({r.harmful_rate:.1%}) emergency recall "
            f"{r.emergency_recall:.3f} over-escalation {r.over_escalation:.3f} "
            f"OOS recall {r.oos_recall:.3f} FR {r.false_rejection:.3f} "
            f"({r.latency_p50_ms:.1f} ms/msg)"
        )
        print("   by style: " + ", ".join(f"{k} {v:.2f}" for k, v in r.top1_by_style.items()))


def english_unchanged(cache_dir: Path) -> None:
    """English figures with and without the language layer (detection + Spanish)."""
    from matcher.encoders.onnx import OnnxEncoder
    from matcher.models.registry import onnx_dir, resolve_model
    from matcher.polyglot import Polyglot
    from matcher.serving.matcher import load_matcher

    models = ROOT / "models"
    model_dir, _ = resolve_model(None, models)
    encoder = OnnxEncoder(onnx_dir(model_dir, models), quantized=True)
    english = load_matcher(model=None, models_dir=models, cache_dir=cache_dir, encoder=encoder)
    spanish = load_language_matcher("es", cache_dir=cache_dir)
    both = Polyglot({"en": english, "es": spanish})
    for name in ("dev", "holdout", "independent", "fresh"):
        items = load_eval(eval_dir() / f"{name}.jsonl")
        for label, matcher in (("English alone", english), ("with languages", both)):
            r = evaluate(items, matcher, batched=True)
            print(
                f"en {name:12s} {label:15s} top1 {r.top1:.3f} top3 {r.top3:.3f} "
                f"harmful {r.harmful} emergency recall {r.emergency_recall:.3f} "
                f"over-escalation {r.over_escalation:.3f} OOS {r.oos_recall:.3f} "
                f"FR {r.false_rejection:.3f}"
            )
        langs = [both.detect(i.text).lang for i in items]
        moved = [(i.text[:60], code) for i, code in zip(items, langs, strict=True) if code != "en"]
        print(f"   detected as another language: {len(moved)} {moved[:5]}")


if __name__ == "__main__":
    main()
