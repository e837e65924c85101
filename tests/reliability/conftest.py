"""Fixtures for the reliability tests: the fake Bot API over HTTP, the live bot, fault helpers.

The bot is the real ``Application`` polling the fake over loopback
(:func:`tests.fakes.bot_harness.running`) with a real SQLite store, so every
fault goes through PTB's real network and retry code.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.bootstrap import Services, open_services
from bot.settings import Settings
from bot.telegram.application import application_builder, finish
from bot.telegram.context import BotApp
from matcher import Matcher
from tests.bot.conftest import example_of, fake_matcher, make_settings
from tests.fakes.bot_harness import running
from tests.fakes.telegram_api import Call, FakeTelegram

__all__ = ["fake_matcher"]  # the session fixture, shared with the bot tests' definition


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


Tweak = Callable[[Any], Any]


@asynccontextmanager
async def live_bot(
    settings: Settings,
    matcher: Matcher,
    *,
    store: Any = None,
    tweak: Tweak | None = None,
    webhook: dict[str, Any] | None = None,
) -> AsyncIterator[tuple[BotApp, Services]]:
    """The bot polling ``settings.telegram_api_url``; real SQLite unless ``store`` is given.

    ``tweak`` adjusts the ``ApplicationBuilder`` (shorter timeouts keep fault tests fast);
    ``webhook`` (``bot.telegram.runner.webhook_options``) serves a webhook instead of polling.
    """
    services = await open_services(settings, matcher=matcher, store=store)
    builder = application_builder(settings, services=services)
    app = finish((tweak(builder) if tweak else builder).build())
    try:
        async with running(app, webhook=webhook):
            yield app, services
    finally:
        if store is None:
            await services.store.close()


def bot_settings(tmp_path: Path, api: FakeTelegram, **overrides: Any) -> Settings:
    return make_settings(tmp_path, **{"telegram_api_url": api.url, **overrides})


def ask_many(api: FakeTelegram, matcher: Matcher, n: int, *, first_chat: int) -> list[Any]:
    """``n`` users each ask one confident question; their messages."""
    text = example_of(matcher, "sunburn")
    return [api.send_text(chat_id=first_chat + i, text=text) for i in range(n)]


def replies(api: FakeTelegram, message: dict[str, Any]) -> list[Call]:
    """Successful replies quoting ``message``."""
    return api.replies_to(message["chat"]["id"], message["message_id"])


async def replies_once(api: FakeTelegram, asked: list[Any], *, timeout: float = 30) -> None:
    """Wait until each message has a reply, then check none got two."""
    deadline = time.monotonic() + timeout
    while not all(replies(api, m) for m in asked):
        if time.monotonic() > deadline:
            missing = [m["message_id"] for m in asked if not replies(api, m)]
            raise AssertionError(f"{len(missing)} of {len(asked)} never answered: {missing[:5]}")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # room for a duplicate to show up
    counts = [len(replies(api, m)) for m in asked]
    assert counts == [1] * len(asked), f"replies per message: {counts}"


def statuses(api: FakeTelegram, method: str) -> list[int]:
    return [c.status for c in api.requests(method)]


def where(**params: Any) -> Callable[[Call], bool]:
    return lambda call: all(call.params.get(k) == v for k, v in params.items())


PG_URL = os.environ.get("POSTGRES_TEST_URL")


def plain_pg_url(url: str, database: str | None = None) -> str:
    """The URL as asyncpg itself wants it (no ``+asyncpg``), optionally another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A throwaway database on the server POSTGRES_TEST_URL names (skips without one)."""
    if PG_URL is None:
        pytest.skip("needs POSTGRES_TEST_URL (.ci/run sets it)")
    name = f"firstaid_rel_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(plain_pg_url(PG_URL))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
