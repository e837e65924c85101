"""Running the console: open the store and the corpus, serve with uvicorn, close the store."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from fastapi import FastAPI

from bot import redaction, startup
from bot.console.app import create_app
from bot.console.links import signing_key
from bot.settings import Settings, get_settings, resolve_hash_secret
from storage.store import Store

if TYPE_CHECKING:
    import uvicorn

log = logging.getLogger(__name__)


def server_config(app: FastAPI, settings: Settings) -> uvicorn.Config:
    """How uvicorn serves the console (the browser test serves it the same way)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.console_host,
        port=settings.console_port,
        # Access logs would record sign-in tokens and search words from addresses.
        access_log=False,
        log_config=None,
        server_header=False,
    )


def _listed_moderators() -> frozenset[int]:
    # Read again on every request, so removing a moderator from MODERATOR_IDS
    # (environment or .env) locks them out of the console without a restart.
    return get_settings().moderator_ids


async def serve(settings: Settings, *, reread_moderators: bool = True) -> None:
    """Serve the console on ``CONSOLE_HOST:CONSOLE_PORT`` until interrupted."""
    import uvicorn

    from matcher.corpus import load_corpus

    secret = resolve_hash_secret(settings)
    url = settings.effective_database_url
    secrets = [secret, startup.database_password(url), *startup.secret_values(settings)]
    redaction.configure(settings.log_level, secrets)
    try:
        store = await Store.open(url, hash_secret=secret)
    except Exception as exc:
        raise startup.database_error(url, exc) from exc
    redaction.protect([signing_key(store.hasher)])
    try:
        corpus = await asyncio.to_thread(load_corpus)
        app = create_app(
            settings,
            store,
            corpus,
            moderator_ids=_listed_moderators if reread_moderators else None,
        )
        config = server_config(app, settings)
        log.info("console on http://%s:%d", settings.console_host, settings.console_port)
        await uvicorn.Server(config).serve()
    finally:
        await store.close()
