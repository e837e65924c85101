"""Which stage of the matcher helps on unseen messages: an ablation on the evaluation sets.

Every row runs the promoted model (or ``--model``) over dev, holdout and the
independent set, with one stage changed, and prints top-1 (in scope), harmful
misroutes and emergency recall per set. Ranking-only rows ("plain retrieval",
"logistic head", "BM25 fusion") report the first-ranked topic without the
out-of-scope decision or the safety layer, as a ceiling for the ranking itself.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/ablation.py [--model VERSION]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.bootstrap import build_matcher  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from matcher import Matcher  # noqa: E402
from matcher.corpus import EvalItem, dev_set_path, load_eval  # noqa: E402
from matcher.evaluation import EvalReport, score_matches  # noqa: E402
from matcher.serving.normalize import normalize  # noqa: E402

SETS = ("dev", "holdout", "independent", "fresh")


def evaluate_sets(matcher: Matcher, sets: dict[str, list[EvalItem]]) -> dict[str, EvalReport]:
    out = {}
    for name, items in sets.items():
        matches = []
        for start in range(0, len(items), 64):
            matches += matcher.match_batch([i.text for i in items[start : start + 64]])
        out[name] = score_matches(items, matches, levels=matcher.levels)
    return out


def ranking_top1(
    matcher: Matcher, items: list[EvalItem], rank: Callable[[list[str]], np.ndarray]
) -> float:
    ins = [i for i in items if not i.oos]
    scores = rank([i.text for i in ins])
    ids = matcher.index.topic_ids
    hits = [ids[int(np.argmax(s))] in i.topics for s, i in zip(scores, ins, strict=True)]
    return sum(hits) / len(ins)


def plain_retrieval(matcher: Matcher) -> Callable[[list[str]], np.ndarray]:
    """Mean of the five best example similarities per topic, nothing else."""

    def rank(texts: list[str]) -> np.ndarray:
        entries, _ = matcher.entry_similarities([normalize(t) for t in texts])
        th = replace(matcher.thresholds, k=5, max_weight=0.0)
        return matcher.aggregate(entries, np.zeros((len(texts), 1), np.float32), th)[0]

    return rank


def logistic_head(matcher: Matcher, epochs: int = 300) -> Callable[[list[str]], np.ndarray]:
    """Softmax regression on the index's example vectors (SetFit-style head)."""
    x = matcher.index.entries.astype(np.float32)
    y = matcher.index.entry_topic.astype(np.int64)
    n_topics = len(matcher.index.topic_ids)
    w = np.zeros((x.shape[1], n_topics), np.float32)
    b = np.zeros(n_topics, np.float32)
    onehot = np.eye(n_topics, dtype=np.float32)[y]
    for _ in range(epochs):
        logits = (x @ w + b) * 20.0
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) * 20.0 / len(x)
        w -= 0.5 * (x.T @ grad + 1e-4 * w)
        b -= 0.5 * grad.sum(axis=0)

    def rank(texts: list[str]) -> np.ndarray:
        q = matcher.encode_queries([normalize(t) for t in texts])
        return np.asarray(q @ w + b)

    return rank


def bm25_fusion(matcher: Matcher, weight: float = 0.3) -> Callable[[list[str]], np.ndarray]:
    """The model's topic scores plus ``weight`` x BM25 topic scores (each scaled to 0..1)."""
    from rank_bm25 import BM25Okapi

    texts: list[str] = []
    owners: list[int] = []
    ids = list(matcher.index.topic_ids)
    for t in matcher.corpus.topics:
        for e in [t.title, t.summary, *t.examples]:
            texts.append(e)
            owners.append(ids.index(t.id))
    bm25 = BM25Okapi([normalize(e).lower().split() for e in texts])
    owner = np.array(owners)
    model_rank = plain_retrieval(matcher)

    def rank(queries: list[str]) -> np.ndarray:
        dense = model_rank(queries)
        out = np.zeros_like(dense)
        for n, q in enumerate(queries):
            s = bm25.get_scores(normalize(q).lower().split())
            per = np.full(len(ids), 0.0)
            np.maximum.at(per, owner, s)
            per = per / per.max() if per.max() > 0 else per
            d = dense[n]
            d = (d - d.min()) / (d.max() - d.min() + 1e-9)
            out[n] = d + weight * per
        return out

    return rank


def row(name: str, reports: dict[str, EvalReport]) -> str:
    cells = [f"{r.top1:.3f} / {r.harmful} / {r.emergency_recall:.3f}" for r in reports.values()]
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated evaluation sets")
    args = parser.parse_args()
    settings = get_settings()
    if args.model:
        settings = settings.model_copy(update={"model": args.model})
    matcher = build_matcher(settings)
    dev = dev_set_path()
    names = args.sets.split(",")
    sets = {name: load_eval(dev.with_name(f"{name}.jsonl")) for name in names}
    print(f"model {matcher.model_version}; cells: top-1 / harmful misroutes / emergency recall\n")
    print("| pipeline | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    print(row("full pipeline", evaluate_sets(matcher, sets)))
    print(row("no typo repair", evaluate_sets(replace_attr(matcher, speller=None), sets)))
    rules = matcher.safety.distinctions
    matcher.safety.distinctions = []
    print(row("no critical distinctions", evaluate_sets(matcher, sets)))
    matcher.safety.distinctions = rules
    for k, w in ((1, 0.0), (3, 0.0), (5, 0.0), (5, 0.5)):
        th = replace(matcher.thresholds, k=k, max_weight=w)
        print(
            row(
                f"aggregation k={k}, max weight {w}",
                evaluate_sets(matcher.with_thresholds(th), sets),
            )
        )
    print("\nRanking only (first-ranked topic, in scope, no out-of-scope decision or rules):\n")
    print("| ranking | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for name, rank in (
        ("plain retrieval (top-5 mean)", plain_retrieval(matcher)),
        ("logistic head on the embeddings", logistic_head(matcher)),
        ("BM25 fusion (0.3)", bm25_fusion(matcher)),
    ):
        cells = [f"{ranking_top1(matcher, items, rank):.3f}" for items in sets.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")


def replace_attr(matcher: Matcher, **changes: object) -> Matcher:
    clone = matcher.with_thresholds(matcher.thresholds)
    clone.__dict__.update(changes)
    return clone


if __name__ == "__main__":
    main()
