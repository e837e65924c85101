"""A backlog: while matching is slow, the bot keeps taking messages instead of capping them.

The bot can only carry ``rate`` messages/s if ``rate * latency`` of them can be
in progress at once (Little's law). When at most 64 could, a pause of a
fraction of a second at 300 messages/s became a queue in PTB's update queue
that fed itself (docs/benchmarks.md, "Bot under load").
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from matcher import Match, Matcher
from tests.bot.conftest import example_of
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import bot_settings, live_bot, replies_once

pytestmark = pytest.mark.timeout(90)
BACKLOG = 200  # messages arriving while matching is stuck, more than the old cap of 64


async def test_a_stuck_matcher_leaves_every_waiting_message_in_progress_then_answers_all(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    match_batch = fake_matcher.match_batch
    text = example_of(fake_matcher, "sunburn")  # before matching gets stuck

    def stuck(texts: Sequence[str]) -> list[Match]:
        release.wait(30)  # the matcher's thread, not the event loop
        return match_batch(texts)

    monkeypatch.setattr(fake_matcher, "match_batch", stuck)
    settings = bot_settings(tmp_path, api, telegram_rate_limit=10_000)  # the cap is not tested here
    async with live_bot(settings, fake_matcher) as (app, _):
        asked = [api.send_text(chat_id=3100 + i, text=text) for i in range(BACKLOG)]
        processor = app.update_processor
        deadline = time.monotonic() + 10
        try:
            while processor.current_concurrent_updates < BACKLOG:
                assert time.monotonic() < deadline, (
                    f"only {processor.current_concurrent_updates} of {BACKLOG} in progress"
                )
                await asyncio.sleep(0.05)
        finally:
            release.set()
        await replies_once(api, asked, timeout=30)
