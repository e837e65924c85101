"""Who a message is about: a baby (under one year), a child, a pregnant or an older
person, or by default an adult.

First aid differs by age for CPR, choking and fever, so the first message shows
the steps for the person named. Guidance draws the lines at one year (infant)
and puberty (child); a named age decides, then words like "newborn" or
"toddler". Pregnancy and old age add to the adult steps (chest thrusts, lying on
the left side, a check in hospital after a head injury). Words that say nothing
about age ("my son", "my daughter") leave the adult default, with one-tap
buttons for the others.

Spanish messages are read the same way, accents folded ("bebé de 8 meses", "niño
de 3 años", "embarazada", "mi abuela"); a Spanish age counts only where it is an
age ("de 3 años", "tiene 8 meses"), not a time ago ("hace 3 años"). "Bebe" without
an accent is also "drinks", so it names a baby only after "mi", "el", "un"...;
"guagua" is a baby (Chile, the Andes) except on the bus ("en la guagua").
"""

from __future__ import annotations

import re
import unicodedata

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


# --- Spanish (matched on the accent-folded, lower-case text) ---------------------
_NUMBER_WORDS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
}  # fmt: skip
_N = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# An age, not a time ago or a length of time: "de 3 años", "tiene 8 meses", not
# "hace 3 años", "hace más de 2 meses", "fiebre de 3 días".
_AGE_BEFORE = r"(?:(?<!\bmas )(?<!\bhace )(?<!\bmenos )\bde|\btiene|\btengo|\bcumple|\bcumplio)\s+"
_MONTHS_ES = re.compile(_AGE_BEFORE + _N + r"\s*(?:meses|mes|mesecitos?)\b")
_WEEKS_DAYS_ES = re.compile(
    r"\b(?:hij[oa]|nin[oa]|nen[ea]|sobrin[oa]|niet[oa]|hermanit[oa]|bebes?|bebit[oa]|guagua|"
    rf"nacid[oa]|wawa)\s+de\s+{_N}\s*(?:semanas?|semanitas?|dias?)\b"
    rf"|\b{_N}\s*(?:semanas?|dias?)\s+de\s+(?:vida|nacid[oa])"
)
_YEARS_ES = re.compile(_AGE_BEFORE + _N + r"\s*(?:anos?|anitos?)\b")
_AGED_ES = re.compile(r"\b(?:tiene|tengo|edad de)\s+(\d{1,2})(?=\s*(?:$|[,.;:!?)]|y\b|e\b))")
_BABY_ES = re.compile(
    r"\b(?:recien nacid[oa]s?|neonat[oa]s?|lactantes?|bebit[oa]s?|wawas?|"
    r"(?:mi|mis|el|los|un|una|unos|su|sus|tu|tus|al|del|este|ese|nuestro|nuestra)\s+bebes?|"
    r"bebes?\s+de\s+\d|(?<!en la )(?<!de la )(?<!a la )guagu(?:a|ita)s?)\b"
)
# Matched on the text as written: an accent says it is the noun.
_ACCENTED = re.compile(r"\b(?:bebés?|niñ[oa]s?)\b", re.I)
_PREGNANT_ES = re.compile(
    r"\b(?:embarazad[ao]s?|embarazo|encinta|gestante|esperando (?:un )?bebe)\b"
)
_OLDER_ES = re.compile(
    r"\b(?:abuel(?:[oa]|it[oa])s?|ancian[oa]s?|yay[oa]|jubilad[oa]|viejit[oa]|"
    r"tercera edad|(?:senora|senor|persona|mujer|hombre|personas) (?:mayor|mayores|de edad))\b"
)
_CHILD_ES = re.compile(
    r"\b(?:(?:mi|mis|el|la|los|las|un|una|su|sus|tu|al|del|este|esta|ese|esa|nuestro|nuestra)\s+"
    r"nin[oa]s?|nene|nena|nenes|nenas|crio|crios|chamac[oa]s?|chamaquit[oa]s?|pib[ea]s?|"
    r"chaval(?:a|es|as)?|peques?|escuincles?|niet[oa]s?|(?:mi|el|la|su|tu) (?:pequen[oa]|"
    r"chiquit[oa]|chiquitin|chiquitina)|hij[oa] pequen[oa])\b"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def audience_of(text: str) -> Audience | None:
    """The audience ``text`` names, or None when it names nobody by age."""
    es = _fold(text)
    accented = {m.lower()[:3] for m in _ACCENTED.findall(text)}
    baby = bool(_BABY.search(text) or _BABY_ES.search(es) or "beb" in accented)
    child = bool(_CHILD.search(text) or _CHILD_ES.search(es) or "niñ" in accented)
    if (_PREGNANT.search(text) or _PREGNANT_ES.search(es)) and not baby and not child:
        return "pregnant"  # before the ages: "38 weeks pregnant" is not a baby
    if _WEEKS_DAYS.search(text) or _WEEKS_DAYS_ES.search(es):
        return "baby"
    if m := _MONTHS.search(text) or _MONTHS_ES.search(es):
        return "baby" if _number(m[1]) < 12 else "child"
    if m := _YEARS.search(text) or _YEARS_ES.search(es):
        return _by_years(_number(m[1]))
    if baby:
        return "baby"
    if child:
        return "child"
    if _OLDER.search(text) or _OLDER_ES.search(es):
        return "older"
    if m := _AGED.search(text) or _AGED_ES.search(es):
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
