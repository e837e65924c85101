"""Names and raw text never reach the logs, even with every library at DEBUG."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot import redaction
from matcher import Matcher
from tests.bot.conftest import example_of
from tests.fakes.telegram_api import FakeTelegram
from tests.reliability.conftest import bot_settings, live_bot, replies

pytestmark = pytest.mark.timeout(60)
SECRETIVE = "zanzibar-quokka"  # a word no library would log by itself


async def test_debug_logs_carry_no_message_text_and_no_names(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with live_bot(bot_settings(tmp_path, api), fake_matcher):
        question = api.send_text(
            chat_id=4242, text=f"{example_of(fake_matcher, 'sunburn')} {SECRETIVE}"
        )
        await api.wait_for("sendMessage", lambda c: bool(replies(api, question)))
    assert "Processing update" in caplog.text  # PTB did log the update, withheld
    assert redaction.WITHHELD in caplog.text
    assert SECRETIVE not in caplog.text
    assert "User4242" not in caplog.text  # the fake API's first name for this user


def record(name: str, msg: str, *args: object) -> logging.LogRecord:
    made = logging.LogRecord(name, logging.DEBUG, __file__, 1, msg, args, None)
    redaction.withhold_content(made)
    return made


def test_library_payloads_are_withheld_and_plain_values_kept() -> None:
    call = record(
        "telegram.Bot", "Calling `%s` with `%s`", "sendMessage", {"text": "my name is Ann"}
    )
    assert call.getMessage() == f"Calling `sendMessage` with `{redaction.WITHHELD}`"
    hook = record("telegram.ext.Updater", "Webhook received data: %s", '{"text": "hi Ann"}')
    assert "Ann" not in hook.getMessage()
    counts = record("bot.query_log", "%s: %d queries not logged", "storage down", 3)
    assert counts.getMessage() == "storage down: 3 queries not logged"  # own loggers keep text
    error = record("telegram.ext.Application", "failed: %s", RuntimeError("Bad Request"))
    assert error.getMessage() == "failed: Bad Request"
