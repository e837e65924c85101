"""Single-use sign-in links: ``/console`` in Telegram issues one, the console redeems it.

A link carries a token signed with a key derived from ``HASH_SECRET`` (the bot
and the console share it, nothing else needs configuring). The token names the
moderator by the same keyed hash storage uses, never the raw Telegram id, since
links end up in browser histories. It expires after :data:`LINK_TTL_S`.

Single use is enforced in the memory of the console process (:class:`UsedLinks`):
a redeemed token's nonce is remembered until it would have expired anyway. A
restart of the console within those ten minutes forgets them, so a link already
used could be used once more; storing them would need a table for a ten-minute
fact, and whoever can read the link then could also have used it first.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from bot.settings import Settings
from storage.privacy import IdHasher

LINK_TTL_S = 10 * 60
SIGN_IN_PATH = "/sign-in"
_SALT = "firstaid-console-sign-in"
_KEY_LABEL = "firstaid-console-signing-key"


def signing_key(hasher: IdHasher) -> str:
    """A key for links and session cookies, derived from the hash secret by HMAC."""
    return hasher.hash(_KEY_LABEL)


def console_url(settings: Settings) -> str:
    """Where the console is reached: ``CONSOLE_URL``, else its own host and port."""
    if settings.console_url:
        return settings.console_url.rstrip("/")
    host = settings.console_host
    # Listening on every interface: no browser can open that address, this machine's can.
    if host in ("0.0.0.0", "::", ""):
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal in a URL
    return f"http://{host}:{settings.console_port}"


def _serializer(hasher: IdHasher) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(signing_key(hasher), salt=_SALT)


def issue_link(settings: Settings, hasher: IdHasher, moderator_id: int) -> str:
    """A fresh sign-in link for this moderator (the caller checked they are one)."""
    token = _serializer(hasher).dumps(
        {"m": hasher.hash(moderator_id), "n": secrets.token_urlsafe(16)}
    )
    return f"{console_url(settings)}{SIGN_IN_PATH}?{urlencode({'token': token})}"


@dataclass
class UsedLinks:
    """Redeems tokens at most once each; forgets a nonce once its token has expired."""

    hasher: IdHasher
    ttl_s: int = LINK_TTL_S
    clock: Callable[[], float] = time.time
    _used: dict[str, float] = field(default_factory=dict)

    def peek(self, token: str) -> str | None:
        """The moderator hash a valid, unused token names; None otherwise. Uses nothing."""
        found = self._load(token)
        return None if found is None else found[0]

    def redeem(self, token: str) -> str | None:
        """Like :meth:`peek`, and the token can never be redeemed again."""
        found = self._load(token)
        if found is None:
            return None
        moderator_hash, nonce = found
        self._used[nonce] = self.clock() + self.ttl_s
        return moderator_hash

    def _load(self, token: str) -> tuple[str, str] | None:
        now = self.clock()
        self._used = {n: until for n, until in self._used.items() if until > now}
        serializer = _serializer(self.hasher)
        try:
            signed_at: float
            data, signed = serializer.loads(token, max_age=self.ttl_s, return_timestamp=True)
            signed_at = signed.timestamp()
        except (SignatureExpired, BadSignature):
            return None
        # itsdangerous reads the age from its own clock; ours decides in tests too.
        if not isinstance(data, dict) or now - signed_at > self.ttl_s:
            return None
        moderator_hash, nonce = data.get("m"), data.get("n")
        if not isinstance(moderator_hash, str) or not isinstance(nonce, str):
            return None
        if nonce in self._used:
            return None
        return moderator_hash, nonce
