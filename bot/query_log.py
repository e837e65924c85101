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

Queued rows hold the raw ids and text (the store hashes and scrubs them when
they are written), in memory only. ``/forget`` reaches them too: the store
calls :meth:`QueryLog.forget` before deleting, which drops the user's queued
rows and lets the user's writes in flight land first, so the deletion covers
them; one that lands later still is deleted when it does.
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
FORGET_WAIT_S = 5.0  # the longest /forget waits for the user's writes in flight
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
        self._inflight: dict[asyncio.Task[int], QueryRecord] = {}
        self._forgotten: set[int] = set()  # users whose late writes are deleted again
        self._cleanup: set[asyncio.Task[int]] = set()
        self._retrying: QueryRecord | None = None  # the queued row being written now
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
        self._inflight[task] = values
        task.add_done_callback(functools.partial(self._settled, values))
        done, _ = await asyncio.wait({task}, timeout=self.reply_wait_s)
        if task in done and not task.cancelled() and task.exception() is None:
            return task.result()
        return None

    async def _store(self, record: QueryRecord) -> int:
        async with self._slots:
            return await self.store.log_query(record)

    def _settled(self, values: QueryRecord, task: asyncio.Task[int]) -> None:
        self._inflight.pop(task, None)
        error = None if task.cancelled() else task.exception()
        if values.user_id in self._forgotten:
            if error is None and not task.cancelled():  # landed after /forget deleted
                self._written += 1
                self._refuse_later(values.user_id)
            return  # a forgotten user's write is never queued for retry
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
        self._retrying = values
        try:
            await self._store(values)
        except PERMANENT as exc:
            self._discard(values)
            self._lose(1, f"a queued log write was refused ({type(exc).__name__})")
            return True
        except Exception as exc:
            log.info("log retry failed (%s); %d waiting", type(exc).__name__, len(self._queue))
            return False
        finally:
            self._retrying = None
        self._discard(values)
        self._written += 1
        self._retried += 1
        if values.user_id in self._forgotten:  # landed after /forget deleted
            self._refuse_later(values.user_id)
        if not self._queue:
            log.warning("storage is back: every queued log write is stored")
        return True

    async def forget(self, user_id: int, wait_s: float = FORGET_WAIT_S) -> int:
        """Before ``user_id``'s rows are deleted: drop their queued writes, let those in
        flight land (so the deletion covers them); returns the queued rows dropped."""
        kept = deque(r for r in self._queue if r.user_id != user_id)
        dropped = len(self._queue) - len(kept)
        self._queue = kept
        mine = {t for t, r in self._inflight.items() if r.user_id == user_id}
        if mine:
            await asyncio.wait(mine, timeout=wait_s)
        retrying = self._retrying is not None and self._retrying.user_id == user_id
        if retrying or any(not t.done() for t in mine):
            self._forgotten.add(user_id)  # still stuck: deleted again when it lands
        return dropped

    def _discard(self, values: QueryRecord) -> None:
        # By identity: /forget may have rebuilt the queue while this row was written.
        for i, queued in enumerate(self._queue):
            if queued is values:
                del self._queue[i]
                return

    def _refuse_later(self, user_id: int) -> None:
        busy = [*self._inflight.values(), *([self._retrying] if self._retrying else [])]
        if not any(r.user_id == user_id for r in busy):
            self._forgotten.discard(user_id)
        task = asyncio.get_running_loop().create_task(self.store.forget_user(user_id))
        self._cleanup.add(task)
        task.add_done_callback(self._cleanup.discard)

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
