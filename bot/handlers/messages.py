"""Questions: private text, ``/firstaid <text>``, group mentions and replies, edits, non-text.

In groups the bot runs with privacy mode on and answers only what is addressed
to it; other chatter is ignored silently (even when the bot is an admin and
receives everything).
"""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from bot.context import BotContext
from bot.handlers.common import chat_country, emergency_number, fill, ids, send_chunks
from bot.keyboards import answer_keyboard
from bot.querylog import log_answer
from matcher import Match
from matcher import wording as w

# Telegram caps incoming text at 4096 characters; longer input (a forged or
# future update) is cut before it reaches the matcher or the log.
MAX_INPUT = 4096
MAX_SUGGESTIONS = 3


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


def suggestions(match: Match) -> list[str]:
    """Topics offered as buttons under an unsure answer."""
    if match.oos:
        return match.ranked[:MAX_SUGGESTIONS]
    if match.low_confidence:
        return [t for t in match.ranked if t != match.topic][: MAX_SUGGESTIONS - 1]
    return []


async def answer_question(update: Update, context: BotContext, text: str) -> None:
    """Match ``text`` off the event loop, log it, reply with the answer and buttons."""
    message = update.effective_message
    if message is None:
        return
    text = text.strip()[:MAX_INPUT]
    if not text:
        await message.reply_html(w.GROUP_HINT)
        return
    chat_id, user_id, chat_type = ids(update)
    country = await chat_country(context, chat_id)
    reply = await context.worker.answer(text, country)
    query_id = await log_answer(
        context.services.querylog,
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        text=text,
        reply=reply,
    )
    markup = None
    if query_id is not None:
        markup = answer_keyboard(
            context.services.corpus, query_id, suggestions=suggestions(reply.match)
        )
    await send_chunks(message, reply.html_chunks, markup=markup)


async def on_text(update: Update, context: BotContext) -> None:
    """A text message or an edit of one; edits are answered again."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = addressed_text(message, bot_id=context.bot.id, username=context.bot.username)
    if text is not None:
        await answer_question(update, context, text)


async def on_firstaid(update: Update, context: BotContext) -> None:
    """``/firstaid <text>``: the way to ask in a group (works in private chats too)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    command = next(iter(commands.values()), "")
    await answer_question(update, context, message.text[len(command) :])


async def on_other(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, files, locations: a short note that the bot reads text."""
    message = update.effective_message
    if message is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        reply = message.reply_to_message
        if reply is None or reply.from_user is None or reply.from_user.id != context.bot.id:
            return
    country = await chat_country(context, message.chat.id)
    await message.reply_html(fill(w.NON_TEXT, number=emergency_number(context, country)))
