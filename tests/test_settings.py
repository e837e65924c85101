from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.settings import ConfigError, Settings, mask_url, resolve_hash_secret

TOKEN = "123456:AAE-real-looking-token-value-xyz"
SECRET = "0123456789abcdef0123456789abcdef"


def test_config_masks_every_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("HASH_SECRET", SECRET)
    monkeypatch.setenv("WEBHOOK_SECRET", "webhook-secret-value-123")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot:pg-pass-987@db/firstaid")
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for secret in (TOKEN, SECRET, "webhook-secret-value-123", "pg-pass-987"):
        assert secret not in result.output
    assert "TELEGRAM_BOT_TOKEN" in result.output and "********" in result.output
    assert "postgresql+asyncpg://bot:********@db/firstaid" in result.output


def test_secrets_are_hidden_from_repr() -> None:
    settings = Settings(telegram_bot_token=TOKEN, hash_secret=SECRET, _env_file=None)  # type: ignore[arg-type,call-arg]
    assert TOKEN not in repr(settings) and SECRET not in repr(settings)


def test_moderator_ids_parse_from_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODERATOR_IDS", "42, 7;1001")
    assert Settings(_env_file=None).moderator_ids == {42, 7, 1001}  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["changeme", "secret", "short-key"])
def test_placeholder_hash_secret_is_refused(value: str) -> None:
    settings = Settings(hash_secret=value, _env_file=None)  # type: ignore[arg-type,call-arg]
    with pytest.raises(ConfigError, match="HASH_SECRET"):
        resolve_hash_secret(settings)


def test_hash_secret_is_generated_once_and_reused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]
    first = resolve_hash_secret(settings)
    assert len(first) == 64
    assert resolve_hash_secret(settings) == first
    assert (tmp_path / "data" / "hash_secret").stat().st_mode & 0o077 == 0


def test_mask_url_leaves_urls_without_password_alone() -> None:
    assert mask_url("sqlite+aiosqlite:///data/x.db") == "sqlite+aiosqlite:///data/x.db"
