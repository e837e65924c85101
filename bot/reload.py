"""Switch a running bot to the promoted model: ``/reload`` and SIGHUP.

The new matcher (model, ONNX session, index) is built on a helper thread
while the answerer keeps answering with the old one; the swap is then one
attribute assignment on the event-loop thread, so no handler and no batch
ever sees half of it. A batch already running finishes with the matcher it
started with; the next one uses the new one. Nothing is queued or dropped.

A model that fails to load changes nothing: the old one keeps serving and the
error is reported. Reloads are serialised; one that finds the promoted version
already served does no work.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.runtime import gc_freeze
from bot.service import Answerer
from bot.settings import Settings
from matcher import Matcher
from matcher.models.registry import resolve_model

log = logging.getLogger(__name__)
Build = Callable[[Settings], Matcher]
MAX_REASON = 300


def promoted_version(settings: Settings) -> str:
    """The version name ``MODEL`` resolves to now (the promoted one by default); files only."""
    return resolve_model(settings.model, settings.models_dir)[1]


@dataclass(frozen=True)
class Reload:
    """One reload: the version served before and after, and how long building took."""

    old: str
    new: str
    seconds: float

    @property
    def changed(self) -> bool:
        return self.old != self.new


class ReloadError(Exception):
    """The new model could not be loaded; the old one is still served."""


class Reloader:
    """Builds the matcher for the promoted model off the event loop and swaps it in.

    ``build`` is the bot's own builder (:func:`bot.bootstrap.build_matcher`, as
    at start) and ``target`` :func:`promoted_version`; tests pass fast fakes.
    """

    def __init__(self, build: Build, target: Callable[[Settings], str] = promoted_version) -> None:
        self.build = build
        self.target = target
        self._lock = asyncio.Lock()

    @property
    def busy(self) -> bool:
        """True while a reload is building or waiting for one."""
        return self._lock.locked()

    async def reload(self, settings: Settings, answerer: Answerer) -> Reload:
        """Serve the promoted model from now on; raises :class:`ReloadError` and keeps the old."""
        async with self._lock:
            old = answerer.matcher.model_version
            started = time.perf_counter()
            try:
                wanted = await asyncio.to_thread(self.target, settings)
                if wanted == old:
                    return Reload(old, old, 0.0)
                matcher = await asyncio.to_thread(self.build, settings)
            except Exception as exc:
                log.exception("could not load the promoted model; still serving %s", old)
                raise ReloadError(_reason(exc)) from exc
            # The swap, on the loop thread between two awaits: atomic for handlers.
            answerer.matcher = matcher
            gc_freeze.refreeze()  # the new model in, the old one's cycles out
            done = Reload(old, matcher.model_version, time.perf_counter() - started)
            log.info("model reloaded: %s -> %s in %.1f s", done.old, done.new, done.seconds)
            return done


def _reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
