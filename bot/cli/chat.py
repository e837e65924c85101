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
from bot.service import Asker, Reply, alternatives, answer_question
from matcher import compose_topic
from matcher.compose import country_known
from matcher.corpus import Audience
from matcher.first import has_own_steps, section_view, step_view, topic_first

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
        """Answer and log (:func:`bot.service.answer_question`): the first message, then
        the buttons as choices (letters move through the answer, numbers rate it)."""
        reply = self.runner.run(answer_question(self.services, ASKER, text))
        answer = reply.answer
        topic_id = answer.match.topic
        if topic_id is None or not answer.first_text:
            self.write("\n\n".join(answer.text_chunks))
            choice = self._choice(w.CHAT_RATE) if reply.query_id is not None else ""
        else:
            self.write(answer.first_text)
            browser = _Browser(self, topic_id, answer.audience, reply.country)
            choice = browser.run(rate=reply.query_id is not None)
        self._rated(choice, reply.query_id, reply)

    def _choice(self, prompt: str) -> str:
        return (self.read(prompt + ": ") or "").strip()

    def _rated(self, choice: str, query_id: int | None, reply: Reply) -> None:
        country = reply.country
        if query_id is None:
            return
        if choice == "1":
            self._feedback(query_id, helpful=True)
            self.write(w.THANKS)
        elif choice == "2":
            self._feedback(query_id, helpful=False)
            match = reply.answer.match
            self.pick(query_id, alternatives(match.ranked, match.topic), country)

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


class _Browser:
    """The first message's buttons as letters: n next step, p previous, a all steps,
    d do not, g get help, s sources, c child, b baby, u adult; Enter or a number ends."""

    def __init__(
        self, chat: TerminalChat, topic_id: str, named: Audience | None, country: str | None
    ) -> None:
        corpus = chat.services.corpus
        self.chat = chat
        self.topic = corpus.by_id[topic_id]
        self.contact = corpus.contact(country)
        self.country = country
        self.audience: Audience = named if named and has_own_steps(self.topic, named) else "adult"
        self.step = 0

    def prompt(self, rate: bool) -> str:
        letters = [w.CHAT_NEXT, w.CHAT_ALL, w.CHAT_SECTIONS]
        if self.step > 0:
            letters.insert(1, w.CHAT_BACK)
        others = [a for a in ("child", "baby") if has_own_steps(self.topic, a)]
        if others or self.audience != "adult":
            letters.append(w.CHAT_AUDIENCES)
        if not country_known(self.contact):
            letters.append(w.CHAT_SET_COUNTRY)
        return ", ".join([*letters, w.CHAT_RATE if rate else w.CHAT_DONE])

    def run(self, *, rate: bool) -> str:
        """Show views until the user rates (a number) or ends (Enter); return that choice."""
        while True:
            choice = self.chat._choice(self.prompt(rate))
            if choice.startswith("/"):  # /country XX, /emergency: then back to the answer
                self.chat.command(choice)
                self.contact = self.chat.services.corpus.contact(self.chat.country)
                self.country = self.chat.country
                continue
            text = self.view(choice.lower())
            if text is None:
                return choice
            self.chat.write(text)

    def view(self, choice: str) -> str | None:
        topic, contact = self.topic, self.contact
        if choice in {"n", "p"}:
            self.step = max(1, self.step + (1 if choice == "n" else -1))
            text, total = step_view(
                topic, self.step, contact=contact, audience=self.audience, fmt="text"
            )
            self.step = min(self.step, total)
            return text
        if choice == "a":
            corpus = self.chat.services.corpus
            chunks = compose_topic(topic.id, corpus=corpus, country=self.country, fmt="text")
            return "\n\n".join(chunks)
        if choice == "d":
            return section_view(topic, "do_not", contact=contact, fmt="text")
        if choice == "g":
            return section_view(topic, "get_help", contact=contact, fmt="text")
        if choice == "s":
            return section_view(topic, "sources", contact=contact, fmt="text")
        audience = _AUDIENCE_KEYS.get(choice)
        if audience is not None:
            self.audience = audience if has_own_steps(topic, audience) else "adult"
            self.step = 0
            urgent = topic.level == "call"
            return topic_first(
                topic, contact=contact, audience=self.audience, urgent=urgent, fmt="text"
            )
        return None


_AUDIENCE_KEYS: dict[str, Audience] = {"u": "adult", "c": "child", "b": "baby"}
