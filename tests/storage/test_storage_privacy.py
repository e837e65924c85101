"""Keyed hashing of ids and PII scrubbing, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage import IdHasher, scrub_pii
from storage.privacy import QUICK_SCRUB_CHARS, scrub_is_quick


def test_hash_is_keyed_and_stable() -> None:
    one, other = IdHasher(b"first-secret-0123456789"), IdHasher(b"second-secret-0123456789")
    assert one.hash(123456789) == one.hash(123456789)
    assert one.hash(123456789) != other.hash(123456789)
    assert one.hash(123456789) != one.hash(123456780)


def test_hash_is_hex_sha256_and_ignores_the_id_type() -> None:
    hasher = IdHasher(b"first-secret-0123456789")
    digest = hasher.hash(42)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert hasher.hash("42") == digest


def test_empty_secret_is_refused_and_repr_hides_the_secret() -> None:
    with pytest.raises(ValueError):
        IdHasher(b"")
    assert "first-secret" not in repr(IdHasher(b"first-secret-0123456789"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at +44 20 7946 0958 please", "call me at <phone> please"),
        ("my number is 555-123-4567", "my number is <phone>"),
        ("мама: +7 912 345-67-89", "мама: <phone>"),
        ("Tel. 089 1234567", "Tel. <phone>"),
        ("write to john.doe+x@example.co.uk now", "write to <email> now"),
        ("card 4111 1111 1111 1111 was stolen", "card <number> was stolen"),
        ("passport 123456789", "passport <number>"),
        ("ask @dr_smith_help about it", "ask <username> about it"),
        ("see https://clinic.example/p?patient=123&x=1 now", "see <url> now"),
        ("my profile t.me/someone", "my profile <url>"),
    ],
)
def test_identifiers_are_replaced(text: str, expected: str) -> None:
    assert scrub_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "temperature 38.5, gave 2 tablets of 500 mg at 10:30",
        "blood pressure 160/95, pulse 120",
        "it started on 2025-05-12 and again on 12-05-2025",
        "he weighs 75kg, 180cm tall, 3 years old",
        "see https://www.nhs.uk/conditions/burns-and-scalds/",
        "I'm @ home",
    ],
)
def test_medical_details_are_kept(text: str) -> None:
    assert scrub_pii(text) == text


@given(st.integers(min_value=10**8, max_value=10**15 - 1), st.sampled_from([" ", "-", ""]))
def test_long_numbers_never_survive(number: int, sep: str) -> None:
    digits = str(number)
    spaced = sep.join(digits[i : i + 3] for i in range(0, len(digits), 3))
    scrubbed = scrub_pii(f"please call {spaced} now")
    assert not any(char.isdigit() for char in scrubbed), scrubbed


@given(st.text(max_size=600))
def test_text_called_quick_to_scrub_has_nothing_slow_to_search(text: str) -> None:
    # The store scrubs "quick" texts on the event loop: they must not need the
    # phone-number search, which is what makes scrubbing slow.
    if scrub_is_quick(text):
        assert len(text) <= QUICK_SCRUB_CHARS
        assert "<phone>" not in scrub_pii(text) or "<phone>" in text


def test_digits_or_length_send_scrubbing_off_the_event_loop() -> None:
    assert scrub_is_quick("my toddler swallowed a button battery")
    assert not scrub_is_quick("call me on 07700 900123")
    assert not scrub_is_quick("a" * (QUICK_SCRUB_CHARS + 1))
