"""The terminal chat shows the first message and walks the answer like the buttons do."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import ui_text as w
from bot.cli.app import app
from matcher import Matcher
from matcher import wording as mw
from tests.bot.conftest import HASH_SECRET


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher) -> Path:
    """As in test_bot_cli: a clean folder, settings from the environment, the fake matcher."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    monkeypatch.setenv("SPEEDUPS", "false")
    return tmp_path / "data"


def test_chat_shows_the_first_message_then_steps_and_audiences(env: Path) -> None:
    script = "not breathing\nn\nn\np\nb\nd\n\n/country US\nnot breathing\n\n/quit\n"
    result = CliRunner().invoke(app, ["chat"], input=script)
    assert result.exit_code == 0, result.output
    out = result.output
    first_reply = out.split("step 1 of")[0]
    assert mw.COMMON_NUMBERS in first_reply and "Sources:" not in first_reply
    assert w.CHAT_NEXT in out and w.CHAT_SET_COUNTRY in out
    assert "step 1 of 8" in out and "step 2 of 8" in out
    assert out.index("step 2 of 8") < out.rindex("step 1 of 8")  # p goes back
    assert "(baby under one)" in out and "both thumbs" in out
    assert "Do not mistake gasping" in out
    assert "🚨 Call 911 now." in out  # after /country US
