"""The one place configuration is read: environment variables and ``.env``."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Values people paste from examples; refusing them stops a deployment that
# would hash user ids with a public key.
PLACEHOLDER_SECRETS = frozenset(
    {
        "",
        "changeme",
        "change-me",
        "change_me",
        "changethis",
        "secret",
        "placeholder",
        "your-secret-here",
        "hash-secret",
        "xxx",
        "todo",
        "test",
        "password",
    }
)
MIN_SECRET_LENGTH = 16
TELEGRAM_API_URL = "https://api.telegram.org"


class ConfigError(Exception):
    """A setting that makes start-up unsafe or impossible; the message names the fix."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    telegram_rate_limit: float = Field(default=30.0, gt=0)
    # Admission control (bot/telegram/admission.py): messages each person, and each
    # group, may send at once (burst) and per minute after that. Emergencies always pass.
    admit_user_burst: int = Field(default=8, ge=1)
    admit_user_per_minute: float = Field(default=12.0, gt=0)
    admit_group_burst: int = Field(default=20, ge=1)
    admit_group_per_minute: float = Field(default=20.0, gt=0)
    # `firstaid health` fails when updates waited longer than this to be handled.
    health_max_wait_s: float = Field(default=30.0, gt=0)
    data_dir: Path = Path("data")
    database_url: str | None = None
    models_dir: Path = Path("models")
    model: str | None = None
    encoder: Literal["auto", "onnx", "onnx-int8", "torch"] = "auto"
    # The throughput machinery for hundreds of messages a second (docs/architecture.md,
    # "Speed-ups"); Telegram's own cap of 30 a second needs none of it.
    speedups: bool = False
    hash_secret: SecretStr | None = None
    moderator_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_country: str | None = None
    # Languages answered in full besides English (each needs corpus/topics/<lang>/);
    # empty: English only (any other language gets the short answer).
    languages: Annotated[tuple[str, ...], NoDecode] = ("es",)
    retention_days: int = Field(default=365, ge=1)
    run_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None
    log_level: str = "INFO"
    # The moderators' web console (`firstaid console`). Local by default; CONSOLE_URL is
    # the address sign-in links point at when a proxy serves it elsewhere (over HTTPS).
    console_host: str = "127.0.0.1"
    console_port: int = Field(default=8080, ge=1, le=65535)
    console_url: str | None = None
    console_secure_cookies: bool = True

    @field_validator("moderator_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _parse_languages(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(p.strip().lower() for p in value.replace(";", ",").split(",") if p.strip())
        return value

    @field_validator("default_country", mode="before")
    @classmethod
    def _upper_country(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip().upper() or None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'firstaid.db'}"

    def masked(self) -> dict[str, str]:
        """Every setting as text, secrets (and database passwords) masked."""
        out: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                shown = "********" if value.get_secret_value() else "(empty)"
            elif value is None:
                shown = "(not set)"
            elif isinstance(value, frozenset | tuple):
                shown = ",".join(str(v) for v in sorted(value)) or "(none)"
            else:
                shown = str(value)
            out[name.upper()] = shown
        out["DATABASE_URL"] = mask_url(self.effective_database_url)
        return out


def mask_url(url: str) -> str:
    """Hide the password in ``scheme://user:password@host/db``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:********@{host}"


def is_placeholder(secret: str) -> bool:
    return secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret.strip()) < MIN_SECRET_LENGTH


def resolve_hash_secret(settings: Settings) -> bytes:
    """The key for hashing Telegram ids.

    A configured value must be a real secret. When none is configured (a local
    run), one is generated once into ``data/hash_secret`` so hashes stay stable
    across restarts.
    """
    if settings.hash_secret is not None:
        value = settings.hash_secret.get_secret_value()
        if is_placeholder(value):
            raise ConfigError(
                f"HASH_SECRET is a placeholder or shorter than {MIN_SECRET_LENGTH} characters; "
                "set it to a random value, e.g. the output of: "
                'python -c "import secrets; print(secrets.token_hex(32))"'
            )
        return value.encode()
    path = settings.data_dir / "hash_secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip().encode()
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        value = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value + "\n")
            # On disk before any hash made with it is stored: a key lost in a crash
            # would orphan those rows (the database's fingerprint then stops start-up).
            fh.flush()
            os.fsync(fh.fileno())
        dir_fd = os.open(settings.data_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise ConfigError(
            f"cannot write {path} ({exc.strerror}); make DATA_DIR writable or set HASH_SECRET"
        ) from exc
    return value.encode()


def get_settings() -> Settings:
    return Settings()
