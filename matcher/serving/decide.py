"""From scores and safety findings to one decision: the :class:`Match`.

Order of precedence, most protective first:

1. crisis wording (suicide, self-harm) routes to ``suicidal-crisis``, whatever
   else the message mentions or the model prefers, and is never out of scope;
2. a safety-critical distinction (:mod:`matcher.serving.distinctions`: not
   breathing, a choking baby, heatstroke, anaphylaxis, stroke, carbon monoxide,
   a poisoned child, heavy bleeding, unconscious but breathing) answers with
   its topic unless the model chose one that handles it as well; never out of
   scope, always an emergency;
3. out of scope when the best topic is too weak or the out-of-scope bank is
   nearly as close (calibrated floor and margin), unless red flags are found or
   the message names a first-aid technique or condition (CPR, the recovery
   position) and its best topic is still closer than the bank: then the best
   topic answers, marked unsure; otherwise a best topic of
   ``suicidal-crisis`` is a crisis too (not before: bland small talk such as
   "ok" lies nearest to that topic's emotional examples);
4. emergency on evidence: the topic is level ``call`` (unless no red flag is
   found and the message says the danger is minor or over, see
   ``downgrades.DOWNGRADES``, or asks ahead of time or afterwards, or is a
   question rescued by its first-aid words), or a general or topic red flag is
   found. Red flags raise ``emergency`` even for out-of-scope messages. A runner-up that
   is call-level is not evidence: an unsure answer gets a calm "if anyone is
   in danger" line from the composer instead of the alarm;
5. low confidence when the two best topics are close or the best is weak: the
   reply offers the alternatives ("did you mean").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from matcher.corpus import Level
from matcher.serving.safety import SafetyRules, Scan
from matcher.serving.scoring import FloatArray
from matcher.serving.thresholds import Thresholds

CRISIS_TOPIC = "suicidal-crisis"
N_ALTERNATIVES = 5


@dataclass(frozen=True)
class Match:
    """What the matcher decided about one message (see the module docstring)."""

    text: str
    normalized: str
    topic: str | None
    score: float
    level: Level | None
    emergency: bool
    crisis: bool
    oos: bool
    low_confidence: bool
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    model_version: str = ""
    # The language the message was matched in (its matcher's corpus).
    lang: str = "en"

    @property
    def ranked(self) -> list[str]:
        """Alternative topic ids, best first."""
        return [topic for topic, _ in self.alternatives]


@dataclass(frozen=True)
class Context:
    """What every decision needs besides the message: topics, rules, thresholds."""

    topic_ids: tuple[str, ...]
    levels: tuple[Level, ...]
    safety: SafetyRules
    thresholds: Thresholds
    model_version: str


def _alternatives(ctx: Context, scores: FloatArray) -> list[tuple[str, float]]:
    order = np.argsort(-scores, kind="stable")[:N_ALTERNATIVES]
    return [(ctx.topic_ids[i], round(float(scores[i]), 4)) for i in order]


def decide(
    ctx: Context,
    *,
    text: str,
    normalized: str,
    scores: FloatArray,
    oos_score: float,
    scan: Scan,
) -> Match:
    """Decide one message from its topic scores ``(T,)``, out-of-scope score and safety scan."""
    th = ctx.thresholds
    alts = _alternatives(ctx, scores)
    best, t1 = alts[0]
    t2 = alts[1][1] if len(alts) > 1 else -1.0
    reasons = [f"best {best} {t1:.3f}, next {t2:.3f}, out-of-scope bank {oos_score:.3f}"]
    flags = [f"red flag: {f}" for f in ctx.safety.red_flags(scan)]
    flags += [f"red flag: {f}" for f in ctx.safety.combined_red_flags(scan)]
    for topic, _ in alts[: th.red_flag_topics]:
        flags += [f"red flag ({topic}): {p}" for p in ctx.safety.topic_red_flags(scan, topic)]

    oos_why = None
    if not normalized:
        oos_why = "empty message"
    elif t1 < th.oos_floor:
        oos_why = f"out of scope: best {t1:.3f} < floor {th.oos_floor:.3f}"
    elif oos_score - t1 > th.oos_margin:
        oos_why = f"out of scope: bank beats best by {oos_score - t1:.3f} > {th.oos_margin:.3f}"
    crisis = ctx.safety.crisis(scan)
    routed = False
    answered = None if oos_why else best
    if not crisis and (hit := ctx.safety.critical(scan, answered)) is not None:
        kept = answered in hit.keep or (
            hit.keep_call_level and answered is not None and _level(ctx, answered) == "call"
        )
        if hit.topic in ctx.topic_ids and answered != hit.topic and not kept:
            reasons.append(f"answered as {hit.topic}: {hit.label}")
            best, oos_why, routed = hit.topic, None, True
            alts = _first(ctx, scores, best, alts)
        if hit.escalate and oos_why is None:
            flags.append(f"critical: {hit.label}")
    if crisis or (oos_why is None and best == CRISIS_TOPIC):
        reasons += [f"crisis wording: {c}" for c in crisis] or ["model: crisis topic"]
        if CRISIS_TOPIC in ctx.topic_ids:
            alts = _first(ctx, scores, CRISIS_TOPIC, alts)
        return _build(ctx, text, normalized, CRISIS_TOPIC, alts, reasons + flags, "crisis")
    # Red flags in a message the bank claims (not one under the floor): a person in
    # danger is better served by the closest topic's steps, marked unsure, than by
    # "I can only help with first aid".
    rescued = oos_why is not None and bool(flags) and t1 >= th.oos_floor
    # Likewise a message that names a first-aid technique or condition (CPR, the recovery
    # position, heatstroke) and whose best topic is still closer than the bank: a
    # question, answered calm and unsure, not rejected.
    named = (
        oos_why is not None
        and not rescued
        and t1 >= max(th.oos_floor, oos_score)
        and ctx.safety.has_sign(scan, "names first aid")
    )
    if rescued or named:
        why = "red flags" if rescued else "names first aid"
        reasons += [str(oos_why), f"answered all the same: {why}"]
        oos_why = None
    if oos_why is not None:
        kind: Literal["oos", "oos-emergency"] = "oos-emergency" if flags else "oos"
        return _build(ctx, text, normalized, None, alts, [*reasons, oos_why, *flags], kind)

    level = ctx.levels[ctx.topic_ids.index(best)]
    if level == "call":
        if named:
            reasons.append("level call, but no sign of danger in a question about first aid")
        elif not flags and ctx.safety.minor(scan, best):
            reasons.append("level call, but the message says it is minor or over")
        elif not flags and ctx.safety.has_sign(scan, "not happening now"):
            reasons.append("level call, but asked ahead of time or afterwards")
        else:
            flags.insert(0, "level call")
    # A topic the rules decided is not a guess, however the scores lie.
    low = rescued or named or (not routed and (t1 - t2 < th.ambiguity or t1 < th.sure))
    if low:
        reasons.append("low confidence: top two close or best weak")
    return _build(
        ctx, text, normalized, best, alts, reasons + flags, "emergency" if flags else "plain", low
    )


def _level(ctx: Context, topic: str) -> Level:
    return ctx.levels[ctx.topic_ids.index(topic)]


def _first(
    ctx: Context, scores: FloatArray, topic: str, alts: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    """``alts`` with ``topic`` moved (or added) to the front."""
    score = round(float(scores[ctx.topic_ids.index(topic)]), 4)
    return [(topic, score), *[(t, s) for t, s in alts if t != topic]][:N_ALTERNATIVES]


def _build(
    ctx: Context,
    text: str,
    normalized: str,
    topic: str | None,
    alts: list[tuple[str, float]],
    reasons: list[str],
    kind: Literal["crisis", "oos", "oos-emergency", "emergency", "plain"],
    low_confidence: bool = False,
) -> Match:
    level = ctx.levels[ctx.topic_ids.index(topic)] if topic in ctx.topic_ids else None
    return Match(
        text=text,
        normalized=normalized,
        topic=topic if topic in ctx.topic_ids else None,
        score=alts[0][1] if alts else 0.0,
        level=level,
        emergency=kind in ("crisis", "oos-emergency", "emergency"),
        crisis=kind == "crisis",
        oos=kind in ("oos", "oos-emergency"),
        low_confidence=low_confidence,
        alternatives=alts,
        reasons=reasons,
        model_version=ctx.model_version,
    )
