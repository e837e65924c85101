"""The use case both front ends share: a question in, a logged answer out.

:func:`answer_question` is the whole plain path between a front end (the
Telegram handlers, the terminal chat) and the matcher: the chat's country,
the answer, the log row, the suggestions. The matcher runs through an
:class:`Answerer`: :class:`ThreadAnswerer` here, or the batching worker of
:mod:`bot.runtime` when ``SPEEDUPS`` is on; both give the same answers.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from bot.languages import Languages
from bot.query_log import QueryLog
from matcher import Answer, Match, Matcher, answer
from storage import QueryRecord, Store

log = logging.getLogger(__name__)
# Telegram caps incoming text at 4096 characters; longer input (a forged or
# future update) is cut before it reaches the matcher or the log.
MAX_INPUT = 4096
MAX_SUGGESTIONS = 3  # topic buttons under an unsure answer
MAX_ALTERNATIVES = 4  # topics offered after "not helpful"
# Beyond this many cached chats the cache starts again; storage stays the truth.
MAX_CACHED_CHATS = 100_000
COUNTRY_READ_TIMEOUT_S = 2.0
# Replicas share one database but each caches countries: a cached country is read
# again after this long, so a /country change made through one replica reaches
# the others within it.
COUNTRY_CACHE_TTL_S = 0.5


@dataclass(frozen=True)
class Asker:
    """Who asked, as the front end knows them (raw ids: storage hashes them)."""

    chat_id: int
    user_id: int
    chat_type: str
    # Telegram's language for the user ("es-419"): a prior for short messages.
    language_code: str | None = None


@dataclass(frozen=True)
class Reply:
    """An answer ready to send: ``query_id`` is None when the log write was not in time."""

    answer: Answer
    query_id: int | None
    suggestions: list[str]
    country: str | None
    lang: str = "en"


class Answerer(Protocol):
    """Runs the matcher off the event loop. ``matcher`` may be swapped (a model reload)."""

    matcher: Matcher

    async def start(self) -> None: ...

    async def answer(self, text: str, country: str | None) -> Answer: ...

    async def match(self, text: str) -> Match: ...

    def close(self) -> None: ...


class AnswerServices(Protocol):
    """What :func:`answer_question` needs (:class:`bot.bootstrap.Services` has it)."""

    @property
    def answerer(self) -> Answerer: ...

    @property
    def countries(self) -> ChatCountries: ...

    @property
    def querylog(self) -> QueryLog: ...

    @property
    def languages(self) -> Languages: ...


class ThreadAnswerer:
    """The plain answerer: each message on one worker thread (the matcher is not
    assumed thread-safe), so encoding never blocks the event loop."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")

    async def start(self) -> None:
        """Nothing to start."""

    async def answer(self, text: str, country: str | None) -> Answer:
        call = functools.partial(answer, text, matcher=self.matcher, country=country)
        return await asyncio.get_running_loop().run_in_executor(self._thread, call)

    async def match(self, text: str) -> Match:
        call = functools.partial(self.matcher.match, text)
        return await asyncio.get_running_loop().run_in_executor(self._thread, call)

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)


class ChatCountries:
    """Each chat's chosen country (else ``DEFAULT_COUNTRY``), cached in front of storage."""

    def __init__(self, store: Store, default: str | None) -> None:
        self.store = store
        self.default = default
        self._chosen: dict[int, str | None] = {}
        self._read_at: dict[int, float] = {}

    async def get(self, chat_id: int) -> str | None:
        """Storage is asked at most once per chat every ``COUNTRY_CACHE_TTL_S``, bounded in
        time; its errors give the last known country, else the default."""
        now = time.monotonic()
        if now - self._read_at.get(chat_id, -COUNTRY_CACHE_TTL_S) >= COUNTRY_CACHE_TTL_S:
            try:
                chosen = await asyncio.wait_for(
                    self.store.get_chat_country(chat_id), COUNTRY_READ_TIMEOUT_S
                )
            except Exception:
                log.exception("could not read a chat's country; using the default")
                return self._chosen.get(chat_id) or self.default
            if len(self._chosen) >= MAX_CACHED_CHATS:
                self._chosen.clear()
                self._read_at.clear()
            self._chosen[chat_id] = chosen
            self._read_at[chat_id] = now
        return self._chosen[chat_id] or self.default

    def cached(self, chat_id: int | None) -> str | None:
        """Without touching storage (the error handler)."""
        if chat_id is None:
            return self.default
        return self._chosen.get(chat_id) or self.default

    async def set(self, *, chat_id: int, chat_type: str, country: str) -> None:
        await self.store.set_chat_country(chat_id=chat_id, chat_type=chat_type, country=country)
        self._chosen[chat_id] = country

    def forget(self, chat_id: int) -> None:
        self._chosen.pop(chat_id, None)
        self._read_at.pop(chat_id, None)


def suggestions(match: Match) -> list[str]:
    """Topics offered as buttons under an unsure answer."""
    if match.oos:
        return match.ranked[:MAX_SUGGESTIONS]
    if match.low_confidence:
        return [t for t in match.ranked if t != match.topic][: MAX_SUGGESTIONS - 1]
    return []


def alternatives(match_ranked: list[str] | tuple[str, ...], topic: str | None) -> list[str]:
    """Topics offered after an answer was rated not helpful."""
    return [t for t in match_ranked if t != topic][:MAX_ALTERNATIVES]


def query_record(asker: Asker, text: str, reply: Answer, topic: str | None = None) -> QueryRecord:
    """The log row for an answer; ``topic`` overrides the matched one (an inline pick)."""
    match = reply.match
    return QueryRecord(
        chat_id=asker.chat_id,
        user_id=asker.user_id,
        chat_type=asker.chat_type,
        text=text,
        normalized=match.normalized,
        topic=topic if topic is not None else match.topic,
        score=match.score,
        alternatives=tuple(match.ranked),
        emergency=match.emergency,
        oos=match.oos,
        model_version=match.model_version,
        latency_ms=reply.latency_ms,
        low_confidence=match.low_confidence,
        lang=reply.lang,
    )


async def answer_question(services: AnswerServices, asker: Asker, text: str) -> Reply:
    """Match ``text`` in its language for the asker's country, log it, and say what
    to offer next. English goes to the answerer; other languages to ``languages``."""
    text = text.strip()[:MAX_INPUT]
    country, detected = await asyncio.gather(
        services.countries.get(asker.chat_id),
        services.languages.detect(asker.chat_id, text, asker.language_code),
    )
    lang = detected.lang
    if lang == "en":
        reply = await services.answerer.answer(text, country)
    else:
        reply = await services.languages.answer(text, country, lang, services.answerer.matcher)
    query_id = await services.querylog.write(query_record(asker, text, reply))
    return Reply(reply, query_id, suggestions(reply.match), country, reply.lang)
