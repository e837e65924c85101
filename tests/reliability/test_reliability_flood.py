"""Admission control: a flood in one chat never delays anybody else's emergency.

The real Application polling the fake Bot API, PTB's own rate limiter (20 replies a
minute per group), SQLite, the real safety rules; admission at its default limits.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot import health
from bot.cli.app import app as cli
from bot.settings import Settings
from bot.telegram import admission
from bot.telegram.admission import TokenBucket
from bot.telegram.waits import MonitoredProcessor
from matcher import Matcher
from tests.fakes.telegram_api import Call, FakeTelegram
from tests.reliability.conftest import bot_settings, live_bot

pytestmark = pytest.mark.timeout(120)
GROUP = -100777
EMERGENCY = "my baby is not breathing"
DEFAULTS = {
    name: Settings.model_fields[name].default
    for name in ("admit_user_burst", "admit_user_per_minute", "admit_group_burst")
}


def to_chat(chat_id: int) -> Any:
    return lambda c: c.params.get("chat_id") == chat_id


def texts_to(api: FakeTelegram, chat_id: int) -> list[str]:
    return [str(c.params["text"]) for c in api.sent(chat_id)]


async def answered_at(api: FakeTelegram, chat_id: int, timeout: float) -> Call:
    (reply,) = await api.wait_for("sendMessage", to_chat(chat_id), timeout=timeout)
    return reply


async def test_a_group_flooding_300_messages_never_delays_a_private_emergency(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = bot_settings(tmp_path, api, **DEFAULTS)
    async with live_bot(settings, fake_matcher) as (app, _):
        for i in range(300):  # fifty people in one group, six questions each
            api.send_text(
                chat_id=GROUP, user_id=5000 + i % 50, chat_type="supergroup", text="/firstaid x"
            )
        await asyncio.sleep(0.5)  # the flood is being handled
        sent = time.monotonic()
        api.send_text(chat_id=777, text=EMERGENCY)
        reply = await answered_at(api, 777, timeout=10)
        assert reply.at - sent < 2.0, f"the emergency waited {reply.at - sent:.1f} s"
        assert "not breathing" in str(reply.params["text"]).lower() or "112" in str(
            reply.params["text"]
        )
        group = texts_to(api, GROUP)
        state = admission.state(app, settings)
        # The burst was admitted, the excess dropped, and told so once.
        assert state.dropped >= 300 - 2 * settings.admit_group_burst
        assert group.count(admission.SLOW_DOWN_GROUP) <= 1
        processor = app.update_processor
        assert isinstance(processor, MonitoredProcessor)
        assert processor.active < 5  # replies waiting on the group limit hold no slot


async def test_a_private_flood_gets_one_notice_and_an_emergency_still_passes(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = bot_settings(tmp_path, api, **DEFAULTS)
    async with live_bot(settings, fake_matcher):
        for i in range(30):
            api.send_text(chat_id=888, text=f"how do I treat a small cut {i}")
        await api.wait_for(
            "sendMessage", lambda c: c.params["text"] == admission.SLOW_DOWN_PRIVATE, timeout=20
        )
        api.send_text(chat_id=888, text=EMERGENCY)  # over the limit, and still answered
        await api.wait_for(
            "sendMessage",
            lambda c: to_chat(888)(c) and "breathing" in str(c.params["text"]).lower(),
            timeout=10,
        )
        await asyncio.sleep(0.5)
        replies = texts_to(api, 888)
        assert replies.count(admission.SLOW_DOWN_PRIVATE) == 1  # then silence
        answers = [t for t in replies if t != admission.SLOW_DOWN_PRIVATE]
        assert len(answers) <= settings.admit_user_burst + 2  # the burst, the emergency


def test_a_bucket_refills_and_notices_once_per_exhaustion() -> None:
    bucket = TokenBucket(capacity=2, per_second=0.5, tokens=2.0, stamp=0.0)
    assert [bucket.take(0.0), bucket.take(0.0), bucket.take(0.0)] == [True, True, False]
    assert not bucket.take(1.0)
    assert bucket.take(2.0)  # one token back after two seconds
    assert bucket.idle(10.0)


def test_health_fails_when_every_slot_stays_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [100.0]
    processor = MonitoredProcessor(2, clock=lambda: now[0])
    processor.active = 2
    processor.full_since = 100.0
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTH_MAX_WAIT_S", "30")
    health.beat(tmp_path)
    assert CliRunner().invoke(cli, ["health"]).exit_code == 0
    now[0] = 145.0  # every slot busy for 45 s: nothing new starts
    health.beat(tmp_path)
    result = CliRunner().invoke(cli, ["health"])
    assert result.exit_code == 1 and "updates wait 45 s" in result.output
    processor.full_since = None
    health.beat(tmp_path)
    assert CliRunner().invoke(cli, ["health"]).exit_code == 0
    health.set_wait_probe(None)


async def test_stopping_drops_a_groups_backlog_instead_of_waiting_minutes(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    # A burst far above Telegram's 20 a minute: most admitted replies must wait.
    settings = bot_settings(tmp_path, api, admit_group_burst=60, admit_user_burst=60)
    async with live_bot(settings, fake_matcher) as (app, _):
        for _ in range(60):
            api.send_text(chat_id=GROUP, user_id=5000, chat_type="supergroup", text="/firstaid x")
        await api.wait_for("sendMessage", to_chat(GROUP), count=15, timeout=20)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 10  # not the two minutes 40 more replies take
    assert len(api.sent(GROUP)) < 30
