"""Only moderators reach moderator commands and buttons; everyone else gets a polite refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import ui_text as w
from bot.alerts import AlertLimiter
from bot.reload import Reloader
from bot.settings import Settings
from bot.telegram import callback_data as cd
from matcher import Matcher
from tests.bot.moderation_fakes import MOD_A, MOD_B, USER, ask, moderated_bot

GROUP = -100800


class CountingBuild:
    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.calls = 0

    def __call__(self, settings: Settings) -> Matcher:
        self.calls += 1
        return self.matcher


async def test_non_moderators_get_a_refusal_for_review_stats_and_reload(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        build = CountingBuild(fake_matcher)
        bot.app.bot_data.services.reloader = Reloader(build, target=lambda s: "v-new")
        await ask(bot, fake_matcher, "choking")
        for command in ("/review", "/stats", "/stats 30", "/reload"):
            bot.api.send_text(chat_id=USER, text=command)
        await bot.deliver()

        refusals = bot.texts(USER)[1:]  # after the answer to the question
        assert refusals == [w.MOD_ONLY] * 4
        assert build.calls == 0 and bot.services.matcher is fake_matcher
        # The refused /review leased nothing: a moderator gets the item at once.
        item = await bot.store.next_for_review(moderator_id=MOD_A)
        assert item is not None and item.query.topic == "choking"


async def test_forged_review_buttons_from_non_moderators_change_nothing(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        query_id = await ask(bot, fake_matcher, "choking")
        answer = bot.sent(USER)[-1].result
        forged = [
            cd.encode(cd.ReviewVerdict(query_id, "correct")),
            cd.encode(cd.ReviewVerdict(query_id, "oos")),
            cd.encode(cd.ReviewVerdict(query_id, "unsafe")),
            cd.encode(cd.ReviewVerdict(query_id, "skip")),
            cd.encode(cd.ReviewCorrect(query_id, "burn")),
            cd.encode(cd.ReviewPage(query_id, 0)),
            cd.encode(cd.ReviewPage(query_id, None)),
        ]
        for data in forged:
            bot.api.press(user_id=USER, message=answer, data=data)
        await bot.deliver()

        assert bot.notices() == [w.MOD_ONLY] * len(forged)
        assert await bot.store.get_review(query_id) is None
        assert bot.api.requests("editMessageText") == []
        assert bot.api.requests("editMessageReplyMarkup") == []
        assert len(bot.sent(USER)) == 1  # only the answer: no item, no figures
        # The forged skip was not stored for anyone: moderator A still gets the item.
        item = await bot.store.next_for_review(moderator_id=MOD_A)
        assert item is not None and item.query.id == query_id


async def test_moderators_are_sent_to_a_private_chat_from_groups(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        query_id = await ask(bot, fake_matcher, "choking")
        for command in ("/review", "/stats", "/reload"):
            bot.api.send_text(chat_id=GROUP, user_id=MOD_A, chat_type="supergroup", text=command)
        await bot.deliver()

        assert bot.texts(GROUP) == [w.MOD_PRIVATE_ONLY] * 3
        item = await bot.store.next_for_review(moderator_id=MOD_B)
        assert item is not None and item.query.id == query_id  # nothing leased to A


@pytest.mark.parametrize(
    "data",
    [
        "rv:1:5:x",
        "rv:2:5:c",
        "rc:1:5:Burn",
        "rc:1:5:-",
        "rp:1:5:1000",
        "rp:1:-1:0",
        "rv:1:5:c" + "0" * 60,
    ],
)
async def test_malformed_review_data_is_refused_as_stale(
    tmp_path: Path, fake_matcher: Matcher, data: str
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        await ask(bot, fake_matcher, "choking", user=MOD_A)
        bot.api.press(user_id=MOD_A, message=bot.sent(MOD_A)[-1].result, data=data)
        await bot.deliver()
        assert bot.notices() == [w.CALLBACK_STALE]


async def test_a_moderator_cannot_pick_an_unknown_topic_or_a_page_past_the_end(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        query_id = await ask(bot, fake_matcher, "choking", user=MOD_A)
        message = bot.sent(MOD_A)[-1].result
        for action in (cd.ReviewCorrect(query_id, "not-a-topic"), cd.ReviewPage(query_id, 99)):
            bot.api.press(user_id=MOD_A, message=message, data=cd.encode(action))
        await bot.deliver()
        assert bot.notices() == [w.CALLBACK_STALE] * 2
        assert await bot.store.get_review(query_id) is None


def test_review_callback_data_fits_telegram_and_round_trips() -> None:
    biggest = 10**18 - 1
    actions: list[cd.Action] = [
        *(cd.ReviewVerdict(biggest, v) for v in ("correct", "oos", "unsafe", "skip")),
        cd.ReviewCorrect(biggest, "foreign-object-ear-nose"),
        cd.ReviewPage(biggest, 999),
        cd.ReviewPage(biggest, None),
    ]
    for action in actions:
        data = cd.encode(action)
        assert len(data.encode("utf-8")) <= cd.MAX_BYTES
        assert cd.parse(data) == action
    for bad in (
        cd.ReviewVerdict(1, "wrong"),
        cd.ReviewCorrect(1, "Bad Topic"),
        cd.ReviewPage(1, 1000),
    ):
        with pytest.raises(ValueError):
            cd.encode(bad)


def test_alert_limiter_admits_one_per_interval_and_counts_the_rest() -> None:
    now = [0.0]
    limiter = AlertLimiter(interval_s=600, clock=lambda: now[0])
    assert limiter.admit(MOD_A) == 0
    assert limiter.admit(MOD_B) == 0  # per moderator
    now[0] = 599
    assert limiter.admit(MOD_A) is None
    assert limiter.admit(MOD_A) is None
    now[0] = 600
    assert limiter.admit(MOD_A) == 2  # the two held back are reported with this one
    assert limiter.admit(MOD_A) is None
    now[0] = 1300
    assert limiter.admit(MOD_A) == 1
