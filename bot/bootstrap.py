"""The composition root: builds the matcher, its answerer, the store and the log, once.

``firstaid run``, ``firstaid chat``, the benchmarks and the tests all go
through :func:`open_services`, so they see the same wiring. Tests pass
ready-made (fake) collaborators instead of letting it build real ones. The
``SPEEDUPS`` setting picks the answerer (:class:`bot.service.ThreadAnswerer`,
or :class:`bot.runtime.worker.MatchWorker` with its child process) and the
store's group commit; nothing else changes with it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot import forgetting, redaction, startup
from bot.alerts import AlertLimiter
from bot.languages import Languages
from bot.query_log import QueryLog
from bot.reload import Reloader
from bot.service import Answerer, ChatCountries, ThreadAnswerer
from bot.settings import Settings, resolve_hash_secret
from matcher import Matcher, load_matcher
from matcher.corpus import Corpus
from matcher.encoders.onnx import make_encoder
from matcher.models.registry import BASE, resolve_model
from storage.store import Store

log = logging.getLogger(__name__)

# Longer than SQLite's busy timeout, far shorter than asyncpg's 60 s connect timeout.
DB_OPEN_TIMEOUT_S = 30.0


def build_matcher(settings: Settings, *, shared_cores: bool = False) -> Matcher:
    """The matcher for ``MODEL`` on the ``ENCODER`` runtime, its index cached under ``DATA_DIR``.

    ``shared_cores=False`` (CLI, benchmarks): the fastest single answer, every
    core and busy-waiting threads. The bot passes True: its encoder shares the
    cores with the event loop, so it runs one thread that sleeps when idle (see
    :class:`matcher.encoders.onnx.OnnxEncoder`): about the same latency for a
    third less CPU, and under load CPU is what limits messages per second.
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


def build_language_matchers(settings: Settings) -> dict[str, Matcher]:
    """A matcher for each of ``LANGUAGES`` (multilingual-e5; index cached under ``DATA_DIR``)."""
    from matcher.serving.languages import load_language_matcher

    cache = settings.data_dir / "cache"
    matchers = {}
    for lang in settings.languages:
        log.info("loading the %s matcher (a first start encodes its index: minutes)", lang)
        matchers[lang] = load_language_matcher(lang, cache_dir=cache)
    return matchers


def matcher_factory(settings: Settings, matcher: Matcher) -> Callable[[], Matcher]:
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


def _reload_build(settings: Settings) -> Matcher:
    # A reload builds the bot's matcher as start-up did: no busy-waiting encoder.
    return build_matcher(settings, shared_cores=True)


@dataclass
class Services:
    """Everything a front end needs; ``owned`` lists what :func:`close_services` closes.

    ``querylog`` is how answers reach ``store`` (bounded waits, a retry queue,
    see :mod:`bot.query_log`); ``countries`` caches each chat's country;
    ``alerts`` and ``reloader`` serve the moderators; ``languages`` detects each
    message's language and answers those that are not English.
    """

    settings: Settings
    store: Store
    answerer: Answerer
    language_matchers: dict[str, Matcher] = field(default_factory=dict)
    owned: set[str] = field(default_factory=set)
    alerts: AlertLimiter = field(default_factory=AlertLimiter)
    reloader: Reloader = field(default_factory=lambda: Reloader(_reload_build))
    querylog: QueryLog = field(init=False)
    countries: ChatCountries = field(init=False)
    languages: Languages = field(init=False)

    def __post_init__(self) -> None:
        self.querylog = QueryLog(self.store)
        self.countries = ChatCountries(self.store, self.settings.default_country)
        self.languages = Languages(self.store, self.language_matchers)
        forgetting.connect(self)  # /forget and the purge reach the copies outside the database

    @property
    def matcher(self) -> Matcher:
        """The matcher served now (a reload swaps it inside the answerer)."""
        return self.answerer.matcher

    @property
    def corpus(self) -> Corpus:
        return self.matcher.corpus

    def corpus_for(self, lang: str) -> Corpus:
        """The corpus replies in ``lang`` are composed from (English for any other)."""
        matcher = self.language_matchers.get(lang)
        return matcher.corpus if matcher is not None else self.corpus


def make_answerer(settings: Settings, matcher: Matcher, *, rebuildable: bool) -> Answerer:
    """The plain :class:`ThreadAnswerer`, or with ``SPEEDUPS`` the batching worker.

    The worker matches in a child process only when ``rebuildable`` (the matcher
    was built from ``settings``, so the child can build the same one).
    """
    if not settings.speedups:
        return ThreadAnswerer(matcher)
    from bot.runtime.worker import MatchWorker

    child = functools.partial(matcher_factory, settings) if rebuildable else None
    return MatchWorker(matcher, child=child)


async def open_services(
    settings: Settings,
    *,
    matcher: Matcher | None = None,
    store: Store | None = None,
    shared_cores: bool = False,
    speedups: bool | None = None,
    language_matchers: dict[str, Matcher] | None = None,
) -> Services:
    """Build what is not given: the matcher (off the event loop) and the store.

    The hash key, every secret setting (bot token, webhook secret) and the
    database password are registered for log redaction first, so nothing
    logged while starting can leak them. Every fault an operator can fix (data
    folder, hash secret, database, model) is a one-line
    :class:`~bot.settings.ConfigError` naming the fix. ``speedups`` overrides
    the setting (the terminal chat answers one message at a time: never).
    ``language_matchers`` replaces those of ``LANGUAGES``; when ``matcher`` is
    given (tests) and they are not, only English is answered in full.
    """
    if speedups is not None:
        settings = settings.model_copy(update={"speedups": speedups})
    startup.check_data_dir(settings.data_dir)
    secret = resolve_hash_secret(settings)
    url = settings.effective_database_url
    redaction.protect([secret, startup.database_password(url), *startup.secret_values(settings)])
    owned: set[str] = set()
    if store is None:
        try:
            opening = Store.open(url, hash_secret=secret, batch_writes=settings.speedups)
            store = await asyncio.wait_for(opening, DB_OPEN_TIMEOUT_S)
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
    if language_matchers is None:
        language_matchers = {}
        if built and settings.languages:
            try:
                language_matchers = await asyncio.to_thread(build_language_matchers, settings)
            except Exception as exc:
                if "store" in owned:
                    await store.close()
                raise startup.model_error(settings, exc) from exc
    answerer = make_answerer(settings, matcher, rebuildable=built)
    return Services(
        settings=settings,
        store=store,
        answerer=answerer,
        language_matchers=language_matchers,
        owned=owned,
    )


async def close_services(services: Services) -> None:
    """Stop the answerer, flush the query log, then close what :func:`open_services`
    opened (never a collaborator passed in)."""
    services.answerer.close()
    services.languages.close()
    await services.querylog.flush()
    if "store" in services.owned:
        await services.store.close()
        services.owned.discard("store")
