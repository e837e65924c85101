"""Shared pieces of the console tests (a module name no other test folder uses)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI

from bot.console.app import create_app
from bot.console.links import issue_link
from bot.settings import Settings
from matcher.corpus import Corpus
from storage import QueryRecord, Store
from tests.bot.conftest import make_settings

MOD_A = 9001
MOD_B = 9002
OUTSIDER = 4242
USER = 501
# The sessions are Secure cookies, which a client only sends over HTTPS.
BASE_URL = "https://console.test"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def console_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "moderator_ids": frozenset({MOD_A, MOD_B}),
        "models_dir": tmp_path / "models",  # never the repository's own
        **overrides,
    }
    return make_settings(tmp_path, **values)


async def log_query(store: Store, text: str, topic: str | None = "burn", **fields: Any) -> int:
    """Log one answered message as the bot would; returns its id."""
    values: dict[str, Any] = {
        "chat_id": USER,
        "user_id": USER,
        "chat_type": "private",
        "text": text,
        "normalized": text.lower(),
        "topic": topic,
        "score": 0.8,
        "alternatives": ("choking", "nosebleed"),
        "emergency": False,
        "oos": topic is None,
        "model_version": "base",
        "latency_ms": 5.0,
        **fields,
    }
    return await store.log_query(QueryRecord(**values))


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@dataclass
class Site:
    """The console app over a real store, reached with an HTTP client in the same event loop."""

    app: FastAPI
    store: Store
    settings: Settings
    moderators: set[int]

    def client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=("203.0.113.7", 4000))
        return httpx.AsyncClient(transport=transport, base_url=BASE_URL)

    def link(self, moderator_id: int) -> str:
        """The path and query of a fresh sign-in link, as ``/console`` sends it."""
        url = urlsplit(issue_link(self.settings, self.store.hasher, moderator_id))
        return f"{url.path}?{url.query}"

    @asynccontextmanager
    async def signed_in(self, moderator_id: int = MOD_A) -> AsyncIterator[httpx.AsyncClient]:
        async with self.client() as client:
            response = await sign_in(client, self.link(moderator_id))
            assert response.status_code == 303
            yield client


async def sign_in(client: httpx.AsyncClient, link: str) -> httpx.Response:
    """Open the link, press "Sign in"; returns the answer to the press."""
    page = await client.get(link)
    if page.status_code != 200:  # a refused link shows no form; take the token elsewhere
        page = await client.get("/login")
    token = link.split("token=", 1)[1]
    return await client.post("/sign-in", data={"csrf": csrf_of(page.text), "token": token})


async def form_token(client: httpx.AsyncClient, path: str = "/login") -> str:
    """This session's CSRF token, read from a page's form."""
    return csrf_of((await client.get(path)).text)


def make_site(settings: Settings, store: Store, corpus: Corpus) -> Site:
    moderators = set(settings.moderator_ids)
    app = create_app(settings, store, corpus, moderator_ids=lambda: frozenset(moderators))
    return Site(app, store, settings, moderators)
