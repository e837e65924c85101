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


def build_matcher(settings: Settings, *, busy_wait: bool = True) -> Matcher:
    """The matcher for ``MODEL`` on the ``ENCODER`` runtime, its index cached under ``DATA_DIR``.

    ``busy_wait``: the fastest single answers (CLI); the bot, which shares its
    cores with the event loop, passes False (see :class:`matcher.onnx_encoder.OnnxEncoder`).
    """
    model_dir, _ = resolve_model(settings.model, settings.models_dir)
    encoder = make_encoder(
        settings.encoder, model_dir, models_dir=settings.models_dir, busy_wait=busy_wait
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
    return functools.partial(build_matcher, child, busy_wait=False)


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
    busy_wait: bool = True,
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
                functools.partial(build_matcher, settings, busy_wait=busy_wait)
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
