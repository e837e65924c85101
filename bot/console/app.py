"""The console's ASGI application: sessions, security headers, the routers, the assets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from bot.console import (
    routes_auth,
    routes_dashboard,
    routes_export,
    routes_inbox,
    routes_models,
)
from bot.console.links import signing_key
from bot.console.state import Console, Forbidden, NotSignedIn
from bot.settings import Settings
from matcher.corpus import Corpus
from storage.store import Store

SESSION_COOKIE = "firstaid_console"
SESSION_MAX_AGE_S = 12 * 60 * 60
STATIC = Path(__file__).parent / "static"
# Everything is served from here: no scripts at all, styles from the page and our CSS.
# (Inline styles are for matplotlib's SVG, which carries a <style> element.)
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Sign-in links carry their token in the address; never pass it on.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def _headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _not_signed_in(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


def _forbidden(request: Request, exc: Exception) -> Response:
    return HTMLResponse("<h1>Forbidden</h1><p>The form has expired. Go back and reload.</p>", 403)


def create_app(
    settings: Settings,
    store: Store,
    corpus: Corpus,
    *,
    moderator_ids: Callable[[], frozenset[int]] | None = None,
) -> FastAPI:
    """The console over an open ``store``; ``moderator_ids`` is asked on every request
    (default: ``settings.moderator_ids``)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    console = Console(
        settings=settings,
        store=store,
        corpus=corpus,
        moderator_ids=moderator_ids or (lambda: settings.moderator_ids),
    )
    app.state.console = console
    app.middleware("http")(_headers)
    app.add_middleware(
        SessionMiddleware,
        secret_key=signing_key(store.hasher),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_S,
        same_site="strict",
        https_only=settings.console_secure_cookies,
    )
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    app.add_exception_handler(Forbidden, _forbidden)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (routes_auth, routes_dashboard, routes_inbox, routes_models, routes_export):
        app.include_router(module.router)
    return app
