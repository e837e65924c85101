"""Matching off the event loop: every matcher call runs on one dedicated thread.

Encoding takes milliseconds of CPU; on the event loop it would stall every
other chat. The matcher is not assumed thread-safe, so calls are serialised
through a single worker thread rather than a pool.

While that thread is busy, new messages wait in a queue; when it is free it
takes everything waiting (up to ``max_batch``) in one ``answer_batch`` call,
which costs far less per message than one call each. No message is ever held
back to wait for others: a lone message goes straight through. A time window
that gathers messages on purpose could be added here without touching handlers,
which only ``await worker.answer(text, country)``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from matcher import Answer, Match, Matcher, answer_batch, compose_topic

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_BATCH = 32

_Job = tuple[str, str | None, "asyncio.Future[Answer]"]


class MatchWorker:
    """Runs :func:`matcher.answer_batch` and friends on one thread, awaited from async code."""

    def __init__(self, matcher: Matcher, *, max_batch: int = MAX_BATCH) -> None:
        self.matcher = matcher
        self.max_batch = max_batch
        self.batches = 0  # encoder calls made for answers (the benchmark reports it)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")
        self._waiting: list[_Job] = []
        self._drainer: asyncio.Task[None] | None = None

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def answer(self, text: str, country: str | None) -> Answer:
        """Match ``text`` and compose its reply for ``country``."""
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._waiting.append((text, country, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._waiting:
            batch = self._waiting[: self.max_batch]
            del self._waiting[: self.max_batch]
            await self._answer_batch(batch)

    async def _answer_batch(self, batch: list[_Job]) -> None:
        texts = [text for text, _, _ in batch]
        countries = [country for _, country, _ in batch]
        self.batches += 1
        try:
            answers = await self._run(
                functools.partial(answer_batch, texts, matcher=self.matcher, countries=countries)
            )
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0][2], exc)
                return
            # One bad message must not fail the others: answer them one by one.
            log.warning("a batch of %d failed; answering its messages one by one", len(batch))
            for job in batch:
                await self._answer_batch([job])
            return
        for (_, _, future), result in zip(batch, answers, strict=True):
            _settle(future, result)

    async def match(self, text: str) -> Match:
        """Only the decision (inline queries)."""
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
        if self._drainer is not None:
            self._drainer.cancel()
        for _, _, future in self._waiting:
            future.cancel()
        self._waiting.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _settle(future: asyncio.Future[Answer], outcome: Answer | Exception) -> None:
    if future.done():  # the handler was cancelled meanwhile
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
