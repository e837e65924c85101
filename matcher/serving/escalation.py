"""When to say "call now": red flags made of two signs anywhere in the message.

Data beside the lexicon, built from :mod:`matcher.serving.signs` and
:mod:`matcher.serving.red_flag_signs`; :class:`matcher.serving.safety.SafetyRules`
compiles them.
The opposite, when a call-level topic need not say "call now", is
:mod:`matcher.serving.downgrades`. Both sides of each are tested in
``tests/matcher/test_matcher_critical.py`` and ``test_matcher_more_red_flags.py``.
"""

from __future__ import annotations

from matcher.serving.critical import Critical, red_flag
from matcher.serving.red_flag_signs import RED_FLAG_SIGNS

__all__ = ["RED_FLAGS", "RED_FLAG_SIGNS"]

# Red flags that need two signs anywhere in the message (a head knock and
# vomiting), checked after the distinctions; each only escalates. From the
# "call 999 / go to A&E" lists of NHS and St John Ambulance.
RED_FLAGS: list[Critical] = [
    red_flag("head injury with vomiting, drowsiness or confusion", ("head knock", "head red flag")),
    red_flag("head injury with memory loss or blurred vision", ("head knock", "memory or vision")),
    red_flag("a large or deep burn", ("burned", "large or deep")),
    red_flag("a burn the size of a hand, or skin coming off", ("burned", "burn size")),
    red_flag("pregnant with tummy pain or bleeding", ("pregnant", "tummy pain or bleeding")),
    red_flag("a rigid, swollen tummy", ("rigid tummy",)),
    red_flag("tummy pain going through to the back", ("tummy pain or bleeding", "to the back")),
    # "A bit faint and sweaty at sports day" is feeling faint, not fainting (a collapse
    # is a red flag of its own).
    red_flag("fainting during exercise", ("fainted during exercise",), unless=("only felt faint",)),
    red_flag("fainting with chest pain or palpitations", ("passed out", "chest or heart")),
    red_flag(
        "bleeding and feeling faint", ("bleeding", "feeling faint"), unless=("blood, not bleeding",)
    ),
    red_flag("skin gone black after the cold", ("cold", "black skin")),
    red_flag("drowsy or confused in the cold", ("cold exposure", "drowsy or confused")),
    red_flag(
        "a cold, pale or numb limb after an injury",
        ("limb injury", "pale limb", "numb limb"),
        unless=("cold exposure",),
    ),
    red_flag("an object at speed or stuck in the eye", ("at the eye", "eye object")),
    red_flag("magnets swallowed", ("swallowed", "magnet")),
    red_flag("a floppy baby", ("infant", "floppy")),
    red_flag("fever with drowsiness or confusion", ("fever", "drowsy or confused")),
    red_flag("mottled or grey skin with drowsiness", ("mottled skin", "drowsy or confused")),
    red_flag("medicines or chemicals and hard to wake", ("swallowed substance", "hard to wake")),
    red_flag("a scald the size of a hand", ("hot source", "burn size")),
    red_flag("a sting and feeling faint", ("stung", "feeling faint")),
    red_flag("a spider bite with sweating or sickness", ("spider", "sweaty or sick")),
    red_flag("a sting and breathing trouble", ("stung", "airway or breathing trouble")),
    # NHS: after a sting, feeling sick, vomiting or a fast heart rate is a 999 call.
    red_flag("a sting with sickness or sweating", ("stung", "sweaty or sick")),
    red_flag("a sting with a racing heart", ("stung", "racing pulse")),
    red_flag(
        "pregnant with headache, vision changes or sudden swelling", ("pregnant", "pre-eclampsia")
    ),
    red_flag("no urine with drowsiness or confusion", ("no urine", "drowsy or confused")),
    red_flag("head injury on blood thinners", ("head knock", "blood thinners")),
    red_flag("black, tarry poo", ("black poo",), unless=("iron or bismuth",)),
    red_flag("sudden or severe testicle pain", ("testicle pain",)),
    # Shock after an injury (NHS, St John: pale, cold and clammy, a fast weak pulse).
    red_flag("pale with a racing pulse after an injury", ("injured", "pale", "racing pulse")),
    # NHS (DVT): a painful, swollen leg with breathlessness or chest pain is a 999 call.
    red_flag("a swollen, painful leg with breathlessness", ("swollen leg", "short of breath")),
    # Whatever the cause (fluid loss, infection): cold and clammy, racing heart, confused.
    red_flag("pale, racing pulse and confused", ("pale", "racing pulse", "drowsy or confused")),
]
