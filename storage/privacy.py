"""Privacy by construction: keyed hashing of Telegram ids and PII scrubbing of text."""

from __future__ import annotations

import hashlib
import hmac
import re
import time

import phonenumbers

# International numbers (+...) match under any region; these regions add the
# national formats most likely in our chats. Order does not matter.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "RU", "UA", "IN", "BR")

# URLs that carry a query string or point at a Telegram profile identify people
# (tracking ids, invite links); plain links to public pages are kept.
_URL = re.compile(r"(?:https?://|www\.)\S+?\?\S+|(?:https?://)?t\.me/\S+", re.IGNORECASE)
# The lookbehind lets a match start only where a run of address characters
# starts: without it a long run with no "@" is rescanned from every position
# (quadratic: seconds for a 20,000-character word), with it once (linear).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, optionally split by spaces or dashes: card, account and
# ID numbers, and phone numbers the phone matcher did not recognise. Shorter
# runs stay, because doses, times and temperatures matter for triage; dashed
# dates (2024-05-12, 12-05-2024) stay too.
_LONG_DIGITS = re.compile(
    r"(?<![\w.,/])(?!\d{4}-\d\d?-\d\d?\b|\d\d?-\d\d?-\d{4}\b)\d(?:[ -]?\d){6,}(?!\w)"
)
# Telegram usernames are 5-32 characters; a shorter handle is too common a word.
_USERNAME = re.compile(r"(?<![\w@<])@[A-Za-z][A-Za-z0-9_]{3,31}\b")


class IdHasher:
    """HMAC-SHA256 of Telegram ids, so the database never holds a raw id."""

    def __init__(self, secret: bytes) -> None:
        if not secret:
            raise ValueError("the hash secret must not be empty")
        self._secret = bytes(secret)

    def hash(self, raw: int | str) -> str:
        """The hex digest for ``raw``; ``42`` and ``"42"`` hash alike."""
        return hmac.new(self._secret, str(raw).encode(), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:
        return "IdHasher(secret=********)"


# Fewer digits than this cannot make a phone number in any of PHONE_REGIONS;
# most messages have none, and the matcher is the slow part.
MIN_PHONE_DIGITS = 5


# Phone matching over every region is the slow part of scrubbing. Past this
# budget the rest of the text is not searched number by number: every run of
# five or more digits (with the separators phone numbers use) is masked
# instead. That removes more than needed, never less, and bounds the time.
PHONE_BUDGET_S = 0.05
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s().-]{0,3}\d){4,}")  # MIN_PHONE_DIGITS digits or more


def _scrub_phones(text: str) -> str:
    if sum(char.isdigit() for char in text) < MIN_PHONE_DIGITS:
        return text
    deadline = time.perf_counter() + PHONE_BUDGET_S
    spans: set[tuple[int, int]] = set()
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            spans.add((match.start, match.end))
            if time.perf_counter() > deadline:
                return _DIGIT_RUN.sub("<phone>", text)
        if time.perf_counter() > deadline:
            return _DIGIT_RUN.sub("<phone>", text)
    # Replace from the end so earlier offsets stay valid; skip overlaps.
    out = text
    last_start = len(text) + 1
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1]), reverse=True):
        if end > last_start:
            continue
        out = out[:start] + "<phone>" + out[end:]
        last_start = start
    return out


# Phone-number search (most of scrubbing's cost) only runs where there are
# digits; a short text without digits is scrubbed faster than a hop to a
# thread and back.
QUICK_SCRUB_CHARS = 500
_DIGIT = re.compile(r"\d")


def scrub_is_quick(text: str) -> bool:
    """True when :func:`scrub_pii` of ``text`` takes microseconds (fine on an event loop)."""
    return len(text) <= QUICK_SCRUB_CHARS and _DIGIT.search(text) is None


def scrub_pii(text: str) -> str:
    """``text`` with URLs carrying data, e-mails, phones, long numbers and @usernames replaced.

    The placeholders (``<url>``, ``<email>``, ``<phone>``, ``<number>``,
    ``<username>``) keep the sentence readable for moderators and training.
    """
    text = _URL.sub("<url>", text)
    text = _EMAIL.sub("<email>", text)
    text = _scrub_phones(text)
    text = _LONG_DIGITS.sub("<number>", text)
    return _USERNAME.sub("<username>", text)
