"""Fixtures for the bot tests: a fast fake matcher, settings, an offline app, a live one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from telegram import Update

from bot.bootstrap import Services
from bot.service import ThreadAnswerer
from bot.settings import Settings
from bot.telegram.application import application_builder, finish
from bot.telegram.context import BotApp
from matcher import Matcher, load_matcher
from storage.store import Store
from tests.fakes.encoder import HashingEncoder
from tests.fakes.store import FakeStore
from tests.fakes.telegram_api import TOKEN, Call, FakeTelegram

HASH_SECRET = "bot-tests-hash-secret-5f2a9c1e7b"


@pytest.fixture(scope="session")
def fake_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """The real matcher over the real corpus, with a hashing encoder instead of the model."""
    return load_matcher(
        model="base",
        models_dir=tmp_path_factory.mktemp("models"),
        cache_dir=None,
        encoder=HashingEncoder(),
    )


@pytest.fixture(scope="session")
def spanish_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """The Spanish matcher over the Spanish corpus, with the hashing encoder instead of e5
    (one per session: fitting its classifier on ~12,000 entries takes a minute or two)."""
    from matcher.serving.languages import load_language_matcher

    cache = tmp_path_factory.mktemp("es-cache")
    return load_language_matcher("es", cache_dir=cache, encoder=HashingEncoder())


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_url": "http://127.0.0.1:9",
        "data_dir": tmp_path / "data",
        "hash_secret": HASH_SECRET,
        "_env_file": None,
        # Tests drive one fake user hard; admission control's own tests set its limits.
        "admit_user_burst": 10_000,
        "admit_group_burst": 10_000,
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@dataclass
class Offline:
    """The real handlers and dispatch, calls answered by the fake API in memory."""

    app: BotApp
    api: FakeTelegram
    store: FakeStore

    async def deliver(self) -> None:
        """Process every update users produced so far, in order."""
        while self.api.pending:
            raw = self.api.pending.pop(0)
            await self.app.process_update(Update.de_json(raw, self.app.bot))

    def sent(self, chat_id: int | None = None) -> list[Call]:
        return self.api.sent(chat_id)

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params["text"] for c in self.sent(chat_id)]

    def notices(self) -> list[str | None]:
        return [a.get("text") for a in self.api.callback_answers]


@pytest.fixture
async def offline(settings: Settings, fake_matcher: Matcher) -> AsyncIterator[Offline]:
    api = FakeTelegram()
    store = FakeStore()
    services = Services(
        settings=settings, store=cast(Store, store), answerer=ThreadAnswerer(fake_matcher)
    )
    builder = application_builder(settings, services=services)
    app = finish(builder.request(api.request()).get_updates_request(api.request()).build())
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    try:
        yield Offline(app, api, store)
    finally:
        await app.post_shutdown(app)
        await app.shutdown()


def example_of(matcher: Matcher, topic_id: str) -> str:
    """A corpus example the fake matcher answers confidently with ``topic_id``."""
    for text in matcher.corpus.topic(topic_id).examples:
        match = matcher.match(text)
        if match.topic == topic_id and not match.low_confidence and not match.oos:
            return text
    raise AssertionError(f"no confident example for {topic_id}")
