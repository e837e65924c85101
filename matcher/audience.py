"""Who a message is about: a baby (under one year), a child, a pregnant or an older
person, or by default an adult.

First aid differs by age for CPR, choking and fever, so the first message shows
the steps for the person named. Guidance draws the lines at one year (infant)
and puberty (child); a named age decides, then words like "newborn" or
"toddler". Pregnancy and old age add to the adult steps (chest thrusts, lying on
the left side, a check in hospital after a head injury). Words that say nothing
about age ("my son", "my daughter") leave the adult default, with one-tap
buttons for the others.
"""

from __future__ import annotations

import re

from matcher.corpus import Audience

# Puberty is the guideline's line between child and adult CPR; 12 is a
# conservative reading of it for an age typed as a number.
CHILD_MAX_YEARS = 12
# Where guidance starts treating a fall or a head injury as an older person's.
OLDER_FROM_YEARS = 65

_MONTHS = re.compile(r"\b(\d{1,2})\s*-?\s*(?:months?|mths?|mos?|m/o)\b(?:[\s-]*old)?", re.I)
_WEEKS_DAYS = re.compile(r"\b\d{1,2}\s*-?\s*(?:weeks?|wks?|days?)\b(?:[\s-]*old)?", re.I)
_YEARS = re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yo|y/o)\b(?:[\s-]*old)?", re.I)
_AGED = re.compile(
    r"\b(?:aged?|is|she's|he's|shes|hes)\s+(\d{1,2})\b"
    r"(?!\s*(?:min|sec|hour|%|cm|mm|kg|deg|°|out of|/))",
    re.I,
)
_BABY = re.compile(r"\b(?:bab(?:y|ies|ys)|infants?|newborns?|new-born|neonates?|nursling)\b", re.I)
_PREGNANT = re.compile(r"\b(?:pregnant|pregnancy|weeks? pregnant|expecting a baby)\b", re.I)
_OLDER = re.compile(
    r"\b(?:elderly|older (?:person|man|woman|lady|gentleman)|old (?:man|woman|lady|gentleman)|"
    r"grand(?:ma|pa|mother|father|dad|mum|mom)|granny|nan|pensioner)\b",
    re.I,
)
_CHILD = re.compile(
    r"\b(?:child|children|kids?|toddlers?|little (?:boy|girl|one)|preschooler|"
    r"schoolboy|schoolgirl|grandchild|grandkid)\b",
    re.I,
)


def audience_of(text: str) -> Audience | None:
    """The audience ``text`` names, or None when it names nobody by age."""
    if _PREGNANT.search(text) and not _BABY.search(text) and not _CHILD.search(text):
        return "pregnant"  # before the ages: "38 weeks pregnant" is not a baby
    if _WEEKS_DAYS.search(text):
        return "baby"
    if m := _MONTHS.search(text):
        return "baby" if int(m[1]) < 12 else "child"
    if m := _YEARS.search(text):
        return _by_years(int(m[1]))
    if _BABY.search(text):
        return "baby"
    if _CHILD.search(text):
        return "child"
    if _OLDER.search(text):
        return "older"
    if m := _AGED.search(text):
        years = int(m[1])
        if years <= CHILD_MAX_YEARS or years >= OLDER_FROM_YEARS:
            return _by_years(years)
    return None


def _by_years(years: int) -> Audience:
    if years < 1:
        return "baby"
    if years >= OLDER_FROM_YEARS:
        return "older"
    return "child" if years <= CHILD_MAX_YEARS else "adult"
