"""Metrics on an evaluation set: ranking, out-of-scope, emergency and latency.

Definitions (all over the dev-set format, :class:`matcher.corpus.EvalItem`):

- top-1: in-scope messages whose chosen topic is one of the accepted ids; a
  rejected (out-of-scope) in-scope message counts as wrong.
- top-3 and MRR: from the ranked alternatives (5 kept), which the reply offers
  even when it rejects a message, so a rejection can still rank the right topic.
- out-of-scope recall: out-of-scope messages the matcher rejects.
- false rejection: in-scope messages the matcher rejects.
- emergency recall: emergency messages flagged ``emergency``; over-escalation:
  non-emergency messages (in and out of scope) flagged ``emergency``.
- harmful misroutes (:func:`harmful`): in-scope answers that could hurt; their
  share is over in-scope messages.
- top-1 by style: per ``style`` label of the evaluation file, in scope only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from matcher.corpus import EvalItem, Level
from matcher.serving.decide import Match
from matcher.serving.scoring import percentile, reciprocal_rank

CRISIS_TOPIC = "suicidal-crisis"
# Confusions first-aid teaching warns about: the right topic, and the wrong
# answers that would give harmful advice for it.
CONFLICTS: dict[str, frozenset[str]] = {
    "cardiac-arrest": frozenset({"unconscious-breathing", "fainting", "seizure"}),
    "choking-infant": frozenset({"choking"}),
    "heatstroke": frozenset({"heat-exhaustion"}),
    "anaphylaxis": frozenset({"allergic-reaction", "insect-sting"}),
    "severe-bleeding": frozenset({"cuts-grazes"}),
    "stroke": frozenset({"headache", "dizziness"}),
}


def harmful(item: EvalItem, match: Match, levels: dict[str, Level]) -> str | None:
    """Why answering ``item`` with ``match`` could hurt, or None.

    A call-level situation answered with a topic that is not call-level, or not
    answered; a crisis without crisis support; or one of the :data:`CONFLICTS`.
    """
    if item.oos or not item.topics:
        return None
    right = item.topics[0]
    if right == CRISIS_TOPIC and not match.crisis:
        return "crisis without crisis support"
    if match.topic in item.topics:
        return None
    if match.topic in CONFLICTS.get(right, frozenset()):
        return f"{right} answered as {match.topic}"
    if levels.get(right) == "call" and (match.topic is None or levels.get(match.topic) != "call"):
        return f"call-level {right} answered as {match.topic or 'out of scope'}"
    return None


class _Matches(Protocol):
    @property
    def model_version(self) -> str: ...

    @property
    def levels(self) -> dict[str, Level]: ...

    def match(self, text: str) -> Match: ...

    def match_batch(self, texts: Sequence[str]) -> list[Match]: ...


@dataclass(frozen=True)
class Failure:
    """One message the matcher got wrong, with what it expected and what it got."""

    text: str
    kind: str
    expected: list[str]
    got: str | None
    alternatives: list[str]
    score: float
    emergency_expected: bool
    emergency_got: bool


@dataclass(frozen=True)
class EvalReport:
    """All metrics (shares in 0..1, latency in ms) and the failures, in input order."""

    model_version: str
    n: int
    n_in_scope: int
    n_oos: int
    n_emergency: int
    top1: float
    top3: float
    mrr: float
    oos_recall: float
    false_rejection: float
    emergency_recall: float
    over_escalation: float
    latency_p50_ms: float
    latency_p95_ms: float
    harmful: int = 0
    harmful_rate: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    top1_by_style: dict[str, float] = field(default_factory=dict)

    def metrics(self) -> dict[str, float]:
        """The headline numbers only (for manifests and tables)."""
        data = asdict(self)
        for key in ("failures", "model_version", "top1_by_style"):
            data.pop(key)
        return {k: float(v) for k, v in data.items()}

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        return asdict(self)


def _share(hits: float, total: int) -> float:
    return hits / total if total else 0.0


def _failure_kinds(item: EvalItem, match: Match, levels: dict[str, Level]) -> list[str]:
    kinds = []
    why = harmful(item, match, levels)
    if why:
        kinds.append(f"HARMFUL ({why})")
    if item.oos and not match.oos:
        kinds.append("missed out-of-scope")
    if not item.oos and match.oos:
        kinds.append("false rejection")
    elif not item.oos and match.topic not in item.topics:
        kinds.append("wrong topic")
    if item.emergency and not match.emergency:
        kinds.append("missed emergency")
    if not item.emergency and match.emergency:
        kinds.append("over-escalation")
    return kinds


def score_matches(
    items: Sequence[EvalItem],
    matches: Sequence[Match],
    latencies_ms: Sequence[float] = (),
    model_version: str = "",
    levels: dict[str, Level] | None = None,
) -> EvalReport:
    """Compute every metric from gold items and the matcher's decisions (pure).

    ``levels`` (topic id -> level) lets harmful misroutes count call-level topics
    answered with lesser ones; without it only crises and conflicts count.
    """
    levels = levels or {}
    if len(items) != len(matches):
        raise ValueError("one match per item")
    pairs = list(zip(items, matches, strict=True))
    ins = [(i, m) for i, m in pairs if not i.oos]
    oos = [(i, m) for i, m in pairs if i.oos]
    emer = [(i, m) for i, m in pairs if i.emergency]
    calm = [(i, m) for i, m in pairs if not i.emergency]
    failures = [
        Failure(
            text=i.text,
            kind=", ".join(kinds),
            expected=list(i.topics),
            got=m.topic,
            alternatives=m.ranked[:3],
            score=m.score,
            emergency_expected=i.emergency,
            emergency_got=m.emergency,
        )
        for i, m in pairs
        if (kinds := _failure_kinds(i, m, levels))
    ]
    n_harmful = sum(harmful(i, m, levels) is not None for i, m in ins)
    styles = sorted({i.style for i, _ in ins if i.style})
    by_style = {
        style: _share(
            sum(m.topic in i.topics for i, m in ins if i.style == style),
            sum(i.style == style for i, _ in ins),
        )
        for style in styles
    }
    return EvalReport(
        model_version=model_version,
        n=len(pairs),
        n_in_scope=len(ins),
        n_oos=len(oos),
        n_emergency=len(emer),
        top1=_share(sum(m.topic is not None and m.topic in i.topics for i, m in ins), len(ins)),
        top3=_share(sum(any(t in i.topics for t in m.ranked[:3]) for i, m in ins), len(ins)),
        mrr=_share(sum(reciprocal_rank(m.ranked, i.topics) for i, m in ins), len(ins)),
        oos_recall=_share(sum(m.oos for _, m in oos), len(oos)),
        false_rejection=_share(sum(m.oos for _, m in ins), len(ins)),
        emergency_recall=_share(sum(m.emergency for _, m in emer), len(emer)),
        over_escalation=_share(sum(m.emergency for _, m in calm), len(calm)),
        latency_p50_ms=percentile(list(latencies_ms), 50),
        latency_p95_ms=percentile(list(latencies_ms), 95),
        harmful=n_harmful,
        harmful_rate=_share(n_harmful, len(ins)),
        failures=failures,
        top1_by_style=by_style,
    )


def evaluate(items: Sequence[EvalItem], matcher: _Matches, *, batched: bool = False) -> EvalReport:
    """Run ``matcher`` over ``items`` and score it.

    By default each message is matched alone and timed, as a user would be
    served; ``batched=True`` is faster (one encoder call per 64) and reports
    the mean time per message as both percentiles.
    """
    if batched:
        started = time.perf_counter()
        matches: list[Match] = []
        for start in range(0, len(items), 64):
            matches += matcher.match_batch([i.text for i in items[start : start + 64]])
        mean = (time.perf_counter() - started) * 1000.0 / max(1, len(items))
        return score_matches(
            items, matches, [mean] * len(items), matcher.model_version, matcher.levels
        )
    latencies, matches = [], []
    for item in items:
        started = time.perf_counter()
        matches.append(matcher.match(item.text))
        latencies.append((time.perf_counter() - started) * 1000.0)
    return score_matches(items, matches, latencies, matcher.model_version, matcher.levels)
