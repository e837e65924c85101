"""Hostile and odd input, property-based: replies Telegram accepts, text escaped, data inert.

Every reply is checked with the fake Bot API's own validator (Telegram's HTML
subset, tags balanced, entities known, at most 4096 UTF-16 units of visible
text), and its raw HTML is held to 4096 units as well. The matcher runs on the
hashing encoder (no model), so hundreds of examples take seconds.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot import ui_text as w
from bot.query_log import QueryLog
from bot.service import Asker, query_record
from bot.telegram.handlers.alerts import alert_text
from bot.telegram.handlers.review_view import item_text
from matcher import Matcher, answer
from matcher.compose import utf16_len
from storage.privacy import scrub_pii
from storage.records import QueryRow, ReviewItem
from storage.store import Store
from tests.bot.conftest import example_of
from tests.bot.moderation_fakes import USER, moderated_bot
from tests.fakes import telegram_objects as tg

pytestmark = pytest.mark.timeout(120)
FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_CHARS = 100_000

CONTROL = st.characters(categories=["Cc", "Cf"])  # NUL, BEL, RTL overrides, ZWJ, BOM
COMBINING = st.characters(categories=["Mn", "Me"])
EMOJI = st.sampled_from(["👨‍👩‍👧‍👦", "🏳️‍🌈", "👩🏽‍⚕️", "🧑‍🤝‍🧑", "❤️‍🔥", "🇺🇦", "#️⃣", "🫶🏿"])
RTL = st.sampled_from(["\u202e", "\u202b", "\u200f", "\u2067", "مساعدة ابني يختنق", "שלום"])
MARKUP = st.sampled_from(
    ["<b>", "</i>", "&amp;", "&", "<", ">", '<a href="x">', "<script>", "&#0;", "<!--", "{0}"]
)
PIECE = st.one_of(st.text(max_size=40), CONTROL, COMBINING, EMOJI, RTL, MARKUP)
MIXED = st.lists(PIECE, max_size=40).map("".join)
FLOOD = st.builds(
    lambda piece, n: (piece * n)[:MAX_CHARS],
    st.one_of(COMBINING, EMOJI, RTL, CONTROL, st.text(min_size=1, max_size=6)),
    st.integers(min_value=500, max_value=MAX_CHARS),
)


def hostile(matcher: Matcher) -> st.SearchStrategy[str]:
    """Noise alone, floods up to 100k characters, or a real question wrapped in noise."""
    questions = [example_of(matcher, t) for t in ("choking", "burn", "cardiac-arrest")]
    wrapped = st.builds(
        lambda before, q, after: f"{before} {q} {after}", MIXED, st.sampled_from(questions), MIXED
    )
    return st.one_of(MIXED, FLOOD, wrapped)


def accepted(chunk: str) -> str:
    """The visible text if Telegram would accept ``chunk`` as an HTML message (else raises)."""
    assert utf16_len(chunk) <= 4096
    return tg.check_text(chunk, "HTML")


def test_any_unicode_through_normalise_match_compose_gives_acceptable_chunks(
    fake_matcher: Matcher,
) -> None:
    @FAST
    @given(text=hostile(fake_matcher), country=st.sampled_from([None, "GB", "US", "DE", "ZZ"]))
    def check(text: str, country: str | None) -> None:
        reply = answer(text, matcher=fake_matcher, country=country)
        assert reply.html_chunks and len(reply.html_chunks) == len(reply.text_chunks)
        for chunk in reply.html_chunks:
            accepted(chunk)
        for chunk in reply.text_chunks:
            assert 0 < utf16_len(chunk) <= 4096

    check()


def _row(text: str) -> QueryRow:
    return QueryRow(
        id=7,
        created_at=datetime(2026, 1, 2, tzinfo=UTC),
        chat_hash="c",
        user_hash="u",
        chat_type="private",
        text=text,
        normalized=text,
        topic="burn",
        score=0.42,
        alternatives=("burn", "sunburn"),
        emergency=True,
        oos=False,
        low_confidence=True,
        model_version="v1",
        latency_ms=3.0,
    )


def test_user_text_shown_to_moderators_is_escaped(fake_matcher: Matcher) -> None:
    corpus = fake_matcher.corpus

    @FAST
    @given(text=st.one_of(MIXED, FLOOD))
    def check(text: str) -> None:
        row = _row(text)
        item = ReviewItem(query=row, reason="emergency", feedback=None, lease_until=row.created_at)
        for shown in (item_text(item, corpus), alert_text(row, corpus, held=2)):
            visible = accepted(shown)
            # The user's words appear as text (their markup inert), cut but never reinterpreted.
            assert text[:150] in visible

    check()


def test_odd_messages_and_arguments_through_the_handlers_are_answered_acceptably(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    """Real handlers and SQLite: every reply is one Telegram accepts; no error notice, ever."""
    texts = hostile(fake_matcher)
    with asyncio.Runner() as runner:
        cm = moderated_bot(tmp_path, fake_matcher)
        bot = runner.run(cm.__aenter__())

        async def say(text: str) -> None:
            bot.api.send_text(chat_id=USER, text=text)
            await bot.deliver()

        try:

            @settings(FAST, max_examples=40)
            @given(text=texts, command=st.sampled_from(["", "/country ", "/firstaid "]))
            def check(text: str, command: str) -> None:
                before = len(bot.api.calls)
                message = f"{command}{text}"[:4096].strip()
                assume(message)  # Telegram trims messages and never delivers an empty one
                runner.run(say(message))
                sent = [c for c in bot.api.calls[before:] if c.method == "sendMessage"]
                assert sent and all(c.status == 200 for c in sent), [c.status for c in sent]
                for call in sent:
                    visible = accepted(call.params["text"])
                    assert not visible.startswith(w.ERROR_REPLY.split("{")[0])

            check()
        finally:
            runner.run(cm.__aexit__(None, None, None))


INJECTIONS = [
    "'; DROP TABLE queries; --",
    "Robert'); DROP TABLE feedback;--",
    '" OR ""="',
    "x' OR 'a'='a",
    "\\'; SELECT pg_sleep(10); --",
    "<script>alert(document.cookie)</script>",
    "<b>bold</b> &amp; <i>unclosed",
    "%s %(text)s {0} {text} $1 ? :name",
    "café ﷽ 👨‍👩‍👧‍👦 \u202eevil\u202c",
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'injection.db'}"
    url: str = request.getfixturevalue("pg_database")
    return url


def test_injection_strings_and_any_text_are_stored_verbatim_and_harmlessly(
    db_url: str, fake_matcher: Matcher
) -> None:
    async def store_and_read(store: Store, querylog: QueryLog, text: str) -> str:
        reply = answer(text, matcher=fake_matcher, country=None)
        query_id = await querylog.write(query_record(Asker(1, 1, "private"), text, reply))
        assert query_id is not None
        row = await store.get_query(query_id)
        assert row is not None
        return row.text

    with asyncio.Runner() as runner:
        store = runner.run(Store.open(db_url, hash_secret=b"injection-test-secret-0123"))
        querylog = QueryLog(store)
        try:
            for text in INJECTIONS:
                assert scrub_pii(text) == text  # nothing here looks like personal data
                assert runner.run(store_and_read(store, querylog, text)) == text
            # NUL cannot be stored by PostgreSQL: it is replaced, the rest kept.
            assert runner.run(store_and_read(store, querylog, "a\x00b")) == "a\ufffdb"

            @settings(FAST, max_examples=40)
            @given(text=st.one_of(MIXED, st.text(max_size=300)).filter(str.strip))
            def check(text: str) -> None:
                stored = runner.run(store_and_read(store, querylog, text))
                assert stored == scrub_pii(text.replace("\x00", "\ufffd"))

            check()
            rows = runner.run(store.export_queries())
            assert len(rows) >= len(INJECTIONS) + 1  # every table still there, every row too
            assert querylog.counts.unwritten == 0
        finally:
            runner.run(store.close())
