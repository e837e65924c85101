"""What every console request can reach, and who is asking (checked on every request)."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from bot.console.accounts import Accounts, Throttle
from bot.console.links import UsedLinks
from bot.settings import Settings
from matcher.corpus import Corpus
from storage.store import Store

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


class NotSignedIn(Exception):
    """No session, or one that no longer names a moderator: sent to the sign-in page."""


class Forbidden(Exception):
    """A form without its CSRF token, or a moderator-only action refused."""


@dataclass
class Console:
    """The console's collaborators; ``moderator_ids`` is read again on every request."""

    settings: Settings
    store: Store
    corpus: Corpus
    moderator_ids: Callable[[], frozenset[int]]
    links: UsedLinks = field(init=False)
    accounts: Accounts = field(init=False)
    throttle: Throttle = field(default_factory=Throttle)
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(TEMPLATES))
    )

    def __post_init__(self) -> None:
        self.links = UsedLinks(self.store.hasher)
        self.accounts = Accounts(self.settings.data_dir)

    def moderator_id(self, moderator_hash: str) -> int | None:
        """The listed moderator whose hashed id this is; None when no longer listed."""
        hasher = self.store.hasher
        for moderator in self.moderator_ids():
            if hmac.compare_digest(hasher.hash(moderator), moderator_hash):
                return moderator
        return None


@dataclass(frozen=True)
class Moderator:
    """The signed-in moderator: the Telegram id (for the review queue, never shown or
    stored), its hash, and how they signed in."""

    id: int
    hash: str
    name: str


def console_of(request: Request) -> Console:
    found: Console = request.app.state.console
    return found


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use; every form carries it."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def current_moderator(request: Request) -> Moderator:
    """The moderator this session belongs to, checked against the list now; else refused."""
    console = console_of(request)
    moderator_hash = request.session.get("moderator")
    account = request.session.get("account")
    if not isinstance(moderator_hash, str):
        raise NotSignedIn
    moderator = console.moderator_id(moderator_hash)
    if isinstance(account, str):
        # A removed account, or one rebound to someone else, ends its sessions too.
        found = console.accounts.get(account)
        if found is None or found.moderator_hash != moderator_hash:
            moderator = None
    if moderator is None:
        log.info("console: refused a session that no longer names a moderator")
        request.session.clear()
        raise NotSignedIn
    return Moderator(moderator, moderator_hash, account if isinstance(account, str) else "")


CurrentModerator = Annotated[Moderator, Depends(current_moderator)]


async def check_csrf(request: Request) -> None:
    """Refuse a form whose token is missing or not this session's."""
    expected = request.session.get("csrf")
    sent = (await request.form()).get("csrf")
    if not isinstance(expected, str) or not isinstance(sent, str):
        raise Forbidden("csrf")
    if not hmac.compare_digest(expected, sent):
        raise Forbidden("csrf")


def client_key(request: Request) -> str:
    """Whom login throttling counts: the peer address (a proxy should pass the real one)."""
    return request.client.host if request.client else "unknown"
