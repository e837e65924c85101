"""End to end over HTTP in other languages: a Spanish conversation is Spanish throughout
(first message, buttons, the views behind them, the full reply), and a message in a
language the bot does not answer in gets the short answer in that language with the
chat's number, or the crisis line (real Application, fake Bot API, SQLite)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot import ui_text as w
from bot.bootstrap import Services, open_services
from bot.i18n import gettext_for
from bot.settings import Settings
from bot.telegram import callback_data as cd
from bot.telegram.application import build_application
from matcher import Matcher
from matcher import wording as mw
from matcher.compose import crisis_line, render
from matcher.i18n import gettext_for as reply_gettext_for
from tests.bot.conftest import make_settings
from tests.bot.test_bot_e2e import reply_to
from tests.bot.test_bot_questions import buttons
from tests.bot.test_first_message_e2e import press
from tests.fakes.bot_harness import running
from tests.fakes.telegram_api import FakeTelegram

pytestmark = [
    # The first test sets up the session's Spanish matcher (its classifier: a minute or two).
    pytest.mark.timeout(600),
]
es = gettext_for("es")
BURN = "mi hijo se quemó la mano con agua hirviendo"
# Words of the bot's English sentences that Spanish never uses.
ENGLISH = re.compile(
    r"\b(the|and|call|now|step|steps|your|you|help|helpful|sources|do not|if|with|"
    r"first-aid|advice|speaker|next|back|child|baby|adult)\b",
    re.IGNORECASE,
)


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@asynccontextmanager
async def live_bot(
    settings: Settings, english: Matcher, spanish: Matcher
) -> AsyncIterator[Services]:
    """The bot against ``settings.telegram_api_url``: SQLite, English and Spanish matchers."""
    services = await open_services(settings, matcher=english, language_matchers={"es": spanish})
    async with running(build_application(settings, services=services)):
        yield services


def labels(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def assert_spanish(text: str) -> None:
    assert not ENGLISH.findall(text), (ENGLISH.findall(text), text)


async def ask(api: FakeTelegram, chat_id: int, text: str) -> Any:
    question = api.send_text(chat_id=chat_id, text=text)
    (reply,) = await api.wait_for("sendMessage", reply_to(api, question))
    return reply


async def set_country(api: FakeTelegram, chat_id: int, code: str) -> None:
    before = len(api.sent(chat_id))
    api.send_text(chat_id=chat_id, text=f"/country {code}")
    await sent_to(api, chat_id, before + 1)


async def sent_to(api: FakeTelegram, chat_id: int, count: int) -> list[Any]:
    """The first ``count`` messages the bot sent to ``chat_id``, once there are as many."""
    calls = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == chat_id, count=count)
    return list(calls)


async def test_a_spanish_conversation_is_spanish_throughout(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, spanish_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    async with live_bot(settings, fake_matcher, spanish_matcher) as services:
        await set_country(api, 601, "MX")
        reply = await ask(api, 601, BURN)
        text = reply.result["text"]
        burn = services.corpus_for("es").topic("burn")
        assert burn.title in text, text
        assert_spanish(text)
        assert "112" not in text  # a call line, where there is one, has Mexico's 911
        assert reply_gettext_for("es")("<i>First-aid information, not a diagnosis.</i>")[3:-4] in (
            text
        )
        shown = labels(reply.params)
        assert es(w.BUTTON_NEXT_STEP) in shown and es(w.BUTTON_HELPFUL) in shown
        assert_spanish(" ".join(shown))
        views = [a for a in map(cd.parse, buttons(reply.params)) if isinstance(a, cd.View)]
        assert views and all(v.lang == "es" and v.topic == "burn" for v in views)
        feedback = [a for a in map(cd.parse, buttons(reply.params)) if isinstance(a, cd.Feedback)]
        assert feedback and all(f.lang == "es" for f in feedback)

        # The step buttons answer in Spanish.
        message = reply.result
        step = next(v for v in views if v.view == "step")
        edit = await press(api, 777, message, cd.encode(step))
        assert "paso 1 de" in edit.result["text"]
        assert_spanish(edit.result["text"] + " ".join(labels(edit.params)))
        # All steps: the full Spanish reply, its disclaimer with Mexico's number.
        everything = next(v for v in views if v.view == "all")
        before = len(api.sent(601))
        api.press(user_id=777, message=message, data=cd.encode(everything))
        calls = await sent_to(api, 601, before + 1)
        full = "\n".join(c.result["text"] for c in calls[before:])
        assert burn.steps[0] in full and "llama al 911" in full
        # The sources keep their own titles ("NHS: Burns and scalds (2023)").
        lines = [line for line in full.split("\n") if not re.search(r"\(\d{4}\)$", line)]
        assert_spanish("\n".join(lines))

        # An emergency: the call line with Mexico's number, and the CPR coach in Spanish.
        urgent = await ask(api, 601, "no respira y está morado")
        call = render(reply_gettext_for("es")(mw.FIRST_CALL_LINE), "text", number="911")
        assert urgent.result["text"].startswith(call) and call.startswith("🚨 Llama al 911")
        assert_spanish(urgent.result["text"] + " ".join(labels(urgent.params)))
        assert es(w.BUTTON_COACH) in labels(urgent.params)
        before = len(api.sent(601))
        api.press(user_id=777, message=urgent.result, data=cd.encode(cd.Coach(True, "es")))
        coach = (await sent_to(api, 601, before + 1))[-1]
        assert coach.result["text"].startswith("🫀 Guía de RCP · 0 min")
        assert labels(coach.params) == [es(w.BUTTON_COACH_STOP)]


async def test_a_third_language_gets_the_short_answer_or_the_crisis_line(
    api: FakeTelegram, tmp_path: Path, fake_matcher: Matcher, spanish_matcher: Matcher
) -> None:
    settings = make_settings(tmp_path, telegram_api_url=api.url)
    fr = reply_gettext_for("fr")
    async with live_bot(settings, fake_matcher, spanish_matcher) as services:
        await set_country(api, 602, "FR")
        reply = await ask(api, 602, "mon fils s'est brûlé la main avec de l'eau bouillante")
        text = reply.result["text"]
        danger = "🚨 If someone is in danger, call {number} now."
        assert fr(danger) != danger, "no French catalogue for matcher/other_language.py"
        assert fr(danger).format(number="112") in text
        crisis = await ask(api, 602, "je veux mourir, je ne veux plus vivre")
        contact = services.corpus.contact("FR")
        assert crisis_line(contact, "text", "fr") in crisis.result["text"]
