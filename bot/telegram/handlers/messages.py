"""Questions: private text, ``/firstaid <text>``, group mentions and replies, edits, non-text.

In groups the bot runs with privacy mode on and answers only what is addressed
to it; other chatter is ignored silently (even when the bot is an admin and
receives everything).
"""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from bot import ui_text as w
from bot.i18n import gettext_for
from bot.service import answer_question
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import asker, chat_country, emergency_number, update_language
from bot.telegram.handlers.steps import send_answer


def _bot_mention(message: Message, *, bot_id: int, username: str | None) -> str | None:
    """The text of the entity that mentions the bot, if any."""
    mention = f"@{username}".casefold() if username else None
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, value in entities.items():
        if entity.type == MessageEntity.MENTION and value.casefold() == mention:
            return value
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return value
    return None


def addressed_text(message: Message, *, bot_id: int, username: str | None) -> str | None:
    """The question in ``message`` if it is meant for the bot (mention removed), else None."""
    text = message.text or ""
    mention = _bot_mention(message, bot_id=bot_id, username=username)
    if mention is not None:
        return text.replace(mention, " ", 1).strip()
    if message.chat.type == ChatType.PRIVATE:
        return text
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return text
    return None


async def ask(update: Update, context: BotContext, text: str) -> None:
    """Answer ``text`` (:func:`bot.service.answer_question`), then send its first message."""
    message = update.effective_message
    if message is None:
        return
    if not text.strip():
        lang = await update_language(update, context)
        await message.reply_html(gettext_for(lang)(w.GROUP_HINT))
        return
    reply = await answer_question(context.services, asker(update), text)
    await send_answer(message, context, reply)


async def on_text(update: Update, context: BotContext) -> None:
    """A text message or an edit of one; edits are answered again."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = addressed_text(message, bot_id=context.bot.id, username=context.bot.username)
    if text is not None:
        await ask(update, context, text)


async def on_firstaid(update: Update, context: BotContext) -> None:
    """``/firstaid <text>``: the way to ask in a group (works in private chats too)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    command = next(iter(commands.values()), "")
    await ask(update, context, message.text[len(command) :])


async def on_other(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, files, locations: a short note that the bot reads text."""
    message = update.effective_message
    if message is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        reply = message.reply_to_message
        if reply is None or reply.from_user is None or reply.from_user.id != context.bot.id:
            return
    lang = await update_language(update, context)
    country = await chat_country(context, message.chat.id)
    number = emergency_number(context, country, lang)
    await message.reply_html(w.fill(gettext_for(lang)(w.NON_TEXT), number=number))
