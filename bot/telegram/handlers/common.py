"""Helpers every handler uses: the chat's country and language, who asked, sending chunks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest

from bot import ui_text as w
from bot.i18n import FULL_LANGUAGES, gettext_for, reply_gettext_for, ui_language
from bot.service import Asker
from bot.telegram.context import BotContext
from matcher import compose_topic, wording
from matcher.compose import country_known
from matcher.corpus import Corpus

log = logging.getLogger(__name__)
LANGUAGE_READ_TIMEOUT_S = 2.0


async def chat_country(context: BotContext, chat_id: int) -> str | None:
    """The chat's chosen country, else ``DEFAULT_COUNTRY`` (cached, see bot.service)."""
    return await context.services.countries.get(chat_id)


def cached_country(context: BotContext, chat_id: int | None) -> str | None:
    """The country without touching storage (for the error handler)."""
    services = context.bot_data.services
    return services.countries.cached(chat_id) if services else None


def emergency_number(context: BotContext, country: str | None, lang: str = "en") -> str:
    """The number to call first; the common numbers (112, 911, 999, 000) while no
    country is known, as a lone 112 is wrong in North America and Australia."""
    services = context.bot_data.services
    common = reply_gettext_for(lang)(wording.COMMON_NUMBERS)
    if services is None:
        return common
    contact = services.corpus.contact(country)
    return contact.emergency[0] if country_known(contact) else common


def checked_language(lang: str | None) -> str:
    """``lang`` when the bot answers in it, else English."""
    return lang if lang in FULL_LANGUAGES else "en"


def corpus_for(context: BotContext, lang: str) -> Corpus:
    """The topics in ``lang`` (views, audiences and topic lists re-compose from it)."""
    return context.services.corpus_for(checked_language(lang))


async def chat_language(context: BotContext, chat_id: int | None, user: User | None) -> str:
    """The language of the bot's own messages in a chat: its /language choice, else the
    person's Telegram language where the bot has it in full, else English. A slow or
    failing store never holds a message back: the choice is then left out."""
    chosen = None
    services = context.bot_data.services
    if chat_id is not None and services is not None:
        try:
            async with asyncio.timeout(LANGUAGE_READ_TIMEOUT_S):
                chosen = await services.languages.choice(chat_id)
        except Exception:  # storage trouble: the person's own language still applies
            log.warning("could not read the chat's language; using the person's")
    return ui_language(chosen, user.language_code if user else None)


async def update_language(update: Update, context: BotContext) -> str:
    """:func:`chat_language` for the chat and sender of ``update``."""
    chat = update.effective_chat
    return await chat_language(context, chat.id if chat else None, update.effective_user)


def topic_chunks(
    context: BotContext, topic_id: str, country: str | None, lang: str = "en"
) -> list[str]:
    """A topic's full reply in HTML (composing is cheap string work: on the loop)."""
    corpus = corpus_for(context, lang)
    if topic_id not in corpus.by_id:  # not translated yet: the English topic
        corpus, lang = context.services.corpus, "en"
    return compose_topic(topic_id, corpus=corpus, country=country, fmt="html", lang=lang)


def asker(update: Update) -> Asker:
    """Who sent ``update``; a message without a sender counts as the chat."""
    chat = update.effective_chat
    user = update.effective_user
    code = user.language_code if user else None
    if chat is None:
        if user is None:
            raise ValueError("update has neither chat nor user")
        return Asker(user.id, user.id, "private", language_code=code)
    return Asker(chat.id, user.id if user else chat.id, chat.type, language_code=code)


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
    """The short notice for callback data no handler accepts (forged, stale, oversized),
    in the person's Telegram language.

    Only the size is logged: the data itself is untrusted input.
    """
    size = len(query.data.encode("utf-8")) if isinstance(query.data, str) else 0
    log.info("refused callback data (%d bytes)", size)
    lang = ui_language(None, query.from_user.language_code)
    await query.answer(gettext_for(lang)(w.CALLBACK_STALE))


ADMINS = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def may_set_country(context: BotContext, chat: Chat, user_id: int | None) -> bool:
    """Anyone in a private chat; in groups only admins (``user_id`` None: nobody)."""
    if chat.type == ChatType.PRIVATE:
        return True
    if user_id is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user_id)
    return member.status in ADMINS
