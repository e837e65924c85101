"""/language, the command menus per language, and the bot's own messages in the chat's
language (real handlers, fake Bot API in memory)."""

from __future__ import annotations

from typing import Any

from bot import ui_text as w
from bot.i18n import gettext_for
from tests.bot.conftest import Offline
from tests.bot.test_bot_questions import GROUP, buttons

es = gettext_for("es")


async def command(
    offline: Offline, text: str, *, chat_id: int = 42, language_code: str = "en", **kw: Any
) -> list[dict[str, Any]]:
    """Send ``text`` from a user whose Telegram is in ``language_code``; the bot's replies."""
    before = len(offline.sent())
    message = offline.api.user_message(chat_id=chat_id, text=text, **kw)
    message["from"]["language_code"] = language_code
    await offline.deliver()
    return [c.params for c in offline.sent()[before:]]


async def press(
    offline: Offline, message: dict[str, Any], data: str, *, user_id: int = 42, **kw: Any
) -> None:
    update = offline.api.press(user_id=user_id, message=message, data=data)
    update["callback_query"]["from"]["language_code"] = kw.get("language_code", "en")
    await offline.deliver()


def bot_message(offline: Offline, chat_id: int = 42) -> dict[str, Any]:
    result: dict[str, Any] = offline.sent(chat_id)[-1].result
    return result


async def test_the_command_menu_is_registered_in_english_and_spanish(offline: Offline) -> None:
    calls = offline.api.requests("setMyCommands")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_language) == {None, "es"}
    english = {c["command"]: c["description"] for c in by_language[None]}
    spanish = {c["command"]: c["description"] for c in by_language["es"]}
    assert english == dict(w.COMMANDS) and "language" in english
    assert spanish == {c: es(d) for c, d in w.COMMANDS}
    assert spanish["language"] != english["language"]


async def test_language_buttons_store_the_choice_and_the_bot_follows_it(offline: Offline) -> None:
    (ask,) = await command(offline, "/language")
    assert ask["text"] == w.LANGUAGE_ASK
    assert buttons(ask) == ["lg:1:en", "lg:1:es", "lg:1:-"]
    await press(offline, bot_message(offline), "lg:1:es")
    assert offline.store.languages == {"h42": "es"}
    edit = offline.api.requests("editMessageText")[-1].params
    assert edit["text"] == es(w.LANGUAGE_SET["es"]) == "Hecho: te escribiré en español."
    # The bot's own messages now come in Spanish, whatever the Telegram language.
    assert [p["text"] for p in await command(offline, "/help")] == [es(w.HELP)]
    (ask,) = await command(offline, "/language")
    assert ask["text"] == es(w.LANGUAGE_ASK)

    await press(offline, bot_message(offline), "lg:1:-")
    assert offline.store.languages == {}
    assert offline.api.requests("editMessageText")[-1].params["text"] == w.LANGUAGE_AUTO_SET
    assert [p["text"] for p in await command(offline, "/help")] == [w.HELP]
    assert [p["text"] for p in await command(offline, "/help", language_code="es")] == [es(w.HELP)]


async def test_in_groups_only_admins_choose_and_forged_data_is_refused(offline: Offline) -> None:
    offline.api.admins[GROUP] = {1}
    await command(offline, "/language", chat_id=GROUP, user_id=2, chat_type="group")
    message = bot_message(offline, GROUP)
    await press(offline, message, "lg:1:es", user_id=2)
    assert offline.store.languages == {}
    assert offline.notices()[-1] == w.LANGUAGE_ADMINS_ONLY
    await press(offline, message, "lg:1:es", user_id=1)
    assert offline.store.languages == {f"h{GROUP}": "es"}
    for forged in ("lg:1:xx", "lg:1:", "lg:2:es", "lg:1:es:es"):
        await press(offline, message, forged, language_code="es")
        assert offline.notices()[-1] == es(w.CALLBACK_STALE), forged
    assert offline.store.languages == {f"h{GROUP}": "es"}


async def test_a_spanish_users_start_is_spanish(offline: Offline) -> None:
    welcome, ask, hint = await command(offline, "/start", language_code="es-419")
    assert welcome["text"] == es(w.WELCOME).format(number="número de emergencias")
    assert welcome["text"].startswith("👋 <b>Te ayudo con primeros auxilios.</b>")
    assert ask["text"] == es(w.COUNTRY_ASK) and hint["text"] == es(w.COUNTRY_LOCATION_HINT)
    assert "ct:1:ES:es" in buttons(ask)
    location = hint["reply_markup"]["keyboard"][0][0]["text"]
    assert location == "📍 Compartir mi ubicación"
    # The country button answers in Spanish too.
    message = offline.sent(42)[-2].result
    await press(offline, message, "ct:1:ES:es")
    spain = (
        offline.app.bot_data.services.corpus.contact("ES")
        if offline.app.bot_data.services
        else None
    )
    assert spain is not None
    assert offline.texts(42)[-1] == es(w.COUNTRY_SET).format(name=spain.name, number="112")
    assert offline.texts(42)[-1].startswith("Este chat usa ahora los números de ")
    (emergency,) = await command(offline, "/emergency", language_code="es")
    assert emergency["text"].startswith("<b>Números de emergencia: ")


async def test_an_english_users_start_is_unchanged(offline: Offline) -> None:
    welcome, ask, hint = await command(offline, "/start")
    assert welcome["text"] == w.WELCOME.format(number="your emergency number")
    assert [ask["text"], hint["text"]] == [w.COUNTRY_ASK, w.COUNTRY_LOCATION_HINT]
    assert "ct:1:ES" in buttons(ask)
