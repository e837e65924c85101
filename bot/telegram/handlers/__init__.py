"""Telegram handlers, one module per feature; :func:`register` wires them in order.

Exports: :func:`register`.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram import admission
from bot.telegram import callback_data as cd
from bot.telegram.context import BotApp
from bot.telegram.handlers import (
    coach,
    commands,
    console,
    country,
    errors,
    feedback,
    forget,
    inline,
    language,
    messages,
    moderation,
    review,
    steps,
    topics,
)

# What users send besides text; answered with a note that the bot reads text.
NON_TEXT = (
    filters.ATTACHMENT
    | filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.LOCATION
    | filters.CONTACT
)


def register(app: BotApp) -> None:
    """Add every handler. In one group the first matching handler wins, so order matters."""
    # 0. Admission control first, in its own group: it may drop a message over the
    #    limits, or move a group's message out of its update slot into a lane.
    app.add_handler(TypeHandler(Update, admission.on_update), group=-1)
    # 1. Commands come first, so "/help" is never matched as a question.
    #    (Moderator commands belong here too, before the unknown-command fallback.)
    for name, callback in (
        ("start", commands.on_start),
        ("help", commands.on_help),
        ("privacy", commands.on_privacy),
        ("about", commands.on_about),
        ("emergency", commands.on_emergency),
        ("country", commands.on_country),
        ("language", language.on_language),
        ("topics", topics.on_topics),
        ("forget", forget.on_forget),
        ("firstaid", messages.on_firstaid),
        # Moderators only (each handler checks the user and the chat itself).
        ("review", review.on_review),
        ("stats", moderation.on_stats),
        ("reload", moderation.on_reload),
        ("console", console.on_console),
    ):
        app.add_handler(CommandHandler(name, callback))
    # Unknown commands in private chats get the help text; in groups they may be
    # meant for another bot, so stay silent.
    app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, commands.on_help))

    # 2. Buttons. Each pattern accepts only valid data of its own kind; the
    #    catch-all after them refuses everything else (forged, stale, oversized).
    app.add_handler(CallbackQueryHandler(feedback.on_feedback, pattern=cd.matches(cd.Feedback)))
    app.add_handler(CallbackQueryHandler(feedback.on_pick, pattern=cd.matches(cd.Pick)))
    app.add_handler(CallbackQueryHandler(topics.on_page, pattern=cd.matches(cd.TopicPage)))
    app.add_handler(CallbackQueryHandler(topics.on_show_topic, pattern=cd.matches(cd.ShowTopic)))
    app.add_handler(CallbackQueryHandler(forget.on_confirm, pattern=cd.matches(cd.Forget)))
    app.add_handler(CallbackQueryHandler(steps.on_view, pattern=cd.matches(cd.View)))
    app.add_handler(CallbackQueryHandler(coach.on_coach, pattern=cd.matches(cd.Coach)))
    app.add_handler(CallbackQueryHandler(country.on_set_country, pattern=cd.matches(cd.SetCountry)))
    app.add_handler(
        CallbackQueryHandler(language.on_set_language, pattern=cd.matches(cd.SetLanguage))
    )
    # Review buttons: the handlers refuse anyone who is not a moderator.
    app.add_handler(CallbackQueryHandler(review.on_verdict, pattern=cd.matches(cd.ReviewVerdict)))
    app.add_handler(CallbackQueryHandler(review.on_correct, pattern=cd.matches(cd.ReviewCorrect)))
    app.add_handler(CallbackQueryHandler(review.on_page, pattern=cd.matches(cd.ReviewPage)))
    app.add_handler(CallbackQueryHandler(feedback.on_unknown))

    # 3. Inline mode.
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    app.add_handler(ChosenInlineResultHandler(inline.on_chosen))

    # 4. Questions: new and edited text messages (groups: only when addressed to the bot),
    #    then everything else people send.
    text = filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text, messages.on_text))
    # A location shared in a private chat sets the country (before the non-text note).
    shared = filters.UpdateType.MESSAGE & filters.LOCATION & filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(shared, country.on_location))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGES & NON_TEXT, messages.on_other))

    app.add_error_handler(errors.on_error)
