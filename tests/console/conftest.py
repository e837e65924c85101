"""Fixtures for the console tests: a real SQLite store, the real corpus, the app.

No ``__init__.py`` here, like tests/storage: helpers come from ``console_helpers``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from console_helpers import Site, console_settings, make_site

from bot.settings import Settings, resolve_hash_secret
from matcher.corpus import Corpus, load_corpus
from storage import Store
from tests.bot.conftest import fake_matcher  # noqa: F401  (the bot tests' fast matcher)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return console_settings(tmp_path)


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    opened = await Store.open(
        settings.effective_database_url, hash_secret=resolve_hash_secret(settings)
    )
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def site(settings: Settings, store: Store, corpus: Corpus) -> Site:
    return make_site(settings, store, corpus)
