"""Start-up faults: one clear line naming the fix, exit status 2, and Telegram never touched.

``firstaid run`` opens the data folder, the database and the model before it
contacts Telegram, so a broken deployment never half-starts (takes updates it
cannot answer or log). The fake Bot API records every call to prove it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import health
from bot.cli.app import app
from tests.bot.conftest import HASH_SECRET
from tests.fakes.telegram_api import TOKEN
from tests.fakes.threaded import ThreadedFake

pytestmark = pytest.mark.timeout(60)
DB_PASSWORD = "Db-Passw0rd-never-shown-7731"


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadedFake]:
    """A clean environment pointing ``firstaid run`` at a fake Bot API."""
    monkeypatch.chdir(tmp_path)
    for name in ("DEFAULT_COUNTRY", "DATABASE_URL", "RUN_MODE", "MODEL", "ENCODER", "MODELS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    with ThreadedFake() as threaded:
        monkeypatch.setenv("TELEGRAM_API_URL", threaded.api.url)
        yield threaded


def corrupt_export(models_dir: Path) -> None:
    """A base-model export whose files are garbage (a truncated download, a bad disk)."""
    folder = models_dir / "base-onnx"
    folder.mkdir(parents=True)
    for name in ("model.onnx", "model_int8.onnx", "tokenizer.json"):
        (folder / name).write_bytes(b"\x00garbage\xff" * 10)
    (folder / "onnx.json").write_text(json.dumps({"verified": True}), encoding="utf-8")


def unwritable_data_dir(tmp_path: Path) -> str:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where DATA_DIR's parent should be\n", encoding="utf-8")
    return str(blocker / "data")


CASES = {
    "missing model": ({"MODEL": "v404"}, "firstaid models ensure"),
    "corrupt model files": ({"MODEL": "base", "ENCODER": "onnx"}, "firstaid models ensure"),
    "unwritable DATA_DIR": ({}, "DATA_DIR"),
    "unknown database driver": ({"DATABASE_URL": "nosuchdb://x/y"}, "check DATABASE_URL"),
    "database refusing connections": (
        {"DATABASE_URL": f"postgresql://bot:{DB_PASSWORD}@127.0.0.1:1/firstaid"},
        "check DATABASE_URL",
    ),
    "placeholder HASH_SECRET": ({"HASH_SECRET": "changeme"}, "HASH_SECRET"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_start_up_fault_is_one_line_and_a_non_zero_exit_before_telegram(
    case: str, fake: ThreadedFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, fix = CASES[case]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if case == "corrupt model files":
        corrupt_export(tmp_path / "models")
    if case == "unwritable DATA_DIR":
        monkeypatch.setenv("DATA_DIR", unwritable_data_dir(tmp_path))
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and fix in errors[0], result.output
    assert "Traceback" not in result.output and DB_PASSWORD not in result.output
    assert fake.api.calls == []  # Telegram never contacted: nothing half-started
    assert not health.heartbeat_path(tmp_path / "data").exists()


def test_a_token_telegram_refuses_is_one_line_and_no_polling(
    fake: ThreadedFake, monkeypatch: pytest.MonkeyPatch, fake_matcher: object
) -> None:
    monkeypatch.setattr("bot.bootstrap.build_matcher", lambda settings, **_: fake_matcher)
    # A child process could not rebuild a replaced builder\'s matcher.
    monkeypatch.setenv("SPEEDUPS", "false")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "7000000001:AAWrongTokenWrongTokenWrongToken_x")
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2, result.output
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in result.output
    assert "Traceback" not in result.output
    assert fake.api.calls == []  # (the fake records only authorised calls) never polled


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through any permission bits")
def test_a_read_only_data_dir_is_refused(
    fake: ThreadedFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "ro"
    data.mkdir(mode=0o500)
    monkeypatch.setenv("DATA_DIR", str(data))
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2 and "DATA_DIR" in result.output
    assert fake.api.calls == []


def test_the_real_process_prints_only_the_error_line(tmp_path: Path) -> None:
    """As a service manager sees it: stderr is the one line, the exit status 2."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": "http://127.0.0.1:9",
        "DATA_DIR": str(tmp_path / "data"),
        "HASH_SECRET": HASH_SECRET,
        "DATABASE_URL": f"postgresql://bot:{DB_PASSWORD}@127.0.0.1:1/firstaid",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli.app import main; main()", "run"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: cannot open the database"), done.stderr
    assert DB_PASSWORD not in done.stderr + done.stdout
