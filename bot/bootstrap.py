"""The composition root: builds settings, the matcher and the store, once, for every entry point.

``firstaid run``, ``firstaid chat``, the benchmarks and the tests all go
through :func:`open_services`, so they see the same wiring. Tests pass
ready-made (fake) collaborators instead of letting it build real ones.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot import logs
from bot.settings import Settings, resolve_hash_secret
from matcher import Matcher, load_matcher
from matcher.corpus import Corpus
from matcher.onnx_encoder import make_encoder
from matcher.registry import resolve_model
from storage.store import Store


def build_matcher(settings: Settings) -> Matcher:
    """The matcher for ``MODEL`` on the ``ENCODER`` runtime, its index cached under ``DATA_DIR``."""
    model_dir, _ = resolve_model(settings.model, settings.models_dir)
    return load_matcher(
        model=settings.model,
        models_dir=settings.models_dir,
        cache_dir=settings.data_dir / "cache",
        encoder=make_encoder(settings.encoder, model_dir, models_dir=settings.models_dir),
    )


@dataclass
class Services:
    """Everything a front end needs; ``owned`` lists what :func:`close_services` closes."""

    settings: Settings
    matcher: Matcher
    store: Store
    owned: set[str] = field(default_factory=set)

    @property
    def corpus(self) -> Corpus:
        return self.matcher.corpus


async def open_services(
    settings: Settings, *, matcher: Matcher | None = None, store: Store | None = None
) -> Services:
    """Build what is not given: the matcher (off the event loop) and the store.

    The hash key and the bot token are registered for log redaction first, so
    nothing logged while starting can leak them.
    """
    secret = resolve_hash_secret(settings)
    token = settings.telegram_bot_token
    logs.protect([secret, token.get_secret_value() if token else None])
    owned: set[str] = set()
    if store is None:
        store = await Store.open(settings.effective_database_url, hash_secret=secret)
        owned.add("store")
    if matcher is None:
        try:
            matcher = await asyncio.to_thread(build_matcher, settings)
        except BaseException:
            if "store" in owned:
                await store.close()
            raise
    return Services(settings=settings, matcher=matcher, store=store, owned=owned)


async def close_services(services: Services) -> None:
    """Close what :func:`open_services` opened (never a collaborator passed in)."""
    if "store" in services.owned:
        await services.store.close()
        services.owned.discard("store")
