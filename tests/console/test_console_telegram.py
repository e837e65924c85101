"""``/console`` in Telegram: a link for moderators in a private chat, nothing for anyone else."""

from __future__ import annotations

import re
from pathlib import Path

from console_helpers import make_site, sign_in

from bot import ui_text as w
from matcher import Matcher
from tests.bot.moderation_fakes import MOD_A, USER, moderated_bot


async def test_a_moderator_gets_a_link_that_signs_in(tmp_path: Path, fake_matcher: Matcher) -> None:
    url = "https://console.example.org"
    async with moderated_bot(tmp_path, fake_matcher, console_url=url + "/") as bot:
        bot.api.send_text(chat_id=MOD_A, text="/console")
        await bot.deliver()
        sent = bot.sent(MOD_A)[-1].params
        found = re.search(r"https://console\.example\.org(/sign-in\?token=\S+)", sent["text"])
        assert found is not None
        assert sent["link_preview_options"]["is_disabled"] is True
        site = make_site(bot.services.settings, bot.store, bot.services.corpus)
        async with site.client() as client:
            assert (await sign_in(client, found.group(1))).status_code == 303
            assert (await client.get("/")).status_code == 200


async def test_anyone_else_gets_no_link(tmp_path: Path, fake_matcher: Matcher) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        # (Moderators in a group are turned away by the same guard as /review,
        # tested with the other moderator commands.)
        bot.api.send_text(chat_id=USER, text="/console")
        await bot.deliver()
        assert bot.texts(USER) == [w.MOD_ONLY]
