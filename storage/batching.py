"""Group commit for the query log: rows logged at the same time share one transaction.

A speed-up, on with ``SPEEDUPS`` (``Store.open(batch_writes=True)``); without it
every row is its own transaction. :class:`GroupRead` does the same for reads (a
chat's country, looked up for every new chat before its first answer), and
:class:`Gathering` is the queue mechanism under both, shared with the bot's
matcher worker.

Every answer the bot sends is logged first (its id goes into the feedback
buttons). One transaction per row costs several round trips to the database
thread (begin, insert, commit) and, on SQLite, a write lock taken in turn. In
the load benchmark that capped logging near 100 rows/s, and once the event loop
was busy each round trip waited longer, so a bot running near that rate could
tip into a growing backlog. Here one writer takes every row waiting and inserts
them with one statement in one transaction; callers still get their own id or
their own error.

A batch refused for its data (``isolate``: integrity or data errors) is retried
row by row, so one bad row fails only its own caller. Any other failure (locked,
connection lost) reaches every caller of the batch at once, as it would have
reached each of them alone, and their own retry logic takes over; retrying row by
row there would hold every row for one busy timeout each.
A caller cancelled before its row is taken is skipped; once taken, the row is
committed with the others.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

Row = dict[str, Any]
InsertMany = Callable[[Sequence[Row]], Awaitable[list[int]]]

MAX_ROWS = 200  # per transaction; bounds one statement's size
MAX_KEYS = 200  # per read; bounds one IN (...) list
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
ItemT = TypeVar("ItemT")  # what a caller hands in
ResultT = TypeVar("ResultT")  # what that caller gets back


class Gathering(Generic[ItemT, ResultT]):
    """Callers hand in an item and wait; one task takes everything waiting, in batches.

    The mechanism shared by :class:`GroupCommit`, :class:`GroupRead` and the
    bot's matcher worker (``bot.runtime.worker``): ``submit`` queues an item
    with a future and starts the drainer if none runs; ``_drain`` hands batches
    of up to ``limit`` items to ``_handle``, which settles each future.
    Subclasses that run batches concurrently override ``_drain`` and use
    ``_take``.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit  # items per batch
        self._waiting: list[tuple[ItemT, asyncio.Future[ResultT]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def submit(self, item: ItemT) -> ResultT:
        """Queue ``item``; its result, or the exception handling its batch raised."""
        future: asyncio.Future[ResultT] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    @property
    def waiting(self) -> int:
        """Items queued and not yet taken."""
        return len(self._waiting)

    def _take(self) -> list[tuple[ItemT, asyncio.Future[ResultT]]]:
        """The next batch; callers cancelled before their item was taken are skipped."""
        taken = self._waiting[: self._limit]
        del self._waiting[: self._limit]
        return [(item, future) for item, future in taken if not future.done()]

    async def _drain(self) -> None:
        while self._waiting:
            batch = self._take()
            if batch:
                await self._handle(batch)

    async def _handle(self, batch: list[tuple[ItemT, asyncio.Future[ResultT]]]) -> None:
        raise NotImplementedError

    def cancel_waiting(self) -> None:
        """Cancel every caller still waiting for its item to be taken."""
        for _, future in self._waiting:
            future.cancel()
        self._waiting.clear()


class GroupCommit(Gathering[Row, int]):
    """Collects rows from concurrent callers and writes them in shared transactions."""

    def __init__(
        self,
        insert_many: InsertMany,
        *,
        isolate: tuple[type[Exception], ...] = (),
        max_rows: int = MAX_ROWS,
    ) -> None:
        """``isolate``: errors that may belong to one row; a batch failing so is split."""
        super().__init__(max_rows)
        self._insert_many = insert_many
        self._isolate = isolate
        self.transactions = 0  # batches attempted (tests and benchmarks read it)

    async def add(self, row: Row) -> int:
        """Store ``row``; its id, or the exception storing it raised."""
        return await self.submit(row)

    async def _handle(self, batch: list[tuple[Row, asyncio.Future[int]]]) -> None:
        await self._write(batch)

    async def _write(self, batch: list[tuple[Row, asyncio.Future[int]]]) -> None:
        self.transactions += 1
        try:
            ids = await self._insert_many([row for row, _ in batch])
        except asyncio.CancelledError:
            for _, future in batch:  # the store is closing: nobody may wait forever
                future.cancel()
            raise
        except Exception as exc:
            if len(batch) == 1 or not isinstance(exc, self._isolate):
                for _, future in batch:
                    settle(future, exc)
                return
            for one in batch:  # find out whose row it was, one transaction each
                await self._write([one])
            return
        for (_, future), row_id in zip(batch, ids, strict=True):
            settle(future, row_id)

    async def close(self, timeout: float) -> None:
        """Let the writer finish what it holds (up to ``timeout`` s), then stop it."""
        writer = self._worker
        if writer is None or writer.done():
            return
        await asyncio.wait({writer}, timeout=timeout)
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer
        self.cancel_waiting()


class GroupRead(Gathering[K, V]):
    """Reads asked for at the same time share one query: ``await get(key)``.

    The same shape as :class:`GroupCommit`: while one read runs, the keys asked
    for meanwhile wait and go together in the next. A failure reaches every
    caller of that read. ``read_many`` returns the values it found; a key it
    leaves out gets ``missing``.
    """

    def __init__(
        self,
        read_many: Callable[[Sequence[K]], Awaitable[dict[K, V]]],
        *,
        missing: V,
        max_keys: int = MAX_KEYS,
    ) -> None:
        super().__init__(max_keys)
        self._read_many = read_many
        self._missing = missing
        self.reads = 0  # queries made (tests read it)

    async def get(self, key: K) -> V:
        """The value for ``key`` (``missing`` when there is none), or the read's exception."""
        return await self.submit(key)

    async def _handle(self, batch: list[tuple[K, asyncio.Future[V]]]) -> None:
        self.reads += 1
        try:
            found = await self._read_many(list(dict.fromkeys(key for key, _ in batch)))
        except asyncio.CancelledError:
            for _, future in batch:
                future.cancel()
            raise
        except Exception as exc:
            for _, future in batch:
                settle(future, exc)
            return
        for key, future in batch:
            settle(future, found.get(key, self._missing))


def settle(future: asyncio.Future[Any], outcome: object) -> None:
    """Give ``future`` its result or exception, unless its caller has gone."""
    if future.done():  # the caller was cancelled meanwhile
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
