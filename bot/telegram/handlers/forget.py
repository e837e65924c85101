"""``/forget``: delete the user's data after a confirm button only that user can press."""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import ui_text as w
from bot.i18n import gettext_for
from bot.telegram import callback_data as cd
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import refuse, update_language
from bot.telegram.keyboards import forget_keyboard


async def on_forget(update: Update, context: BotContext) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    lang = await update_language(update, context)
    markup = forget_keyboard(user.id, lang)
    await message.reply_html(gettext_for(lang)(w.FORGET_CONFIRM), reply_markup=markup)


async def on_confirm(update: Update, context: BotContext) -> None:
    query = update.callback_query
    action = cd.parse(query.data) if query else None
    if query is None:
        return
    if not isinstance(action, cd.Forget):  # empty data also reaches this handler
        await refuse(query)
        return
    user_id = query.from_user.id
    _ = gettext_for(await update_language(update, context))
    if action.user_id != user_id:
        await query.answer(_(w.FORGET_NOT_YOURS))
        return
    if action.confirm:
        count = await context.services.store.forget_user(user_id)
        # The private chat's country went with the user's data.
        context.services.countries.forget(user_id)
        text = w.fill(_(w.FORGET_DONE), count=count)
    else:
        text = _(w.FORGET_CANCELLED)
    await query.answer()
    if isinstance(query.message, Message):
        with contextlib.suppress(BadRequest):  # a second tap: "message is not modified"
            await query.message.edit_text(text, reply_markup=None)
