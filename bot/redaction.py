"""Logging set-up that keeps secrets and user content out of every log line.

The bot token is part of every Bot API URL, so any library that logs a URL
(httpx at INFO, PTB at DEBUG, exception messages) would leak it. Redaction
happens when a record is created (a log-record factory), so it covers every
handler, including ones added later such as pytest's ``caplog``.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable, Mapping
from typing import Any

REDACTED = "[REDACTED]"
# Shorter values would redact innocent text; real tokens and keys are far longer.
MIN_SECRET = 8
_secrets: set[str] = set()
_installed = False


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``[REDACTED]``."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


WITHHELD = "[content withheld]"
# Values a log line may carry as they are: numbers, and short words such as a
# Bot API method or a handler name. Anything else from a library's logger (an
# update, a Bot API payload, SQL parameters at DEBUG) can hold names and raw text;
# this project's own loggers never pass user content as an argument.
_PLAIN = re.compile(r"^[\w.:/`<>-]{0,64}$")
_OWN = frozenset({"bot", "storage", "matcher"})


def _from_telegram(value: object) -> bool:
    return type(value).__module__.split(".", 1)[0] == "telegram"


def _safe_arg(value: object, strict: bool) -> object:
    # Exceptions stay: their messages come from the Bot API or the network, and
    # an operator needs them; secrets in them are still redacted below.
    if value is None or isinstance(value, bool | int | float | BaseException):
        return value
    if _from_telegram(value):
        return WITHHELD
    if strict and not (isinstance(value, str) and _PLAIN.match(value)):
        return WITHHELD
    return value


def withhold_content(record: logging.LogRecord) -> None:
    """Replace arguments that may carry user content (names, message text) in ``record``.

    Telegram objects are withheld from every logger; other libraries' loggers
    also lose any argument that is not a number or a short word, since at
    DEBUG they log whole updates, Bot API payloads and SQL parameters.
    """
    args = record.args
    if not args:
        return
    strict = record.name.split(".", 1)[0] not in _OWN
    if isinstance(args, tuple):
        record.args = tuple(_safe_arg(a, strict) for a in args)
    elif isinstance(args, Mapping):
        record.args = {k: _safe_arg(v, strict) for k, v in args.items()}


def _scrub(record: logging.LogRecord) -> None:
    withhold_content(record)
    if not _secrets:
        return
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the raw parts, redacted
        message = f"{record.msg} {record.args}"
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[1] is not None:
        # Formatters reuse ``exc_text`` when it is set, so the traceback text is redacted too.
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


class RedactingFilter(logging.Filter):
    """A filter form of the same redaction, for handlers configured elsewhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        _scrub(record)
        return True


def protect(secrets: Iterable[str | bytes | None]) -> None:
    """Redact these values from every log record from now on."""
    global _installed
    for secret in secrets:
        value = secret.decode() if isinstance(secret, bytes) else secret
        if value and len(value) >= MIN_SECRET:
            _secrets.add(value)
    if not _installed:
        factory = logging.getLogRecordFactory()

        def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = factory(*args, **kwargs)
            _scrub(record)
            return record

        logging.setLogRecordFactory(redacting_factory)
        _installed = True


def configure(level: str, secrets: Iterable[str | bytes | None]) -> None:
    """Root logging at ``level``; chatty HTTP libraries at WARNING; secrets redacted."""
    protect(secrets)
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
