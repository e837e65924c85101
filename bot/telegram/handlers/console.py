"""``/console``: a moderator asks for a single-use sign-in link to the web console.

Wrapped in :func:`bot.telegram.handlers.access.moderators_only`, so the link
only ever reaches a moderator in a private chat. The link names the moderator
by hash and expires after ten minutes (:mod:`bot.console.links`); its preview
is turned off so Telegram does not fetch the address.
"""

from __future__ import annotations

from telegram import LinkPreviewOptions, Update

from bot import ui_text as w
from bot.console.links import LINK_TTL_S, issue_link
from bot.telegram.context import BotContext
from bot.telegram.handlers.access import moderators_only


@moderators_only
async def on_console(update: Update, context: BotContext) -> None:
    """Send a fresh sign-in link (the moderator check happened in the wrapper)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    services = context.services
    url = issue_link(services.settings, services.store.hasher, user.id)
    text = w.fill(w.CONSOLE_LINK, minutes=LINK_TTL_S // 60, url=url)
    await message.reply_html(text, link_preview_options=LinkPreviewOptions(is_disabled=True))
