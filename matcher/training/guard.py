"""The promotion guard: a new model replaces the current one only if it is not worse.

"Not worse" is judged on the dev set, on the two numbers that matter most:

- top-1 accuracy may drop by at most one dev message (``TOP1_ITEMS``). Two
  runs of the same recipe on another machine, or a model trained on a few
  more feedback pairs, move one or two borderline messages either way; a
  one-message allowance absorbs that noise without letting a real regression
  through (two or more messages is refused).
- emergency recall may not drop at all (``EMERGENCY_ITEMS = 0``): a missed
  emergency is the most expensive mistake the bot can make, and the safety
  layer makes the figure stable enough that any loss is a real one.
- harmful misroutes (:func:`matcher.evaluation.harmful`) may not rise at all:
  a model that answers one more cardiac arrest with the recovery position is
  worse whatever else it gains. (Manifests measured before the count existed
  are compared on the other two rules only.)

Tolerances are counted in messages of the current dev set (``n_in_scope``,
``n_emergency``), so they stay meaningful when the dev set grows.
``--force`` skips the guard; the decision and its reasons are printed either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TOP1_ITEMS = 1
EMERGENCY_ITEMS = 0
# int8 may serve by default only if it costs at most half a point of dev top-1
# and no emergency recall against the same model in fp32.
INT8_TOP1_POINTS = 0.005
_EPS = 1e-9


@dataclass(frozen=True)
class Verdict:
    """Whether the candidate may become current, and why."""

    ok: bool
    reasons: list[str] = field(default_factory=list)


def _count(metrics: Mapping[str, Any], key: str, total_key: str) -> tuple[float, int]:
    total = int(metrics.get(total_key, 0))
    return float(metrics[key]) * total, total


def check(
    candidate: Mapping[str, Any] | None,
    current: Mapping[str, Any] | None,
    *,
    top1_items: int = TOP1_ITEMS,
    emergency_items: int = EMERGENCY_ITEMS,
) -> Verdict:
    """Compare dev metrics (``EvalReport.metrics()`` dicts) of candidate and current.

    No current model (or one never measured) lets any measured candidate through;
    an unmeasured candidate is always refused.
    """
    if not candidate or "top1" not in candidate:
        return Verdict(False, ["the candidate has no dev metrics"])
    if not current or "top1" not in current:
        return Verdict(True, ["no measured current model to compare with"])
    reasons = []
    ok = True
    rules = (
        ("top1", "n_in_scope", top1_items, "top-1"),
        ("emergency_recall", "n_emergency", emergency_items, "emergency recall"),
    )
    for key, total_key, allowed, label in rules:
        new_hits, _ = _count(candidate, key, total_key)
        old_hits, total = _count(current, key, total_key)
        lost = round(old_hits - new_hits)
        new, old = float(candidate[key]), float(current[key])
        line = f"{label}: {new:.4f} vs {old:.4f} ({-lost:+d} of {total} messages)"
        if old_hits - new_hits > allowed + _EPS:
            ok = False
            reasons.append(f"{line}, more than the {allowed} allowed")
        else:
            reasons.append(line)
    if "harmful" in candidate and "harmful" in current:
        new_harm, old_harm = int(candidate["harmful"]), int(current["harmful"])
        line = f"harmful misroutes: {new_harm} vs {old_harm}"
        if new_harm > old_harm:
            ok = False
            reasons.append(f"{line}, more than the current model's")
        else:
            reasons.append(line)
    return Verdict(ok, reasons)


# What a dev measurement depends on besides the model: the dev set, the corpus
# (the index and every topic's red flags) and the matching code.
MEASURED_WITH = ("dev_hash", "corpus_hash", "pipeline_hash")


def comparable(candidate: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """True when both were measured on the same dev set, and with the same corpus and
    matching code wherever the candidate records them (older manifests did not)."""
    if not candidate.get("dev_hash"):
        return False
    return all(current.get(k) == candidate[k] for k in MEASURED_WITH if candidate.get(k))


def int8_acceptable(fp32: Mapping[str, Any] | None, int8: Mapping[str, Any] | None) -> bool:
    """True when the int8 copy is good enough to be the default runtime for this model."""
    if not fp32 or not int8:
        return False
    top1_ok = float(int8["top1"]) >= float(fp32["top1"]) - INT8_TOP1_POINTS - _EPS
    emergency_ok = float(int8["emergency_recall"]) >= float(fp32["emergency_recall"]) - _EPS
    return top1_ok and emergency_ok
