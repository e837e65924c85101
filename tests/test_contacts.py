"""The emergency-contacts table and the out-of-scope bank, read through the schema."""

from __future__ import annotations

import re

import pytest

from matcher.corpus import Contact, Corpus, load_corpus

# The 27 EU member states: all of them must list the single European number.
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
# A dialable number: digits, optionally grouped by single spaces or hyphens.
DIALABLE = re.compile(r"^\d+(?:[ -]\d+)*$")
# Helplines may also be a star code (Chile's *4141) or carry a leading "+".
HELPLINE = re.compile(r"^[*+]?\d+(?:[ -]\d+)*$")
# Numbers that libphonenumber's metadata does not (yet) list as emergency
# numbers, each checked against the official announcement.
LIBPHONENUMBER_LAGS = {("NG", "112")}  # Nigeria adopted 112 nationally (NCC); metadata has 199


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def contacts(corpus: Corpus) -> dict[str, Contact]:
    return {c.country: c for c in corpus.contacts}


def test_at_least_fifty_countries(corpus: Corpus) -> None:
    assert len(corpus.contacts) >= 50


def test_country_codes_are_unique(corpus: Corpus) -> None:
    codes = [c.country for c in corpus.contacts]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    assert not dupes, f"duplicate country codes: {dupes}"


def test_country_codes_are_real_regions(corpus: Corpus) -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    regions = phonenumbers.SUPPORTED_REGIONS
    unknown = [c.country for c in corpus.contacts if c.country not in regions]
    assert not unknown, f"not ISO 3166-1 alpha-2 regions: {unknown}"


def test_every_contact_has_a_name_and_https_sources(corpus: Corpus) -> None:
    for c in corpus.contacts:
        assert c.name.strip(), c.country
        assert c.sources, c.country
        assert all(re.match(r"^https://\S+$", url) for url in c.sources), c.country


def test_every_emergency_number_is_dialable(corpus: Corpus) -> None:
    for c in corpus.contacts:
        assert c.emergency, c.country
        assert len(set(c.emergency)) == len(c.emergency), f"{c.country}: repeated number"
        for number in c.emergency:
            assert DIALABLE.match(number), f"{c.country}: {number!r} is not a dialable number"


def test_optional_numbers_are_well_formed(corpus: Corpus) -> None:
    for c in corpus.contacts:
        if c.ambulance is not None:
            assert DIALABLE.match(c.ambulance), f"{c.country}: ambulance {c.ambulance!r}"
            assert c.ambulance != c.emergency[0], f"{c.country}: ambulance repeats emergency[0]"
        if c.poison is not None:
            assert HELPLINE.match(c.poison), f"{c.country}: poison {c.poison!r}"
        if c.crisis is not None:
            assert HELPLINE.match(c.crisis), f"{c.country}: crisis {c.crisis!r}"
        # A crisis line is only shown with its name, and a name needs a number.
        assert (c.crisis is None) == (c.crisis_name is None), c.country


def test_emergency_numbers_match_libphonenumber(corpus: Corpus) -> None:
    """A typo in a life-saving number is caught against libphonenumber's metadata."""
    pytest.importorskip("phonenumbers")
    from phonenumbers import shortnumberinfo

    wrong = []
    for c in corpus.contacts:
        dedicated = [c.ambulance] if c.ambulance else []
        for number in [*c.emergency, *dedicated]:
            digits = re.sub(r"[ -]", "", number)
            if (c.country, digits) in LIBPHONENUMBER_LAGS:
                continue
            if not shortnumberinfo.is_emergency_number(digits, c.country):
                wrong.append(f"{c.country} {number}")
    assert not wrong, f"not emergency numbers per libphonenumber: {wrong}"


def test_gb_has_999_and_us_has_911(contacts: dict[str, Contact]) -> None:
    assert contacts["GB"].emergency[0] == "999"
    assert "112" in contacts["GB"].emergency
    assert contacts["US"].emergency[0] == "911"


def test_every_eu_member_state_lists_112(contacts: dict[str, Contact]) -> None:
    missing = sorted(EU_MEMBERS - contacts.keys())
    assert not missing, f"EU member states missing from contacts: {missing}"
    without_112 = sorted(code for code in EU_MEMBERS if "112" not in contacts[code].emergency)
    assert not without_112, f"EU member states not listing 112: {without_112}"


@pytest.mark.parametrize("country", ["XX", "zz", "", None])
def test_unknown_country_falls_back_to_112(corpus: Corpus, country: str | None) -> None:
    assert corpus.contact(country).emergency == ["112"]


def test_country_lookup_is_case_insensitive(corpus: Corpus) -> None:
    assert corpus.contact("gb").country == "GB"


def test_out_of_scope_bank_is_large_and_unique(corpus: Corpus) -> None:
    examples = corpus.oos_examples()
    folded = [" ".join(e.split()).casefold() for e in examples]
    dupes = sorted({e for e in folded if folded.count(e) > 1})
    assert not dupes, f"duplicate out-of-scope messages: {dupes}"
    assert len(set(folded)) >= 200


def test_out_of_scope_groups_are_named_and_filled(corpus: Corpus) -> None:
    categories = [g.category for g in corpus.out_of_scope]
    assert len(categories) == len(set(categories)), "repeated category"
    for group in corpus.out_of_scope:
        assert group.category.strip()
        assert all(e.strip() for e in group.examples), group.category


def test_out_of_scope_never_repeats_a_topic_example(corpus: Corpus) -> None:
    """A message cannot be both a topic example and a negative."""
    topic_examples = {" ".join(e.split()).casefold() for t in corpus.topics for e in t.examples}
    clash = sorted(
        e for e in corpus.oos_examples() if " ".join(e.split()).casefold() in topic_examples
    )
    assert not clash, f"out-of-scope messages that are also topic examples: {clash}"
