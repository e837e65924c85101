"""Shared test data for the storage tests (a module name no other test folder uses)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

SECRET = b"storage-tests-secret-0123456789"
START = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

# ``await log(**overrides)`` -> query id; see the ``log`` fixture.
QueryFactory = Callable[..., Awaitable[int]]


class FakeClock:
    """A clock the test moves by hand: leases, purge and stats without sleeping."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
