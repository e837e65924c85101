"""The composition root: builds settings, the matcher and the store, once, for every entry point.

``firstaid run``, ``firstaid chat``, the benchmarks and the tests all go
through :func:`open_services`, so they see the same wiring. Tests pass
ready-made (fake) collaborators instead of letting it build real ones.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, field

from bot import logs, startup
from bot.match_process import MatcherFactory
from bot.querylog import QueryLog
from bot.settings import Settings, resolve_hash_secret
from matcher import Matcher, load_matcher
from matcher.corpus import Corpus
from matcher.onnx_encoder import make_encoder
from matcher.registry import BASE, resolve_model
from storage.store import Store

# Longer than SQLite's busy timeout, far shorter than asyncpg's 60 s connect timeout.
DB_OPEN_TIMEOUT_S = 30.0


def build_matcher(settings: Settings, *, shared_cores: bool = False) -> Matcher:
    """The matcher for ``MODEL`` on the ``ENCODER`` runtime, its index cached under ``DATA_DIR``.

    ``shared_cores=False`` (CLI, benchmarks): the fastest single answer, every
    core and busy-waiting threads. The bot passes True: its encoder shares the
    cores with the event loop, so it runs one thread that sleeps when idle (see
    :class:`matcher.onnx_encoder.OnnxEncoder`). On 2 cores, int8, one message:
    2.75 ms on two sleeping threads against 2.85 ms on one, for 4.0 against
    2.9 ms of CPU; under load the CPU is what limits messages per second.
    """
    model_dir, _ = resolve_model(settings.model, settings.models_dir)
    encoder = make_encoder(
        settings.encoder,
        model_dir,
        models_dir=settings.models_dir,
        busy_wait=not shared_cores,
        threads=1 if shared_cores else 0,
    )
    return load_matcher(
        model=settings.model,
        models_dir=settings.models_dir,
        cache_dir=settings.data_dir / "cache",
        encoder=encoder,
    )


def matcher_factory(settings: Settings, matcher: Matcher) -> MatcherFactory:
    """A picklable recipe that builds ``matcher``'s model again in another process.

    The version is pinned, so a promotion between the two builds cannot make
    the child serve another model; secrets stay out of the child's settings.
    """
    version = matcher.model_version
    pinned = version == BASE or (settings.models_dir / version).is_dir()
    child = settings.model_copy(
        update={
            "model": version if pinned else settings.model,
            "telegram_bot_token": None,
            "hash_secret": None,
            "webhook_secret": None,
            "database_url": None,
        }
    )
    return functools.partial(build_matcher, child, shared_cores=True)


@dataclass
class Services:
    """Everything a front end needs; ``owned`` lists what :func:`close_services` closes.

    ``querylog`` is how answers reach ``store``: bounded waits, a retry queue
    flushed by :func:`close_services` (see :mod:`bot.querylog`).
    """

    settings: Settings
    matcher: Matcher
    store: Store
    owned: set[str] = field(default_factory=set)
    # True when the matcher was built from ``settings`` (a child process can build it again).
    matcher_from_settings: bool = False
    querylog: QueryLog = field(init=False)

    def __post_init__(self) -> None:
        self.querylog = QueryLog(self.store)

    @property
    def corpus(self) -> Corpus:
        return self.matcher.corpus


async def open_services(
    settings: Settings,
    *,
    matcher: Matcher | None = None,
    store: Store | None = None,
    shared_cores: bool = False,
) -> Services:
    """Build what is not given: the matcher (off the event loop) and the store.

    The hash key, every secret setting (bot token, webhook secret) and the
    database password are registered for log redaction first, so nothing
    logged while starting can leak them. Every fault an operator can fix (data
    folder, hash secret, database, model) is a one-line
    :class:`~bot.settings.ConfigError` naming the fix.
    """
    startup.check_data_dir(settings.data_dir)
    secret = resolve_hash_secret(settings)
    url = settings.effective_database_url
    logs.protect([secret, startup.database_password(url), *startup.secret_values(settings)])
    owned: set[str] = set()
    if store is None:
        try:
            store = await asyncio.wait_for(Store.open(url, hash_secret=secret), DB_OPEN_TIMEOUT_S)
        except Exception as exc:
            raise startup.database_error(url, exc) from exc
        owned.add("store")
    built = matcher is None
    if matcher is None:
        try:
            matcher = await asyncio.to_thread(
                functools.partial(build_matcher, settings, shared_cores=shared_cores)
            )
        except BaseException as exc:
            if "store" in owned:
                await store.close()
            if isinstance(exc, Exception):
                raise startup.model_error(settings, exc) from exc
            raise
    return Services(
        settings=settings,
        matcher=matcher,
        store=store,
        owned=owned,
        matcher_from_settings=built,
    )


async def close_services(services: Services) -> None:
    """Flush the query log, then close what :func:`open_services` opened (never a
    collaborator passed in)."""
    await services.querylog.flush()
    if "store" in services.owned:
        await services.store.close()
        services.owned.discard("store")
