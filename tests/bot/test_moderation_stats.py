"""``/stats`` (the figures of ``firstaid stats``) and alerts about emergency answers."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot import ui_text as w
from bot.alerts import AlertLimiter
from bot.cli.app import app as cli
from bot.telegram import callback_data as cd
from matcher import Matcher
from tests.bot.conftest import HASH_SECRET
from tests.bot.moderation_fakes import MOD_A, MOD_B, USER, ModBot, ask, moderated_bot


def cli_stats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, days: int) -> str:
    """``firstaid stats`` on the bot's database (run in a thread: it has its own event loop)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["stats", "--days", str(days)])
    assert result.exit_code == 0, result.output
    return result.output


def cell(table: str, label: str) -> str:
    found = re.search(rf"│ {re.escape(label)}\s*│ (\S+)", table)
    assert found, label
    return found[1]


async def rate(bot: ModBot, query_id: int, user: int, helpful: bool) -> None:
    answer = bot.sent(user)[0].result
    bot.api.press(user_id=user, message=answer, data=cd.encode(cd.Feedback(query_id, helpful)))
    await bot.deliver()


async def test_stats_shows_the_figures_of_the_cli(
    tmp_path: Path, fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        for n, topic in enumerate(["choking", "burn", "burn", "sunburn"]):
            query_id = await ask(bot, fake_matcher, topic, user=600 + n)
            if n < 3:
                await rate(bot, query_id, 600 + n, helpful=n != 1)
        bot.api.send_text(chat_id=600, text="what a lovely day for a picnic")
        await bot.deliver()
        await bot.store.record_review(query_id=1, moderator_id=MOD_A, verdict="correct")
        bot.api.send_text(chat_id=MOD_A, text="/stats 3")
        bot.api.send_text(chat_id=MOD_A, text="/stats lots")
        await bot.deliver()
        shown, usage = bot.texts(MOD_A)
        table = await asyncio.to_thread(cli_stats, tmp_path, monkeypatch, 3)

    assert usage == w.STATS_USAGE.format(max_days=90)
    assert shown.startswith("📊 <b>Last 3 days (UTC)</b>")
    figures = {
        "Queries": "queries",
        "emergencies": "emergencies",
        "Rated": "rated",
        "helpful rate": "helpful rate",
        "Out-of-scope rate": "out-of-scope rate",
        "low-confidence share": "low-confidence share",
        "unanswered share": "unanswered share",
        "Reviewed": "reviewed",
    }
    for ours, theirs in figures.items():
        found = re.search(rf"{ours}: (\S+?)(?: ·|\n|$)", shown)
        assert found, ours
        assert found[1] == cell(table, theirs), ours
    assert cell(table, "queries") == "5" and cell(table, "helpful rate") == "66.7%"
    days = re.findall(r"│ (\d{4})-(\d\d-\d\d) │ +(\d+)", table)
    assert "Per day:</b> " + " · ".join(f"{d} {n}" for _, d, n in days) in shown
    top = re.findall(r"│ ([a-z-]+) +│ +(\d+) +│", table.split("Top topics", 1)[1])
    assert "Top topics:</b> " + ", ".join(f"{t} {n}" for t, n in top) in shown


async def test_emergency_answers_rated_not_helpful_alert_moderators_rate_limited(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    now = [0.0]
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        bot.app.bot_data.services.alerts = AlertLimiter(interval_s=600, clock=lambda: now[0])

        def alerts(moderator: int) -> list[str]:
            return [t for t in bot.texts(moderator) if "rated not helpful" in t]

        first = await ask(bot, fake_matcher, "choking")
        await rate(bot, first, USER, helpful=False)
        await bot.api.wait_for(
            "sendMessage", lambda c: c.params["chat_id"] in {MOD_A, MOD_B}, count=2
        )
        (alert,) = alerts(MOD_A)
        assert alerts(MOD_B) == [alert]
        assert "Answered: Choking" in alert and "Send /review" in alert
        assert (await bot.store.get_query(first)).text in alert  # type: ignore[union-attr]

        # Within the interval: held back. Helpful or non-emergency ratings never alert.
        for n, (topic, helpful) in enumerate(
            [("choking", False), ("choking", True), ("sunburn", False)]
        ):
            query_id = await ask(bot, fake_matcher, topic, user=610 + n)
            await rate(bot, query_id, 610 + n, helpful=helpful)
        now[0] = 601
        last = await ask(bot, fake_matcher, "severe-bleeding", user=620)
        await rate(bot, last, 620, helpful=False)
        await bot.api.wait_for("sendMessage", lambda c: "Severe bleeding" in c.params["text"])
        assert len(alerts(MOD_A)) == 2
        assert alerts(MOD_A)[1].endswith(w.ALERT_SUPPRESSED.format(count=1))


async def test_a_moderator_who_cannot_be_reached_does_not_stop_the_others(
    tmp_path: Path, fake_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        real_call = bot.api.call

        async def blocked_by_a(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            if method == "sendMessage" and params.get("chat_id") == MOD_A:
                error = "Forbidden: bot was blocked by the user"
                return 403, {"ok": False, "error_code": 403, "description": error}
            return await real_call(method, params)

        bot.api.call = blocked_by_a  # type: ignore[method-assign]
        query_id = await ask(bot, fake_matcher, "choking")
        await rate(bot, query_id, USER, helpful=False)
        await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == MOD_B)
        assert w.WHICH_FITS in bot.texts(USER)  # the user's flow went on as usual
        assert "could not alert a moderator: Forbidden" in caplog.text
