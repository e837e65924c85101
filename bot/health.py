"""The heartbeat file: the running bot refreshes it, ``firstaid health`` checks it.

A container health check cannot ask the bot's event loop anything, so the bot
proves it is alive by rewriting ``DATA_DIR/heartbeat`` every 30 seconds while
it polls or serves webhooks. Three missed beats mean unhealthy. Each beat also
records how long updates have lately waited to be handled (a probe set by the
bot's update processor), since a bot can beat on time while nobody is answered.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

HEARTBEAT_FILE = "heartbeat"
INTERVAL_S = 30.0
STALE_AFTER_S = 3 * INTERVAL_S


_wait_probe: Callable[[], float] | None = None


def set_wait_probe(probe: Callable[[], float] | None) -> None:
    """Where :func:`beat` reads how long updates wait (seconds); None: not measured."""
    global _wait_probe
    _wait_probe = probe


def heartbeat_path(data_dir: Path) -> Path:
    return data_dir / HEARTBEAT_FILE


def beat(data_dir: Path, *, now: float | None = None) -> None:
    """Write the current time and the updates' wait atomically (never half a file)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = heartbeat_path(data_dir)
    tmp = path.with_name(f".{HEARTBEAT_FILE}.{os.getpid()}.tmp")
    waited = _wait_probe() if _wait_probe is not None else 0.0
    tmp.write_text(f"{time.time() if now is None else now:.3f} {waited:.3f}\n", encoding="utf-8")
    os.replace(tmp, path)


def _fields(data_dir: Path) -> list[float] | None:
    try:
        return [float(f) for f in heartbeat_path(data_dir).read_text(encoding="utf-8").split()]
    except (OSError, ValueError):
        return None


def age(data_dir: Path, *, now: float | None = None) -> float | None:
    """Seconds since the last beat, or None when there is no readable heartbeat."""
    fields = _fields(data_dir)
    if not fields:
        return None
    return (time.time() if now is None else now) - fields[0]


def wait(data_dir: Path) -> float:
    """How long updates waited to be handled at the last beat (0 when not recorded)."""
    fields = _fields(data_dir)
    return fields[1] if fields and len(fields) > 1 else 0.0


def is_fresh(data_dir: Path, *, now: float | None = None) -> bool:
    """True when the bot beat within the last ``STALE_AFTER_S`` seconds."""
    seconds = age(data_dir, now=now)
    return seconds is not None and seconds <= STALE_AFTER_S


def clear(data_dir: Path) -> None:
    """Remove the heartbeat on a clean shutdown, so a stopped bot reads as not running."""
    heartbeat_path(data_dir).unlink(missing_ok=True)
