"""Soak benchmark: a steady message rate for minutes, with Telegram and storage faults injected.

The real bot runs as its own process (``firstaid run``, SQLite in a temporary
DATA_DIR) against the fake Bot API hosted here. Users send ``--rate`` messages
per second for ``--duration`` seconds while a fault schedule repeats every
minute: a burst of 502s on sendMessage, a 429 with retry_after, 500s and 409
conflicts on getUpdates, a getUpdates slower than the bot's read timeout and a
short outage (a proxy in front of the API refuses and cuts connections). Once
per run the API is down for ``--long-outage`` seconds and the database is
locked for longer than SQLite's busy timeout. Then SIGTERM: it must exit 0.

Reported: answered exactly once, lost (must be 0), duplicated (0 but for
replies on the wire at a cut: at least once, by design), error notices, rows
logged against messages sent, writes the bot could not store, latency, and
the bot's memory (RSS after warm-up against the end; the bot's process and its
matcher process together).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/soak.py                 # 600 s, real model
    .venv/bin/python benchmarks/soak.py --duration 60 --encoder fake     # quick check

Loopback only; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.load import child_pids  # noqa: E402
from bot import ui_text as w  # noqa: E402
from tests.fakes.telegram_api import FakeTelegram  # noqa: E402
from tests.reliability.proxy import Proxy  # noqa: E402

HASH_SECRET = "soak-benchmark-hash-secret-9b3f1a"
CAP = 1000.0  # the fake is not Telegram: the bot's own 30/s cap is lifted (see docs)
WARMUP = 20
ERROR_PREFIX = w.ERROR_REPLY.split("{", 1)[0]


def serve_bot() -> None:
    """Child process with ``--encoder fake``: the bot on the hashing encoder, no model loaded."""
    import bot.bootstrap
    from bot.cli.app import main
    from matcher import load_matcher
    from tests.fakes.encoder import HashingEncoder

    bot.bootstrap.build_matcher = lambda settings: load_matcher(  # type: ignore[assignment]
        model="base", models_dir=settings.models_dir, cache_dir=None, encoder=HashingEncoder()
    )
    sys.argv = ["firstaid", "run"]
    main()


def rss_mib(pid: int) -> float:
    """The bot's memory: its process and its children (the matcher process)."""
    found = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
    total = int(found[1]) / 1024 if found else float("nan")
    for child in child_pids(pid):
        try:
            total += rss_mib(child)
        except FileNotFoundError:  # exited meanwhile
            continue
    return total


def texts() -> list[str]:
    rows = (ROOT / "corpus" / "eval" / "dev.jsonl").read_text(encoding="utf-8").split("\n")
    found = (json.loads(row)["text"] for row in rows if row.strip())
    return [t for t in found if not t.startswith("/")]  # a command gets /help, not an answer


class Soak:
    def __init__(
        self, args: argparse.Namespace, api: FakeTelegram, proxy: Proxy, data: Path
    ) -> None:
        self.args, self.api, self.proxy, self.data = args, api, proxy, data
        self.asked: list[tuple[int, int]] = []
        self.faults: Counter[str] = Counter()
        self.rss: list[tuple[float, float]] = []
        self.background: list[asyncio.Task[None]] = []
        self.cuts: list[float] = []  # when the line to the API was cut
        self.rng = random.Random(11)
        self.texts = texts()

    async def start_bot(self) -> asyncio.subprocess.Process:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": self.api.token,
            "TELEGRAM_API_URL": self.proxy.url,  # outages happen in the proxy
            "TELEGRAM_RATE_LIMIT": str(CAP),
            "DATA_DIR": str(self.data),
            "HASH_SECRET": HASH_SECRET,
            "RUN_MODE": "polling",
            "LOG_LEVEL": "INFO",
        }
        log = (self.data / "bot.log").open("wb")
        if self.args.encoder == "fake":
            cmd = [sys.executable, __file__, "--serve-bot"]
        else:
            cmd = [sys.executable, "-c", "from bot.cli.app import main; main()", "run"]
        return await asyncio.create_subprocess_exec(*cmd, env=env, stdout=log, stderr=log, cwd=ROOT)

    def send(self, n: int) -> tuple[int, int]:
        user = 10_000 + self.rng.randrange(self.args.users)
        text = self.rng.choice(self.texts)
        if self.rng.random() < 0.1:  # groups: addressed to the bot, spread over many groups
            group = -1_000_000 - self.rng.randrange(200)
            msg = self.api.send_text(
                chat_id=group, user_id=user, chat_type="supergroup", text=f"/firstaid {text}"
            )
            return group, int(msg["message_id"])
        msg = self.api.send_text(chat_id=user, text=text)
        return user, int(msg["message_id"])

    async def lock_db(self, seconds: float) -> None:
        """Hold SQLite's write lock from another connection, past the bot's busy timeout."""
        path = self.data / "firstaid.db"
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            await asyncio.to_thread(conn.execute, "BEGIN IMMEDIATE")
            self.faults["database locked (taken)"] += 1
            await asyncio.sleep(seconds)
            await asyncio.to_thread(conn.execute, "ROLLBACK")
        finally:
            conn.close()

    async def outage(self, seconds: float) -> None:
        self.cuts.append(time.monotonic())
        await self.proxy.outage(seconds)

    def spawn(self, coro: Any) -> None:
        self.background.append(asyncio.create_task(coro))

    async def slow_polls(self) -> None:
        self.api.slow("getUpdates", 16.0)  # poll timeout 10 s + read timeout 5 s
        try:
            await asyncio.sleep(17.0)
        finally:
            self.api.slow("getUpdates", 0)

    async def faults_for_minute(self, minute: int) -> None:
        api, long = self.api, self.args.long_outage
        steps: list[tuple[float, str, Any]] = [  # (second, name, action)
            (5, "sendMessage 502 x20", lambda: api.fail("sendMessage", 502, times=20)),
            (12, "sendMessage 429 (1 s)", lambda: api.fail("sendMessage", 429, retry_after=1)),
            (18, "getUpdates 500 x3", lambda: api.fail("getUpdates", 500, times=3)),
            (24, "getUpdates 409 x2", lambda: api.fail("getUpdates", 409, times=2)),
            (30, "getUpdates slower than the read timeout", self.slow_polls),
            (48, "API unreachable 4 s", lambda: self.outage(4.0)),
        ]
        if minute == 2:
            steps.append((54, f"API unreachable {long:.0f} s", lambda: self.outage(long)))
        if minute == 3:  # in the background, over the next minute's faults
            steps.append((55, "database locked 20 s", lambda: self.spawn(self.lock_db(20.0))))
        started = time.monotonic()
        for at, name, action in steps:
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            if self.done():
                return
            self.faults[name] += 1
            if inspect.isawaitable(outcome := action()):
                await outcome

    def done(self) -> bool:  # the load phase is over
        return time.monotonic() >= self.ends

    async def faults_loop(self) -> None:
        minute = 0
        while not self.done():
            await self.faults_for_minute(minute)
            minute += 1
            await asyncio.sleep(max(0.0, self.starts + 60 * minute - time.monotonic()))

    async def sample_rss(self, pid: int) -> None:
        while not self.done():
            self.rss.append((time.monotonic() - self.starts, rss_mib(pid)))
            await asyncio.sleep(10)

    async def run(self) -> dict[str, Any]:
        args, api = self.args, self.api
        bot = await self.start_bot()
        try:
            await wait_until(lambda: api.poller > 0, args.start_timeout, "the bot to start")
            warm = [self.send(i) for i in range(WARMUP)]
            await wait_until(lambda: all(api.replies_to(*m) for m in warm), 120, "warm-up")
            self.starts = time.monotonic()
            self.ends = self.starts + args.duration
            tasks = [
                asyncio.create_task(self.faults_loop()),
                asyncio.create_task(self.sample_rss(bot.pid)),
            ]
            n = 0
            while not self.done():
                due = self.starts + n / args.rate
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                self.asked.append(self.send(n))
                n += 1
            for task in tasks:  # no fault outlives the load (each undoes itself when cancelled)
                task.cancel()
            await asyncio.gather(*tasks, *self.background, return_exceptions=True)
            rss = [rss_mib(bot.pid)]  # at the end of the load, then once the backlog is answered
            ok = await wait_until(lambda: all(api.replies_to(*m) for m in self.asked), 300)
            self.drain_s = time.monotonic() - self.ends
            rss.append(rss_mib(bot.pid))
            await asyncio.sleep(3.0)  # room for late duplicates
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                code = await asyncio.wait_for(bot.wait(), 60)
            except TimeoutError:
                bot.kill()
                code = -9
        return self.report(ok, code, rss)

    def report(self, drained: bool, exit_code: int, rss: list[float]) -> dict[str, Any]:
        api = self.api
        replies = [api.replies_to(*m) for m in self.asked]
        latencies = []
        for (chat_id, message_id), found in zip(self.asked, replies, strict=True):
            if found:
                handed = api.handed_out[api.update_for_message[(chat_id, message_id)]]
                latencies.append((found[0].at - handed) * 1000)
        notices = sum(r.params["text"].startswith(ERROR_PREFIX) for rs in replies for r in rs)
        with sqlite3.connect(self.data / "firstaid.db") as db:
            (logged,) = db.execute("SELECT count(*) FROM queries").fetchone()
        bot_log = (self.data / "bot.log").read_text(errors="replace")
        levels = Counter(line.split()[2] for line in bot_log.splitlines() if len(line.split()) > 2)
        rss_start = next((mib for at, mib in self.rss if at >= 60), self.rss[0][1])
        rss_half = next((mib for at, mib in self.rss if at >= self.args.duration / 2), rss[0])
        return {
            "messages": len(self.asked),
            "answered once": sum(len(r) == 1 for r in replies),
            "lost": sum(not r for r in replies),
            "duplicated": sum(len(r) > 1 for r in replies),
            "  of which cut mid-request": sum(
                len(r) > 1 and any(0 <= r[0].at - cut <= 1.0 for cut in self.cuts) for r in replies
            ),
            "error notices": notices,
            "logged rows": logged - WARMUP,
            "query log at shutdown": shutdown_line(bot_log),
            "bot log lines ERROR/WARNING": f"{levels['ERROR']}/{levels['WARNING']}",
            "faults injected": dict(self.faults),
            "failed API calls seen": dict(
                Counter(f"{c.method} {c.status}" for c in api.calls if c.status != 200)
            ),
            "latency p50/p99/max ms": f"{pct(latencies, 0.5):.0f}/{pct(latencies, 0.99):.0f}/"
            f"{max(latencies, default=float('nan')):.0f}",
            "RSS MiB at 60 s / end / drained": " / ".join(f"{m:.1f}" for m in (rss_start, *rss)),
            "RSS growth (end, drained)": ", ".join(f"{m / rss_start - 1:+.1%}" for m in rss),
            "RSS growth, second half": f"{rss[0] / rss_half - 1:+.1%}",
            "RSS samples (every 10 s)": [round(mib) for _, mib in self.rss],
            "drained": f"{drained}, {self.drain_s:.0f} s after the load stopped",
            "bot exit code after SIGTERM": exit_code,
        }


def shutdown_line(bot_log: str) -> str:
    """The bot's own count of written, retried and unwritten log writes."""
    found = re.findall(r"query log at shutdown: (.*)", bot_log)
    return found[-1] if found else "(missing: the bot did not shut down cleanly)"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def wait_until(check: Any, timeout: float, what: str | None = None) -> bool:
    """True once ``check()`` holds; False after ``timeout`` (raises instead if ``what``)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            if what:
                raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
            return False
        await asyncio.sleep(0.2)
    return True


async def main(args: argparse.Namespace) -> None:
    async with FakeTelegram() as api:
        with tempfile.TemporaryDirectory(prefix="firstaid-soak-") as tmp:
            data = Path(tmp) / "data"
            data.mkdir()
            cache = ROOT / ".cache" / "load-index"
            cache.mkdir(parents=True, exist_ok=True)
            (data / "cache").symlink_to(cache)  # the model's index is encoded once, not per run
            proxy = await Proxy(api.port).start()
            result = await Soak(args, api, proxy, data).run()
            await proxy.stop()
    for key, value in result.items():
        print(f"{key:32} {value}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve-bot"]:
        serve_bot()
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of load")
    parser.add_argument("--rate", type=float, default=50.0, help="messages per second")
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--encoder", choices=("real", "fake"), default="real")
    parser.add_argument("--long-outage", type=float, default=20.0, help="seconds, once per run")
    parser.add_argument("--start-timeout", type=float, default=600.0)
    asyncio.run(main(parser.parse_args()))
