"""Telegram faults over the fake Bot API: every message answered exactly once, logged once.

The bot polls the fake over real HTTP, so PTB's own polling loop and our
retrying rate limiter (:mod:`bot.sending`) are what is under test. The API
being unreachable for 10-30 s is the slow-marked case and the soak benchmark
(``benchmarks/soak.py``); the default run uses a 3 s outage.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.sending import RetryingRateLimiter
from matcher import Matcher
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import (
    ask_many,
    bot_settings,
    live_bot,
    outage,
    replies,
    replies_once,
    statuses,
)

pytestmark = pytest.mark.timeout(90)


def short_timeouts(builder: Any) -> Any:
    """1 s read timeouts (poll: 1 s long poll + 1 s), so timeouts are quick to provoke."""
    return builder.read_timeout(1.0).get_updates_read_timeout(1.0)


async def logged(services: Any) -> int:
    return len(await services.store.export_queries())


async def test_a_burst_of_5xx_on_replies_loses_and_duplicates_nothing(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with live_bot(bot_settings(tmp_path, api), fake_matcher) as (app, services):
        api.fail("sendMessage", 502, times=4)
        api.fail("sendMessage", 500, times=3)
        api.fail("sendMessage", 503, times=2)
        asked = ask_many(api, fake_matcher, 8, first_chat=1100)
        await replies_once(api, asked)
        assert statuses(api, "sendMessage").count(200) == 8
        assert sorted(set(statuses(api, "sendMessage"))) == [200, 500, 502, 503]
        limiter = app.bot.rate_limiter
        assert isinstance(limiter, RetryingRateLimiter) and limiter.retries == 9
        assert await logged(services) == 8


async def test_polling_rides_out_5xx_409_and_429_and_resumes_by_itself(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with live_bot(bot_settings(tmp_path, api), fake_matcher) as (_, services):
        await api.wait_for("getUpdates")  # polling is up
        api.fail("getUpdates", 502)
        api.fail("getUpdates", 500)
        api.fail("getUpdates", 409)  # another instance polling the same token
        api.fail("getUpdates", 429, retry_after=1)
        asked = ask_many(api, fake_matcher, 5, first_chat=1200)
        await replies_once(api, asked)
        failed = [s for s in statuses(api, "getUpdates") if s != 200]
        assert failed[:4] == [502, 500, 409, 429]
        assert await logged(services) == 5


async def test_polling_slower_than_its_timeout_redelivers_without_duplicates(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = bot_settings(tmp_path, api)
    async with live_bot(settings, fake_matcher, tweak=short_timeouts) as (_, services):
        await api.wait_for("getUpdates")
        api.slow("getUpdates", 3.0)  # past the 2 s the bot waits for a poll
        asked = ask_many(api, fake_matcher, 4, first_chat=1300)
        await asyncio.sleep(4.5)  # at least one poll timed out (its updates went nowhere)
        assert not any(replies(api, m) for m in asked)
        api.slow("getUpdates", 0)
        await replies_once(api, asked)
        assert await logged(services) == 4


async def test_a_reply_slower_than_the_timeout_arrives_at_most_twice(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    """A timed-out send may have been delivered: retried once (at least once, at most twice)."""
    settings = bot_settings(tmp_path, api)
    async with live_bot(settings, fake_matcher, tweak=short_timeouts) as (_, services):
        api.slow("sendMessage", 0.5)  # slow but inside the timeout: exactly once
        (quick,) = ask_many(api, fake_matcher, 1, first_chat=1400)
        await replies_once(api, [quick])
        api.slow("sendMessage", 1.5)  # past the 1 s read timeout; the retry waits 15 s
        (slow,) = ask_many(api, fake_matcher, 1, first_chat=1401)
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 1401, count=2)
        await asyncio.sleep(2.0)
        assert len(replies(api, slow)) == 2  # the fake had delivered the timed-out one
        assert await logged(services) == 2


@pytest.mark.parametrize(
    "seconds",
    [3.0, pytest.param(20.0, marks=[pytest.mark.slow, pytest.mark.timeout(180)])],
)
async def test_api_unreachable_then_back_answers_everything_once(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, seconds: float
) -> None:
    async with live_bot(bot_settings(tmp_path, api), fake_matcher) as (_, services):
        api.slow("sendMessage", 1.0)  # hold the first reply in flight when the API goes away
        (in_flight,) = ask_many(api, fake_matcher, 1, first_chat=1500)
        while not api.handed_out:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.3)
        down = asyncio.create_task(outage(api, seconds))
        await asyncio.sleep(0.2)
        api.slow("sendMessage", 0)
        during = ask_many(api, fake_matcher, 4, first_chat=1501)  # queued at Telegram meanwhile
        await down
        await replies_once(api, [in_flight, *during], timeout=seconds + 40)
        assert await logged(services) == 5
