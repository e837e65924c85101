"""The fake Bot API on its own thread and event loop, for tests that block the main thread
(``firstaid run`` under ``CliRunner``) or run the bot in another process.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from tests.fakes.telegram_api import FakeTelegram

T = TypeVar("T")


class ThreadedFake:
    """``with ThreadedFake() as fake:`` starts it; ``fake.call(fake.api.send_text, ...)``."""

    def __init__(self, **kwargs: Any) -> None:
        self._kwargs = kwargs
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.api: FakeTelegram

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        """Run ``coro`` on the fake's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call a plain method of the fake on its own loop (it is not thread-safe)."""

        async def inner() -> T:
            return fn(*args, **kwargs)

        return self.run(inner())

    def __enter__(self) -> ThreadedFake:
        self._thread.start()

        async def start() -> FakeTelegram:
            return await FakeTelegram(**self._kwargs).start()

        self.api = self.run(start())
        return self

    def __exit__(self, *exc: object) -> None:
        self.run(self.api.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()
