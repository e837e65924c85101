"""How the bot talks HTTP to the Bot API: an aiohttp request class for python-telegram-bot.

A speed-up (``SPEEDUPS``): PTB's default (:class:`telegram.request.HTTPXRequest`)
spends several times more CPU per call in httpx and httpcore than aiohttp,
whose parser and buffers are compiled; at hundreds of messages a second that
is a large share of the event loop (``docs/benchmarks.md``). PTB documents
:class:`~telegram.request.BaseRequest` for exactly this: it owns only the
transport; retries, rate limits and error parsing stay PTB's.

Requests without files go as a JSON body (the Bot API takes
``application/json``; one ``json.dumps`` instead of URL-encoding every byte
of the answer in Python); uploads go as multipart form data, like PTB's.

Timeouts follow PTB's meaning: ``pool`` + ``connect`` bound getting a
connection, ``read`` bounds each wait for the server, and the sum of all four
bounds the whole call (aiohttp has no separate write timeout). Errors become
PTB's :class:`~telegram.error.TimedOut` and :class:`~telegram.error.NetworkError`;
those that prove the request never left (see :data:`NOT_SENT`) keep the aiohttp
error as their cause, which :func:`bot.telegram.limiter.not_delivered` reads. Error
messages carry the server's origin only, never the URL path: Bot API paths
contain the token.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# Failures that prove the request never reached the server: no connection was
# made (refused, DNS, no free connection in time). Safe to send again.
NOT_SENT: tuple[type[BaseException], ...] = (
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
)


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` on one :class:`aiohttp.ClientSession`."""

    __slots__ = ("_connections", "_defaults", "_proxies", "_session")

    def __init__(
        self,
        *,
        connections: int,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._connections = connections
        self._defaults = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # origin -> proxy from the environment

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (PTB adds the long-polling time to it for getUpdates)."""
        return self._defaults["read"]

    async def initialize(self) -> None:
        """Open the session (needs the running loop; PTB calls this before the first request)."""
        if self._session is None or self._session.closed:
            # Not trust_env: with it aiohttp reads ~/.netrc and the proxy variables
            # again on every request (a tenth of the event loop under load).
            # HTTPS_PROXY and friends still apply, looked up once per server.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                json_serialize=json.dumps,
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def _timeout(self, **given: ODVInput[float]) -> aiohttp.ClientTimeout:
        t = {k: self._defaults[k] if isinstance(v, DefaultValue) else v for k, v in given.items()}
        connect = None if t["connect"] is None or t["pool"] is None else t["connect"] + t["pool"]
        parts = (t["read"], t["write"], t["connect"], t["pool"])
        total = None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
        return aiohttp.ClientTimeout(
            total=total, connect=connect, sock_connect=t["connect"], sock_read=t["read"]
        )

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One Bot API call: ``(status, body)``; see :meth:`BaseRequest.do_request`."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        timeout = self._timeout(
            read=read_timeout, write=write_timeout, connect=connect_timeout, pool=pool_timeout
        )
        headers = {"User-Agent": self.USER_AGENT}
        body: Any = None
        if request_data is not None and request_data.contains_files:
            body = _form(request_data)
        elif request_data is not None:
            body = json.dumps(request_data.parameters).encode()
            headers["Content-Type"] = "application/json"
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout, proxy=self._proxy(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut(_describe(err, url)) from err
        except aiohttp.ClientError as err:
            raise NetworkError(_describe(err, url)) from err

    def _proxy(self, url: str) -> str | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            proxy = urllib.request.getproxies().get(parts.scheme)
            bypass = parts.hostname is not None and urllib.request.proxy_bypass(parts.hostname)
            self._proxies[origin] = None if bypass else proxy
        return self._proxies[origin]


def _form(request_data: RequestData) -> aiohttp.FormData:
    """Multipart form data: plain parameters as PTB encodes them, then the files."""
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _describe(err: BaseException, url: str) -> str:
    """``aiohttp.<Error>: <message>`` with the URL cut to its origin (the path holds the token)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    message = str(err).replace(url, origin)
    if parts.path:
        message = message.replace(parts.path, "")
    return (
        f"aiohttp.{type(err).__name__}: {message}" if message else f"aiohttp.{type(err).__name__}"
    )
