"""Riding out Telegram outages when replying: the rate limiter also retries network failures.

PTB retries a 429 (``retry_after``) but not a 5xx, a refused connection or a
timeout: the reply to a message taken just before an outage would be lost,
because the next ``getUpdates`` confirms that message all the same. So replies
(and the other calls a handler makes) are retried here, with back-off, for up
to :data:`SEND_RETRY_WINDOW_S` (:data:`SHUTDOWN_GRACE_S` once the bot is stopping).

A failure that proves Telegram did not act (an error status, a connection
never made) is retried until the window closes. A timeout or a connection lost
after the request went out is ambiguous: Telegram may have delivered the
message. That is retried once (with a longer read timeout), choosing a rare
duplicate over silence for someone in an emergency.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

from bot.telegram import transport

log = logging.getLogger(__name__)
# Calls a handler makes on behalf of a user; bootstrap calls (getMe, setWebhook)
# have PTB's own retries, and getUpdates its polling loop.
RETRIED = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "answerInlineQuery",
    }
)
SEND_RETRY_WINDOW_S = 60.0
# Once the bot is stopping, retries end this soon, so SIGTERM is not held up for minutes.
SHUTDOWN_GRACE_S = 5.0
RETRY_FIRST_S = 0.5
RETRY_MAX_S = 8.0
AMBIGUOUS_RETRIES = 1
RETRY_READ_TIMEOUT_S = 15.0
# Transport failures that prove the request never reached Telegram: the bot's
# own transport (bot.telegram.transport) and PTB's default one, which tests may use.
_NOT_SENT = (*transport.NOT_SENT, httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

Result = bool | dict[str, Any] | list[dict[str, Any]]


def not_delivered(exc: NetworkError) -> bool:
    """True when Telegram surely did not act on the request (safe to send again)."""
    cause = exc.__cause__
    if cause is None:  # Telegram answered with an error status: nothing was done
        return True
    return isinstance(cause, _NOT_SENT)


class RetryingRateLimiter(AIORateLimiter):
    """:class:`AIORateLimiter` (rates and 429s) plus retries of transient network failures."""

    def __init__(self, *, window_s: float = SEND_RETRY_WINDOW_S, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window_s = window_s
        self.retries = 0  # failed attempts that were retried (logs and tests read it)
        # Set by the application once built (bot.telegram.application): True while it is stopping.
        self.stopping: Callable[[], bool] = lambda: False

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send through the rate limiter; retry ``RETRIED`` calls while the failure is transient."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.window_s
        delay, ambiguous = RETRY_FIRST_S, 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:  # a NetworkError subclass, but sending again cannot help
                raise
            except NetworkError as exc:
                if self.stopping():
                    deadline = min(deadline, loop.time() + SHUTDOWN_GRACE_S)
                if endpoint not in RETRIED or loop.time() + delay > deadline:
                    raise
                if not not_delivered(exc):
                    ambiguous += 1
                    if ambiguous > AMBIGUOUS_RETRIES:
                        raise
                    kwargs = {**kwargs, "read_timeout": RETRY_READ_TIMEOUT_S}
                self.retries += 1
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX_S)
