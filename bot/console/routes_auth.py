"""Signing in and out: the single-use link from ``/console``, or a password account.

Opening a link shows a button rather than signing in at once, so a link
previewer or prefetcher that fetches the address cannot spend the link.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from bot.console.state import check_csrf, client_key, console_of, csrf_token

log = logging.getLogger(__name__)
router = APIRouter()


def _page(request: Request, name: str, status: int = 200, **values: object) -> Response:
    context = {"csrf": csrf_token(request), "moderator": None, **values}
    return console_of(request).templates.TemplateResponse(request, name, context, status)


def _start_session(request: Request, moderator_hash: str, account: str | None) -> Response:
    request.session.clear()  # a fresh CSRF token for the signed-in session
    request.session["moderator"] = moderator_hash
    if account is not None:
        request.session["account"] = account
    return RedirectResponse("/", status_code=303)


@router.get("/login")
async def login_page(request: Request) -> Response:
    return _page(request, "login.html")


@router.post("/login", dependencies=[Depends(check_csrf)])
async def login(request: Request) -> Response:
    console = console_of(request)
    client = client_key(request)
    if console.throttle.blocked(client):
        log.info("console: login refused, too many failures from one client")
        return _page(request, "login.html", 429, error="throttled")
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    # argon2 takes tens of milliseconds on purpose: keep it off the event loop.
    account = await asyncio.to_thread(console.accounts.check, name, password)
    if account is None or console.moderator_id(account.moderator_hash) is None:
        console.throttle.failed(client)
        log.info("console: a password login failed")
        return _page(request, "login.html", 401, error="wrong")
    log.info("console: a moderator signed in with a password")
    return _start_session(request, account.moderator_hash, account.name)


@router.get("/sign-in")
async def sign_in_page(request: Request, token: str = "") -> Response:
    console = console_of(request)
    if console.throttle.blocked(client_key(request)):
        return _page(request, "login.html", 429, error="throttled")
    valid = console.links.peek(token) is not None
    return _page(request, "sign_in.html", 200 if valid else 403, token=token, valid=valid)


@router.post("/sign-in", dependencies=[Depends(check_csrf)])
async def sign_in(request: Request) -> Response:
    console = console_of(request)
    client = client_key(request)
    if console.throttle.blocked(client):
        return _page(request, "login.html", 429, error="throttled")
    token = str((await request.form()).get("token", ""))
    moderator_hash = console.links.redeem(token)
    if moderator_hash is None or console.moderator_id(moderator_hash) is None:
        console.throttle.failed(client)
        log.info("console: refused a used, expired or foreign sign-in link")
        return _page(request, "sign_in.html", 403, token="", valid=False)
    log.info("console: a moderator signed in with a link")
    return _start_session(request, moderator_hash, None)


@router.post("/logout", dependencies=[Depends(check_csrf)])
async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
