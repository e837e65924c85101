"""Metrics on hand-made decisions, and threshold calibration on tiny arrays."""

from __future__ import annotations

import numpy as np
import pytest
from matcher_helpers import make_match

from matcher import Matcher, evaluate
from matcher.corpus import EvalItem
from matcher.evaluation import score_matches
from matcher.training.calibration import calibrate, oos_curve


def item(topics: list[str], emergency: bool = False) -> EvalItem:
    return EvalItem(text="x", topics=topics, emergency=emergency, oos=not topics)


def test_ranking_metrics_count_only_in_scope_messages() -> None:
    items = [item(["a"]), item(["b", "c"]), item(["d"]), item(["e"]), item([])]
    matches = [
        make_match("a", ranked=["a", "x", "y"]),  # top-1
        make_match("c", ranked=["c", "b", "y"]),  # an accepted second id: top-1
        make_match("x", ranked=["x", "y", "d"]),  # top-3, RR 1/3
        make_match(None, ranked=["x", "e", "y"], oos=True),  # rejected: not top-1, RR 1/2
        make_match(None, ranked=["a", "b", "c"], oos=True),
    ]
    r = score_matches(items, matches)
    assert (r.n, r.n_in_scope, r.n_oos) == (5, 4, 1)
    assert r.top1 == pytest.approx(2 / 4)
    assert r.top3 == pytest.approx(4 / 4)
    assert r.mrr == pytest.approx((1 + 1 + 1 / 3 + 1 / 2) / 4)
    assert r.oos_recall == 1.0
    assert r.false_rejection == pytest.approx(1 / 4)


def test_emergency_metrics_and_failure_kinds() -> None:
    items = [item(["a"], True), item(["a"], True), item(["b"]), item([]), item([])]
    matches = [
        make_match("a", emergency=True),
        make_match("a"),  # missed emergency
        make_match("b", emergency=True),  # over-escalation
        make_match(None, oos=True),
        make_match("a"),  # missed out-of-scope
    ]
    r = score_matches(items, matches, latencies_ms=[1, 2, 3, 4, 100], model_version="v7")
    assert r.emergency_recall == 0.5
    assert r.over_escalation == pytest.approx(1 / 3)
    assert r.oos_recall == 0.5
    assert r.latency_p50_ms == 3.0 and r.latency_p95_ms > 4.0
    assert [f.kind for f in r.failures] == [
        "missed emergency",
        "over-escalation",
        "missed out-of-scope",
    ]
    assert r.model_version == "v7" and r.metrics()["top1"] == 1.0
    assert r.to_dict()["failures"][0]["expected"] == ["a"]


def test_score_matches_needs_one_match_per_item() -> None:
    with pytest.raises(ValueError):
        score_matches([item(["a"])], [])


def test_evaluate_runs_the_matcher_singly_or_batched(fake_matcher: Matcher) -> None:
    items = [
        EvalItem(text="my dad is choking", topics=["choking"], emergency=True, oos=False),
        EvalItem(text="nose bleeding", topics=["nosebleed"], emergency=False, oos=False),
        EvalItem(text="hello", topics=[], emergency=False, oos=True),
    ]
    for batched in (False, True):
        r = evaluate(items, fake_matcher, batched=batched)
        assert (r.top1, r.oos_recall, r.emergency_recall, r.over_escalation) == (1, 1, 1, 0)
        assert r.latency_p50_ms > 0 and r.failures == []


def test_oos_curve_picks_the_middle_of_the_best_plateau() -> None:
    # in-scope best scores 0.6-0.8, out-of-scope 0.2-0.3; the bank never helps.
    t1 = np.array([0.6, 0.7, 0.8, 0.2, 0.3], dtype=np.float32)
    bank = np.full(5, -1.0, dtype=np.float32)
    gold = np.array([False, False, False, True, True])
    protect = np.zeros(5, dtype=bool)
    curve, best = oos_curve(t1, bank, gold, protect, max_fr=0.0)
    assert best.oos_recall == 1.0 and best.false_rejection == 0.0
    assert 0.3 < best.floor <= 0.6  # any floor in (0.3, 0.6] separates; the middle is chosen
    assert abs(best.floor - 0.45) <= 0.02
    assert all(p.false_rejection == 0.0 for p in curve)


def test_crisis_messages_are_never_rejected_in_calibration() -> None:
    t1 = np.array([0.1, 0.7], dtype=np.float32)
    bank = np.full(2, -1.0, dtype=np.float32)
    gold = np.array([False, True])
    protect = np.array([True, False])
    _, best = oos_curve(t1, bank, gold, protect, max_fr=0.0)
    assert best.false_rejection == 0.0


def test_calibrate_returns_thresholds_that_reproduce_its_report(fake_matcher: Matcher) -> None:
    items = [
        EvalItem(text="my dad is choking", topics=["choking"], emergency=True, oos=False),
        EvalItem(text="nose bleeding", topics=["nosebleed"], emergency=False, oos=False),
        EvalItem(text="burned my hand", topics=["burn"], emergency=False, oos=False),
        EvalItem(text="hello", topics=[], emergency=False, oos=True),
        EvalItem(text="weather today", topics=[], emergency=False, oos=True),
    ]
    cal = calibrate(items, fake_matcher, max_false_rejection=0.0)
    assert cal.report.oos_recall == 1.0 and cal.report.false_rejection == 0.0
    again = evaluate(items, fake_matcher.with_thresholds(cal.thresholds), batched=True)
    assert again.metrics()["top1"] == cal.report.top1 == 1.0
