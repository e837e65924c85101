"""The matcher worker: off the event loop, one thread, batches what queues up, isolates failures."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from bot.matching import MatchWorker
from matcher import Matcher
from matcher.encoders import Vectors
from tests.fakes.encoder import HashingEncoder


class SlowEncoder(HashingEncoder):
    """Records the thread and batch sizes; slow enough for messages to queue up."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()
        self.sizes: list[int] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.threads.add(threading.current_thread().name)
        self.sizes.append(len(texts))
        threading.Event().wait(0.05)
        return super().encode(texts)


@pytest.fixture
def slow_matcher(fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> SlowEncoder:
    encoder = SlowEncoder()
    monkeypatch.setattr(fake_matcher, "encoder", encoder)
    return encoder


async def test_messages_waiting_together_share_one_encoder_call(
    fake_matcher: Matcher, slow_matcher: SlowEncoder
) -> None:
    worker = MatchWorker(fake_matcher)
    texts = [f"my finger is bleeding {n}" for n in range(9)]
    try:
        first = asyncio.create_task(worker.answer(texts[0], None))
        await asyncio.sleep(0.02)  # the first is now being encoded, alone
        rest = await asyncio.gather(*(worker.answer(t, None) for t in texts[1:]))
        answers = [await first, *rest]
    finally:
        worker.close()
    assert [a.match.text for a in answers] == texts  # each caller gets its own answer
    assert slow_matcher.sizes == [1, 8]  # the rest queued behind it and went together
    assert slow_matcher.threads and all(n.startswith("matcher") for n in slow_matcher.threads)


async def test_the_event_loop_keeps_running_while_matching(
    fake_matcher: Matcher, slow_matcher: SlowEncoder
) -> None:
    worker = MatchWorker(fake_matcher)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    ticker = asyncio.create_task(tick())
    try:
        await worker.answer("burned my hand", None)
    finally:
        ticker.cancel()
        worker.close()
    assert ticks >= 3


async def test_one_failing_message_does_not_fail_its_batch(
    fake_matcher: Matcher, slow_matcher: SlowEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fake_matcher.match_batch

    def picky(texts: Sequence[str]) -> list[object]:
        if "poison-pill" in texts:
            raise ValueError("cannot match this one")
        return list(real(texts))

    monkeypatch.setattr(fake_matcher, "match_batch", picky)
    worker = MatchWorker(fake_matcher)
    try:
        results = await asyncio.gather(
            worker.answer("first", None),
            worker.answer("my nose is bleeding", None),
            worker.answer("poison-pill", None),
            worker.answer("sunburn on my back", None),
            return_exceptions=True,
        )
    finally:
        worker.close()
    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == 1 and isinstance(results[2], ValueError)
