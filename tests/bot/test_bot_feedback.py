"""The feedback buttons: helpful, not helpful, picks, and every kind of bad callback data."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot import ui_text as w
from bot.telegram import callback_data as cd
from matcher import Matcher
from matcher.wording import COMMON_NUMBERS
from tests.bot.conftest import Offline, example_of
from tests.bot.test_bot_questions import buttons


async def ask(offline: Offline, matcher: Matcher, topic: str, *, chat_id: int = 42) -> Any:
    """Ask a question; returns (the bot's reply message, the logged query id)."""
    offline.api.user_message(chat_id=chat_id, text=example_of(matcher, topic))
    await offline.deliver()
    reply = offline.sent(chat_id)[-1]
    return reply.result, max(offline.store.queries)


async def test_helpful_is_stored_and_buttons_are_removed(
    offline: Offline, fake_matcher: Matcher
) -> None:
    reply, query_id = await ask(offline, fake_matcher, "nosebleed")
    offline.api.press(user_id=42, message=reply, data=f"fb:1:{query_id}:h")
    await offline.deliver()

    feedback = offline.store.feedback[query_id]
    assert feedback.helpful and feedback.picked_topic is None
    assert offline.notices() == [w.THANKS]
    (edit,) = offline.api.requests("editMessageReplyMarkup")
    assert edit.params["message_id"] == reply["message_id"] and not edit.params.get("reply_markup")


async def test_not_helpful_offers_alternatives_and_a_pick_is_logged(
    offline: Offline, fake_matcher: Matcher
) -> None:
    reply, query_id = await ask(offline, fake_matcher, "nosebleed")
    offline.api.press(user_id=42, message=reply, data=f"fb:1:{query_id}:n")
    await offline.deliver()

    assert offline.store.feedback[query_id].helpful is False
    question = offline.sent(42)[-1]
    assert question.params["text"] == w.WHICH_FITS
    offered = buttons(question.params)
    row = offline.store.queries[query_id]
    expected = [t for t in row.alternatives if t != "nosebleed"][:4]
    assert offered == [f"pk:1:{query_id}:{t}" for t in expected] + [f"pk:1:{query_id}:-"]

    offline.api.press(user_id=42, message=question.result, data=offered[0])
    await offline.deliver()
    feedback = offline.store.feedback[query_id]
    assert (feedback.helpful, feedback.picked_topic) == (False, expected[0])
    title = fake_matcher.corpus.topic(expected[0]).title
    assert any(title in text for text in offline.texts(42)[-2:])


async def test_none_of_these_is_logged_without_a_topic(
    offline: Offline, fake_matcher: Matcher
) -> None:
    reply, query_id = await ask(offline, fake_matcher, "sunburn")
    offline.api.press(user_id=42, message=reply, data=f"pk:1:{query_id}:-")
    await offline.deliver()
    assert offline.store.feedback[query_id].picked_topic is None
    assert offline.texts(42)[-1] == w.NONE_FITS.format(number=COMMON_NUMBERS)


async def test_only_the_asker_may_rate(offline: Offline, fake_matcher: Matcher) -> None:
    reply, query_id = await ask(offline, fake_matcher, "sunburn")
    offline.api.press(user_id=99, message=reply, data=f"fb:1:{query_id}:h")
    offline.api.press(user_id=99, message=reply, data=f"fb:1:{query_id}:n")
    await offline.deliver()
    assert offline.store.feedback == {}
    assert offline.notices() == [w.CALLBACK_NOT_YOURS, w.CALLBACK_NOT_YOURS]


@pytest.mark.parametrize(
    "data",
    [
        "fb:1:999:h",  # a query that does not exist (or was purged)
        "fb:2:{q}:h",  # a future version
        "fb:1:{q}:x",  # unknown verdict
        "fb:1:-{q}:h",  # negative id
        "fb:1:{q}:h:extra",
        "pk:1:{q}:not-a-topic",  # a topic that was never offered
        "pk:1:{q}:cardiac-arrest",  # a real topic, but not one of the alternatives
        "tp:1:no-such-topic",
        "tl:1:999",
        "x" * 65,  # over Telegram's 64 bytes
        "fb:1:{q}:h" + "é" * 30,
        "",
        "\x00\n<script>",
    ],
)
async def test_forged_or_stale_data_is_refused_and_logs_nothing(
    offline: Offline, fake_matcher: Matcher, caplog: pytest.LogCaptureFixture, data: str
) -> None:
    reply, query_id = await ask(offline, fake_matcher, "sunburn")
    sent_before = len(offline.sent())
    offline.api.press(user_id=42, message=reply, data=data.format(q=query_id))
    with caplog.at_level(logging.WARNING):
        await offline.deliver()
    assert offline.store.feedback == {}
    assert offline.notices() == [w.CALLBACK_STALE]
    assert len(offline.sent()) == sent_before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_encoded_data_parses_back_and_fits() -> None:
    actions: list[cd.Action] = [
        cd.Feedback(10**17, True),
        cd.Pick(10**17, "foreign-object-ear-nose"),
        cd.Pick(3, None),
        cd.TopicPage(12),
        cd.ShowTopic("cardiac-arrest"),
        cd.Forget(10**15, False),
    ]
    for action in actions:
        data = cd.encode(action)
        assert len(data.encode()) <= cd.MAX_BYTES and cd.parse(data) == action


def test_encode_refuses_what_would_not_parse() -> None:
    with pytest.raises(ValueError):
        cd.encode(cd.ShowTopic("Not A Topic"))
    with pytest.raises(ValueError):
        cd.encode(cd.Pick(1, "x" * 70))
