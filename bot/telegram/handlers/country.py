"""Which country a chat is in: asked at /start, a button, or a shared location.

The country decides the number in every call line, so the bot asks for it
instead of guessing 112. A shared location is turned into a country offline
(``reverse_geocode``, GeoNames data in the package: no location leaves the
machine) and answered with the numbers and a sentence to read to the call
handler. Only the country is stored, never the coordinates.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import reverse_geocode
from telegram import Message, ReplyKeyboardRemove, Update
from telegram.constants import ChatType

from bot import ui_text as w
from bot.i18n import gettext_for, reply_gettext_for
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import drop_markup, may_set_country, refuse, update_language
from bot.telegram.keyboards import country_keyboard, location_keyboard

log = logging.getLogger(__name__)


async def ask_country(message: Message, context: BotContext, lang: str = "en") -> None:
    """The country question; in private chats also the "share location" keyboard."""
    _ = gettext_for(lang)
    markup = country_keyboard(context.services.corpus, lang)
    await message.reply_html(_(w.COUNTRY_ASK), reply_markup=markup, do_quote=False)
    if message.chat.type == ChatType.PRIVATE:
        # A reply keyboard cannot share a message with inline buttons: a second, short one.
        await message.reply_html(
            _(w.COUNTRY_LOCATION_HINT), reply_markup=location_keyboard(lang), do_quote=False
        )


async def on_set_country(update: Update, context: BotContext) -> None:
    """A country button: set it; "Set my country": ask."""
    query = update.callback_query
    if query is None:
        return
    action = cd.parse(query.data)
    message = query.message
    corpus = context.services.corpus
    codes = {c.country for c in corpus.contacts}
    if (
        not isinstance(action, cd.SetCountry)
        or not isinstance(message, Message)
        or (action.country is not None and action.country not in codes)
    ):
        await refuse(query)
        return
    _ = gettext_for(action.lang)
    if action.country is None:
        await query.answer()
        await ask_country(message, context, action.lang)
        return
    if not await may_set_country(context, message.chat, query.from_user.id):
        await query.answer(_(w.COUNTRY_ADMINS_ONLY))
        return
    await query.answer()
    await context.services.countries.set(
        chat_id=message.chat.id, chat_type=message.chat.type, country=action.country
    )
    contact = corpus.contact(action.country)
    await drop_markup(message)
    text = w.fill(_(w.COUNTRY_SET), name=contact.name, number=contact.emergency[0])
    await message.reply_html(text, reply_markup=_remove_keyboard(message), do_quote=False)


def _remove_keyboard(message: Message) -> ReplyKeyboardRemove | None:
    return ReplyKeyboardRemove() if message.chat.type == ChatType.PRIVATE else None


def place_of(latitude: float, longitude: float) -> dict[str, Any]:
    """The nearest place (GeoNames city of 1,000+ people): country code, city, country."""
    found: dict[str, Any] = reverse_geocode.get((latitude, longitude))
    return found


async def on_location(update: Update, context: BotContext) -> None:
    """A shared location (private chats): set the country, give the numbers and a line
    with the coordinates and the nearest place to read to the call handler."""
    message = update.effective_message
    if message is None or message.location is None:
        return
    lat, lon = message.location.latitude, message.location.longitude
    # The first lookup loads the place table (seconds): off the event loop.
    place = await asyncio.to_thread(place_of, lat, lon)
    code = str(place.get("country_code") or "").upper()
    name = str(place.get("city") or place.get("country") or "")
    corpus = context.services.corpus
    lang = await update_language(update, context)
    _ = gettext_for(lang)
    coordinates = {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}"}
    dispatcher = w.fill(_(w.LOCATION_DISPATCHER), place=name, **coordinates)
    if code not in {c.country for c in corpus.contacts}:
        text = w.fill(_(w.LOCATION_UNKNOWN_COUNTRY), place=name, code=code or "?") + dispatcher
        await message.reply_html(text, reply_markup=_remove_keyboard(message))
        return
    await context.services.countries.set(
        chat_id=message.chat.id, chat_type=message.chat.type, country=code
    )
    contact = corpus.contact(code)
    text = w.fill(_(w.LOCATION_SET), place=name, name=contact.name, number=contact.emergency[0])
    text += dispatcher + "\n\n" + w.emergency_text(contact, _, reply_gettext_for(lang))
    await message.reply_html(text, reply_markup=_remove_keyboard(message))
