"""Start-up faults an operator can fix, each turned into one :class:`ConfigError` line.

``firstaid run`` and ``firstaid chat`` print that line and exit with status 2
before anything talks to Telegram, so a broken deployment never half-starts
(polls, takes updates, then cannot answer or log them).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy.engine import make_url

from bot.settings import ConfigError, Settings, mask_url
from storage.keycheck import KeyMismatch

MAX_DETAIL = 200


def check_data_dir(data_dir: Path) -> None:
    """``DATA_DIR`` exists (created if needed) and takes a file; else a ConfigError."""
    probe = data_dir / f".write-test.{os.getpid()}"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe.write_text("ok\n", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"DATA_DIR {data_dir} is not a writable folder ({exc.strerror or exc}); "
            "create it, give the bot's user write access, or set DATA_DIR to one that is"
        ) from exc


def secret_values(settings: Settings) -> list[str]:
    """Every ``SecretStr`` setting's value (token, hash key, webhook secret), for redaction."""
    values = (getattr(settings, name) for name in type(settings).model_fields)
    return [v.get_secret_value() for v in values if isinstance(v, SecretStr)]


def database_password(url: str) -> str | None:
    """The password in ``url``, for log redaction; None when there is none or it won't parse."""
    try:
        password = make_url(url).password
    except Exception:
        return None
    return str(password) if password else None


def _detail(exc: BaseException, *, hide: str | None = None) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if hide:
        text = text.replace(hide, "********")
    name = type(exc).__name__
    return f"{name}: {text[:MAX_DETAIL]}" if text else name


def database_error(url: str, exc: BaseException) -> ConfigError:
    """The one line for a database that cannot be opened or migrated, or holds another key."""
    if isinstance(exc, KeyMismatch):
        return ConfigError(f"cannot use the database {mask_url(url)}: {exc}")
    return ConfigError(
        f"cannot open the database {mask_url(url)} "
        f"({_detail(exc, hide=database_password(url))}); check DATABASE_URL "
        "(e.g. postgresql://user:password@host/db, or leave it unset for SQLite in DATA_DIR) "
        "and that the server is running"
    )


def model_error(settings: Settings, exc: BaseException) -> ConfigError:
    """The one line for a model that is missing or will not load."""
    model = settings.model or "the promoted one"
    return ConfigError(
        f"cannot load the model (MODEL={model}, MODELS_DIR={settings.models_dir}): "
        f"{_detail(exc)}; run `firstaid models ensure` to train/export it, "
        "or set MODEL=base for the stock model"
    )
