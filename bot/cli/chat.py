"""``firstaid chat``: the bot in a terminal, through the same answer path and the same log.

Buttons become numbered choices: after each answer, 1 = helpful, 2 = not
helpful (then the alternatives, numbered). The terminal user is one fixed
local user id, hashed like any Telegram id before it is stored.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable

from bot import ui_text as w
from bot.bootstrap import Services
from bot.service import Asker, alternatives, answer_question
from matcher import compose_topic

LOCAL_USER_ID = 1
CHAT_TYPE = "terminal"
ASKER = Asker(LOCAL_USER_ID, LOCAL_USER_ID, CHAT_TYPE)
QUIT = {"/quit", "/exit", "/q"}
_TAG = re.compile(r"<[^>]+>")

Read = Callable[[str], str | None]
Write = Callable[[str], None]


def plain(text: str) -> str:
    """Telegram HTML as terminal text: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text))


class TerminalChat:
    """One conversation; ``read(prompt)`` returns None at end of input."""

    def __init__(
        self, services: Services, runner: asyncio.Runner, *, read: Read, write: Write
    ) -> None:
        self.services = services
        self.runner = runner
        self.read = read
        self.write = write

    @property
    def country(self) -> str | None:
        return self.runner.run(self.services.countries.get(LOCAL_USER_ID))

    def loop(self) -> None:
        """Chat until /quit or end of input."""
        self.write(w.CHAT_INTRO)
        while (line := self.read("> ")) is not None:
            line = line.strip()
            if line.lower() in QUIT:
                break
            if line.startswith("/"):
                self.command(line)
            elif line:
                self.ask(line)
        self.write(w.CHAT_BYE)

    def command(self, line: str) -> None:
        name, _, arg = line.partition(" ")
        corpus = self.services.corpus
        if name == "/topics":
            self.write("\n".join(f"{t.title} ({t.id})" for t in w.sorted_topics(corpus)))
        elif name == "/emergency":
            self.write(plain(w.emergency_text(corpus.contact(self.country))))
        elif name == "/country" and arg.strip().upper() in {c.country for c in corpus.contacts}:
            code = arg.strip().upper()
            self.runner.run(
                self.services.countries.set(
                    chat_id=LOCAL_USER_ID, chat_type=CHAT_TYPE, country=code
                )
            )
            contact = corpus.contact(code)
            self.write(plain(w.COUNTRY_SET.format(name=contact.name, number=contact.emergency[0])))
        elif name == "/country":
            codes = ", ".join(sorted(c.country for c in corpus.contacts))
            self.write(plain(w.COUNTRY_UNKNOWN.format(code=arg.strip() or "?", codes=codes)))
        else:
            self.write(plain(w.HELP))

    def ask(self, text: str) -> None:
        """Answer and log (:func:`bot.service.answer_question`), then offer numbered choices."""
        reply = self.runner.run(answer_question(self.services, ASKER, text))
        self.write("\n\n".join(reply.answer.text_chunks))
        query_id, country = reply.query_id, reply.country
        if query_id is None:
            return
        choice = (self.read(w.CHAT_RATE + ": ") or "").strip()
        if choice == "1":
            self._feedback(query_id, helpful=True)
            self.write(w.THANKS)
        elif choice == "2":
            self._feedback(query_id, helpful=False)
            self.pick(
                query_id, alternatives(reply.answer.match.ranked, reply.answer.match.topic), country
            )

    def pick(self, query_id: int, others: list[str], country: str | None) -> None:
        corpus = self.services.corpus
        number = corpus.contact(country).emergency[0]
        if others:
            self.write(w.WHICH_FITS)
            self.write("\n".join(f"{n}. {corpus.by_id[t].title}" for n, t in enumerate(others, 1)))
            self.write(f"0. {w.BUTTON_NONE}")
            choice = (self.read(w.CHAT_PICK + " ") or "").strip()
            if choice.isdigit() and 1 <= int(choice) <= len(others):
                topic = others[int(choice) - 1]
                self._feedback(query_id, helpful=False, picked_topic=topic)
                reply = compose_topic(topic, corpus=corpus, country=country, fmt="text")
                self.write("\n\n".join(reply))
                return
        self.write(plain(w.NONE_FITS.format(number=number)))

    def _feedback(self, query_id: int, *, helpful: bool, picked_topic: str | None = None) -> None:
        self.runner.run(
            self.services.store.record_feedback(
                query_id=query_id,
                user_id=LOCAL_USER_ID,
                helpful=helpful,
                picked_topic=picked_topic,
            )
        )
