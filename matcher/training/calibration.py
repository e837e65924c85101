"""Calibrate a model's thresholds on the dev set, stage by stage, with few knobs.

Each stage fixes a small number of parameters against one target, in the
order in which they affect each other, and never looks at single items:

1. aggregation (``k``, ``max_weight``): best mean reciprocal rank on in-scope messages;
2. out of scope (``oos_floor``, ``oos_margin``): the highest out-of-scope recall
   whose in-scope false rejection stays within ``max_false_rejection``; ties go
   to the lower false rejection, then to the gentler thresholds;
3. escalation (``red_flag_topics``): the highest emergency recall whose
   over-escalation stays within ``max_over_escalation``;
4. low confidence (``ambiguity``, ``sure``): the flag that best separates wrong
   answers from right ones (Youden's J).

The encoder runs once; every stage re-scores cached similarities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matcher.corpus import EvalItem
from matcher.evaluation import EvalReport, score_matches
from matcher.serving.matcher import Matcher
from matcher.serving.normalize import normalize
from matcher.serving.scoring import FloatArray, reciprocal_rank, top_indices
from matcher.serving.thresholds import Thresholds

AGGREGATIONS = [(k, w) for k in (1, 2, 3, 5) for w in (0.0, 0.25, 0.5, 0.75, 1.0)]
FLOORS = np.round(np.arange(0.15, 0.601, 0.01), 3)
MARGINS = np.round(np.arange(-0.20, 0.201, 0.01), 3)
RED_FLAG_TOPICS = (1, 2, 3, 5)
AMBIGUITIES = np.round(np.arange(0.0, 0.101, 0.005), 3)
SURE_STEPS = np.round(np.arange(0.0, 0.301, 0.02), 3)


@dataclass(frozen=True)
class CurvePoint:
    """One floor on the out-of-scope trade-off curve, with its best margin."""

    floor: float
    margin: float
    oos_recall: float
    false_rejection: float


@dataclass(frozen=True)
class Calibration:
    """The chosen thresholds, the evidence for them, and the dev metrics they give."""

    thresholds: Thresholds
    aggregation: list[tuple[int, float, float]]  # (k, max_weight, MRR)
    curve: list[CurvePoint]
    report: EvalReport


def _mrr(scores: FloatArray, ids: Sequence[str], items: Sequence[EvalItem]) -> float:
    ranked = top_indices(scores, 5)
    rr = [
        reciprocal_rank([ids[j] for j in ranked[i]], item.topics)
        for i, item in enumerate(items)
        if not item.oos
    ]
    return float(np.mean(rr)) if rr else 0.0


def _oos_rates(
    t1: FloatArray, bank: FloatArray, gold: np.ndarray, protect: np.ndarray, fl: float, mg: float
) -> tuple[float, float]:
    pred = ~protect & ((t1 < fl) | (bank - t1 > mg))
    recall = float(pred[gold].mean()) if gold.any() else 0.0
    false_rej = float(pred[~gold].mean()) if (~gold).any() else 0.0
    return recall, false_rej


def oos_curve(
    t1: FloatArray, bank: FloatArray, gold: np.ndarray, protect: np.ndarray, max_fr: float
) -> tuple[list[CurvePoint], CurvePoint]:
    """The trade-off curve (per floor, its best margin within ``max_fr``) and the chosen point.

    The chosen point has the best recall, then the lowest false rejection;
    among the (usually many) grid points that tie, it sits in the middle of
    the plateau (median floor, then median margin), as far as possible from
    the edges where unseen messages would start to flip.
    """
    points = []
    for fl in FLOORS:
        for mg in MARGINS:
            rec, fr = _oos_rates(t1, bank, gold, protect, float(fl), float(mg))
            if fr <= max_fr:
                points.append(CurvePoint(float(fl), float(mg), rec, fr))
    if not points:
        raise ValueError(f"no threshold keeps false rejection within {max_fr}")
    curve = []
    for fl in FLOORS:
        row = [p for p in points if p.floor == float(fl)]
        if row:
            curve.append(max(row, key=lambda p: (p.oos_recall, -p.false_rejection, p.margin)))
    top = max((p.oos_recall, -p.false_rejection) for p in points)
    ties = [p for p in points if (p.oos_recall, -p.false_rejection) == top]
    floors = sorted({p.floor for p in ties})
    mid_floor = floors[len(floors) // 2]
    margins = sorted(p.margin for p in ties if p.floor == mid_floor)
    mid_margin = margins[len(margins) // 2]
    best = next(p for p in ties if p.floor == mid_floor and p.margin == mid_margin)
    return curve, best


def calibrate(
    items: Sequence[EvalItem],
    matcher: Matcher,
    *,
    max_false_rejection: float = 0.01,
    max_over_escalation: float = 0.22,
) -> Calibration:
    """Choose thresholds for ``matcher``'s model on ``items`` (the dev set)."""
    texts = [i.text for i in items]
    normalized = [normalize(t) for t in texts]
    found = matcher.similarities([p for p, _ in matcher.prepare(normalized)])
    entries, oos, head, lexical = found.entries, found.oos, found.head, found.lexical
    ids = matcher.index.topic_ids
    th = matcher.thresholds

    aggregation = []
    for k, w in AGGREGATIONS:
        varied = replace(th, k=k, max_weight=w)
        scores, _ = matcher.aggregate(entries, oos, varied, head, lexical)
        aggregation.append((k, w, _mrr(scores, ids, items)))
    k, w, _ = max(aggregation, key=lambda a: (round(a[2], 4), a[1]))
    th = replace(th, k=k, max_weight=w)
    scores, bank = matcher.aggregate(entries, oos, th, head, lexical)

    gold_oos = np.array([i.oos for i in items])
    protect = np.array([bool(matcher.safety.crisis(matcher.safety.scan(n))) for n in normalized])
    t1 = scores.max(axis=1)
    curve, best = oos_curve(t1, bank, gold_oos, protect, max_false_rejection)
    th = replace(th, oos_floor=best.floor, oos_margin=best.margin)

    def run(t: Thresholds) -> EvalReport:
        matches = matcher.with_thresholds(t).decide_all(texts, normalized, scores, bank)
        return score_matches(items, matches, model_version=matcher.model_version)

    options = []
    for rf in RED_FLAG_TOPICS:
        rep = run(replace(th, red_flag_topics=rf))
        if rep.over_escalation <= max_over_escalation:
            options.append((rep.emergency_recall, -rep.over_escalation, -rf))
    if options:
        _, _, rf = max(options)
        th = replace(th, red_flag_topics=int(-rf))

    th = _low_confidence(th, scores, ids, items)
    return Calibration(th, aggregation, curve, run(th))


def _low_confidence(
    th: Thresholds, scores: FloatArray, ids: Sequence[str], items: Sequence[EvalItem]
) -> Thresholds:
    """Pick ``ambiguity`` and ``sure`` to flag wrong answers rather than right ones."""
    top2 = np.sort(scores, axis=1)[:, -2:]
    gap, best = top2[:, 1] - top2[:, 0], top2[:, 1]
    right = np.array(
        [ids[int(np.argmax(s))] in i.topics for s, i in zip(scores, items, strict=True)]
    )
    keep = np.array([not i.oos for i in items]) & (best >= th.oos_floor)
    wrong_k, right_k = keep & ~right, keep & right
    if not wrong_k.any() or not right_k.any():
        return th
    choice = (-1.0, 0.0, 0.0)
    for amb in AMBIGUITIES:
        for step in SURE_STEPS:
            sure = th.oos_floor + float(step)
            flag = (gap < amb) | (best < sure)
            j = float(flag[wrong_k].mean() - flag[right_k].mean())
            if j > choice[0] + 1e-9:
                choice = (j, float(amb), sure)
    return replace(th, ambiguity=choice[1], sure=round(choice[2], 3))
