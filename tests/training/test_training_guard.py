"""The promotion guard on fake metrics: worse models are refused, better ones promoted."""

from __future__ import annotations

from pathlib import Path

from training_helpers import fake_version, metrics

from matcher.models.registry import current_version, history
from matcher.training.guard import check, comparable
from matcher.training.measure import pipeline_hash
from matcher.training.promote import promote

OLD, NEW = "20260101-000000", "20260102-000000"


def test_one_top1_message_is_tolerated_two_are_not() -> None:
    current = metrics(top1_hits=356)
    assert check(metrics(top1_hits=355), current).ok
    verdict = check(metrics(top1_hits=354), current)
    assert not verdict.ok
    assert "top-1" in verdict.reasons[0] and "-2 of 372" in verdict.reasons[0]


def test_any_lost_emergency_is_refused() -> None:
    current = metrics(emergency_hits=196)
    assert not check(metrics(top1_hits=370, emergency_hits=195), current).ok
    assert check(metrics(emergency_hits=196), current).ok


def test_any_extra_harmful_misroute_is_refused_even_with_better_top1() -> None:
    current = {**metrics(), "harmful": 2}
    verdict = check({**metrics(top1_hits=370), "harmful": 3}, current)
    assert not verdict.ok and any("harmful misroutes: 3 vs 2" in r for r in verdict.reasons)
    assert check({**metrics(), "harmful": 2}, current).ok
    assert check({**metrics(), "harmful": 1}, current).ok
    assert check({**metrics(), "harmful": 9}, metrics()).ok  # the current one was never counted


def test_better_or_equal_models_pass_and_unmeasured_candidates_never_do() -> None:
    assert check(metrics(top1_hits=360, emergency_hits=198), metrics()).ok
    assert check(metrics(), metrics()).ok
    assert check(metrics(), None).ok
    assert not check(None, metrics()).ok
    assert not check({}, None).ok


def test_promote_switches_to_a_better_model(tmp_path: Path) -> None:
    fake_version(tmp_path, OLD, metrics(top1_hits=350))
    fake_version(tmp_path, NEW, metrics(top1_hits=360))
    assert promote(tmp_path, OLD).promoted  # no base export here: nothing to compare with
    result = promote(tmp_path, NEW)
    assert result.promoted and not result.forced
    assert result.previous == OLD and result.baseline == OLD
    assert current_version(tmp_path) == NEW
    assert history(tmp_path) == [OLD]


def test_promote_refuses_a_worse_model_and_keeps_the_current_one(tmp_path: Path) -> None:
    fake_version(tmp_path, OLD, metrics(top1_hits=360))
    fake_version(tmp_path, NEW, metrics(top1_hits=350))
    promote(tmp_path, OLD)
    result = promote(tmp_path, NEW)
    assert not result.promoted
    assert current_version(tmp_path) == OLD
    assert history(tmp_path) == []


def test_force_promotes_a_worse_model_and_says_so(tmp_path: Path) -> None:
    fake_version(tmp_path, OLD, metrics(top1_hits=360))
    fake_version(tmp_path, NEW, metrics(emergency_hits=150))
    promote(tmp_path, OLD)
    result = promote(tmp_path, NEW, force=True)
    assert result.promoted and result.forced
    assert current_version(tmp_path) == NEW


def test_a_model_measured_on_another_dev_set_is_not_compared_blindly(tmp_path: Path) -> None:
    # The current model's stored metrics are from an older dev set and it has no
    # ONNX export to re-measure: the guard cannot compare, so any measured
    # candidate passes rather than being judged against the wrong messages.
    fake_version(tmp_path, OLD, metrics(top1_hits=370), dev_hash="old-dev-set")
    fake_version(tmp_path, NEW, metrics(top1_hits=340))
    promote(tmp_path, OLD)
    result = promote(tmp_path, NEW)
    assert result.promoted
    assert "no measured current model" in result.verdict.reasons[0]


def test_stored_figures_count_only_when_measured_with_the_same_corpus_and_code() -> None:
    # A new safety rule or corpus example moves every model's dev figures: the
    # current model's stored figures from before it are not comparable.
    same = {"dev_hash": "d", "corpus_hash": "c", "pipeline_hash": "p"}
    assert comparable(same, dict(same))
    assert not comparable(same, same | {"pipeline_hash": "older rules"})
    assert not comparable(same, same | {"corpus_hash": "older corpus"})
    assert not comparable(same, {"dev_hash": "d"})  # measured before the hashes existed
    assert comparable({"dev_hash": "d"}, same)  # a candidate without them: dev set only
    assert not comparable({}, same)


def test_a_current_model_measured_by_older_code_is_not_compared_blindly(tmp_path: Path) -> None:
    fake_version(tmp_path, OLD, metrics(top1_hits=370))
    fake_version(tmp_path, NEW, metrics(top1_hits=340), pipeline_hash=pipeline_hash())
    promote(tmp_path, OLD)
    result = promote(tmp_path, NEW)
    # OLD has no export to re-measure: no comparison against figures made by other rules.
    assert result.promoted
    assert "no measured current model" in result.verdict.reasons[0]
