"""``firstaid console`` and ``firstaid console add-user`` through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.console.accounts import ACCOUNTS_FILE, Accounts
from tests.bot.conftest import HASH_SECRET

MODERATOR = 9001
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "CONSOLE_URL", "CONSOLE_HOST", "CONSOLE_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setenv("MODERATOR_IDS", str(MODERATOR))
    return tmp_path / "data"


def test_add_user_stores_an_argon2_hash_bound_to_a_moderator(env: Path) -> None:
    password = "a long enough password"
    args = ["console", "add-user", "alice", "--moderator-id", str(MODERATOR)]
    result = CliRunner().invoke(app, args, input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    path = env / ACCOUNTS_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text(encoding="utf-8")
    assert password not in text and str(MODERATOR) not in text
    assert json.loads(text)["alice"]["password"].startswith("$argon2id$")
    assert Accounts(env).check("alice", password) is not None
    assert Accounts(env).check("alice", "a wrong password") is None


@pytest.mark.parametrize(
    ("args", "password", "says"),
    [
        (["alice", "--moderator-id", "4242"], "a long enough password", "MODERATOR_IDS"),
        (["alice", "--moderator-id", str(MODERATOR)], "short", "12 characters"),
        (["Alice Smith", "--moderator-id", str(MODERATOR)], "a long enough password", "name"),
    ],
)
def test_add_user_refuses_bad_input(env: Path, args: list[str], password: str, says: str) -> None:
    result = CliRunner().invoke(
        app, ["console", "add-user", *args], input=f"{password}\n{password}\n"
    )
    assert result.exit_code == 2 and says in result.output
    assert not (env / ACCOUNTS_FILE).exists()


def test_console_refuses_to_start_without_moderators(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODERATOR_IDS", "")
    result = CliRunner().invoke(app, ["console"])
    assert result.exit_code == 2 and "MODERATOR_IDS" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_console_serves_on_the_configured_port(env: Path) -> None:
    port = _free_port()
    environment = {**os.environ, "CONSOLE_PORT": str(port), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli.app import main; main()", "console"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()[0]
                assert time.monotonic() < deadline, "the console did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and "/console" in response.text
        assert "server" not in response.headers
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 303
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert process.returncode == 0, output
    assert "GET /login" not in output  # no access log: addresses carry sign-in tokens
