"""End to end over HTTP: the real Application, polling the fake Bot API, logging to SQLite."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot import ui_text as w
from bot.bootstrap import Services, open_services
from bot.settings import Settings
from bot.telegram import callback_data as cd
from bot.telegram.application import build_application
from bot.telegram.context import BotApp
from bot.telegram.runner import webhook_options
from matcher import Matcher
from matcher.wording import COMMON_NUMBERS
from tests.bot.conftest import HASH_SECRET, example_of, make_settings
from tests.bot.test_bot_questions import buttons
from tests.fakes.bot_harness import running
from tests.fakes.telegram_api import BOT_USERNAME, TOKEN, Call, FakeTelegram

pytestmark = pytest.mark.timeout(60)
GROUP = -100300


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@asynccontextmanager
async def live_bot(
    settings: Settings, matcher: Matcher | None, webhook: dict[str, Any] | None = None
) -> AsyncIterator[Services]:
    """The bot running against ``settings.telegram_api_url`` with a real SQLite store."""
    services = await open_services(settings, matcher=matcher)
    app: BotApp = build_application(settings, services=services)
    async with running(app, webhook=webhook):
        yield services


def reply_to(api: FakeTelegram, message: dict[str, Any]) -> Any:
    def check(call: Call) -> bool:
        target = call.params.get("reply_parameters") or {}
        return bool(target.get("message_id") == message["message_id"])

    return check


async def test_start_question_and_helpful_reach_the_database(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        api.send_text(chat_id=501, text="/start")
        # Then the country question (two more messages); no confident 112 before it.
        welcome, *_ = await api.wait_for("sendMessage", count=3)
        assert welcome.params["text"] == w.WELCOME.format(number="your emergency number")
        assert [c["command"] for c in api.commands["default"]] == [c for c, _ in w.COMMANDS]

        question = api.send_text(chat_id=501, text=example_of(fake_matcher, "choking"))
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        helpful, _ = buttons(reply.params)[-2:]  # feedback is the last row
        action = cd.parse(helpful)
        assert isinstance(action, cd.Feedback)
        row = await services.store.get_query(action.query_id)
        assert row is not None and row.topic == "choking" and row.chat_type == "private"
        assert row.user_hash != "501" and "501" not in row.chat_hash  # ids are hashed

        api.press(user_id=501, message=reply.result, data=helpful)
        await api.wait_for("answerCallbackQuery")
        (feedback,) = await services.store.get_feedback(action.query_id)
        assert feedback.helpful is True


async def test_not_helpful_then_a_pick_reaches_the_database(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        question = api.send_text(chat_id=502, text=example_of(fake_matcher, "sunburn"))
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        _, not_helpful = buttons(reply.params)[-2:]
        api.press(user_id=502, message=reply.result, data=not_helpful)
        (which,) = await api.wait_for("sendMessage", lambda c: c.params["text"] == w.WHICH_FITS)
        first_pick = buttons(which.params)[0]
        picked = cd.parse(first_pick)
        assert isinstance(picked, cd.Pick) and picked.topic is not None

        api.press(user_id=502, message=which.result, data=first_pick)
        await api.wait_for("answerCallbackQuery", count=2)
        (feedback,) = await services.store.get_feedback(picked.query_id)
        assert (feedback.helpful, feedback.picked_topic) == (False, picked.topic)
        title = fake_matcher.corpus.topic(picked.topic).title
        await api.wait_for("sendMessage", lambda c: title in c.params["text"])


async def test_group_mention_is_answered_and_chatter_ignored(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        chatter = api.send_text(
            chat_id=GROUP, user_id=11, chat_type="supergroup", text="my back hurts from lifting"
        )
        mention = api.send_text(
            chat_id=GROUP,
            user_id=12,
            chat_type="supergroup",
            text=f"@{BOT_USERNAME} {example_of(fake_matcher, 'nosebleed')}",
        )
        await api.wait_for("sendMessage", reply_to(api, mention))
        await asyncio.sleep(0.3)  # give a wrongly answered chatter message time to show up
        assert api.replies_to(GROUP, chatter["message_id"]) == []
        assert len(api.sent(GROUP)) == 1
        (logged,) = await services.store.export_queries()
        assert logged["topic"] == "nosebleed"


async def test_sticker_gets_the_text_only_note(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        api.user_message(chat_id=503, kind="sticker")
        (note,) = await api.wait_for("sendMessage")
        assert note.params["text"] == w.NON_TEXT.format(number=COMMON_NUMBERS)


async def test_forged_callback_data_is_refused_and_nothing_is_logged(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher) as services:
        question = api.send_text(chat_id=504, text=example_of(fake_matcher, "sunburn"))
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        query_id = cd.parse(buttons(reply.params)[-1]).query_id  # type: ignore[union-attr]
        for data in (f"fb:1:{query_id + 1}:h", f"fb:9:{query_id}:h", "🙂" * 20):
            api.press(user_id=504, message=reply.result, data=data)
        api.press(user_id=999, message=reply.result, data=f"fb:1:{query_id}:h")
        answers = await api.wait_for("answerCallbackQuery", count=4)
        notices = sorted(str(a.params.get("text")) for a in answers)
        assert notices == sorted([w.CALLBACK_STALE] * 3 + [w.CALLBACK_NOT_YOURS])
        assert await services.store.get_feedback(query_id) == []


async def test_429_with_retry_after_is_retried(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher):
        api.fail("sendMessage", 429, retry_after=1)
        question = api.send_text(chat_id=505, text=example_of(fake_matcher, "sunburn"))
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
        statuses = [c.status for c in api.requests("sendMessage")]
        assert statuses == [429, 200]
        first, second = api.requests("sendMessage")
        assert second.at - first.at >= 1.0  # waited for retry_after


async def test_secrets_never_reach_the_logs(
    api: FakeTelegram,
    tmp_path: Path,
    fake_matcher: Matcher,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # it logs every URL, token included
    async with live_bot(settings, fake_matcher):
        question = api.send_text(chat_id=506, text=example_of(fake_matcher, "sunburn"))
        await api.wait_for("sendMessage", reply_to(api, question))

        def leak(texts: list[str]) -> None:
            raise RuntimeError(f"failed for {TOKEN} with key {HASH_SECRET}")

        monkeypatch.setattr(fake_matcher, "match_batch", leak)
        api.send_text(chat_id=506, text="anything")
        await api.wait_for("sendMessage", lambda c: c.params["text"].startswith("Sorry"))
    assert "[REDACTED]" in caplog.text  # something would have leaked
    assert "failed for [REDACTED] with key [REDACTED]" in caplog.text
    assert TOKEN not in caplog.text and HASH_SECRET not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_accepts_only_the_right_secret(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = make_settings(
        tmp_path,
        telegram_api_url=api.url,
        run_mode="webhook",
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="right-secret_0123456789",
    )
    options = webhook_options(settings)
    assert options["url_path"] == "telegram-hook"
    async with live_bot(settings, fake_matcher, webhook=options) as services:
        (hook,) = api.requests("setWebhook")
        assert hook.params["secret_token"] == "right-secret_0123456789"
        assert hook.params["url"] == url
        question = api.send_text(chat_id=507, text=example_of(fake_matcher, "sunburn"))
        await api.wait_for("sendMessage", reply_to(api, question))
        assert api.deliveries[-1][1] == 200

        forged = {"update_id": 999, "message": {**question, "message_id": 77}}
        async with httpx.AsyncClient() as client:
            bad = [
                await client.post(url, json=forged, headers=headers)
                for headers in (
                    {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret"},
                    {},
                )
            ]
            wrong_type = await client.post(
                url,
                content=json.dumps(forged),
                headers={
                    "X-Telegram-Bot-Api-Secret-Token": "right-secret_0123456789",
                    "Content-Type": "text/plain",
                },
            )
        assert [r.status_code for r in bad] == [403, 403]
        assert wrong_type.status_code == 403
        await asyncio.sleep(0.3)
        assert api.replies_to(507, 77) == []
        assert len(await services.store.export_queries()) == 1


@pytest.mark.slow
@pytest.mark.timeout(300)
async def test_real_model_answers_an_emergency_end_to_end(
    api: FakeTelegram, tmp_path: Path
) -> None:
    """The whole stack with the real base model: one frightened message, one logged answer."""
    settings = make_settings(
        tmp_path, telegram_api_url=api.url, model="base", models_dir=tmp_path / "models"
    )
    async with live_bot(settings, None) as services:
        question = api.send_text(
            chat_id=508, text="help my dad collapsed, he is not breathing and has no pulse"
        )
        (reply,) = await api.wait_for("sendMessage", reply_to(api, question), timeout=60)
        assert reply.params["text"].startswith("🚨")
        (logged,) = await services.store.export_queries()
        assert logged["topic"] == "cardiac-arrest" and logged["model_version"] == "base"


def most_in_one_second(times: list[float]) -> int:
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def test_replies_never_exceed_the_rate_limit(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url, telegram_rate_limit=10)
    text = example_of(fake_matcher, "sunburn")
    async with live_bot(settings, fake_matcher):
        for user in range(25):
            api.send_text(chat_id=700 + user, text=text)
        sent = await api.wait_for("sendMessage", count=25, timeout=30)
    times = sorted(c.at for c in sent)
    assert most_in_one_second(times) <= 10  # never above the cap in any second
    assert times[-1] - times[0] >= 2.4  # no burst: 25 replies at 10/s take at least 2.4 s
