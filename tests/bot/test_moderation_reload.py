"""``/reload`` and SIGHUP: the promoted model replaces the served one without dropping updates."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from telegram import Update
from typer.testing import CliRunner

from bot import ui_text as w
from bot.cli.app import app as cli
from bot.reload import Reloader
from bot.settings import Settings
from matcher import Matcher
from matcher.models.registry import switch, write_manifest
from tests.bot.conftest import HASH_SECRET
from tests.bot.moderation_fakes import MOD_A, ModBot, ask, build_learned_matcher, moderated_bot
from tests.fakes.telegram_api import TOKEN
from tests.fakes.threaded import ThreadedFake

NEW = "20250102-030405"


def new_version(models_dir: Path) -> Path:
    """A trained version in the registry (manifest only: the fake encoder needs no weights)."""
    folder = models_dir / NEW
    folder.mkdir(parents=True)
    write_manifest(folder, {"version": NEW})
    return folder


class GatedBuild:
    """Builds the promoted matcher only once the test lets it, counting calls."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, settings: Settings) -> Matcher:
        self.calls += 1
        self.entered.set()
        assert self.release.wait(10)
        return build_learned_matcher(settings)


async def versions_logged(bot: ModBot) -> list[str]:
    return [str(row["model_version"]) for row in await bot.store.export_queries()]


async def start_reload(bot: ModBot) -> asyncio.Task[None]:
    """/reload from a moderator, processed in the background."""
    bot.api.send_text(chat_id=MOD_A, text="/reload")
    update = Update.de_json(bot.api.pending.pop(), bot.app.bot)
    return asyncio.create_task(bot.app.process_update(update))


async def test_reload_answers_meanwhile_with_the_old_model_then_switches(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    models = tmp_path / "models"
    new_version(models)
    async with moderated_bot(tmp_path, None, models_dir=models) as bot:
        gate = GatedBuild()
        bot.app.bot_data.services.reloader = Reloader(gate)
        assert bot.app.bot_data.services.answerer is not None
        assert bot.app.bot_data.services.answerer.matcher.model_version == "base"
        switch(models, NEW)  # `firstaid train` promoted a new version

        reloading = await start_reload(bot)
        assert await asyncio.to_thread(gate.entered.wait, 10)
        await ask(bot, fake_matcher, "burn")  # arrives while the new model loads
        assert len(bot.sent(501)) == 1 and not reloading.done()  # answered, not held back
        assert await versions_logged(bot) == ["base"]
        gate.release.set()
        await reloading

        progress = bot.sent(MOD_A)[-1]
        assert progress.params["text"] == w.RELOAD_STARTED
        done = bot.message(MOD_A, progress.result["message_id"])["text"]
        assert done.startswith(f"✅ Model switched: base → {NEW} (")
        await ask(bot, fake_matcher, "burn")
        assert await versions_logged(bot) == ["base", NEW]
        assert bot.services.matcher.model_version == NEW  # keyboards use the same corpus


async def test_concurrent_reloads_build_once(tmp_path: Path) -> None:
    models = tmp_path / "models"
    new_version(models)
    async with moderated_bot(tmp_path, None, models_dir=models) as bot:
        gate = GatedBuild()
        bot.app.bot_data.services.reloader = Reloader(gate)
        switch(models, NEW)
        first = await start_reload(bot)
        assert await asyncio.to_thread(gate.entered.wait, 10)
        second = await start_reload(bot)
        await asyncio.sleep(0.05)
        gate.release.set()
        await asyncio.gather(first, second)
        results = sorted(
            bot.message(MOD_A, c.result["message_id"])["text"] for c in bot.sent(MOD_A)
        )
        assert gate.calls == 1
        assert results[0] == w.RELOAD_SAME.format(version=NEW)
        assert results[1].startswith(f"✅ Model switched: base → {NEW}")


async def test_a_model_that_fails_to_load_leaves_the_old_one_serving(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    def broken(settings: Settings) -> Matcher:
        raise RuntimeError("model.onnx is truncated")

    models = tmp_path / "models"
    new_version(models)
    async with moderated_bot(tmp_path, None, models_dir=models) as bot:
        bot.app.bot_data.services.reloader = Reloader(broken)
        switch(models, NEW)
        bot.api.send_text(chat_id=MOD_A, text="/reload")
        await bot.deliver()
        progress = bot.sent(MOD_A)[-1]
        reason = "RuntimeError: model.onnx is truncated"
        expected = w.RELOAD_FAILED.format(version="base", reason=reason)
        assert bot.message(MOD_A, progress.result["message_id"])["text"] == expected
        await ask(bot, fake_matcher, "burn")
        assert await versions_logged(bot) == ["base"]


async def test_reload_without_a_new_model_does_nothing(tmp_path: Path) -> None:
    gate = GatedBuild()
    async with moderated_bot(tmp_path, None, models_dir=tmp_path / "models") as bot:
        bot.app.bot_data.services.reloader = Reloader(gate)
        bot.api.send_text(chat_id=MOD_A, text="/reload")
        await bot.deliver()
        progress = bot.sent(MOD_A)[-1]
        assert bot.message(MOD_A, progress.result["message_id"])["text"] == w.RELOAD_SAME.format(
            version="base"
        )
        assert gate.calls == 0


async def test_sighup_reloads_while_running_and_is_unhooked_on_shutdown(tmp_path: Path) -> None:
    models = tmp_path / "models"
    new_version(models)
    async with moderated_bot(tmp_path, None, models_dir=models, sighup=True) as bot:
        bot.app.bot_data.services.reloader = Reloader(build_learned_matcher)
        worker = bot.app.bot_data.services.answerer
        assert worker is not None and worker.matcher.model_version == "base"
        # Without a handler SIGHUP would end the test run: make sure one is installed.
        assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        switch(models, NEW)
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(200):
            if worker.matcher.model_version == NEW:
                break
            await asyncio.sleep(0.05)
        assert worker.matcher.model_version == NEW
    assert not asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)


@pytest.mark.timeout(60)
def test_firstaid_run_reloads_on_sighup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The production path: ``firstaid run`` (run_polling) with the runner's SIGHUP hook."""
    models = tmp_path / "models"
    new_version(models)
    monkeypatch.chdir(tmp_path)
    for name in ("DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE", "MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODELS_DIR", str(models))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setattr("bot.bootstrap.build_matcher", build_learned_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    monkeypatch.setenv("ADMIT_USER_BURST", "10000")  # /about is asked every 0.2 s below
    about: list[str] = []
    with ThreadedFake() as fake:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_URL", fake.api.url)

        def ask_about(n: int) -> str:
            fake.call(fake.api.send_text, chat_id=601, text="/about")
            (*_, reply) = fake.run(fake.api.wait_for("sendMessage", count=n, timeout=20))
            return str(reply.params["text"])

        def drive() -> None:
            try:
                about.append(ask_about(1))
                switch(models, NEW)
                # Unhandled, SIGHUP would end the whole test run: only send it when hooked.
                if signal.getsignal(signal.SIGHUP) in (signal.SIG_DFL, signal.SIG_IGN, None):
                    return
                os.kill(os.getpid(), signal.SIGHUP)
                deadline = time.monotonic() + 20
                while NEW not in about[-1] and time.monotonic() < deadline:
                    time.sleep(0.2)
                    about.append(ask_about(len(about) + 1))
            finally:
                os.kill(os.getpid(), signal.SIGINT)

        driver = threading.Thread(target=drive)
        driver.start()
        result = CliRunner().invoke(cli, ["run"])
        driver.join()
    assert result.exit_code == 0, result.output
    assert "Model: base" in about[0]
    assert f"Model: {NEW}" in about[-1]
