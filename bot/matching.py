"""Matching off the event loop: every matcher call runs on one dedicated thread.

Encoding takes milliseconds of CPU; on the event loop it would stall every
other chat. The matcher is not assumed thread-safe, so calls are serialised
through a single worker thread rather than a pool. This class is the seam
where micro-batching can replace one-call-per-message without touching
handlers: they only ``await worker.answer(text, country)``.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from matcher import Answer, Match, Matcher, answer, compose_topic

T = TypeVar("T")


class MatchWorker:
    """Runs :func:`matcher.answer` and friends on one thread, awaited from async code."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def answer(self, text: str, country: str | None) -> Answer:
        """Match ``text`` and compose its reply for ``country``."""
        return await self._run(
            functools.partial(answer, text, matcher=self.matcher, country=country)
        )

    async def match(self, text: str) -> Match:
        """Only the decision (inline queries, logging a chosen inline result)."""
        return await self._run(functools.partial(self.matcher.match, text))

    def topic_reply(self, topic_id: str, country: str | None, *, html: bool = True) -> list[str]:
        """A topic's full reply; composing is cheap string work, so it stays on the loop."""
        return compose_topic(
            topic_id,
            corpus=self.matcher.corpus,
            country=country,
            fmt="html" if html else "text",
        )

    @property
    def model_version(self) -> str:
        return self.matcher.model_version

    def close(self) -> None:
        """Stop the thread; queued calls are cancelled."""
        self._executor.shutdown(wait=False, cancel_futures=True)
