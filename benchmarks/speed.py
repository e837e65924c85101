"""Serving speed: torch reference vs ONNX fp32 vs ONNX int8, printed as one table.

In one process, interleaved (each round runs every encoder in turn, so a
noisy neighbour hurts all of them alike), medians and p99 over the rounds:

- ``match`` latency for one message (dev-set messages, the real matcher);
- throughput of ``match_batch`` at batch 1/8/32/128 (messages per second);
- ``firstaid ask`` in a fresh process: start to exit, and peak RSS (``wait4``);
- the whole bot, per encoder, through ``benchmarks/load.py`` (the real bot
  process, cap lifted, the fake Bot API): its capacity (messages per second
  with N messages offered at once) and p50/p99 from update handed out to reply
  at a steady offered rate (``--bot-rate``, 100/s by default).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/speed.py [--rounds 7] [--model VERSION]

Needs the `train` extra (for the torch reference), an exported model
(``firstaid models ensure``) and GNU time (``/usr/bin/time``). Index vectors
are cached under DATA_DIR/cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from benchmarks import load  # noqa: E402
from bot.bootstrap import build_matcher  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from matcher import Matcher  # noqa: E402
from matcher.corpus import dev_set_path, load_eval  # noqa: E402

KINDS = ("torch", "onnx", "onnx-int8")
BATCHES = (1, 8, 32, 128)
ASK = "my dad collapsed in the kitchen and he is not breathing"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def matchers(model: str | None) -> dict[str, Matcher]:
    base = get_settings()
    if model is not None:
        base = base.model_copy(update={"model": model})
    return {k: build_matcher(base.model_copy(update={"encoder": k})) for k in KINDS}


def interleave(
    rounds: int, kinds: list[str], run: Callable[[str], list[float]]
) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in kinds}
    for r in range(rounds):
        order = kinds[r % len(kinds) :] + kinds[: r % len(kinds)]  # rotate who goes first
        for kind in order:
            out[kind] += run(kind)
    return out


def latency(ms: dict[str, Matcher], texts: list[str], rounds: int) -> dict[str, list[float]]:
    def run(kind: str) -> list[float]:
        times = []
        for text in texts:
            start = time.perf_counter()
            ms[kind].match(text)
            times.append((time.perf_counter() - start) * 1000)
        return times

    return interleave(rounds, list(ms), run)


def encode_latency(ms: dict[str, Matcher], texts: list[str], rounds: int) -> dict[str, list[float]]:
    def run(kind: str) -> list[float]:
        times = []
        for text in texts:
            start = time.perf_counter()
            ms[kind].encoder.encode([text])
            times.append((time.perf_counter() - start) * 1000)
        return times

    return interleave(rounds, list(ms), run)


def throughput(
    ms: dict[str, Matcher], texts: list[str], rounds: int
) -> dict[tuple[str, int], float]:
    result: dict[tuple[str, int], float] = {}
    for size in BATCHES:
        batch = (texts * (size // len(texts) + 1))[:size]
        repeats = max(1, 128 // size)

        def run(kind: str, batch: list[str] = batch, repeats: int = repeats) -> list[float]:
            start = time.perf_counter()
            for _ in range(repeats):
                ms[kind].match_batch(batch)
            return [len(batch) * repeats / (time.perf_counter() - start)]

        for kind, rates in interleave(rounds, list(ms), run).items():
            result[(kind, size)] = statistics.median(rates)
    return result


def cold_ask(kind: str, model: str | None) -> tuple[float, float]:
    """Seconds from spawn to exit of ``firstaid ask`` and its peak RSS in MB.

    GNU time reports the RSS: a child's own ``ru_maxrss`` would count the pages
    it shared with this (large) process between fork and exec.
    """
    env = {**os.environ, "ENCODER": kind}
    if model is not None:
        env["MODEL"] = model
    ask = [sys.executable, "-c", "from bot.cli.app import main; main()", "ask", ASK]
    command = ["/usr/bin/time", "-f", "%M", *ask]
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"firstaid ask failed with ENCODER={kind}: {done.stderr[-500:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024


def bot_run(kind: str, model: str | None, messages: int, rate: float | None) -> load.Result:
    """A load-benchmark run of the real bot with ``ENCODER=kind`` (``rate`` None: all at once)."""
    args = argparse.Namespace(timeout=600.0, start_timeout=600.0, trace=None)
    plans = load.workload(messages, 200, 40, 0.2, rate)
    saved = dict(os.environ)
    os.environ["ENCODER"] = kind  # the bot process inherits the environment
    if model is not None:
        os.environ["MODEL"] = model
    try:
        result = asyncio.run(load.run_once(kind, load.LIFTED, plans, args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if result.answered != messages:
        raise RuntimeError(f"bot with ENCODER={kind}: {result.answered} of {messages} answered")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--messages", type=int, default=60, help="dev messages per round")
    parser.add_argument("--model", default=None, help="MODEL setting (default: current)")
    parser.add_argument(
        "--bot-messages", type=int, default=1000, help="messages per bot run (0: skip the bot)"
    )
    parser.add_argument("--bot-rate", type=float, default=100.0, help="steady offered msg/s")
    args = parser.parse_args()

    texts = [i.text for i in load_eval(dev_set_path()) if not i.oos][: args.messages]
    ms = matchers(args.model)
    for m in ms.values():  # warm up: first calls allocate
        m.match_batch(texts[:8])
        m.match(texts[0])
    enc = encode_latency(ms, texts, args.rounds)
    lat = latency(ms, texts, args.rounds)
    thr = throughput(ms, texts, args.rounds)
    cold = {k: [cold_ask(k, args.model) for _ in range(3)] for k in KINDS}
    n = args.bot_messages
    burst = {k: bot_run(k, args.model, n, None) for k in KINDS} if n else {}
    steady = {k: bot_run(k, args.model, n, args.bot_rate) for k in KINDS} if n else {}
    load = os.getloadavg()

    ref = statistics.median(lat["torch"])
    version = next(iter(ms.values())).model_version
    print(f"model {version}; {args.rounds} interleaved rounds; load average {load[0]:.2f}")
    print("| | " + " | ".join(KINDS) + " |")
    print("|---" * (len(KINDS) + 1) + "|")

    def row(label: str, cells: list[str]) -> None:
        print(f"| {label} | " + " | ".join(cells) + " |")

    row("encoder alone p50 (ms)", [f"{statistics.median(enc[k]):.2f}" for k in KINDS])
    row("match p50 (ms)", [f"{statistics.median(lat[k]):.2f}" for k in KINDS])
    row("match p99 (ms)", [f"{pct(lat[k], 99):.2f}" for k in KINDS])
    print(
        "| p50 / torch | "
        + " | ".join(f"{statistics.median(lat[k]) / ref:.2f}x" for k in KINDS)
        + " |"
    )
    for size in BATCHES:
        cells = " | ".join(f"{thr[(k, size)]:.0f}" for k in KINDS)
        print(f"| batch {size} (msg/s) | {cells} |")
    starts = " | ".join(f"{statistics.median(t for t, _ in cold[k]):.2f}" for k in KINDS)
    print(f"| `firstaid ask` start to answer (s) | {starts} |")
    rss = " | ".join(f"{max(r for _, r in cold[k]):.0f}" for k in KINDS)
    print(f"| `firstaid ask` peak RSS (MB) | {rss} |")
    if n:
        row(f"bot capacity, {n} at once (msg/s)", [f"{burst[k].throughput:.0f}" for k in KINDS])
        row(
            f"bot at {args.bot_rate:.0f} msg/s offered: p50 / p99 (ms)",
            [f"{steady[k].p50:.0f} / {steady[k].p99:.0f}" for k in KINDS],
        )


if __name__ == "__main__":
    main()
