"""Informational commands: /start, /help, /privacy, /about, /emergency, /country."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType

from bot import __version__
from bot import ui_text as w
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import chat_country, emergency_number, may_set_country
from bot.telegram.handlers.country import ask_country
from matcher import wording
from matcher.compose import country_known


async def _reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(text)


async def on_start(update: Update, context: BotContext) -> None:
    """The welcome; in a private chat, then the country question (groups: an admin's /country)."""
    chat = update.effective_chat
    country = await chat_country(context, chat.id) if chat else None
    known = country_known(context.services.corpus.contact(country))
    number = emergency_number(context, country) if known else wording.NUMBER_UNKNOWN
    await _reply(update, w.fill(w.WELCOME, number=number))
    message = update.effective_message
    if message is not None and message.chat.type == ChatType.PRIVATE:
        await ask_country(message, context)


async def on_help(update: Update, context: BotContext) -> None:
    await _reply(update, w.HELP)


async def on_privacy(update: Update, context: BotContext) -> None:
    await _reply(update, w.fill(w.PRIVACY, days=context.services.settings.retention_days))


async def on_about(update: Update, context: BotContext) -> None:
    corpus = context.services.corpus
    text = w.fill(
        w.ABOUT,
        version=__version__,
        model=context.services.matcher.model_version,
        topics=len(corpus.topics),
        corpus=corpus.content_hash,
    )
    counts = context.services.querylog.counts
    if counts.pending or counts.unwritten:  # storage trouble is never silent
        text += "\n" + w.fill(w.ABOUT_LOG, pending=counts.pending, unwritten=counts.unwritten)
    await _reply(update, text)


async def on_emergency(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    country = await chat_country(context, chat.id) if chat else None
    await _reply(update, w.emergency_text(context.services.corpus.contact(country)))


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
    corpus = context.services.corpus
    codes = sorted(c.country for c in corpus.contacts)
    current = corpus.contact(await chat_country(context, message.chat.id))
    if not context.args:
        number = emergency_number(context, current.country)
        text = w.fill(w.COUNTRY_USAGE, name=current.name, codes=", ".join(codes), number=number)
        await message.reply_html(text)
        return
    code = context.args[0].strip().upper()
    if code not in codes:
        await message.reply_html(w.fill(w.COUNTRY_UNKNOWN, code=code[:8], codes=", ".join(codes)))
        return
    if not await _may_change_country(message, context):
        await message.reply_html(w.COUNTRY_ADMINS_ONLY)
        return
    await context.services.countries.set(
        chat_id=message.chat.id, chat_type=message.chat.type, country=code
    )
    contact = corpus.contact(code)
    await message.reply_html(w.fill(w.COUNTRY_SET, name=contact.name, number=contact.emergency[0]))
