"""The heartbeat file: the running bot refreshes it, ``firstaid health`` checks it.

A container health check cannot ask the bot's event loop anything, so the bot
proves it is alive by rewriting ``DATA_DIR/heartbeat`` every 30 seconds while
it polls or serves webhooks. Three missed beats mean unhealthy.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

HEARTBEAT_FILE = "heartbeat"
INTERVAL_S = 30.0
STALE_AFTER_S = 3 * INTERVAL_S


def heartbeat_path(data_dir: Path) -> Path:
    return data_dir / HEARTBEAT_FILE


def beat(data_dir: Path, *, now: float | None = None) -> None:
    """Write the current time atomically (a reader never sees half a file)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = heartbeat_path(data_dir)
    tmp = path.with_name(f".{HEARTBEAT_FILE}.{os.getpid()}.tmp")
    tmp.write_text(f"{time.time() if now is None else now:.3f}\n", encoding="utf-8")
    os.replace(tmp, path)


def age(data_dir: Path, *, now: float | None = None) -> float | None:
    """Seconds since the last beat, or None when there is no readable heartbeat."""
    try:
        stamp = float(heartbeat_path(data_dir).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return (time.time() if now is None else now) - stamp


def is_fresh(data_dir: Path, *, now: float | None = None) -> bool:
    """True when the bot beat within the last ``STALE_AFTER_S`` seconds."""
    seconds = age(data_dir, now=now)
    return seconds is not None and seconds <= STALE_AFTER_S


def clear(data_dir: Path) -> None:
    """Remove the heartbeat on a clean shutdown, so a stopped bot reads as not running."""
    heartbeat_path(data_dir).unlink(missing_ok=True)
