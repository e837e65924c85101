"""Writing answers to storage without ever costing the user the reply.

Answering comes first. A write gets :data:`REPLY_WAIT_S` to finish; a slower
one (database locked, PostgreSQL reconnecting) carries on in the background
and the answer goes out at once, without feedback buttons (they need the
query id). A write that fails for a reason that may pass (locked, read-only,
disk full, connection lost) waits in a bounded queue and is retried with
back-off until it is stored; :meth:`QueryLog.flush` (on shutdown) gives the
queue a last chance. What cannot be written (queue full, a permanent error,
storage still down at shutdown) is counted in ``unwritten`` and logged at
ERROR: never dropped silently. A SIGKILL loses what is still queued.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import deque
from dataclasses import dataclass, replace

from storage import QueryRecord
from storage.store import ROW_ERRORS, Store

log = logging.getLogger(__name__)
MAX_LOGGED_TEXT = 4096
REPLY_WAIT_S = 1.0  # the longest a reply waits for its log write
MAX_PENDING = 5000  # bounded memory: texts are capped at 4096 characters
RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0
FLUSH_TIMEOUT_S = 10.0
# Writes waiting at once. The store writes the waiting rows together, one
# transaction at a time (storage.batching), so this only bounds the backlog a
# locked database can build up; it must stay well above a batch's size or rows
# would reach the store one by one.
MAX_CONCURRENT_WRITES = 256
# Errors that retrying cannot fix: the row itself is bad.
PERMANENT = ROW_ERRORS


@dataclass(frozen=True)
class LogCounts:
    """What happened to log writes since start (``/about`` shows the last two when not 0)."""

    written: int
    retried: int  # written only after at least one failure
    pending: int  # waiting in the retry queue or still in flight
    unwritten: int  # given up on: counted, logged, reported


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL in text and no driver stores lone surrogates;
    # either would turn one odd message into a write that never succeeds.
    return text[:MAX_LOGGED_TEXT].replace("\x00", "\ufffd").encode("utf-8", "replace").decode()


def _first_line(exc: BaseException) -> str:
    # SQLAlchemy appends the statement and its parameters (the user's text) on later lines.
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""


class QueryLog:
    """The bot's one way to log answers: bounded waiting, bounded retry queue, counted losses."""

    def __init__(
        self,
        store: Store,
        *,
        max_pending: int = MAX_PENDING,
        reply_wait_s: float = REPLY_WAIT_S,
        retry_first_s: float = RETRY_FIRST_S,
        retry_max_s: float = RETRY_MAX_S,
    ) -> None:
        self.store = store
        self.max_pending = max_pending
        self.reply_wait_s = reply_wait_s
        self.retry_first_s = retry_first_s
        self.retry_max_s = retry_max_s
        self._queue: deque[QueryRecord] = deque()
        self._inflight: set[asyncio.Task[int]] = set()
        self._retrier: asyncio.Task[None] | None = None
        self._written = self._retried = self._unwritten = 0
        self._closed = False  # after flush: a late failure is counted, not queued
        self._flushing = asyncio.Event()
        self._slots = asyncio.Semaphore(MAX_CONCURRENT_WRITES)

    @property
    def counts(self) -> LogCounts:
        pending = len(self._queue) + len(self._inflight)
        return LogCounts(self._written, self._retried, pending, self._unwritten)

    async def write(self, record: QueryRecord) -> int | None:
        """Log one answer; its query id, or None if it was not stored in time."""
        values = replace(record, text=_clean(record.text), normalized=_clean(record.normalized))
        task = asyncio.create_task(self._store(values))
        self._inflight.add(task)
        task.add_done_callback(functools.partial(self._settled, values))
        done, _ = await asyncio.wait({task}, timeout=self.reply_wait_s)
        if task in done and not task.cancelled() and task.exception() is None:
            return task.result()
        return None

    async def _store(self, record: QueryRecord) -> int:
        async with self._slots:
            return await self.store.log_query(record)

    def _settled(self, values: QueryRecord, task: asyncio.Task[int]) -> None:
        self._inflight.discard(task)
        error = None if task.cancelled() else task.exception()
        if task.cancelled():
            self._lose(1, "a log write was cancelled")
        elif error is None:
            self._written += 1
        elif isinstance(error, PERMANENT):
            self._lose(1, f"a log write was refused ({type(error).__name__}: {_first_line(error)})")
        else:
            log.error(
                "could not log a query (%s: %s); answered without feedback buttons, "
                "the write is queued for retry",
                type(error).__name__,
                _first_line(error),
            )
            self._enqueue(values)

    def _enqueue(self, values: QueryRecord) -> None:
        if self._closed:
            self._lose(1, "a log write failed after shutdown began")
            return
        if len(self._queue) >= self.max_pending:
            self._lose(1, f"the log retry queue is full ({self.max_pending})")
            return
        self._queue.append(values)
        if self._retrier is None or self._retrier.done():
            self._retrier = asyncio.create_task(self._retry_loop())

    def _lose(self, n: int, why: str) -> None:
        self._unwritten += n
        log.error("%s: %d queries not logged (%d since start)", why, n, self._unwritten)

    async def _retry_loop(self) -> None:
        delay = self.retry_first_s
        while self._queue:
            # Flushing wakes this sleep; a write in progress is never cut off midway
            # (cancelled mid-commit, it might be stored and then stored again).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._flushing.wait(), delay)
            if self._flushing.is_set():
                return
            if await self._write_head():
                delay = 0.0  # storage is back: drain the rest without waiting
            else:
                delay = min(max(delay * 2, self.retry_first_s), self.retry_max_s)

    async def _write_head(self) -> bool:
        """Try the oldest queued write; False while storage still fails."""
        values = self._queue[0]
        try:
            await self._store(values)
        except PERMANENT as exc:
            self._queue.popleft()
            self._lose(1, f"a queued log write was refused ({type(exc).__name__})")
            return True
        except Exception as exc:
            log.info("log retry failed (%s); %d waiting", type(exc).__name__, len(self._queue))
            return False
        self._queue.popleft()
        self._written += 1
        self._retried += 1
        if not self._queue:
            log.warning("storage is back: every queued log write is stored")
        return True

    async def flush(self, timeout: float = FLUSH_TIMEOUT_S) -> LogCounts:
        """On shutdown: finish in-flight writes, retry the queue once more, count what is left."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=timeout)
        self._flushing.set()
        if self._retrier is not None:
            await asyncio.wait({self._retrier}, timeout=max(deadline - loop.time(), 0.0))
            self._retrier.cancel()
        while self._queue and loop.time() < deadline:
            try:
                ok = await asyncio.wait_for(self._write_head(), deadline - loop.time())
            except TimeoutError:
                ok = False
            if not ok:
                break
        self._closed = True
        stuck = set(self._inflight)  # cancelled writes count themselves as lost
        for task in stuck:
            task.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)
        left = len(self._queue)
        self._queue.clear()
        if left:
            self._lose(left, "storage still failing at shutdown")
        counts = self.counts
        log.info(
            "query log at shutdown: %d written (%d after retries), %d not written",
            counts.written,
            counts.retried,
            counts.unwritten,
        )
        return counts
