"""/forget and the retention purge reach every copy: the retry queue and model folders."""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.bootstrap import Services, close_services, open_services
from bot.query_log import QueryLog
from matcher import Matcher
from matcher.models.registry import EXTRA_OOS, write_manifest
from matcher.serving.normalize import normalize
from storage.records import QueryRecord
from storage.store import Store
from tests.bot.conftest import HASH_SECRET, make_settings

pytestmark = pytest.mark.timeout(60)
VERSION = "20260101-000000"


def record(user_id: int, text: str) -> QueryRecord:
    return QueryRecord(
        chat_id=user_id, user_id=user_id, chat_type="private", text=text, normalized=text,
        topic="burn", score=0.8, alternatives=[], emergency=False, oos=False,
        model_version="m1", latency_ms=1.0,
    )  # fmt: skip


class Faulty:
    """The real store, except that writes fail while ``full`` and wait while ``held``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.full = False
        self.held = asyncio.Event()
        self.held.set()

    async def log_query(self, values: QueryRecord) -> int:
        await self.held.wait()
        if self.full:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk is full"))
        return await self.store.log_query(values)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def eventually(check: Callable[[], Any], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.05)


async def texts(store: Store) -> list[str]:
    return [row["text"] for row in await store.export_queries()]


@pytest.fixture
async def services(tmp_path: Path, fake_matcher: Matcher) -> Any:
    settings = make_settings(tmp_path, models_dir=tmp_path / "models")
    settings.data_dir.mkdir(parents=True)
    real = await Store.open(settings.effective_database_url, hash_secret=HASH_SECRET.encode())
    built = await open_services(settings, matcher=fake_matcher, store=Faulty(real))  # type: ignore[arg-type]
    yield built
    await close_services(built)
    await real.close()


async def test_forget_drops_the_users_queued_rows_and_keeps_the_others(services: Services) -> None:
    faulty: Faulty = services.store  # type: ignore[assignment]
    faulty.full = True
    assert await services.querylog.write(record(7, "my burn, user seven")) is None
    assert await services.querylog.write(record(8, "my burn, user eight")) is None
    assert services.querylog.counts.pending == 2  # both waiting for retry
    await services.store.forget_user(7)
    faulty.full = False
    await eventually(lambda: _has(faulty.store, ["my burn, user eight"]))
    await asyncio.sleep(0.6)  # a retry of user seven's row would have landed by now
    assert await texts(faulty.store) == ["my burn, user eight"]
    assert services.querylog.counts.unwritten == 0  # dropped on request is not a loss


async def test_a_write_landing_after_forget_is_deleted_when_it_lands(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    faulty: Faulty = services.store  # type: ignore[assignment]
    log = services.querylog
    monkeypatch.setattr(log, "forget", functools.partial(QueryLog.forget, log, wait_s=0.1))
    faulty.held.clear()  # the write hangs (a slow disk) past the reply and past /forget
    assert await log.write(record(7, "late burn of user seven")) is None
    await services.store.forget_user(7)
    faulty.held.set()
    await eventually(lambda: _written(log, 1))
    await eventually(lambda: _has(faulty.store, []))


async def _has(store: Store, expected: list[str]) -> bool:
    return await texts(store) == expected


async def _written(log: QueryLog, n: int) -> bool:
    return log.counts.written == n and log.counts.pending == 0


async def test_model_folders_keep_only_texts_the_log_still_holds(services: Services) -> None:
    store: Store = services.store.store  # type: ignore[attr-defined]
    models = services.settings.models_dir
    said = {7: "What's the capital of France?", 8: "Tell me a joke about cats"}
    for user, text in said.items():
        query_id = await store.log_query(record(user, text))
        assert await store.record_review(query_id=query_id, moderator_id=99, verdict="oos")
    folder = models / VERSION
    write_manifest(folder, {"version": VERSION})
    bank = [normalize(t) for t in said.values()]
    (folder / EXTRA_OOS).write_text(json.dumps(bank), encoding="utf-8")
    cache = services.settings.data_dir / "cache"
    cache.mkdir(parents=True)
    (cache / "index-abc.npy").write_bytes(b"embeddings of the old bank")

    await services.store.forget_user(7)
    assert json.loads((folder / EXTRA_OOS).read_text()) == [normalize(said[8])]
    assert not (cache / "index-abc.npy").exists()

    store._clock = lambda: datetime.now(UTC) + timedelta(days=400)  # type: ignore[method-assign]
    assert await services.store.purge(30) > 0
    assert json.loads((folder / EXTRA_OOS).read_text()) == []
