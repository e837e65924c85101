"""Telegram faults over the fake Bot API: every message answered exactly once, logged once.

The bot polls the fake over real HTTP, so PTB's own polling loop and our
retrying rate limiter (:mod:`bot.telegram.limiter`) are what is under test. The API
being unreachable for 10-30 s is the slow-marked case and the soak benchmark
(``benchmarks/soak.py``); the default run uses a 3 s outage.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.limiter import RetryingRateLimiter
from matcher import Matcher
from tests.bot.conftest import example_of
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import (
    ask_many,
    bot_settings,
    live_bot,
    replies,
    replies_once,
    statuses,
)
from tests.reliability.proxy import Proxy

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


async def handed_out(api: FakeTelegram, message: dict[str, Any]) -> None:
    """Wait until the bot has fetched ``message`` (its update left the fake)."""
    update_id = api.update_for_message[(message["chat"]["id"], message["message_id"])]
    while update_id not in api.handed_out:
        await asyncio.sleep(0.01)


@pytest.mark.parametrize(
    "seconds",
    [3.0, pytest.param(20.0, marks=[pytest.mark.slow, pytest.mark.timeout(180)])],
)
async def test_api_unreachable_then_back_answers_everything(
    api: FakeTelegram,
    tmp_path: Path,
    fake_matcher: Matcher,
    seconds: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The line to Telegram goes dead for ``seconds`` (refused, open connections cut).

    ``cut``: its reply was on the wire at the cut, and Telegram got it; the bot
    cannot know that, so it sends once more (at least once, at most twice).
    ``refused``: its reply was tried while the line was dead, so Telegram surely
    did not have it: exactly once. ``queued``: sent by users meanwhile and
    fetched once polling resumes: exactly once. Every one is logged once.
    """
    proxy = await Proxy(api.port).start()  # the bot reaches "Telegram" through it
    settings = bot_settings(tmp_path, api, telegram_api_url=proxy.url)
    slow_text = example_of(fake_matcher, "burn")
    match_batch = fake_matcher.match_batch

    def slow_match(texts: list[str]) -> Any:
        if slow_text in texts:
            time.sleep(1.5)  # on the matcher thread, not the event loop
        return match_batch(texts)

    monkeypatch.setattr(fake_matcher, "match_batch", slow_match)
    async with live_bot(settings, fake_matcher) as (_, services):
        api.slow("sendMessage", 3.0)
        (cut,) = ask_many(api, fake_matcher, 1, first_chat=1500)
        await handed_out(api, cut)
        await asyncio.sleep(0.2)  # its reply is now held by "Telegram"
        refused = api.send_text(chat_id=1501, text=slow_text)
        await handed_out(api, refused)
        await asyncio.sleep(0.2)  # still being matched: its reply comes after the cut
        down = asyncio.create_task(proxy.outage(seconds))
        await asyncio.sleep(0.2)
        api.slow("sendMessage", 0)
        queued = ask_many(api, fake_matcher, 3, first_chat=1502)
        await down
        await replies_once(api, [refused, *queued], timeout=seconds + 40)
        assert 1 <= len(replies(api, cut)) <= 2
        assert await logged(services) == 5
    await proxy.stop()
