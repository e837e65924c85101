"""When a call-level topic need not say "call now": the de-escalations, as data.

Built like the red flags (:mod:`matcher.serving.escalation`) from named signs;
:class:`matcher.serving.safety.SafetyRules` compiles them and lets any red flag
or critical distinction win. Both sides are tested in
``tests/matcher/test_matcher_critical.py``.
"""

from __future__ import annotations

from matcher.serving.signs import Pattern

# --- When a call-level topic need not say "call now" ----------------------------
# The message says the danger is minor or has passed, and guidance agrees: a
# small static shock, a coin swallowed with no symptoms, a hypo treated and
# resolved, a known epileptic's usual seizure that is over, an asthma attack the
# reliever settled. Any red flag or critical distinction keeps the alarm, and
# the topics where minutes matter (cardiac arrest, choking, severe bleeding,
# anaphylaxis, stroke) are never listed.
DOWNGRADE_SIGNS: dict[str, list[Pattern]] = {
    "minor shock": [
        ("static|tiny|small|little|mild|slight|quick shock|zap|zapped|tingle", 2),
        "static|tingle|tingling|zapped",
    ],
    "harmless object": [
        "coin|coins|marble|bead|pebble|lego|penny|cent|pea|stone|button|sweet|raisin",
    ],
    "seems fine": [
        (
            "seems|seem|looks|look|is|s|acting|acts|feels|feeling|totally|completely "
            "fine|okay|ok|normal|happy|alright|himself|herself|themselves",
            2,
        ),
        "playing|laughing|smiling|eating|drinking|chatting|happy|happily",
        ("running|playing about|around|round", 0),
        ("NEG coughing|choking|pain|symptoms|drooling|vomiting", 2),
    ],
    "hypo": ["hypo|hypoglycaemia|hypoglycemia|sugar|glucose|diabetic|diabetes|insulin"],
    "recovered": [
        ("better|fine|okay|ok|alright|good|normal now", 1),
        "recovered|improved|sorted",
        ("feeling|feels|seems|looks|is better|fine|normal|okay|alright", 1),
        ("back to normal|himself|herself|themselves|themself", 1),
        ("came|come round|around", 0),
    ],
    "known epilepsy": ["epilepsy|epileptic|usual|typical|known"],
    "seizure over": [
        ("it|fit|seizure|seizing|shaking stopped|over|ended|finished|passed", 2),
        ("came|come round|around", 0),
        "recovered|awake|talking",
        ("back to normal|himself|herself|themselves|themself", 1),
    ],
    # A message that names a first-aid technique or condition is about first aid even
    # when it reads like planning ("what to pack so nobody gets heatstroke"): it is
    # answered, calm and marked unsure, instead of "I can only help with first aid".
    "names first aid": [
        "cpr|tourniquet|defibrillator|defib|aed|epipen|heimlich|heatstroke|sunstroke",
        "hypothermia|hypothermic|anaphylaxis|anaphylactic|concussion|concussed",
        ("recovery position", 0),
        ("chest compressions", 0),
        ("back blows", 0),
        ("abdominal thrusts", 0),
    ],
    # Asked ahead of time or about the past, not happening now: "in case one of us is
    # bitten", "if it happens again", "a first-aid course next month". Not "how do I do
    # CPR": a bystander in an emergency asks that too.
    "not happening now": [
        ("just in case", 0),
        ("in case anyone|someone|somebody|one|it|he|she|they|we|i|you|my|of", 0),
        ("if|when|should it|this|that|one happens|happened|happen ever|again", 2),
        ("if|should he|she|they|it|someone|anyone ever", 1),
        ("next|coming|following week|month|year|weekend|summer|winter|spring|holiday", 0),
        ("first aid|cpr course|training|class|certificate", 1),
        ("course|training|class|lesson next|tomorrow|coming", 2),
        ("to learn|teach|prepare", 0),
        ("remember|know|recognise|recognize|spot the|what signs|symptoms", 2),
        ("what to look|watch for", 0),
        ("anything|what to watch|look for tonight|later|overnight", 3),
        ("for|in future", 1),
        ("if|when|should i|we|you see|find|come someone|somebody|anyone", 2),
    ],
    # Choking that is over: the person coughed the food out themselves (with no sign
    # left: NHS, if back blows or thrusts were needed, see a doctor).
    "coughed it out": [("coughed|coughs|spat|spit|sicked|brought it|up|out|back", 3)],
    "reliever": ["inhaler|puffer|reliever|ventolin|salbutamol|albuterol|nebuliser|spacer"],
    "worked": ["worked|helped|better|fine|eased|settled|calmer|normal|easier|improved"],
}

# Topic -> signs that must all be present.
DOWNGRADES: dict[str, tuple[str, ...]] = {
    "electric-shock": ("minor shock", "seems fine"),
    "swallowed-object": ("harmless object", "seems fine"),
    "diabetic-emergency": ("hypo", "recovered"),
    "seizure": ("known epilepsy", "seizure over"),
    # "Worked" alone is too loose ("the inhaler only helps for a minute", "how can I help").
    "asthma-attack": ("reliever", "worked", "recovered"),
    "choking": ("coughed it out", "seems fine"),
    "choking-infant": ("coughed it out", "seems fine"),
}
