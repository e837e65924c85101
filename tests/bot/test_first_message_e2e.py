"""End to end over HTTP: the first message, step by step, the CPR coach on the JobQueue,
and the country from /start, a button or a shared location (real Application, fake
Bot API, SQLite)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import ui_text as w
from bot.telegram import callback_data as cd
from bot.telegram.handlers import coach
from matcher import Matcher
from matcher import wording as mw
from tests.bot.conftest import make_settings
from tests.bot.test_bot_e2e import live_bot, reply_to
from tests.bot.test_bot_questions import buttons
from tests.fakes.telegram_api import Call, FakeTelegram

pytestmark = pytest.mark.timeout(60)
GROUP = -100400


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


def edits_of(message: dict[str, Any]) -> Any:
    def check(call: Call) -> bool:
        return bool(call.params.get("message_id") == message["message_id"])

    return check


async def press(api: FakeTelegram, user_id: int, message: dict[str, Any], data: str) -> Call:
    """Tap ``data`` on ``message`` and return the edit it causes."""
    before = len(api.requests("editMessageText"))
    api.press(user_id=user_id, message=message, data=data)
    calls = await api.wait_for("editMessageText", edits_of(message), count=1 + _edits(api, message))
    assert len(api.requests("editMessageText")) > before
    return calls[-1]


def _edits(api: FakeTelegram, message: dict[str, Any]) -> int:
    return len([c for c in api.requests("editMessageText") if edits_of(message)(c)])


def find(data: list[str], kind: type[cd.Action]) -> list[cd.Action]:
    return [a for a in (cd.parse(d) for d in data) if isinstance(a, kind)]


async def test_not_breathing_first_message_steps_and_cpr_coach(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The coach speaks every 2 minutes; here every 0.3 s, through the same JobQueue.
    monkeypatch.setattr(coach, "UPDATE_S", 0.3)
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        question = api.send_text(chat_id=501, text="not breathing")
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        text = reply.result["text"]
        # No country yet: the common numbers, not a confident 112; short enough to read.
        assert text.startswith("🚨 Call your emergency number now: " + mw.COMMON_NUMBERS)
        assert len(text) <= 600 and "Push hard and fast" not in text  # not the whole topic
        data = buttons(reply.params)
        assert data[:2] == ["st:1:cardiac-arrest:a:s1", "st:1:cardiac-arrest:a:a"]
        assert {"st:1:cardiac-arrest:c:f", "st:1:cardiac-arrest:b:f"} <= set(data)
        assert {"cp:1:s", "ct:1:-"} <= set(data) and data[-1].startswith("fb:1:")

        message = reply.result
        for n in (1, 2, 3):
            edit = await press(api, 777, message, f"st:1:cardiac-arrest:a:s{n}")
            assert f"step {n} of 8" in edit.result["text"]
            after = buttons(edit.params)
            assert f"st:1:cardiac-arrest:a:s{n + 1}" in after  # Next
            assert after[-1].startswith("fb:1:")  # feedback stays under every view
            message = edit.result
        assert "defibrillator" in message["text"]  # step 3: send for the AED

        api.press(user_id=777, message=message, data="cp:1:s")
        # Writing the metronome the first time takes seconds on a busy machine.
        (voice,) = await api.wait_for("sendVoice", timeout=40)
        assert voice.params["voice"]["size"] > 10_000 and voice.params["duration"] >= 120
        (started,) = await api.wait_for("sendMessage", lambda c: "CPR coach" in c.params["text"])
        assert buttons(started.params) == ["cp:1:x"]
        board = started.result

        updates = await api.wait_for("editMessageText", edits_of(board), count=2, timeout=5)
        assert w.COACH_TIPS[1] in updates[0].params["text"]  # swap rescuers, keep pushing
        assert w.COACH_TIPS[2] in updates[1].params["text"]  # the AED

        api.press(user_id=501, message=board, data="cp:1:x")
        stopped = await api.wait_for(
            "editMessageText", lambda c: "coach stopped" in c.params["text"], timeout=5
        )
        assert buttons(stopped[0].params) == ["cp:1:s"]  # start it again
        count = _edits(api, board)
        await asyncio.sleep(1.0)
        assert _edits(api, board) == count  # no more updates after the stop


async def test_coach_ends_by_itself(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coach, "UPDATE_S", 0.2)
    monkeypatch.setattr(coach, "MAX_S", 0.4)
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        question = api.send_text(chat_id=502, text="not breathing")
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        api.press(user_id=502, message=reply.result, data="cp:1:s")
        # The voice comes even when the file id cached from another server is unknown here.
        await api.wait_for("sendVoice", timeout=40)
        await api.wait_for("editMessageText", lambda c: "coach ended" in c.params["text"])
        count = len(api.requests("editMessageText"))
        await asyncio.sleep(0.8)
        assert len(api.requests("editMessageText")) == count


@pytest.mark.parametrize(
    ("where", "lat", "lon", "country", "number"),
    [
        ("Washington", 38.8977, -77.0365, "US", "911"),
        ("Sydney", -33.8688, 151.2093, "AU", "000"),
    ],
)
async def test_shared_location_sets_the_country_and_the_number(
    api: FakeTelegram,
    tmp_path: Path,
    fake_matcher: Matcher,
    where: str,
    lat: float,
    lon: float,
    country: str,
    number: str,
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        api.send_location(chat_id=601, latitude=lat, longitude=lon)
        (reply,) = await api.wait_for("sendMessage")
        text = reply.result["text"]
        assert f"call {number}" in text and where in text
        assert f"{lat:.5f}, {lon:.5f}" in text  # the line to read to the call handler
        assert reply.params["reply_markup"] == {"remove_keyboard": True}
        assert await services.store.get_chat_country(601) == country

        question = api.send_text(chat_id=601, text="not breathing")
        (answer,) = await api.wait_for("sendMessage", reply_to(api, question))
        assert answer.result["text"].startswith(f"🚨 Call {number} now")
        assert "ct:1:-" not in buttons(answer.params)  # the country is known


async def test_start_asks_for_the_country_and_a_button_sets_it(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        api.send_text(chat_id=701, text="/start")
        welcome, ask, hint = await api.wait_for("sendMessage", count=3)
        assert "112" not in welcome.params["text"]
        assert ask.params["text"] == w.COUNTRY_ASK
        assert {"ct:1:GB", "ct:1:US", "ct:1:AU"} <= set(buttons(ask.params))
        (row,) = hint.params["reply_markup"]["keyboard"]
        assert row[0]["request_location"] is True

        api.press(user_id=701, message=ask.result, data="ct:1:US")
        done = await api.wait_for("sendMessage", lambda c: "United States" in c.params["text"])
        assert "911" in done[0].params["text"]
        assert await services.store.get_chat_country(701) == "US"

        # A group's /start does not ask: an admin sets it with /country.
        api.send_text(chat_id=GROUP, text="/start", chat_type="supergroup", user_id=9)
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == GROUP)
        await asyncio.sleep(0.3)
        assert len(api.sent(GROUP)) == 1


async def test_anyone_in_a_group_can_step_through_and_switch_audience(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        question = api.send_text(
            chat_id=GROUP, user_id=11, chat_type="supergroup", text="/firstaid not breathing"
        )
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        baby = await press(api, 12, reply.result, "st:1:cardiac-arrest:b:f")
        assert "(baby under one)" in baby.result["text"] and "both thumbs" in baby.result["text"]
        step = await press(api, 13, baby.result, "st:1:cardiac-arrest:b:s1")
        assert "step 1 of 4" in step.result["text"]
        back = await press(api, 13, step.result, "st:1:cardiac-arrest:b:f")
        assert back.result["text"] == baby.result["text"]

        api.press(user_id=12, message=back.result, data="st:1:cardiac-arrest:b:a")
        # "All steps": the full reply, every audience, as new messages.
        await api.wait_for("sendMessage", lambda c: "Sources:" in c.params["text"])
        full = "\n".join(c.params["text"] for c in api.sent(GROUP)[1:])
        assert "Babies under one year" in full and "Children (from one year" in full


async def test_a_message_naming_a_baby_gets_the_baby_steps(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        question = api.send_text(chat_id=801, text="my 8 month old is choking")
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        text = reply.result["text"]
        assert "back blows" in text and "abdominal" not in text
        # The CPR coach waits in the steps (for a baby who stops responding), not here.
        assert "cp:1:s" not in buttons(reply.params)
        step = await press(api, 801, reply.result, buttons(reply.params)[0])
        assert "step 1 of" in step.result["text"] and "cp:1:s" in buttons(step.params)
        views = [a for a in find(buttons(reply.params), cd.View) if isinstance(a, cd.View)]
        assert views and not [a for a in views if a.view == "first"]  # no audience switch
