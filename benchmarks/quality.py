"""Matching quality on the dev set: BM25 vs the base model vs the fine-tuned model.

Every row goes through the same matcher (normalisation, safety rules, out-of-scope
and emergency decisions); only the scorer differs. BM25 (rank-bm25) scores the
same entries as the model index (examples, titles, summaries, out-of-scope bank).
Each scorer gets its own thresholds, calibrated on the dev set by
``matcher.training.calibration.calibrate``: the models use the thresholds they ship with
(``BASE_THRESHOLDS`` or the model manifest), BM25 is calibrated here.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py            # the table
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --calibrate  # + base curve
    ... --markdown                                                       # for docs/
    ... --file corpus/eval/holdout.jsonl   # another file, thresholds still from dev

Latency is per message (each matched alone, as a user is served), on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from matcher import Matcher, evaluate, load_matcher  # noqa: E402
from matcher.corpus import EvalItem, load_corpus, load_eval  # noqa: E402
from matcher.models.registry import current_version  # noqa: E402
from matcher.serving.index import Index, index_texts  # noqa: E402
from matcher.serving.normalize import tokens  # noqa: E402
from matcher.serving.safety import SafetyRules, load_known_words  # noqa: E402
from matcher.serving.scoring import FloatArray  # noqa: E402
from matcher.serving.thresholds import BASE_THRESHOLDS  # noqa: E402
from matcher.training.calibration import Calibration, calibrate  # noqa: E402

COLUMNS = [
    ("top-1", "top1"),
    ("top-3", "top3"),
    ("MRR", "mrr"),
    ("OOS recall", "oos_recall"),
    ("false rej.", "false_rejection"),
    ("emerg. recall", "emergency_recall"),
    ("over-esc.", "over_escalation"),
    ("p50 ms", "latency_p50_ms"),
    ("p95 ms", "latency_p95_ms"),
]
TARGETS = {
    "top1": ">= 0.95",
    "top3": ">= 0.99",
    "oos_recall": ">= 0.90",
    "false_rejection": "<= 0.02",
    "emergency_recall": ">= 0.99",
    "over_escalation": "<= 0.25",
}


class _NoEncoder:
    name = "bm25"

    def encode(self, texts: Sequence[str]) -> FloatArray:
        raise AssertionError("BM25 does not encode")


class Bm25Matcher(Matcher):
    """The matcher with BM25 in place of cosine similarity, scaled per message to [0, 1]."""

    def __init__(self, models_dir: Path) -> None:
        corpus = load_corpus()
        texts, labels, oos_texts = index_texts(corpus)
        self._n_entries = len(texts)
        self._bm25 = BM25Okapi([tokens(t) or ["_"] for t in texts + oos_texts])
        index = Index(
            topic_ids=tuple(t.id for t in corpus.topics),
            entry_topic=np.asarray(labels, dtype=np.int64),
            entries=np.zeros((len(texts), 1), dtype=np.float32),
            oos=np.zeros((len(oos_texts), 1), dtype=np.float32),
            key="bm25",
        )
        super().__init__(
            corpus=corpus,
            encoder=_NoEncoder(),
            index=index,
            safety=SafetyRules(corpus.topics, load_known_words()),
            thresholds=BASE_THRESHOLDS,
            model_version="bm25",
        )

    def entry_similarities(self, normalized: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        rows = []
        for text in normalized:
            scores = np.asarray(self._bm25.get_scores(tokens(text)), dtype=np.float32)
            top = float(scores.max()) if scores.size else 0.0
            # BM25 is unbounded; dividing by the best entry puts the winner at 1,
            # so the out-of-scope margin compares topic and bank on one scale.
            rows.append(scores / top if top > 0 else np.zeros_like(scores))
        sims = np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        return sims[:, : self._n_entries], sims[:, self._n_entries :]


PREAMBLES = [
    "We had driven up to my sister's place for the weekend and everyone was in the garden, "
    "the kids were playing football and we chatted about work and the holidays, and then",
    "Sorry for the long message, I'm not sure if this is the right place to ask. My mum is 67 "
    "and lives with us since last year, she walks the dog every morning, and today after lunch",
]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice("dts")
    if op == "d":
        return word[:i] + word[i + 1 :]
    if op == "t":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


def with_typos(items: Sequence[EvalItem], seed: int = 7) -> list[EvalItem]:
    """Two random typos (drop, swap or replace a letter, never the first) per message."""
    rng = random.Random(seed)
    out = []
    for item in items:
        words = item.text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        for i in rng.sample(long, min(2, len(long))):
            words[i] = _typo(words[i], rng)
        out.append(item.model_copy(update={"text": " ".join(words)}))
    return out


def with_preamble(items: Sequence[EvalItem]) -> list[EvalItem]:
    """In-scope messages behind a long, neutral story (the problem comes at the end)."""
    return [
        i.model_copy(update={"text": f"{PREAMBLES[n % 2]} {i.text}"})
        for n, i in enumerate(items)
        if not i.oos
    ]


def _row(name: str, metrics: dict[str, float]) -> list[str]:
    cells = [name]
    for _, key in COLUMNS:
        value = metrics[key]
        cells.append(f"{value:.1f}" if key.startswith("latency") else f"{value:.3f}")
    return cells


def _print_table(header: list[str], rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def _print_calibration(cal: Calibration, markdown: bool) -> None:
    print(f"\nCalibrated thresholds: {cal.thresholds}")
    print("\nAggregation (k, max_weight) by dev MRR, best 5:")
    best = sorted(cal.aggregation, key=lambda a: -a[2])[:5]
    _print_table(
        ["k", "max_weight", "MRR"], [[str(k), f"{w}", f"{m:.4f}"] for k, w, m in best], markdown
    )
    print("\nOut-of-scope curve (per floor, the best margin within the false-rejection cap):")
    rows = [
        [f"{p.floor:.2f}", f"{p.margin:+.2f}", f"{p.oos_recall:.3f}", f"{p.false_rejection:.3f}"]
        for p in cal.curve[::3]
    ]
    _print_table(["floor", "margin", "OOS recall", "false rej."], rows, markdown)


def _sweep(items: Sequence[EvalItem], matcher: Matcher, markdown: bool) -> None:
    """OOS recall vs false rejection as the false-rejection cap moves (the whole trade-off)."""
    print("\nTrade-off: out-of-scope recall achievable at each false-rejection cap (dev set):")
    rows = []
    for cap in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05):
        cal = calibrate(items, matcher, max_false_rejection=cap)
        th = cal.thresholds
        rep = cal.report
        rows.append(
            [
                f"{cap:.3f}",
                f"{th.oos_floor:.2f}",
                f"{th.oos_margin:+.2f}",
                f"{rep.oos_recall:.3f}",
                f"{rep.false_rejection:.3f}",
                f"{rep.top1:.3f}",
            ]
        )
    _print_table(["FR cap", "floor", "margin", "OOS recall", "false rej.", "top-1"], rows, markdown)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROOT / "corpus" / "eval" / "dev.jsonl")
    parser.add_argument("--models-dir", type=Path, default=ROOT / "models")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "data" / "cache")
    parser.add_argument("--calibrate", action="store_true", help="show the base model's curve")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    items = load_eval(args.file)
    # Thresholds are only ever calibrated on the dev set, whatever file is measured.
    dev = load_eval(ROOT / "corpus" / "eval" / "dev.jsonl")

    bm25 = Bm25Matcher(args.models_dir)
    bm25_cal = calibrate(dev, bm25)
    scorers: list[tuple[str, Matcher]] = [
        ("BM25 + safety", bm25.with_thresholds(bm25_cal.thresholds))
    ]
    base = load_matcher(model="base", models_dir=args.models_dir, cache_dir=args.cache_dir)
    scorers.append(("base all-MiniLM-L6-v2", base))
    version = current_version(args.models_dir)
    if version is not None:
        tuned = load_matcher(model=None, models_dir=args.models_dir, cache_dir=args.cache_dir)
        scorers.append((f"fine-tuned {version}", tuned))
    rows = [_row(name, evaluate(items, m).metrics()) for name, m in scorers]

    print(
        f"{args.file.name}: {len(items)} messages "
        f"({sum(not i.oos for i in items)} in scope, {sum(i.emergency for i in items)} emergencies)"
    )
    _print_table(["scorer", *[c for c, _ in COLUMNS]], rows, args.markdown)
    print("Targets: " + ", ".join(f"{k} {v}" for k, v in TARGETS.items()))
    print(f"BM25 thresholds (calibrated here): {bm25_cal.thresholds}")

    print("\nRobustness (same thresholds): dev with 2 typos per message; in-scope dev behind a")
    print("long preamble. Cells: top-1 / false rejection / emergency recall.")
    typos, stories = with_typos(items), with_preamble(items)
    robust = []
    for name, m in scorers:
        cells = [name]
        for variant in (items, typos, stories):
            r = evaluate(variant, m, batched=True)
            cells.append(f"{r.top1:.3f} / {r.false_rejection:.3f} / {r.emergency_recall:.3f}")
        robust.append(cells)
    _print_table(
        ["scorer", "dev as written", "2 typos each", "long preamble"], robust, args.markdown
    )
    if args.calibrate:
        _print_calibration(calibrate(dev, base), args.markdown)
        _sweep(dev, base, args.markdown)


if __name__ == "__main__":
    main()
