"""A lost or changed hash key stops start-up with one line instead of orphaning rows."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.settings import Settings, resolve_hash_secret
from tests.fakes.telegram_api import TOKEN

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "HASH_SECRET", "MODEL", "RUN_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")  # never reached
    return tmp_path / "data"


def test_a_replaced_key_file_stops_start_up_with_one_line(env: Path) -> None:
    first = CliRunner().invoke(app, ["stats"])
    assert first.exit_code == 0, first.output  # the generated key met the database
    (env / "hash_secret").unlink()  # lost: the next start would make a new one
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "restore the original key" in errors[0], result.output
    assert "Traceback" not in result.output
    again = CliRunner().invoke(app, ["stats"])  # the CLI refuses the same way
    assert again.exit_code == 2 and "restore the original key" in again.output


def test_the_generated_key_is_private_and_stable(env: Path) -> None:
    settings = Settings(data_dir=env)
    key = resolve_hash_secret(settings)
    assert resolve_hash_secret(settings) == key and len(key) == 64
    mode = stat.S_IMODE(os.stat(env / "hash_secret").st_mode)
    assert mode == 0o600
