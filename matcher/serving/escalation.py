"""When to say "call now": red flags made of two signs, and when a call-level topic need not.

Data beside the lexicon, built from :mod:`matcher.serving.signs` (and the
extra signs below); :class:`matcher.serving.safety.SafetyRules` compiles them.
Both sides of each are tested in ``tests/matcher/test_matcher_critical.py``.
"""

from __future__ import annotations

from matcher.serving.critical import Critical, red_flag
from matcher.serving.signs import Pattern

# Red flags that need two signs anywhere in the message (a head knock and
# vomiting), checked after the distinctions; each only escalates.
RED_FLAGS: list[Critical] = [
    red_flag("head injury with vomiting, drowsiness or confusion", ("head knock", "head red flag")),
    red_flag("a large or deep burn", ("burned", "large or deep")),
    red_flag("pregnant with tummy pain or bleeding", ("pregnant", "tummy pain or bleeding")),
    red_flag("a rigid, swollen tummy", ("rigid tummy",)),
    red_flag("fainting during exercise", ("fainted during exercise",)),
]


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
        "playing|laughing|smiling|eating|drinking|chatting",
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
    "reliever": ["inhaler|puffer|reliever|ventolin|salbutamol|albuterol|nebuliser|spacer"],
    "worked": ["worked|helped|better|fine|eased|settled|calmer|normal|easier|improved"],
}

# Topic -> signs that must all be present.
DOWNGRADES: dict[str, tuple[str, ...]] = {
    "electric-shock": ("minor shock", "seems fine"),
    "swallowed-object": ("harmless object", "seems fine"),
    "diabetic-emergency": ("hypo", "recovered"),
    "seizure": ("known epilepsy", "seizure over"),
    "asthma-attack": ("reliever", "worked"),
}
