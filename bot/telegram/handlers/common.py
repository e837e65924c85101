"""Helpers every handler uses: the chat's country, who asked, sending chunks."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest

from bot import ui_text as w
from bot.service import Asker
from bot.telegram.context import BotContext
from matcher import compose_topic, wording
from matcher.compose import country_known

log = logging.getLogger(__name__)


async def chat_country(context: BotContext, chat_id: int) -> str | None:
    """The chat's chosen country, else ``DEFAULT_COUNTRY`` (cached, see bot.service)."""
    return await context.services.countries.get(chat_id)


def cached_country(context: BotContext, chat_id: int | None) -> str | None:
    """The country without touching storage (for the error handler)."""
    services = context.bot_data.services
    return services.countries.cached(chat_id) if services else None


def emergency_number(context: BotContext, country: str | None) -> str:
    """The number to call first; the common numbers (112, 911, 999, 000) while no
    country is known, as a lone 112 is wrong in North America and Australia."""
    services = context.bot_data.services
    if services is None:
        return wording.COMMON_NUMBERS
    contact = services.corpus.contact(country)
    return contact.emergency[0] if country_known(contact) else wording.COMMON_NUMBERS


def topic_chunks(context: BotContext, topic_id: str, country: str | None) -> list[str]:
    """A topic's full reply in HTML (composing is cheap string work: on the loop)."""
    return compose_topic(topic_id, corpus=context.services.corpus, country=country, fmt="html")


def asker(update: Update) -> Asker:
    """Who sent ``update``; a message without a sender counts as the chat."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        if user is None:
            raise ValueError("update has neither chat nor user")
        return Asker(user.id, user.id, "private")
    return Asker(chat.id, user.id if user else chat.id, chat.type)


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


ADMINS = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def may_set_country(context: BotContext, chat: Chat, user_id: int | None) -> bool:
    """Anyone in a private chat; in groups only admins (``user_id`` None: nobody)."""
    if chat.type == ChatType.PRIVATE:
        return True
    if user_id is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user_id)
    return member.status in ADMINS
