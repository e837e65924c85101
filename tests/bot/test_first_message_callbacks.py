"""The first message's buttons: payloads that fit Telegram and parse back, and forged or
stale ones refused (real handlers, fake Bot API in memory)."""

from __future__ import annotations

from typing import Any

from bot import ui_text as w
from bot.telegram import callback_data as cd
from matcher import Matcher
from matcher.first import audience_steps
from tests.bot.conftest import Offline

GROUP = -100500
AUDIENCES = ("adult", "child", "baby")
VIEWS = ("first", "do_not", "get_help", "sources", "all")


def test_every_view_of_every_topic_fits_and_parses_back(fake_matcher: Matcher) -> None:
    for topic in fake_matcher.corpus.topics:
        for audience in AUDIENCES:
            steps = len(audience_steps(topic, audience))
            actions = [cd.View(topic.id, audience, v) for v in VIEWS]
            actions += [cd.View(topic.id, audience, "step", n) for n in range(1, steps + 1)]
            for action in actions:
                data = cd.encode(action)
                assert len(data.encode()) <= cd.MAX_BYTES and cd.parse(data) == action
    for action in (cd.Coach(True), cd.Coach(False), cd.SetCountry("GB"), cd.SetCountry(None)):
        assert cd.parse(cd.encode(action)) == action


def test_malformed_payloads_do_not_parse() -> None:
    for data in (
        "st:1:choking:x:f",  # no such audience
        "st:1:choking:a:s0",  # steps count from 1
        "st:1:choking:a:q",  # no such view
        "st:2:choking:a:f",  # another version
        "st:1:Choking:a:f",
        "cp:1:go",
        "ct:1:gb",
        "ct:1:GBR",
    ):
        assert cd.parse(data) is None, data


async def first_reply(
    offline: Offline, chat_id: int = 42, text: str = "not breathing", **kw: Any
) -> dict[str, Any]:
    offline.api.user_message(chat_id=chat_id, text=text, **kw)
    await offline.deliver()
    reply: dict[str, Any] = offline.sent(chat_id)[-1].result
    return reply


async def test_unknown_topic_stale_coach_and_unknown_country_are_refused(
    offline: Offline,
) -> None:
    message = await first_reply(offline)
    for data in ("st:1:no-such-topic:a:f", "ct:1:XX"):
        offline.api.press(user_id=42, message=message, data=data)
    offline.api.press(user_id=42, message=message, data="cp:1:x")  # no coach runs here
    await offline.deliver()
    assert offline.notices() == [w.CALLBACK_STALE, w.CALLBACK_STALE, w.COACH_NOT_RUNNING]
    assert offline.store.countries == {}


async def test_only_a_groups_admins_set_its_country_with_a_button(offline: Offline) -> None:
    message = await first_reply(
        offline, GROUP, "/firstaid not breathing", user_id=7, chat_type="supergroup"
    )
    offline.api.press(user_id=7, message=message, data="ct:1:US")
    await offline.deliver()
    assert offline.notices()[-1] == w.COUNTRY_ADMINS_ONLY and offline.store.countries == {}
    offline.api.admins[GROUP] = {8}
    offline.api.press(user_id=8, message=message, data="ct:1:US")
    await offline.deliver()
    assert list(offline.store.countries.values()) == ["US"]
    assert "911" in offline.texts(GROUP)[-1]
