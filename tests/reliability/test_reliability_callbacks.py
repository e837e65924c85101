"""Forged and replayed callback data, property-based, through the real handlers and SQLite.

Whatever a client puts in callback data, and whoever presses it: no handler
crashes (no error notice), nobody rates a query that is not theirs, a replay
never adds a second rating, no non-moderator reaches a moderator action, and
nobody deletes another user's data. The moderator-only paths with valid data
are covered by ``tests/bot/test_moderation_access.py``.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import ui_text as w
from bot.telegram import callback_data as cd
from matcher import Matcher
from tests.bot.moderation_fakes import MOD_A, MOD_B, USER, ModBot, ask, moderated_bot

pytestmark = pytest.mark.timeout(120)
OTHER = 777
STRANGER = 31337
ERROR_PREFIX = w.ERROR_REPLY.split("{", 1)[0]


def callback_data(ids: list[int]) -> st.SearchStrategy[str]:
    """Near-valid payloads of every kind (other people's ids included), and plain junk."""
    kinds = st.sampled_from(["fb", "pk", "tl", "tp", "fg", "rv", "rc", "rp", "zz", ""])
    version = st.sampled_from(["1", "1", "0", "2", "01", ""])
    number = st.one_of(
        st.sampled_from([str(i) for i in ids] + [str(u) for u in (USER, OTHER, MOD_A)]),
        st.integers(min_value=-3, max_value=10**20).map(str),
    )
    last = st.one_of(
        st.sampled_from(["h", "n", "c", "o", "u", "s", "y", "-", "0", "999", "burn", "choking"]),
        st.text(max_size=12),
    )
    shaped = st.builds(lambda *p: ":".join(p), kinds, version, number, last)
    raw = st.binary(max_size=70).map(lambda b: b.decode("latin-1"))
    junk = st.one_of(st.text(max_size=80), raw)
    return st.one_of(shaped, junk)


async def press(bot: ModBot, user: int, message: dict[str, object], data: str) -> None:
    bot.api.press(user_id=user, message=message, data=data)
    await bot.deliver()


def test_forged_and_replayed_callbacks_cannot_crash_rate_others_or_moderate(
    tmp_path: Path, fake_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    with asyncio.Runner() as runner:
        cm = moderated_bot(tmp_path, fake_matcher)
        bot = runner.run(cm.__aenter__())
        try:
            mine = runner.run(ask(bot, fake_matcher, "choking", user=USER))
            theirs = runner.run(ask(bot, fake_matcher, "burn", user=OTHER))
            owner = {mine: USER, theirs: OTHER}
            message = bot.sent(USER)[-1].result
            hasher = bot.store.hasher
            forgot: set[int] = set()

            @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
            @given(
                data=callback_data([mine, theirs]),
                user=st.sampled_from([USER, OTHER, STRANGER]),
            )
            def check(data: str, user: int) -> None:
                answers = len(bot.api.callback_answers)
                with caplog.at_level(logging.ERROR):
                    runner.run(press(bot, user, message, data))
                assert "error while handling update" not in caplog.text
                assert len(bot.api.callback_answers) == answers + 1  # always answered, once
                assert not any(
                    str(a.get("text", "")).startswith(ERROR_PREFIX)
                    for a in bot.api.callback_answers
                )
                if data == cd.encode(cd.Forget(user, True)):
                    forgot.add(user)  # their own confirmation: their right
                for query_id, asker in owner.items():
                    row = runner.run(bot.store.get_query(query_id))
                    assert (row is None) == (asker in forgot)
                    ratings = runner.run(bot.store.get_feedback(query_id))
                    assert len(ratings) <= 1  # a replay changes a rating, never adds one
                    assert all(r.user_hash == hasher.hash(asker) for r in ratings)
                assert runner.run(bot.store.stats(7)).reviewed == 0  # no moderator action

            check()
            # Moderators were alerted about the emergency rated "not helpful" at most once
            # each, however many replays: the alert limiter holds the rest back.
            for moderator in (MOD_A, MOD_B):
                assert len(bot.sent(moderator)) <= 1
        finally:
            runner.run(cm.__aexit__(None, None, None))


def test_a_replayed_rating_is_one_rating(tmp_path: Path, fake_matcher: Matcher) -> None:
    async def scenario() -> None:
        async with moderated_bot(tmp_path, fake_matcher) as bot:
            query_id = await ask(bot, fake_matcher, "burn")
            message = bot.sent(USER)[-1].result
            helpful = cd.encode(cd.Feedback(query_id, True))
            for _ in range(3):
                await press(bot, USER, message, helpful)
            await press(bot, OTHER, message, cd.encode(cd.Feedback(query_id, False)))
            (rating,) = await bot.store.get_feedback(query_id)
            assert rating.helpful is True and rating.user_hash == bot.store.hasher.hash(USER)
            assert bot.notices()[-1] == w.CALLBACK_NOT_YOURS

    asyncio.run(scenario())
