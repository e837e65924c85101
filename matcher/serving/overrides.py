"""Distinctions that override only some answers of the model (``Critical.only``).

The model has already read the message one way ("unconscious but breathing",
"an adult is choking"); these say when the words of the message contradict
that answer in a way first-aid teaching warns about. They are tried before the
distinctions of :mod:`matcher.serving.distinctions` (a rule here is met only when
the model gave one of its ``only`` answers, so it cannot hide another rule from
any other answer). Tests of both sides: ``tests/matcher/test_matcher_critical.py``.
"""

from __future__ import annotations

from matcher.serving.critical import Critical, critical

OVERRIDES: list[Critical] = [
    # The model read "unconscious" and the message says the breathing is not normal
    # ("can't feel his breath"): CPR, never the recovery position (ERC, AHA).
    critical(
        "not breathing normally: CPR, not the recovery position",
        "cardiac-arrest",
        ("no breathing",),
        unless=("no breathing trouble",),
        escalate=False,
        only=("unconscious-breathing",),
    ),
    # A baby under one never gets abdominal thrusts, whatever words made the model
    # choose the adult steps ("7 mnth old ... cant cry or cough, face going purple").
    critical(
        "a baby under one: the baby's choking steps",
        "choking-infant",
        ("infant",),
        unless=("older child",),
        only=("choking",),
    ),
    # Cold and clammy, a racing pulse and confusion after vomiting and diarrhoea or a
    # faint: shock (NHS, St John), not the steps for a tummy bug or a faint.
    critical(
        "pale, racing pulse and confused: shock",
        "shock",
        ("pale", "racing pulse", "drowsy or confused"),
        only=("vomiting-diarrhoea", "fainting", "dizziness"),
    ),
    # Someone is already holding the head and neck still after a fall or a dive: a
    # suspected spinal injury (call-level; log-roll if they vomit), not a head knock.
    critical(
        "the head and neck held still: spinal injury",
        "spinal-injury",
        ("head held still",),
        only=("head-injury", "fracture", "sprain-strain", "bruise", "vomiting-diarrhoea"),
    ),
    # And the baby's steps are for a baby: a child over one or an adult named.
    critical(
        "not a baby: the choking steps for adults and children",
        "choking",
        ("older child",),
        unless=("infant",),
        only=("choking-infant",),
    ),
]
