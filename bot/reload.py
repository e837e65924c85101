"""Switch a running bot to the promoted model: ``/reload`` and SIGHUP.

The new matcher (model, ONNX session, index) is built on a helper thread
while the match worker keeps answering with the old one; the swap is then two
attribute assignments on the event-loop thread, so no handler and no batch
ever sees half of it. A batch already running on the worker thread finishes
with the matcher it started with; the next batch uses the new one. Nothing is
queued or dropped: updates arriving during a reload are answered as usual.

A model that fails to load changes nothing: the old one keeps serving and the
error is reported. Reloads are serialised; one that finds the promoted version
already served does no work.

Exports: :class:`Reloader`, :class:`Reload`, :class:`ReloadError`,
:func:`reload_on_sighup`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import bootstrap, heap
from bot.bootstrap import Services
from bot.matching import MatchWorker
from bot.settings import Settings
from matcher import Matcher
from matcher.registry import resolve_model

if TYPE_CHECKING:
    from bot.context import BotApp

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

    ``build`` defaults to :func:`bot.bootstrap.build_matcher` (looked up at each
    reload, so it is the same function the bot started with) and ``target`` to
    :func:`promoted_version`; tests pass fast fakes.
    """

    def __init__(
        self, build: Build | None = None, target: Callable[[Settings], str] = promoted_version
    ) -> None:
        self.build = build
        self.target = target
        self._lock = asyncio.Lock()

    @property
    def busy(self) -> bool:
        """True while a reload is building or waiting for one."""
        return self._lock.locked()

    async def reload(self, services: Services, worker: MatchWorker) -> Reload:
        """Serve the promoted model from now on; raises :class:`ReloadError` and keeps the old."""
        async with self._lock:
            old = worker.model_version
            started = time.perf_counter()
            try:
                wanted = await asyncio.to_thread(self.target, services.settings)
                if wanted == old:
                    return Reload(old, old, 0.0)
                if self.build is not None:
                    matcher = await asyncio.to_thread(self.build, services.settings)
                else:  # the bot's own builder, as at start (no busy-waiting encoder)
                    build = functools.partial(bootstrap.build_matcher, shared_cores=True)
                    matcher = await asyncio.to_thread(build, services.settings)
            except Exception as exc:
                log.exception("could not load the promoted model; still serving %s", old)
                raise ReloadError(_reason(exc)) from exc
            # The swap. Both on the loop thread, between two awaits: atomic for handlers.
            worker.matcher = matcher
            services.matcher = matcher
            heap.refreeze()  # the new model in, the old one's cycles out
            done = Reload(old, matcher.model_version, time.perf_counter() - started)
            log.info("model reloaded: %s -> %s in %.1f s", done.old, done.new, done.seconds)
            return done


def _reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


async def reload_app(app: BotApp) -> Reload | None:
    """Reload the model of a running application; errors are logged, None returned."""
    data = app.bot_data
    if data.services is None or data.worker is None:
        log.warning("reload requested before the bot started; ignored")
        return None
    try:
        return await data.reloader.reload(data.services, data.worker)
    except ReloadError:
        return None  # logged by the reloader, with the traceback


def reload_on_sighup(app: BotApp) -> None:
    """Make SIGHUP reload the model while ``app`` runs.

    The handler is added in ``post_init`` (the loop is running by then) and
    removed in ``post_shutdown``; where signals are unavailable (Windows, a
    thread other than the main one) ``/reload`` remains the way.
    """
    sighup = getattr(signal, "SIGHUP", None)
    start, stop = app.post_init, app.post_shutdown

    async def post_init(application: BotApp) -> None:
        if start is not None:
            await start(application)
        if sighup is None:
            return
        loop = asyncio.get_running_loop()
        try:
            loop.add_signal_handler(sighup, lambda: application.create_task(reload_app(app)))
        except (NotImplementedError, RuntimeError, ValueError):
            log.warning("SIGHUP cannot be handled here; use /reload to switch models")

    async def post_shutdown(application: BotApp) -> None:
        if sighup is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().remove_signal_handler(sighup)
        if stop is not None:
            await stop(application)

    app.post_init = post_init
    app.post_shutdown = post_shutdown
