"""Informational commands: /start, /help, /privacy, /about, /emergency, /country.

Each answers in the chat's language (:func:`common.update_language`).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType

from bot import __version__
from bot import ui_text as w
from bot.i18n import gettext_for, reply_gettext_for
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import (
    chat_country,
    emergency_number,
    may_set_country,
    update_language,
)
from bot.telegram.handlers.country import ask_country
from matcher import wording
from matcher.compose import country_known


async def _reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(text)


async def on_start(update: Update, context: BotContext) -> None:
    """The welcome; in a private chat, then the country question (groups: an admin's /country)."""
    chat = update.effective_chat
    lang = await update_language(update, context)
    country = await chat_country(context, chat.id) if chat else None
    known = country_known(context.services.corpus.contact(country))
    unknown = reply_gettext_for(lang)(wording.NUMBER_UNKNOWN)
    number = emergency_number(context, country, lang) if known else unknown
    await _reply(update, w.fill(gettext_for(lang)(w.WELCOME), number=number))
    message = update.effective_message
    if message is not None and message.chat.type == ChatType.PRIVATE:
        await ask_country(message, context, lang)


async def on_help(update: Update, context: BotContext) -> None:
    lang = await update_language(update, context)
    await _reply(update, gettext_for(lang)(w.HELP))


async def on_privacy(update: Update, context: BotContext) -> None:
    _ = gettext_for(await update_language(update, context))
    await _reply(update, w.fill(_(w.PRIVACY), days=context.services.settings.retention_days))


async def on_about(update: Update, context: BotContext) -> None:
    _ = gettext_for(await update_language(update, context))
    corpus = context.services.corpus
    text = w.fill(
        _(w.ABOUT),
        version=__version__,
        model=context.services.matcher.model_version,
        topics=len(corpus.topics),
        corpus=corpus.content_hash,
    )
    counts = context.services.querylog.counts
    if counts.pending or counts.unwritten:  # storage trouble is never silent
        text += "\n" + w.fill(_(w.ABOUT_LOG), pending=counts.pending, unwritten=counts.unwritten)
    await _reply(update, text)


async def on_emergency(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    lang = await update_language(update, context)
    country = await chat_country(context, chat.id) if chat else None
    contact = context.services.corpus.contact(country)
    await _reply(update, w.emergency_text(contact, gettext_for(lang), reply_gettext_for(lang)))


async def _may_change_country(message: Message, context: BotContext) -> bool:
    """Anonymous admins post as the chat; everyone else as in :func:`may_set_country`."""
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        return True
    user_id = message.from_user.id if message.from_user else None
    return await may_set_country(context, message.chat, user_id)


async def on_country(update: Update, context: BotContext) -> None:
    """``/country XX`` sets the chat's country; without an argument it shows the current one."""
    message = update.effective_message
    if message is None:
        return
    lang = await update_language(update, context)
    _ = gettext_for(lang)
    corpus = context.services.corpus
    codes = sorted(c.country for c in corpus.contacts)
    known = ", ".join(codes)
    current = corpus.contact(await chat_country(context, message.chat.id))
    if not context.args:
        number = emergency_number(context, current.country, lang)
        text = w.fill(_(w.COUNTRY_USAGE), name=current.name, codes=known, number=number)
        await message.reply_html(text)
        return
    code = context.args[0].strip().upper()
    if code not in codes:
        await message.reply_html(w.fill(_(w.COUNTRY_UNKNOWN), code=code[:8], codes=known))
        return
    if not await _may_change_country(message, context):
        await message.reply_html(_(w.COUNTRY_ADMINS_ONLY))
        return
    await context.services.countries.set(
        chat_id=message.chat.id, chat_type=message.chat.type, country=code
    )
    contact = corpus.contact(code)
    text = w.fill(_(w.COUNTRY_SET), name=contact.name, number=contact.emergency[0])
    await message.reply_html(text)
