"""The matcher worker: off the event loop, one thread, batches what queues up, isolates failures."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.bootstrap import matcher_factory
from bot.runtime.match_process import MatcherFactory
from bot.runtime.worker import IN_FLIGHT, OVERFLOW_AT, MatchWorker
from bot.settings import Settings
from matcher import Answer, Matcher, answer_batch
from matcher.encoders.base import Vectors
from matcher.encoders.torch import SentenceTransformerEncoder
from tests.fakes.encoder import HashingEncoder
from tests.fakes.matchers import hashing_matcher


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


async def test_a_second_batch_goes_while_the_first_runs_but_never_a_third(
    fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = MatchWorker(fake_matcher)
    running, most, sizes = 0, 0, []
    real = worker._answer_texts

    async def tracked(texts: list[str], countries: list[str | None]) -> list[Answer]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        sizes.append(len(texts))
        await asyncio.sleep(0.05)  # the matcher process at work
        try:
            return await real(texts, countries)
        finally:
            running -= 1

    monkeypatch.setattr(worker, "_answer_texts", tracked)
    try:
        calls = []
        for wave in range(4):  # a wave every 20 ms, each landing while batches run
            calls += [
                asyncio.create_task(worker.answer(f"burn {wave} {n}", None)) for n in range(3)
            ]
            await asyncio.sleep(0.02)
        answers = await asyncio.gather(*calls)
    finally:
        worker.close()
    assert len(answers) == 12 and sum(sizes) == 12
    assert most == IN_FLIGHT == 2  # one being answered, one ready behind it


async def test_a_backlog_behind_a_busy_child_is_shared_with_the_bots_own_thread(
    fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = MatchWorker(fake_matcher)
    worker._process_ready = True  # as if the child answered batches
    child_sizes: list[int] = []

    async def busy_child(texts: list[str], countries: list[str | None]) -> list[Answer]:
        child_sizes.append(len(texts))
        await asyncio.sleep(0.5)  # the child at work, slower than messages arrive
        return answer_batch(texts, matcher=fake_matcher, countries=countries)

    async def handed(batches: int) -> None:
        while len(child_sizes) < batches:
            await asyncio.sleep(0.001)

    monkeypatch.setattr(worker, "_answer_texts", busy_child)
    try:
        calls = [asyncio.create_task(worker.answer(f"burn {n}", None)) for n in range(2)]
        await handed(1)  # batch 1 goes to the child
        calls += [asyncio.create_task(worker.answer(f"cut {n}", None)) for n in range(2)]
        await handed(2)  # batch 2 waits in the child's queue: both slots taken
        texts = [f"sting {n}" for n in range(OVERFLOW_AT + 4)]
        calls += [asyncio.create_task(worker.answer(t, None)) for t in texts]
        answers = await asyncio.gather(*calls)
    finally:
        worker.close()
    asked = [f"burn {n}" for n in range(2)] + [f"cut {n}" for n in range(2)] + texts
    assert [a.match.text for a in answers] == asked  # every caller its own answer
    assert worker.overflow_batches == 1  # the backlog went to the thread at once
    assert child_sizes == [2, 2]  # the child was never handed it as well


def test_the_torch_reference_never_shares_a_backlog(
    fake_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = MatchWorker(fake_matcher)
    assert worker._can_overflow()  # ONNX and the test encoders do
    # Not built (that would load torch): only its type matters here.
    monkeypatch.setattr(fake_matcher, "encoder", object.__new__(SentenceTransformerEncoder))
    assert not worker._can_overflow()
    worker.close()


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


# -- matching in a child process ------------------------------------------------


def broken_matcher() -> Matcher:
    raise RuntimeError("no model here")


def child_for(models_dir: Path) -> Callable[[Matcher], MatcherFactory]:
    return lambda _matcher: functools.partial(hashing_matcher, str(models_dir))


async def started(worker: MatchWorker) -> MatchWorker:
    worker.start_child()
    return await ready(worker)


async def ready(worker: MatchWorker) -> MatchWorker:
    """Wait until the child started last is answering (or has failed to start)."""
    for _ in range(600):  # a spawned child imports numpy and ONNX Runtime first
        if worker.in_child or worker._process is None:
            break
        await asyncio.sleep(0.05)
    return worker


def children() -> list[multiprocessing.Process]:
    return multiprocessing.active_children()


QUESTIONS = ["my finger is bleeding", "burned my hand on the stove", "what is the capital of peru"]


async def test_a_child_process_gives_the_answers_the_thread_gives(
    fake_matcher: Matcher, tmp_path: Path
) -> None:
    in_thread = MatchWorker(fake_matcher)
    in_child = await started(MatchWorker(fake_matcher, child=child_for(tmp_path)))
    try:
        assert in_child.in_child
        here = await asyncio.gather(*(in_thread.answer(q, "GB") for q in QUESTIONS))
        there = await asyncio.gather(*(in_child.answer(q, "GB") for q in QUESTIONS))
    finally:
        in_thread.close()
        in_child.close()
    assert [a.match for a in there] == [a.match for a in here]
    assert [a.html_chunks for a in there] == [a.html_chunks for a in here]


async def test_a_killed_child_costs_no_answer_and_is_replaced(
    fake_matcher: Matcher, tmp_path: Path
) -> None:
    before = {p.pid for p in children()}
    worker = await started(MatchWorker(fake_matcher, child=child_for(tmp_path)))
    try:
        assert worker.in_child
        (child,) = [p for p in children() if p.pid not in before]
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        answers = await asyncio.gather(*(worker.answer(q, None) for q in QUESTIONS))
        assert [a.match.text for a in answers] == QUESTIONS  # the thread answered them
        await ready(worker)  # the replacement, started when the death was noticed
        assert worker.child_starts == 2 and worker.in_child
        assert (await worker.answer("sunburn on my back", None)).match.topic is not None
    finally:
        worker.close()


async def test_a_child_that_cannot_load_leaves_matching_in_the_bot(
    fake_matcher: Matcher,
) -> None:
    worker = MatchWorker(fake_matcher, child=lambda _m: broken_matcher)
    try:
        worker.start_child()
        assert worker._starter is not None
        await worker._starter
        assert not worker.in_child
        answer = await worker.answer("my finger is bleeding", None)
    finally:
        worker.close()
    assert answer.match.text == "my finger is bleeding"


async def test_a_reload_replaces_the_child(fake_matcher: Matcher, tmp_path: Path) -> None:
    worker = await started(MatchWorker(fake_matcher, child=child_for(tmp_path)))
    try:
        worker.matcher = fake_matcher  # what the reloader does with a new model
        assert not worker.in_child  # the thread serves until the new child is up
        await ready(worker)
        assert worker.child_starts == 2 and worker.in_child
    finally:
        worker.close()


def test_the_child_recipe_pins_the_model_and_carries_no_secrets(
    settings: Settings, fake_matcher: Matcher
) -> None:
    secret = settings.model_copy(update={"webhook_secret": SecretStr("hook-secret-123")})
    factory = matcher_factory(secret, fake_matcher)
    assert isinstance(factory, functools.partial)
    (child,) = factory.args
    assert factory.keywords == {"shared_cores": True}  # the bot's cores are shared
    assert child.model == fake_matcher.model_version == "base"
    assert child.telegram_bot_token is None and child.webhook_secret is None
    assert child.hash_secret is None and child.database_url is None
    assert b"hook-secret-123" not in pickle.dumps(factory)


ORPHAN_SCRIPT = """
import asyncio, functools, multiprocessing, os, sys
from bot.runtime.worker import IN_FLIGHT, MatchWorker
from tests.fakes.matchers import hashing_matcher

async def main() -> None:
    factory = functools.partial(hashing_matcher, sys.argv[1])
    worker = MatchWorker(factory(), child=lambda _m: factory)
    worker.start_child()
    assert await worker.child_ready(120)
    pids = " ".join(str(p.pid) for p in multiprocessing.active_children())
    with open(sys.argv[2], "w") as out:
        out.write(pids)
    os._exit(0)  # dies without shutting anything down, as a killed bot would

if __name__ == "__main__":
    asyncio.run(main())
"""


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has exited, only not been reaped


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_the_matcher_process_does_not_outlive_a_killed_bot(tmp_path: Path) -> None:
    script = tmp_path / "bot_that_dies.py"
    script.write_text(ORPHAN_SCRIPT)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    found = tmp_path / "pids.txt"
    # Output to files, not pipes: an orphan would hold a pipe open and hang the run.
    with (tmp_path / "log.txt").open("w") as log:
        subprocess.run(
            [sys.executable, str(script), str(tmp_path), str(found)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=log,
            timeout=180,
            check=True,
        )
    pids = [int(p) for p in found.read_text().split()]
    assert pids  # the matcher process (and the resource tracker) were running
    for _ in range(100):
        if not any(_running(pid) for pid in pids):
            break
        time.sleep(0.1)
    assert not any(_running(pid) for pid in pids)
