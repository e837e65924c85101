"""Password accounts for the console (``firstaid console add-user NAME``) and login throttling.

Accounts live in ``DATA_DIR/console_users.json`` (mode 0600), not in the
database: they belong to this console's host, and the query log's tables stay
as the bot writes them. Each account is bound to a moderator by the keyed hash
of their Telegram id (never the raw id), so the console checks it against
``MODERATOR_IDS`` on every request, and review claims are shared with
``/review``. Passwords are hashed with argon2id (argon2-cffi's defaults).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ACCOUNTS_FILE = "console_users.json"
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")
MIN_PASSWORD = 12
# Login throttling: this many failures per client within the window, then refusals.
MAX_FAILURES = 5
WINDOW_S = 15 * 60
MAX_CLIENTS = 10_000

_hasher = PasswordHasher()
# Verified when a name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class Account:
    name: str
    moderator_hash: str


class Accounts:
    """The accounts file: add, remove, check a password."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / ACCOUNTS_FILE

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        data: dict[str, dict[str, Any]] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".console_users.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)  # password hashes: readable by the service account only
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def add(self, name: str, password: str, moderator_hash: str) -> None:
        """Create or replace the account ``name``."""
        if not NAME.match(name):
            raise ValueError("a name is 1 to 32 lower-case letters, digits, '.', '_' or '-'")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
        data = self._read()
        data[name] = {"password": _hasher.hash(password), "moderator": moderator_hash}
        self._write(data)

    def remove(self, name: str) -> bool:
        data = self._read()
        if data.pop(name, None) is None:
            return False
        self._write(data)
        return True

    def get(self, name: str) -> Account | None:
        entry = self._read().get(name)
        return None if entry is None else Account(name, str(entry["moderator"]))

    def check(self, name: str, password: str) -> Account | None:
        """The account when the password is right; None otherwise (same cost either way)."""
        entry = self._read().get(name)
        try:
            _hasher.verify(entry["password"] if entry else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        return None if entry is None else Account(name, str(entry["moderator"]))


@dataclass
class Throttle:
    """Counts failed sign-ins per client; refuses a client with too many in the window."""

    max_failures: int = MAX_FAILURES
    window_s: float = WINDOW_S
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)

    def _recent(self, client: str) -> list[float]:
        cutoff = self.clock() - self.window_s
        recent = [t for t in self._failures.get(client, []) if t > cutoff]
        if recent:
            self._failures[client] = recent
        else:
            self._failures.pop(client, None)
        return recent

    def blocked(self, client: str) -> bool:
        return len(self._recent(client)) >= self.max_failures

    def failed(self, client: str) -> None:
        if len(self._failures) >= MAX_CLIENTS:
            # Many addresses failing at once: forget the ones whose window has passed,
            # so memory stays bounded without forgetting anyone still blocked.
            for other in list(self._failures):
                self._recent(other)
        self._failures.setdefault(client, []).append(self.clock())
