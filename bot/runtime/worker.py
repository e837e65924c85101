"""The batching answerer (``SPEEDUPS``): batches on one thread, or in a child process.

Same interface as :class:`bot.service.ThreadAnswerer`, same answers; only the
way there differs. New messages wait in a queue (:class:`storage.batching.Gathering`,
the mechanism group commit uses too); everything waiting (up to ``max_batch``)
goes in one ``answer_batch`` call, which costs less per message than one call
each. A lone message goes straight through; only under load (a batch has just
gone and more wait) does the next batch wait ``window_s`` for messages already
on their way. Up to ``IN_FLIGHT`` batches are handed over at once, so the child
starts the next batch the moment it finishes one instead of idling while
answers travel back and the next batch is pickled.

Given a ``child`` (a picklable factory building the same matcher), batches are
answered in a child process (:mod:`bot.runtime.match_process`), so matching
and the event loop do not share one GIL, once it has started; until then, and
for any batch the child fails to answer because it died, the thread answers
with the parent's matcher and a new child is started. Every message is
answered either way. While the child is busy with ``IN_FLIGHT`` batches and a
backlog of at least ``OVERFLOW_AT`` messages waits, the thread answers one
batch of it too. Both matchers are the same model and version, so an answer
does not depend on which of them gave it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.runtime.match_process import HTML_ONLY, MatcherFactory, MatchProcess, MatchProcessError
from matcher import Answer, Match, Matcher, answer_batch
from matcher.encoders.torch import SentenceTransformerEncoder
from storage.batching import Gathering, settle

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_BATCH = 32
# How long a batch may wait for company, under load only (see ``_drain``).
BATCH_WINDOW_S = 0.004
# Batches handed to the child at once: one being answered, one ready behind it.
IN_FLIGHT = 2
# With the child busy on IN_FLIGHT batches and at least this many messages still
# waiting, the bot's own thread answers a batch too (one at a time): on two cores
# the child alone is the bottleneck, and the bot's process has CPU left.
OVERFLOW_AT = 8
# Children started in all; past this, a child that keeps dying is not replaced
# and the thread answers from then on.
MAX_CHILD_STARTS = 5
# How long start-up waits for the child before answering without it.
CHILD_START_TIMEOUT_S = 60.0

Question = tuple[str, str | None]  # text, country
Batch = list[tuple[Question, "asyncio.Future[Answer]"]]


class MatchWorker(Gathering[Question, Answer]):
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
        super().__init__(max_batch)
        self.max_batch = max_batch
        self.window_s = window_s
        self.batches = 0  # encoder calls made for answers (the benchmark reports it)
        self.overflow_batches = 0
        self.child_starts = 0
        self._child_for = child
        self._process: MatchProcess | None = None
        self._process_ready = False
        self._starter: asyncio.Task[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")
        self._in_flight: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._overflow: asyncio.Task[None] | None = None
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
    def model_version(self) -> str:
        return self._matcher.model_version

    @property
    def in_child(self) -> bool:
        """True while batches are answered in the child process."""
        return self._process_ready

    async def start(self) -> None:
        """Start the child and wait for it, so a backlog waiting at start is answered
        at full speed; past the timeout the thread answers until it is ready."""
        self.start_child()
        await self.child_ready(CHILD_START_TIMEOUT_S)

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
        """Match ``text`` and compose its (HTML) reply for ``country``."""
        return await self.submit((text, country))

    async def match(self, text: str) -> Match:
        """Only the decision (inline queries)."""
        return await self._run(functools.partial(self._matcher.match, text))

    async def _drain(self) -> None:
        # Batches run concurrently (IN_FLIGHT in the child, one more on the thread),
        # so this hands them out as tasks instead of awaiting each in turn.
        busy = False
        while self.waiting:
            if busy and self.window_s > 0 and self.waiting < self.max_batch:
                # Under load only (a batch has just gone and more wait): a moment
                # for the messages already on their way to join this batch.
                await asyncio.sleep(self.window_s)
            if self._should_overflow():
                batch = self._take()
                self._overflow = asyncio.create_task(self._answer_batch(batch, in_thread=True))
                self._in_flight.add(self._overflow)
                self._overflow.add_done_callback(self._in_flight.discard)
                self.overflow_batches += 1
                continue
            await self._slots.acquire()
            batch = self._take()
            if not batch:  # answered or cancelled meanwhile
                self._slots.release()
                continue
            task = asyncio.create_task(self._answer_batch(batch))
            self._in_flight.add(task)
            task.add_done_callback(self._batch_done)
            busy = True

    def _can_overflow(self) -> bool:
        # Not with the torch reference: its own thread pool beside the child's
        # halved the bot's capacity.
        return not isinstance(self._matcher.encoder, SentenceTransformerEncoder)

    def _should_overflow(self) -> bool:
        return (
            self._process_ready
            and self._can_overflow()
            and self._slots.locked()
            and self.waiting >= OVERFLOW_AT
            and (self._overflow is None or self._overflow.done())
        )

    def _batch_done(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._slots.release()

    async def _answer_batch(self, batch: Batch, *, in_thread: bool = False) -> None:
        texts = [text for (text, _), _ in batch]
        countries = [country for (_, country), _ in batch]
        self.batches += 1
        try:
            if in_thread:
                answers = await self._in_thread(texts, countries)
            else:
                answers = await self._answer_texts(texts, countries)
        except asyncio.CancelledError:  # close(): nobody will answer these now
            for _, future in batch:
                future.cancel()
            raise
        except Exception as exc:
            if len(batch) == 1:
                settle(batch[0][1], exc)
                return
            # One bad message must not fail the others: answer them one by one.
            log.warning("a batch of %d failed; answering its messages one by one", len(batch))
            for job in batch:
                await self._answer_batch([job])
            return
        for (_, future), result in zip(batch, answers, strict=True):
            settle(future, result)

    async def _in_thread(self, texts: list[str], countries: list[str | None]) -> list[Answer]:
        call = functools.partial(
            answer_batch, texts, matcher=self._matcher, countries=countries, formats=HTML_ONLY
        )
        return await self._run(call)

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
        return await self._in_thread(texts, countries)

    def close(self) -> None:
        """Stop the thread and the child process; queued calls are cancelled."""
        if self._worker is not None:
            self._worker.cancel()
        for task in list(self._in_flight):
            task.cancel()
        self.cancel_waiting()
        if self._starter is not None:
            self._starter.cancel()
        self._stop_child()
        self._executor.shutdown(wait=False, cancel_futures=True)
