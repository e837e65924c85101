"""The matcher in a child process, so that matching and the event loop do not share one GIL.

On a thread of the bot's process, the event loop (PTB, HTTP, storage) and the
matcher's Python rules take turns holding the GIL: each waits for the other,
batches stay small and a second core idles. In its own process the matcher
uses that core (figures in docs/benchmarks.md, "Bot under load").

The child builds its own matcher from a picklable zero-argument factory (the
same settings and model version as the parent's, see
:func:`bot.bootstrap.matcher_factory`) and answers whole batches. The parent
keeps its own matcher: it serves while the child starts, and it answers
whenever the child has failed (see :class:`bot.runtime.worker.MatchWorker`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from bot.runtime import gc_freeze
from matcher import Answer, Matcher, answer_batch
from matcher.answer import Format

MatcherFactory = Callable[[], Matcher]  # builds the same matcher in the child
T = TypeVar("T")
PARENT_CHECK_S = 0.5  # how often the child checks that the bot is still there
# The bot sends HTML only; composing the unused text form would cost CPU in the
# process that limits throughput.
HTML_ONLY: tuple[Format, ...] = ("html",)

# The child's matcher; one per child process, built by ``_start``.
_matcher: Matcher | None = None


class MatchProcessError(RuntimeError):
    """The child process died or could not build its matcher; the batch was not answered."""


def _start(factory: MatcherFactory) -> None:
    global _matcher
    # Ctrl-C reaches the whole process group; the parent decides when the child stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch = threading.Thread(
        target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True
    )
    watch.start()
    _matcher = factory()
    # The first encoder call allocates ONNX Runtime's buffers (tens of ms): spend
    # that before the first user's message arrives, not on it.
    answer_batch(["warming up: is this thing on"], matcher=_matcher, countries=[None])
    gc_freeze.freeze_long_lived()


def _exit_with_parent(parent: int) -> None:
    # A pool's worker waits on its task queue forever when the parent dies without
    # shutting the pool down (killed, crashed), and even a clean exit left some
    # behind in the load benchmark: orphans, each holding a model in memory.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _version() -> str:
    assert _matcher is not None
    return _matcher.model_version


def _answer(texts: list[str], countries: list[str | None]) -> list[Answer]:
    assert _matcher is not None
    return answer_batch(texts, matcher=_matcher, countries=countries, formats=HTML_ONLY)


class MatchProcess:
    """One child process answering batches with its own matcher."""

    def __init__(self, factory: MatcherFactory) -> None:
        # "spawn": a forked child would inherit ONNX Runtime's thread pools in a broken state.
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(factory,),
        )

    async def start(self) -> str:
        """Wait until the child has built its matcher; its model version."""
        return await self._call(_version)

    async def answer_batch(
        self, texts: Sequence[str], countries: Sequence[str | None]
    ) -> list[Answer]:
        """HTML answers from the child; a message's error is raised as in-process matching would."""
        return await self._call(_answer, list(texts), list(countries))

    async def _call(self, fn: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool, fn, *args)
        except BrokenProcessPool as exc:
            raise MatchProcessError(str(exc) or "the matcher process stopped") from exc

    def close(self) -> None:
        """Stop the child; batches still running there are abandoned."""
        self._pool.shutdown(wait=False, cancel_futures=True)
