"""Each message's language, and the answer in it when it is not English.

English goes through the :class:`~bot.service.Answerer` as always (with or
without the speed-ups). Spanish (any language with a corpus) has its own
matcher on its own thread here; any other language gets the short answer.
What the detector weighs besides the text (see :mod:`matcher.language`): the
chat's ``/language`` choice (storage, cached briefly like the country), the
language of the chat's previous message (memory) and the user's Telegram
``language_code``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from matcher import Answer, Matcher
from matcher.language import Detection, LanguageDetector
from matcher.polyglot import Polyglot
from storage import Store

log = logging.getLogger(__name__)
CHOICE_CACHE_TTL_S = 0.5
# As long as the country's read may take (bot/service.py), and made at the same time.
CHOICE_READ_TIMEOUT_S = 2.0
# Chats whose last language is remembered (the oldest is forgotten first).
MAX_REMEMBERED = 50_000


class Languages:
    """The detector, the other languages' matchers and each chat's language."""

    def __init__(
        self,
        store: Store,
        matchers: Mapping[str, Matcher] | None = None,
        *,
        detector: LanguageDetector | None = None,
    ) -> None:
        self.store = store
        self.matchers = dict(matchers or {})
        self.detector = detector or LanguageDetector()
        self._previous: OrderedDict[int, str] = OrderedDict()
        self._choices: dict[int, tuple[str | None, float]] = {}
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="languages")

    async def choice(self, chat_id: int) -> str | None:
        """The chat's ``/language`` choice (None: detect)."""
        cached = self._choices.get(chat_id)
        now = time.monotonic()
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            read = self.store.get_chat_language(chat_id)
            chosen = await asyncio.wait_for(read, CHOICE_READ_TIMEOUT_S)
        except Exception:  # the database is down or locked: answer all the same
            log.warning("could not read a chat's language choice; detecting it", exc_info=True)
            return cached[0] if cached is not None else None
        if len(self._choices) >= MAX_REMEMBERED:
            self._choices.clear()
        self._choices[chat_id] = (chosen, now + CHOICE_CACHE_TTL_S)
        return chosen

    async def choose(self, *, chat_id: int, chat_type: str, lang: str | None) -> None:
        """Store the chat's choice (None: back to detection)."""
        await self.store.set_chat_language(chat_id=chat_id, chat_type=chat_type, lang=lang)
        self._choices.pop(chat_id, None)

    async def detect(self, chat_id: int, text: str, language_code: str | None) -> Detection:
        """The language to answer ``text`` in, remembered as the chat's latest."""
        chosen = await self.choice(chat_id)
        found = self.detector.detect(
            text,
            forced=chosen,
            previous=self._previous.get(chat_id),
            language_code=language_code,
        )
        self._previous[chat_id] = found.lang
        self._previous.move_to_end(chat_id)
        while len(self._previous) > MAX_REMEMBERED:
            self._previous.popitem(last=False)
        return found

    async def answer(self, text: str, country: str | None, lang: str, english: Matcher) -> Answer:
        """The answer in ``lang`` (not English): its matcher's, or the short answer."""
        every = Polyglot({**self.matchers, "en": english}, detector=self.detector)
        job = functools.partial(every.answer, text, country=country, lang=lang)
        return await asyncio.get_running_loop().run_in_executor(self._thread, job)

    def forget(self, chat_id: int) -> None:
        """Drop what is remembered about a chat (``/forget``)."""
        self._previous.pop(chat_id, None)
        self._choices.pop(chat_id, None)

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)
