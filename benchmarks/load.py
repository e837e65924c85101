"""Load benchmark for the Telegram bot: simulated users through the fake Bot API.

The real bot runs as its own process (``firstaid run``, real model, SQLite),
pointed at the fake Bot API from the test suite through ``TELEGRAM_API_URL``.
This process hosts the fake, plays N users (private chats and groups, messages
from the dev set) and measures everything on the API side:

- answered: messages with exactly one reply quoting them (lost and duplicated are counted);
- with buttons: answers sent with their feedback buttons (the query was logged in time);
- logged: queries in the bot's database after it stopped;
- send rate: sendMessage calls per second overall, and the most in any 1-s window;
- latency: from the update being handed out (getUpdates) to its reply arriving;
- CPU per message: the bot's process, its matcher process, and this process (the fake).

Three runs: (1) the default cap of 30 messages/s with users offering more than
that; (2) the cap lifted (``TELEGRAM_RATE_LIMIT=100000``) at a steady offered
rate; (3) the cap lifted with every message at once, for the bot's peak throughput.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/load.py
    ... --messages 1000 --users 200 --rate 100 --runs cap,lifted,burst

Loopback only; each run is bounded by ``--timeout``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from storage.store import Store  # noqa: E402
from tests.fakes.telegram_api import BOT_USERNAME, FakeTelegram  # noqa: E402

HASH_SECRET = "load-benchmark-hash-secret-6c1d2e"
LIFTED = 100_000.0
WARMUP = 20
GROUP_PER_MINUTE = 20  # Telegram's limit per group, which the bot keeps (PTB's AIORateLimiter)


@dataclass(frozen=True)
class Plan:
    at: float  # seconds after the start of the workload
    chat_id: int
    user_id: int
    chat_type: str
    text: str


@dataclass
class Result:
    name: str
    cap: str
    offered: str
    answered: int
    buttons: int
    lost: int
    duplicated: int
    logged: int
    sends: int
    rate: float
    peak: int
    throughput: float
    p50: float
    p99: float
    cpu: float
    cpu_ms: float
    child_cpu_ms: float
    api_cpu_ms: float
    drained: bool


def workload(n: int, users: int, groups: int, group_share: float, rate: float | None) -> list[Plan]:
    """``n`` messages from dev-set texts; group ones addressed to the bot as people do."""
    rng = random.Random(7)
    lines = (ROOT / "corpus" / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = [t for t in texts if not t.startswith("/")]  # a command gets /help, not an answer
    plans = []
    for i in range(n):
        user = 10_000 + rng.randrange(users)
        text = rng.choice(texts)
        at = i / rate if rate else 0.0
        if rng.random() < group_share:
            group = -1_000_000 - rng.randrange(groups)
            addressed = f"/firstaid {text}" if i % 2 else f"@{BOT_USERNAME} {text}"
            plans.append(Plan(at, group, user, "supergroup", addressed))
        else:
            plans.append(Plan(at, user, user, "private", text))
    return plans


def held_by_group_limit(plans: list[Plan]) -> int:
    """How many replies Telegram's per-group limit makes wait, had each been sent on arrival.

    A bot may send 20 messages a minute to one group, and the bot keeps that limit
    with the overall cap lifted (PTB's AIORateLimiter: a bucket of 20 draining at
    20 per 60 s). Replies past it wait, and latency then measures the limit, not
    the bot: 6,000 messages at 300/s over 40 groups gave p99 17 s from group
    replies alone.
    """
    drain = GROUP_PER_MINUTE / 60.0
    level: dict[int, tuple[float, float]] = {}  # group -> (bucket level, when last updated)
    held = 0
    for plan in plans:
        if plan.chat_type == "private":
            continue
        fill, then = level.get(plan.chat_id, (0.0, plan.at))
        fill = max(0.0, fill - (plan.at - then) * drain)
        if fill + 1 > GROUP_PER_MINUTE:
            held += 1
        level[plan.chat_id] = (fill + 1, plan.at)  # a held reply still takes its place
    return held


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    """``pid``'s running child processes (the bot's matcher process)."""
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]


def children_cpu_seconds(pid: int) -> float:
    """CPU of ``pid``'s running child processes (the matcher process)."""
    total = 0.0
    for child in child_pids(pid):
        try:
            total += cpu_seconds(child)
        except FileNotFoundError:  # exited meanwhile
            continue
    return total


async def sample_cpu(pid: int, out: list[tuple[float, float, float]]) -> None:
    """Every 0.25 s: (time, bot CPU s, matcher process CPU s), for ``--trace``."""
    while True:
        out.append((time.monotonic(), cpu_seconds(pid), children_cpu_seconds(pid)))
        await asyncio.sleep(0.25)


def write_trace(
    path: Path,
    started: float,
    rows: list[tuple[float, float, float | None, str]],
    samples: list[tuple[float, float, float]],
) -> None:
    """Per message (sent, handed out, replied; s after start) and CPU samples, as JSON."""
    messages = [
        {
            "sent": round(s - started, 4),
            "handed": round(h - started, 4),
            "replied": None if r is None else round(r - started, 4),
            "chat": chat,
        }
        for s, h, r, chat in rows
    ]
    cpu = [
        {"at": round(t - started, 3), "bot": round(b, 3), "matcher": round(m, 3)}
        for t, b, m in samples
    ]
    trace = {"started": started, "messages": messages, "cpu": cpu}
    path.write_text(json.dumps(trace), encoding="utf-8")


def peak_per_second(times: list[float]) -> int:
    """The most events in any window of one second."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def start_bot(api: FakeTelegram, data: Path, cap: float) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.url,
        "TELEGRAM_RATE_LIMIT": str(cap),
        "DATA_DIR": str(data),
        "HASH_SECRET": HASH_SECRET,
        "RUN_MODE": "polling",
        "LOG_LEVEL": "WARNING",
    }
    log = (data / "bot.log").open("wb")
    code = "from bot.cli.app import main; main()"
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, "run", env=env, stdout=log, stderr=log, cwd=ROOT
    )


async def wait_until(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
        await asyncio.sleep(0.05)


def send(api: FakeTelegram, plan: Plan) -> tuple[int, int]:
    message = api.send_text(
        chat_id=plan.chat_id, user_id=plan.user_id, chat_type=plan.chat_type, text=plan.text
    )
    return plan.chat_id, int(message["message_id"])


async def run_once(name: str, cap: float, plans: list[Plan], args: argparse.Namespace) -> Result:
    async with FakeTelegram() as api:
        with tempfile.TemporaryDirectory(prefix="firstaid-load-") as tmp:
            data = Path(tmp) / "data"
            data.mkdir()
            cache = ROOT / ".cache" / "load-index"
            cache.mkdir(parents=True, exist_ok=True)
            (data / "cache").symlink_to(cache)  # the model's index is encoded once, not per run
            bot = await start_bot(api, data, cap)
            try:
                await wait_until(lambda: api.poller > 0, args.start_timeout, "the bot to start")
                warm = [
                    send(api, Plan(0, 900 + i, 900 + i, "private", "help")) for i in range(WARMUP)
                ]
                await wait_until(lambda: all(api.replies_to(*m) for m in warm), 60, "warm-up")
                # A full collection in this process took 50 to 90 ms in the first second
                # of every run (and 40 to 70 ms every ~11 s after), stalling the fake
                # API and the clock: replies looked late by that much. No collections
                # while timing; what the run leaves is collected after it.
                gc.collect()
                gc.disable()
                sends_before = len(api.sent())
                cpu_before, started = cpu_seconds(bot.pid), time.monotonic()
                child_before = children_cpu_seconds(bot.pid)
                own_before = time.process_time()
                asked, sent_at = [], []
                samples: list[tuple[float, float, float]] = []
                sampler = asyncio.create_task(sample_cpu(bot.pid, samples))
                for plan in plans:
                    if (delay := started + plan.at - time.monotonic()) > 0:
                        await asyncio.sleep(delay)
                    asked.append(send(api, plan))
                    sent_at.append(time.monotonic())
                try:
                    await wait_until(
                        lambda: all(api.replies_to(*m) for m in asked), args.timeout, "replies"
                    )
                except TimeoutError:
                    missing = [m for m in asked if not api.replies_to(*m)]
                    log_tail = (data / "bot.log").read_text(errors="replace")[-3000:]
                    print(f"{len(missing)} unanswered, e.g. {missing[:5]}", file=sys.stderr)
                    print(f"bot log (end):\n{log_tail}", file=sys.stderr)
                    failed = [(c.method, c.status) for c in api.calls if c.status != 200]
                    print(f"failed calls: {failed[:10]}", file=sys.stderr)
                    for chat_id, message_id in missing[:3]:
                        update_id = api.update_for_message[(chat_id, message_id)]
                        pending = any(u["update_id"] == update_id for u in api.pending)
                        print(
                            f"{update_id}: pending={pending} handed={update_id in api.handed_out}",
                            file=sys.stderr,
                        )
                    raise
                finished = time.monotonic()
                sampler.cancel()
                cpu = cpu_seconds(bot.pid) - cpu_before
                child_cpu = children_cpu_seconds(bot.pid) - child_before
                own = time.process_time() - own_before
                await asyncio.sleep(1.0)  # room for duplicates to show up
            finally:
                gc.enable()
                bot.send_signal(signal.SIGINT)
                try:
                    await asyncio.wait_for(bot.wait(), 30)
                except TimeoutError:
                    bot.kill()
            store = await Store.open(
                f"sqlite+aiosqlite:///{data / 'firstaid.db'}", hash_secret=HASH_SECRET.encode()
            )
            logged = len(await store.export_queries()) - WARMUP
            await store.close()
    replies = [api.replies_to(*m) for m in asked]
    latencies, rows = [], []
    for (chat_id, message_id), found, plan, at in zip(asked, replies, plans, sent_at, strict=True):
        handed = api.handed_out.get(api.update_for_message[(chat_id, message_id)], at)
        if found:
            latencies.append((found[0].at - handed) * 1000)
        rows.append((at, handed, found[0].at if found else None, plan.chat_type))
    if args.trace is not None:
        write_trace(args.trace.with_suffix(f".{name.split()[-1]}.json"), started, rows, samples)
    sent_times = [c.at for c in api.sent()[sends_before:]]
    span = max(sent_times[-1] - sent_times[0], 1e-9)
    return Result(
        name=name,
        cap="default 30/s" if cap == 30 else "lifted",
        offered="all at once"
        if plans[-1].at == 0
        else f"{len(plans) / max(plans[-1].at, 1e-9):.0f}/s",
        answered=sum(len(r) == 1 for r in replies),
        # every answer carries its buttons on its last message (needs the query logged in time)
        buttons=sum(bool(c.params.get("reply_markup")) for c in api.sent()[sends_before:]),
        lost=sum(not r for r in replies),
        duplicated=sum(len(r) > 1 for r in replies),
        logged=logged,
        sends=len(sent_times),
        rate=len(sent_times) / span,
        peak=peak_per_second(sent_times),
        throughput=len(asked) / (finished - started),
        p50=percentile(latencies, 0.50),
        p99=percentile(latencies, 0.99),
        cpu=cpu / (finished - started) * 100,
        cpu_ms=cpu / len(asked) * 1000,
        child_cpu_ms=child_cpu / len(asked) * 1000,
        api_cpu_ms=own / len(asked) * 1000,
        drained=not api.pending,
    )


def table(results: list[Result], n: int) -> str:
    head = (
        "| run | cap | offered | answered once | with buttons | lost | dup | logged | sends | "
        "send rate/s | peak in 1 s | msgs/s | p50 ms | p99 ms | bot CPU | CPU ms/msg | "
        "matcher process CPU ms/msg | fake API CPU ms/msg | drained |"
    )
    rows = [head, "|" + "---|" * 19]
    for r in results:
        rows.append(
            f"| {r.name} | {r.cap} | {r.offered} | {r.answered}/{n} | {r.buttons} | {r.lost} "
            f"| {r.duplicated} "
            f"| {r.logged} | {r.sends} | {r.rate:.1f} | {r.peak} | {r.throughput:.1f} "
            f"| {r.p50:.0f} | {r.p99:.0f} | {r.cpu:.0f}% | {r.cpu_ms:.1f} | {r.child_cpu_ms:.1f} "
            f"| {r.api_cpu_ms:.1f} "
            f"| {'yes' if r.drained else 'NO'} |"
        )
    return "\n".join(rows)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--group-share", type=float, default=0.2)
    parser.add_argument("--rate", type=float, default=100.0, help="offered messages/s")
    parser.add_argument("--runs", default="cap,lifted,burst")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--start-timeout", type=float, default=600.0)
    parser.add_argument(
        "--trace", type=Path, help="also write each run's per-message times to TRACE.<run>.json"
    )
    args = parser.parse_args()
    shape = (args.messages, args.users, args.groups, args.group_share)
    runs = {
        "1 cap": (30.0, workload(*shape, args.rate)),
        "2 lifted": (LIFTED, workload(*shape, args.rate)),
        "3 burst": (LIFTED, workload(*shape, None)),
    }
    chosen = {"cap": "1 cap", "lifted": "2 lifted", "burst": "3 burst"}
    if held := held_by_group_limit(runs["2 lifted"][1]):
        print(
            f"note: {held} group replies will wait for Telegram's limit of {GROUP_PER_MINUTE} "
            "a minute per group, and latency will show it; use more --groups",
            file=sys.stderr,
        )
    results = []
    for key in args.runs.split(","):
        name = chosen[key.strip()]
        cap, plans = runs[name]
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results.append(await run_once(name, cap, plans, args))
    names = ("MODEL", "ENCODER", "MODELS_DIR", "SPEEDUPS")
    setting = {k: os.environ.get(k, "(default)") for k in names}
    print(f"{args.messages} messages from {args.users} users; bot settings: {setting}")
    print(table(results, args.messages))


if __name__ == "__main__":
    asyncio.run(main())
