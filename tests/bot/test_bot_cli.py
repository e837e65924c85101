"""``firstaid run``, ``firstaid chat`` and ``firstaid health`` through the real CLI."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import health
from bot import ui_text as w
from bot.cli.app import app
from bot.cli.chat import LOCAL_USER_ID
from matcher import Matcher
from storage.store import Store
from tests.bot.conftest import HASH_SECRET, example_of
from tests.fakes.telegram_api import TOKEN
from tests.fakes.threaded import ThreadedFake


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher) -> Path:
    """A clean working folder, settings from the environment, the fast fake matcher."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    return tmp_path / "data"


async def stored(data_dir: Path) -> tuple[list[dict[str, object]], Store]:
    store = await Store.open(
        f"sqlite+aiosqlite:///{data_dir / 'firstaid.db'}", hash_secret=HASH_SECRET.encode()
    )
    return await store.export_queries(), store


def test_chat_answers_logs_and_takes_numbered_feedback(env: Path, fake_matcher: Matcher) -> None:
    question = example_of(fake_matcher, "sunburn")
    script = f"{question}\n2\n1\n/country GB\n/emergency\n{question}\n1\n/quit\n"
    result = CliRunner().invoke(app, ["chat"], input=script)
    assert result.exit_code == 0, result.output
    out = result.output
    assert w.CHAT_INTRO in out and w.WHICH_FITS in out and w.CHAT_BYE in out
    assert "Sunburn" in out and "<b>" not in out  # plain text, not HTML
    assert "United Kingdom" in out and "999" in out

    async def check() -> None:
        queries, store = await stored(env)
        try:
            assert [q["topic"] for q in queries] == ["sunburn", "sunburn"]
            assert {q["chat_type"] for q in queries} == {"terminal"}
            first, second = sorted(int(str(q["id"])) for q in queries)
            (picked,) = await store.get_feedback(first)
            (rated,) = await store.get_feedback(second)
            assert picked.helpful is False and picked.picked_topic is not None
            assert picked.picked_topic != "sunburn" and rated.helpful is True
            assert picked.user_hash == store.hasher.hash(LOCAL_USER_ID)
        finally:
            await store.close()

    asyncio.run(check())


def test_run_without_token_explains_and_exits_when_not_interactive(env: Path) -> None:
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 0
    assert "@BotFather" in result.output and "TELEGRAM_BOT_TOKEN" in result.output
    assert w.CHAT_INTRO not in result.output


def test_run_without_token_opens_the_chat_in_a_terminal(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.cli.bot_cmds._interactive", lambda: True)
    result = CliRunner().invoke(app, ["run"], input="/quit\n")
    assert result.exit_code == 0
    assert result.output.index("@BotFather") < result.output.index(w.CHAT_INTRO)


def test_health_reads_the_heartbeat(env: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["health"]).exit_code == 1  # no heartbeat yet
    health.beat(env)
    assert runner.invoke(app, ["health"]).exit_code == 0
    health.beat(env, now=time.time() - health.STALE_AFTER_S - 1)
    stale = runner.invoke(app, ["health"])
    assert stale.exit_code == 1 and "unhealthy" in stale.output


def test_webhook_mode_without_url_is_a_clear_error(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("RUN_MODE", "webhook")
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2 and "WEBHOOK_URL" in result.output


@pytest.mark.timeout(60)
def test_run_polls_answers_beats_and_stops_cleanly_on_sigint(
    env: Path, monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher
) -> None:
    """The production path: ``run_polling`` with its signal handling, jobs and heartbeat."""
    seen: dict[str, object] = {}
    with ThreadedFake() as fake:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_URL", fake.api.url)
        fake.call(fake.api.send_text, chat_id=601, text=example_of(fake_matcher, "sunburn"))

        def stop_when_answered() -> None:
            try:
                fake.run(fake.api.wait_for("sendMessage", timeout=30))
                seen["healthy"] = health.is_fresh(env)
            finally:
                os.kill(os.getpid(), signal.SIGINT)

        stopper = threading.Thread(target=stop_when_answered)
        stopper.start()
        result = CliRunner().invoke(app, ["run"])
        stopper.join()
        methods = [c.method for c in fake.api.calls]
    assert result.exit_code == 0, result.output
    assert seen == {"healthy": True}
    # The command menu once per language (English, Spanish), then polling starts.
    assert methods[:4] == ["getMe", "setMyCommands", "setMyCommands", "deleteWebhook"]
    assert not health.is_fresh(env)  # a stopped bot removes its heartbeat

    async def logged() -> list[dict[str, object]]:
        queries, store = await stored(env)
        await store.close()
        return queries

    assert [q["topic"] for q in asyncio.run(logged())] == ["sunburn"]
