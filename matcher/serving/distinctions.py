"""The safety-critical distinctions and the de-escalations, as data beside the lexicon.

Both are built from the signs of :mod:`matcher.serving.signs`;
:class:`matcher.serving.safety.SafetyRules` compiles them. Each has tests of
both sides in ``tests/matcher/test_matcher_critical.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Safety-critical distinctions ---------------------------------------------
# The confusions first-aid teaching warns about, decided by what the message
# says, not by how close an embedding lands (ERC/RCUK 2021 and 2025 and AHA
# 2025 algorithms: unresponsive and not breathing normally is cardiac arrest;
# a baby under one gets infant back blows and chest thrusts; heat plus
# confusion or collapse is heatstroke; an allergen plus breathing or throat
# trouble is anaphylaxis; FAST signs are a stroke; CO exposure with symptoms is
# carbon monoxide poisoning; a child with medicines or chemicals is poisoning).
#
# A distinction
# (``Critical``) needs every sign in ``needs`` and none in ``unless``; it then
# answers with ``topic`` unless the model already chose one of ``keep`` (topics
# that handle the situation as well), and always escalates. The first matching
# distinction wins, so the most dangerous come first.


@dataclass(frozen=True)
class Critical:
    """A distinction: with every sign of ``needs`` and none of ``unless``, answer
    ``topic`` (unless the model chose one of ``keep``) and escalate."""

    label: str
    topic: str
    needs: tuple[str, ...]
    unless: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    # False: only the topic is decided; whether to say "call now" follows the
    # topic's level as usual (a treated hypo may be over).
    escalate: bool = True


def critical(
    label: str,
    topic: str,
    needs: tuple[str, ...],
    *,
    unless: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
    escalate: bool = True,
) -> Critical:
    return Critical(label, topic, needs, unless, keep, escalate)


_CPR_ALREADY = (
    "drowning",
    "electric-shock",
    "choking",
    "choking-infant",
    "overdose",
    "smoke-inhalation",
    "carbon-monoxide",
    "anaphylaxis",
    "hypothermia",
    "road-traffic-accident",
)

CRITICAL: list[Critical] = [
    critical(
        "unresponsive and not breathing normally: CPR",
        "cardiac-arrest",
        ("unresponsive", "no breathing"),
        keep=_CPR_ALREADY,
    ),
    critical(
        "not breathing: CPR",
        "cardiac-arrest",
        ("stopped breathing",),
        unless=("breathing qualified", "choking"),
        keep=_CPR_ALREADY,
    ),
    critical(
        "a baby under one is choking",
        "choking-infant",
        ("infant", "choking"),
        unless=("older child",),
    ),
    critical(
        "choking",
        "choking",
        ("choking",),
        keep=(
            "choking-infant",
            "cardiac-arrest",
            "anaphylaxis",
            "swallowed-object",
            "drowning",
            "smoke-inhalation",
            "unconscious-breathing",
            "overdose",
            "seizure",
            "poisoning",
            "asthma-attack",
        ),
    ),
    critical(
        "allergen and airway or breathing trouble: anaphylaxis",
        "anaphylaxis",
        ("allergen", "airway or breathing trouble"),
        keep=("asthma-attack", "cardiac-arrest", "choking", "choking-infant", "swallowed-object"),
    ),
    critical(
        "asthma and breathing trouble: asthma attack",
        "asthma-attack",
        ("asthma", "airway or breathing trouble"),
        keep=("anaphylaxis", "cardiac-arrest", "choking", "choking-infant", "smoke-inhalation"),
    ),
    critical(
        "face or one-sided weakness: stroke",
        "stroke",
        ("stroke sign",),
        keep=("head-injury", "heart-attack", "spinal-injury", "road-traffic-accident"),
    ),
    critical(
        "slurred speech: stroke",
        "stroke",
        ("slurred speech",),
        unless=("slurring has another cause",),
        keep=(
            "head-injury",
            "diabetic-emergency",
            "overdose",
            "heatstroke",
            "hypothermia",
            "seizure",
            "carbon-monoxide",
            "poisoning",
        ),
    ),
    critical(
        "heat with confusion, collapse or hot dry skin: heatstroke",
        "heatstroke",
        ("heat", "heatstroke sign"),
        unless=("cold",),
        keep=("cardiac-arrest", "unconscious-breathing", "seizure", "stroke"),
    ),
    critical(
        "a CO source with symptoms: carbon monoxide",
        "carbon-monoxide",
        ("co source", "co symptoms"),
        keep=("cardiac-arrest", "unconscious-breathing", "smoke-inhalation"),
    ),
    critical(
        "a child and medicines or chemicals: poisoning",
        "poisoning",
        ("child", "swallowed substance"),
        keep=(
            "overdose",
            "swallowed-object",
            "eye-chemical",
            "chemical-burn",
            "cardiac-arrest",
            "unconscious-breathing",
            "choking",
            "choking-infant",
            "seizure",
            "burn",
        ),
    ),
    critical(
        "a corrosive on the skin: chemical burn",
        "chemical-burn",
        ("corrosive", "on the skin"),
        unless=("in the eye", "swallowed"),
        keep=("eye-chemical", "poisoning", "cardiac-arrest", "smoke-inhalation", "carbon-monoxide"),
    ),
    critical(
        "an object stuck in a wound: do not remove it",
        "embedded-object",
        ("impaled",),
        keep=(
            "eye-foreign-object",
            "foreign-object-ear-nose",
            "road-traffic-accident",
            "cardiac-arrest",
            "spinal-injury",
            "severe-bleeding",
            "suicidal-crisis",
        ),
    ),
    critical(
        "diabetes out of balance: diabetic emergency",
        "diabetic-emergency",
        ("diabetes crisis",),
        keep=(
            "cardiac-arrest",
            "unconscious-breathing",
            "seizure",
            "stroke",
            "overdose",
            "poisoning",
            "heatstroke",
            "hypothermia",
        ),
        escalate=False,
    ),
    critical(
        "heavy bleeding: severe bleeding",
        "severe-bleeding",
        ("heavy bleeding",),
        keep=(
            "nosebleed",
            "embedded-object",
            "road-traffic-accident",
            "head-injury",
            "fracture",
            "childbirth",
            "suicidal-crisis",
            "animal-bite",
            "snake-bite",
            "dental-injury",
        ),
    ),
    critical(
        "unresponsive but breathing: recovery position",
        "unconscious-breathing",
        ("unresponsive", "breathing"),
        unless=("no breathing",),
        keep=(
            "head-injury",
            "seizure",
            "overdose",
            "diabetic-emergency",
            "spinal-injury",
            "drowning",
            "stroke",
            "poisoning",
            "road-traffic-accident",
            "carbon-monoxide",
            "heatstroke",
            "hypothermia",
            "electric-shock",
            "anaphylaxis",
            "smoke-inhalation",
            "shock",
            "heart-attack",
        ),
    ),
]

# --- When a call-level topic need not say "call now" ----------------------------
# The message says the danger is minor or has passed, and guidance agrees: a
# small static shock, a coin swallowed with no symptoms, a hypo treated and
# resolved, a known epileptic's usual seizure that is over, an asthma attack the
# reliever settled. Any red flag or critical distinction keeps the alarm, and
# the topics where minutes matter (cardiac arrest, choking, severe bleeding,
# anaphylaxis, stroke) are never listed. Topic -> signs that must all be present.
DOWNGRADES: dict[str, tuple[str, ...]] = {
    "electric-shock": ("minor shock", "seems fine"),
    "swallowed-object": ("harmless object", "seems fine"),
    "diabetic-emergency": ("hypo", "recovered"),
    "seizure": ("known epilepsy", "seizure over"),
    "asthma-attack": ("reliever", "worked"),
}
