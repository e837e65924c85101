"""Secrets never reach the logs: every record of a full run, at DEBUG, errors included.

A handler on the root logger at DEBUG (and every chatty library forced to
DEBUG, even if an earlier test's ``logs.configure`` quietened it) captures a
polling run with a question, a rating, Telegram 5xx and 409s, a storage
failure and a matcher failure whose messages contain the secrets, then a
webhook run with a wrong and a right secret. The token, its secret half, the
hash key and the webhook secret must appear nowhere.

Moderator access (commands and every callback) is proven in
``tests/bot/test_moderation_access.py`` and the webhook's refusal of a wrong
secret in ``tests/bot/test_bot_e2e.py``; see docs/reliability.md.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.telegram.runner import webhook_options
from matcher import Matcher
from tests.bot.conftest import HASH_SECRET, example_of
from tests.bot.test_bot_questions import buttons
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.reliability.conftest import bot_settings, live_bot, replies_once

pytestmark = pytest.mark.timeout(90)
WEBHOOK_SECRET = "webhook-secret_for-reliability-0042"
LOUD = ("", "httpx", "httpcore", "telegram", "apscheduler", "aiosqlite", "sqlalchemy", "asyncio")


class Everything(logging.Handler):
    """Keeps every record as the text a log file would get (tracebacks included)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def everything() -> Iterator[Everything]:
    handler = Everything()
    loggers = [logging.getLogger(name) for name in LOUD]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def leak(*_: object, **__: object) -> None:
    raise RuntimeError(f"failed for {TOKEN} with key {HASH_SECRET} and hook {WEBHOOK_SECRET}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_no_secret_in_any_log_record_of_a_full_run(
    api: FakeTelegram,
    tmp_path: Path,
    fake_matcher: Matcher,
    everything: Everything,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = example_of(fake_matcher, "sunburn")
    # Polling, with a webhook secret configured all the same: every secret setting is redacted.
    settings = bot_settings(tmp_path, api, webhook_secret=WEBHOOK_SECRET)
    async with live_bot(settings, fake_matcher) as (_, services):
        asked = api.send_text(chat_id=4100, text=question)
        await replies_once(api, [asked])
        reply = api.replies_to(4100, asked["message_id"])[0]
        api.press(user_id=4100, message=reply.result, data=buttons(reply.params)[0])
        await api.wait_for("answerCallbackQuery")
        api.fail("sendMessage", 502, times=2)
        api.fail("getUpdates", 409)
        api.send_text(chat_id=4101, text=question)
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 4101)
        monkeypatch.setattr(services.store, "log_query", leak)  # storage failing, loudly
        api.send_text(chat_id=4102, text=question)
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 4102)
        monkeypatch.setattr(fake_matcher, "match_batch", leak)  # and the matcher too
        api.send_text(chat_id=4103, text="anything at all")
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 4103)

    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    hooked = bot_settings(
        tmp_path / "webhook",
        api,
        run_mode="webhook",
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=WEBHOOK_SECRET,
    )
    monkeypatch.undo()  # the matcher answers again
    async with live_bot(hooked, fake_matcher, webhook=webhook_options(hooked)):
        asked = api.send_text(chat_id=4104, text=question)
        await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 4104)
        async with httpx.AsyncClient() as client:
            wrong = await client.post(
                url, json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
        assert wrong.status_code == 403

    text = everything.text
    assert len(everything.lines) > 200  # DEBUG really was captured (httpx, PTB, SQL)
    assert "[REDACTED]" in text  # the secrets were there to leak, and were caught
    for secret in (TOKEN, TOKEN.split(":")[1], HASH_SECRET, WEBHOOK_SECRET):
        assert secret not in text, f"{secret[:6]}... leaked into the logs"
