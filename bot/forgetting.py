"""Deletion beyond the database: what ``/forget`` and the retention purge also reach.

The store deletes rows; copies of those rows live elsewhere too, and
:func:`connect` makes each deletion reach them:

- the query log's retry queue (raw ids and text in memory): a forgotten user's
  queued rows are dropped, and writes in flight land first so they are deleted;
- trained model folders (``models/<version>/extra_oos.json``): messages that
  moderators marked out of scope are copied there at training time. After a
  deletion each file keeps only texts that the log still holds, cached index
  embeddings are removed, and the served matcher is rebuilt when its own bank
  lost a text. (A second replica drops its in-memory copy at its next reload
  or restart.)
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Protocol

from bot.languages import Languages
from bot.query_log import QueryLog
from bot.reload import Reloader
from bot.service import Answerer
from bot.settings import Settings
from matcher import Matcher
from matcher.models.registry import prune_extra_oos
from matcher.serving.normalize import normalize
from storage import Store

log = logging.getLogger(__name__)
INDEX_CACHE_GLOB = "index-*.npy"


class Services(Protocol):
    """What this module needs of :class:`bot.bootstrap.Services` (which imports it)."""

    settings: Settings
    store: Store
    answerer: Answerer
    querylog: QueryLog
    reloader: Reloader
    languages: Languages

    @property
    def matcher(self) -> Matcher: ...


def connect(services: Services) -> None:
    """Register the hooks on ``services.store`` (a store without hooks is left alone)."""
    store = services.store
    if not hasattr(store, "before_forget"):
        return
    store.before_forget(lambda user_id: _drop_queued(services, user_id))
    store.after_delete(lambda: prune_model_copies(services))


async def _drop_queued(services: Services, user_id: int) -> None:
    await services.querylog.forget(user_id)
    services.languages.forget(user_id)  # a private chat's id is its user's


def drop_index_caches(cache_dir: Path) -> int:
    """Remove cached index embeddings (rebuilt on the next load); returns files removed."""
    removed = 0
    for path in cache_dir.glob(INDEX_CACHE_GLOB) if cache_dir.is_dir() else ():
        path.unlink(missing_ok=True)
        removed += 1
    return removed


async def prune_model_copies(services: Services) -> list[str]:
    """Keep in every model folder only the out-of-scope texts the log still holds.

    Returns the versions whose bank changed.
    """
    settings = services.settings
    kept = {normalize(t) for t in await services.store.oos_verdict_texts()}
    changed = await asyncio.to_thread(prune_extra_oos, settings.models_dir, kept.__contains__)
    if not changed:
        return changed
    await asyncio.to_thread(drop_index_caches, settings.data_dir / "cache")
    if services.matcher.model_version in changed:
        matcher = await asyncio.to_thread(services.reloader.build, settings)
        services.answerer.matcher = matcher
        log.info("deleted texts left the served model's bank; matcher rebuilt")
    return changed
