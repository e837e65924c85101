"""Helpers every handler uses: the chat's country, the emergency number, sending chunks."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import BotContext
from matcher import wording as w

log = logging.getLogger(__name__)
# Beyond this many cached chats the cache starts again; storage stays the truth.
MAX_CACHED_CHATS = 100_000
COUNTRY_READ_TIMEOUT_S = 2.0


async def chat_country(context: BotContext, chat_id: int) -> str | None:
    """The chat's chosen country, else ``DEFAULT_COUNTRY``; storage errors fall back too."""
    countries = context.bot_data.countries
    if chat_id in countries:
        chosen = countries[chat_id]
    else:
        try:
            # Bounded: a reply never waits long on storage (locked, reconnecting).
            chosen = await asyncio.wait_for(
                context.services.store.get_chat_country(chat_id), COUNTRY_READ_TIMEOUT_S
            )
        except Exception:
            log.exception("could not read a chat's country; using the default")
            return context.services.settings.default_country
        if len(countries) >= MAX_CACHED_CHATS:
            countries.clear()
        countries[chat_id] = chosen
    return chosen or context.services.settings.default_country


def cached_country(context: BotContext, chat_id: int | None) -> str | None:
    """The country without touching storage (for the error handler)."""
    services = context.bot_data.services
    default = services.settings.default_country if services else None
    if chat_id is None:
        return default
    return context.bot_data.countries.get(chat_id) or default


def emergency_number(context: BotContext, country: str | None) -> str:
    """The number to call first; 112 when no corpus is loaded yet."""
    services = context.bot_data.services
    if services is None:
        return "112"
    return services.corpus.contact(country).emergency[0]


def fill(template: str, **values: object) -> str:
    """A wording template with its values HTML-escaped."""
    return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})


def ids(update: Update) -> tuple[int, int, str]:
    """(chat id, user id, chat type); a message without a sender counts as the chat."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        if user is None:
            raise ValueError("update has neither chat nor user")
        return user.id, user.id, "private"
    return chat.id, user.id if user else chat.id, chat.type


async def send_chunks(
    message: Message,
    chunks: Sequence[str],
    *,
    markup: InlineKeyboardMarkup | None = None,
    quote: bool = True,
) -> list[Message]:
    """Send a reply in order: the first chunk quotes ``message``, the last carries ``markup``."""
    sent: list[Message] = []
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        sent.append(
            await message.reply_html(
                chunk, do_quote=quote and n == 0, reply_markup=markup if last else None
            )
        )
    return sent


async def drop_markup(message: Message | None) -> None:
    """Remove the buttons under ``message`` (already gone or too old: nothing to do)."""
    if message is None or message.reply_markup is None:
        return
    with contextlib.suppress(BadRequest):
        await message.edit_reply_markup(reply_markup=None)


async def refuse(query: CallbackQuery) -> None:
    """The short notice for callback data no handler accepts (forged, stale, oversized).

    Only the size is logged: the data itself is untrusted input.
    """
    size = len(query.data.encode("utf-8")) if isinstance(query.data, str) else 0
    log.info("refused callback data (%d bytes)", size)
    await query.answer(w.CALLBACK_STALE)
