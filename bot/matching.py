"""Matching off the event loop: batches on one dedicated thread, or in a child process.

Encoding takes milliseconds of CPU; on the event loop it would stall every
other chat. The matcher is not assumed thread-safe, so calls are serialised
through a single worker thread rather than a pool.

New messages wait in a queue; everything waiting (up to ``max_batch``) goes
in one ``answer_batch`` call, which costs less per message than one call
each. A lone message goes straight through; only under load (a batch has just
gone and more wait) does the next batch wait ``window_s`` for messages already
on their way. Up to ``IN_FLIGHT`` batches are handed over at once, so the child
starts the next batch the moment it finishes one instead of idling while
answers travel back and the next batch is pickled. Handlers only
``await worker.answer(text, country)``.

Given a ``child`` (a picklable factory building the same matcher), batches are
answered in a child process instead (:mod:`bot.match_process`), once it has
started; until then, and for any batch the child fails to answer because it
died, the thread answers with the parent's matcher and a new child is started.
Every message is answered either way. While the child is busy with
``IN_FLIGHT`` batches and a backlog of at least ``OVERFLOW_AT`` messages
waits, the thread answers one batch of it too: the child alone is the
bottleneck at 300 messages/s on two cores (~90 % busy), and the bot's own
process has a third of a core left. Both matchers are the same model and
version, so an answer does not depend on which of them gave it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.match_process import HTML_ONLY, MatcherFactory, MatchProcess, MatchProcessError
from matcher import Answer, Match, Matcher, answer_batch, compose_topic
from matcher.encoders import SentenceTransformerEncoder

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_BATCH = 32
# How long a batch may wait for company, under load only (see ``_drain``).
BATCH_WINDOW_S = 0.004
# Batches handed to the child at once: one being answered, one ready behind it.
# Load benchmark, 1,000 messages at once: 257 -> 322 messages/s.
IN_FLIGHT = 2
# With the child busy on IN_FLIGHT batches and at least this many messages still
# waiting, the bot's own thread answers a batch too (one at a time). Load
# benchmark at 300/s, three interleaved pairs: p99 244 / 672 / 276 ms without,
# 206 / 323 / 225 ms with.
OVERFLOW_AT = 8
# Children started in all; past this, a child that keeps dying is not replaced
# and the thread answers from then on.
MAX_CHILD_STARTS = 5

_Job = tuple[str, str | None, "asyncio.Future[Answer]"]


class MatchWorker:
    """Runs :func:`matcher.answer_batch` on one thread or in a child process, for async code."""

    def __init__(
        self,
        matcher: Matcher,
        *,
        max_batch: int = MAX_BATCH,
        window_s: float = BATCH_WINDOW_S,
        child: Callable[[Matcher], MatcherFactory] | None = None,
    ) -> None:
        """``child`` turns a matcher into a factory that builds the same one in a child process."""
        self.max_batch = max_batch
        self.window_s = window_s
        self.batches = 0  # encoder calls made for answers (the benchmark reports it)
        self.child_starts = 0
        self._child_for = child
        self._process: MatchProcess | None = None
        self._process_ready = False
        self._starter: asyncio.Task[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")
        self._waiting: list[_Job] = []
        self._drainer: asyncio.Task[None] | None = None
        self._in_flight: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._overflow: asyncio.Task[None] | None = None
        self.overflow_batches = 0
        self._matcher = matcher

    @property
    def matcher(self) -> Matcher:
        return self._matcher

    @matcher.setter
    def matcher(self, matcher: Matcher) -> None:
        """Serve ``matcher`` from now on (a reload); a child process is replaced by a new one."""
        self._matcher = matcher
        if self._process is not None:
            self._stop_child()
            self.start_child()

    @property
    def in_child(self) -> bool:
        """True while batches are answered in the child process."""
        return self._process_ready

    async def child_ready(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for a starting child; True when it answers batches."""
        if self._starter is not None and not self._starter.done():
            await asyncio.wait({self._starter}, timeout=timeout)
        return self._process_ready

    def start_child(self) -> None:
        """Start a child process in the background (needs a running loop).

        Nothing happens without a ``child`` factory or after ``MAX_CHILD_STARTS``.
        """
        if self._child_for is None or self.child_starts >= MAX_CHILD_STARTS:
            return
        if self._starter is not None:
            self._starter.cancel()
        self.child_starts += 1
        process = MatchProcess(self._child_for(self._matcher))
        self._process = process
        self._starter = asyncio.create_task(self._await_child(process))

    async def _await_child(self, process: MatchProcess) -> None:
        try:
            version = await process.start()
        except Exception:
            log.exception("the matcher process did not start; matching in the bot's process")
            if self._process is process:
                self._stop_child()
            return
        if self._process is not process:  # replaced meanwhile (a reload)
            return
        if version != self._matcher.model_version:
            log.error(
                "the matcher process built %s instead of %s; matching in the bot's process",
                version,
                self._matcher.model_version,
            )
            self._stop_child()
            return
        self._process_ready = True
        log.info("matching in a child process (model %s)", version)

    def _stop_child(self) -> None:
        if self._process is not None:
            self._process.close()
        self._process = None
        self._process_ready = False

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
        busy = False
        while self._waiting:
            if busy and self.window_s > 0 and len(self._waiting) < self.max_batch:
                # Under load only (a batch has just gone and more wait): a moment
                # for the messages already on their way to join this batch.
                await asyncio.sleep(self.window_s)
            if (
                self._process_ready
                and self._can_overflow()
                and self._slots.locked()
                and len(self._waiting) >= OVERFLOW_AT
                and (self._overflow is None or self._overflow.done())
            ):
                batch = self._waiting[: self.max_batch]
                del self._waiting[: self.max_batch]
                self._overflow = asyncio.create_task(self._answer_batch(batch, in_thread=True))
                self._in_flight.add(self._overflow)
                self._overflow.add_done_callback(self._in_flight.discard)
                self.overflow_batches += 1
                continue
            await self._slots.acquire()
            batch = self._waiting[: self.max_batch]
            del self._waiting[: self.max_batch]
            if not batch:  # answered by close() meanwhile
                self._slots.release()
                break
            task = asyncio.create_task(self._answer_batch(batch))
            self._in_flight.add(task)
            task.add_done_callback(self._batch_done)
            busy = True

    def _can_overflow(self) -> bool:
        # Not with the torch reference: its own thread pool beside the child's halved
        # the bot's capacity (speed benchmark, 1,000 at once: 143 -> 75 messages/s).
        return not isinstance(self._matcher.encoder, SentenceTransformerEncoder)

    def _batch_done(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._slots.release()

    async def _answer_batch(self, batch: list[_Job], *, in_thread: bool = False) -> None:
        texts = [text for text, _, _ in batch]
        countries = [country for _, country, _ in batch]
        self.batches += 1
        try:
            if in_thread:
                answers = await self._run(
                    functools.partial(
                        answer_batch,
                        texts,
                        matcher=self._matcher,
                        countries=countries,
                        formats=HTML_ONLY,
                    )
                )
            else:
                answers = await self._answer_texts(texts, countries)
        except asyncio.CancelledError:  # close(): nobody will answer these now
            for _, _, future in batch:
                future.cancel()
            raise
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

    async def _answer_texts(self, texts: list[str], countries: list[str | None]) -> list[Answer]:
        process = self._process
        if process is not None and self._process_ready:
            try:
                return await process.answer_batch(texts, countries)
            except MatchProcessError:
                log.exception("the matcher process died; answering in the bot's process")
                if self._process is process:
                    self._stop_child()
                    self.start_child()
        return await self._run(
            functools.partial(
                answer_batch, texts, matcher=self._matcher, countries=countries, formats=HTML_ONLY
            )
        )

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
        """Stop the thread and the child process; queued calls are cancelled."""
        if self._drainer is not None:
            self._drainer.cancel()
        for task in list(self._in_flight):
            task.cancel()
        for _, _, future in self._waiting:
            future.cancel()
        self._waiting.clear()
        if self._starter is not None:
            self._starter.cancel()
        self._stop_child()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _settle(future: asyncio.Future[Answer], outcome: Answer | Exception) -> None:
    if future.done():  # the handler was cancelled meanwhile
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
