"""The safety-critical distinctions, as data beside the lexicon.

They are built from the signs of :mod:`matcher.serving.signs`;
:class:`matcher.serving.safety.SafetyRules` compiles them. Each has tests of
both sides in ``tests/matcher/test_matcher_critical.py``.
"""

from __future__ import annotations

from matcher.serving.critical import Critical, critical

# The confusions first-aid teaching warns about, decided by what the message says, not by how close
# an embedding lands (ERC/RCUK 2021 and 2025 and AHA 2025 algorithms: unresponsive and not
# breathing normally is cardiac arrest; a baby under one gets infant back blows and chest thrusts;
# heat plus confusion or collapse is heatstroke; an allergen plus breathing or throat trouble is
# anaphylaxis; FAST signs are a stroke; CO exposure with symptoms is carbon monoxide poisoning; a
# child with medicines or chemicals is poisoning).
#
# A distinction (:class:`matcher.serving.critical.Critical`) needs every sign in ``needs``, none in
# ``unless``; it answers ``topic`` unless the model chose one of ``keep``. The first met wins.


def _ids(names: str) -> tuple[str, ...]:
    """Topic ids written as one space-separated string (long ``keep`` lists)."""
    return tuple(names.split())


_CPR_ALREADY = _ids(
    "drowning electric-shock choking choking-infant overdose smoke-inhalation carbon-monoxide "
    "anaphylaxis hypothermia road-traffic-accident"
)
# The choking topics hold CPR after choking: a limp baby not breathing, no word of choking: CPR.
_CPR_NOT_CHOKING = tuple(t for t in _CPR_ALREADY if not t.startswith("choking"))


# What else may answer a choking message: the model's pick among these stands.
_CHOKING_ALSO = _ids(
    "cardiac-arrest anaphylaxis swallowed-object drowning smoke-inhalation unconscious-breathing "
    "overdose seizure poisoning asthma-attack"
)

CRITICAL: list[Critical] = [
    critical(
        "unresponsive and not breathing normally after choking: CPR",
        "cardiac-arrest",
        ("unresponsive", "no breathing", "choking"),
        unless=("no breathing trouble",),
        keep=_CPR_ALREADY,
    ),
    critical(
        "unresponsive and not breathing normally: CPR",
        "cardiac-arrest",
        ("unresponsive", "no breathing"),
        unless=("no breathing trouble",),
        keep=_CPR_NOT_CHOKING,
    ),
    critical(
        "not breathing: CPR",
        "cardiac-arrest",
        ("stopped breathing",),
        unless=("breathing qualified", "choking"),
        keep=_CPR_NOT_CHOKING,
    ),
    critical(
        "a baby under one is choking",
        "choking-infant",
        ("infant", "choking"),
        unless=("older child",),
    ),
    critical(
        "an adult is choking",
        "choking",
        ("choking", "adult"),
        unless=("infant",),
        keep=_CHOKING_ALSO,
    ),
    critical(
        "a child over one is choking",
        "choking",
        ("choking", "older child"),
        keep=("cardiac-arrest", "anaphylaxis", "swallowed-object", "drowning"),
    ),
    critical(
        "choking",
        "choking",
        ("choking",),
        keep=("choking-infant", *_CHOKING_ALSO),
    ),
    critical(
        "allergen and airway or breathing trouble: anaphylaxis",
        "anaphylaxis",
        ("allergen", "airway or breathing trouble"),
        keep=("asthma-attack", "cardiac-arrest", "choking", "choking-infant", "swallowed-object"),
    ),
    critical(
        "food and a swelling throat or tongue: anaphylaxis",
        "anaphylaxis",
        ("ate something", "throat or tongue swelling"),
        unless=("choking",),
        keep=("cardiac-arrest", "choking", "choking-infant", "swallowed-object"),
    ),
    critical(
        "smoke and coughing or breathing trouble: smoke inhalation",
        "smoke-inhalation",
        ("smoke", "coughing or wheezing"),
        keep=("cardiac-arrest", "carbon-monoxide", "burn", "unconscious-breathing", "choking"),
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
        keep=_ids(
            "head-injury diabetic-emergency overdose heatstroke hypothermia seizure "
            "carbon-monoxide poisoning"
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
        keep=("cardiac-arrest", "smoke-inhalation"),
    ),
    critical(
        "a chemical in the eye: rinse",
        "eye-chemical",
        ("splashed in the eye",),
        keep=("cardiac-arrest",),
    ),
    critical(
        "a chemical swallowed: poisoning",
        "poisoning",
        ("swallowed chemical",),
        keep=("cardiac-arrest", "unconscious-breathing", "suicidal-crisis", "overdose"),
    ),
    critical(
        "a child and medicines or chemicals: poisoning",
        "poisoning",
        ("child", "swallowed substance"),
        keep=_ids(
            "overdose eye-chemical chemical-burn cardiac-arrest unconscious-breathing choking "
            "choking-infant seizure burn"
        ),
    ),
    critical(
        "medicines or chemicals taken by mistake: poisoning",
        "poisoning",
        ("swallowed substance", "by mistake"),
        keep=_ids("overdose suicidal-crisis cardiac-arrest unconscious-breathing seizure"),
        escalate=False,
    ),
    critical(
        "medicines or chemicals and hard to wake: overdose",
        "overdose",
        ("swallowed substance", "hard to wake"),
        keep=_ids("poisoning suicidal-crisis cardiac-arrest unconscious-breathing seizure"),
    ),
    # After the overdose one (tablets in the sun). St John: heat exhaustion whose response
    # gets worse is heatstroke (sick or sweating alone is heat exhaustion, NHS).
    critical(
        "heat illness and very drowsy or hard to wake: heatstroke",
        "heatstroke",
        ("heat", "sweaty or sick", "hard to wake"),
        unless=("cold", "drowsy myself"),
        keep=("cardiac-arrest", "unconscious-breathing", "seizure", "stroke", "dehydration"),
    ),
    critical(
        "an object swallowed: swallowed object",
        "swallowed-object",
        ("swallowed object",),
        keep=_ids("choking choking-infant poisoning cardiac-arrest breathing-difficulty"),
        escalate=False,
    ),
    critical(
        "a corrosive on the skin: chemical burn",
        "chemical-burn",
        ("corrosive", "on the skin"),
        unless=("in the eye", "swallowed"),
        keep=("eye-chemical", "poisoning", "cardiac-arrest", "smoke-inhalation", "carbon-monoxide"),
    ),
    critical(
        "an object stuck in the eye: the eye's steps",
        "eye-foreign-object",
        ("at the eye", "eye object"),
        keep=_ids("embedded-object eye-chemical cardiac-arrest road-traffic-accident head-injury"),
        escalate=False,
    ),
    critical(
        "an object stuck in a wound: do not remove it",
        "embedded-object",
        ("impaled",),
        keep=_ids(
            "eye-foreign-object foreign-object-ear-nose road-traffic-accident cardiac-arrest "
            "spinal-injury suicidal-crisis"
        ),
    ),
    critical(
        "diabetes out of balance: diabetic emergency",
        "diabetic-emergency",
        ("diabetes crisis",),
        keep=_ids(
            "cardiac-arrest unconscious-breathing seizure stroke overdose poisoning "
            "heatstroke hypothermia"
        ),
        escalate=False,
    ),
    # Ketoacidosis (NHS: fruity-smelling breath with drowsiness or confusion: A&E or 999).
    critical(
        "fruity-smelling breath with drowsiness: diabetic emergency",
        "diabetic-emergency",
        ("fruity breath", "drowsy or confused"),
        keep=_ids("cardiac-arrest unconscious-breathing seizure overdose poisoning"),
    ),
    critical(
        "jaw or left arm pain with sweating or sickness: heart attack",
        "heart-attack",
        ("arm or jaw pain", "sweaty or sick"),
        keep=_ids(
            "cardiac-arrest dental-injury spider-bite snake-bite insect-sting jellyfish-sting"
        ),
    ),
    critical(
        "numb or paralysed limbs after a fall or crash: spinal injury",
        "spinal-injury",
        ("limbs numb", "fall or crash"),
        unless=("stroke sign",),
        keep=_ids(
            "cardiac-arrest road-traffic-accident drowning unconscious-breathing "
            "electric-shock stroke"
        ),
    ),
    critical(
        "an electric shock: electric shock",
        "electric-shock",
        ("electric shock",),
        keep=_ids(
            "cardiac-arrest unconscious-breathing burn road-traffic-accident spinal-injury "
            "jellyfish-sting"
        ),
        escalate=False,
    ),
    critical(
        "heavy bleeding: severe bleeding",
        "severe-bleeding",
        ("heavy bleeding",),
        keep=_ids(
            "nosebleed embedded-object road-traffic-accident head-injury fracture childbirth "
            "suicidal-crisis animal-bite snake-bite dental-injury"
        ),
    ),
    Critical(
        "a seizure: seizure (not a faint)",
        "seizure",
        ("seizing",),
        keep=("head-injury",),
        escalate=False,
        keep_call_level=True,
    ),
    critical(
        "unresponsive but breathing: recovery position",
        "unconscious-breathing",
        ("unresponsive", "breathing"),
        # "Couldn't breathe" before collapsing is no sign of breathing now (choking: CPR).
        unless=("no breathing", "can't breathe"),
        keep=_ids(
            "head-injury seizure overdose diabetic-emergency spinal-injury drowning stroke "
            "poisoning road-traffic-accident carbon-monoxide heatstroke hypothermia "
            "electric-shock anaphylaxis smoke-inhalation shock heart-attack"
        ),
    ),
    Critical(
        "can't breathe: breathing difficulty",
        "breathing-difficulty",
        ("can't breathe",),
        unless=("no breathing trouble",),
        keep=("panic-attack", "jellyfish-sting", "spider-bite", "insect-sting"),
        keep_call_level=True,
    ),
]
