"""Questions through the real handlers and dispatch (offline fake API, fake store)."""

from __future__ import annotations

import logging

import pytest

from bot import ui_text as w
from bot.service import MAX_INPUT
from matcher import Matcher, wording
from matcher.wording import COMMON_NUMBERS
from tests.bot.conftest import Offline, example_of
from tests.fakes.telegram_api import BOT_USERNAME

GROUP = -100200


def buttons(call_params: dict[str, object]) -> list[str]:
    markup = call_params.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_private_question_gets_answer_with_feedback_buttons(
    offline: Offline, fake_matcher: Matcher
) -> None:
    text = example_of(fake_matcher, "choking")
    message = offline.api.user_message(chat_id=42, text=text)
    await offline.deliver()

    (reply,) = offline.sent(42)
    assert reply.params["reply_parameters"]["message_id"] == message["message_id"]
    assert reply.params["text"].startswith("🚨")  # emergency line first for a "call" topic
    assert "Choking" in reply.params["text"]
    (query,) = offline.store.queries.values()
    assert (query.topic, query.user_hash, query.chat_type) == ("choking", "h42", "private")
    assert query.emergency and query.text == text
    assert buttons(reply.params)[-2:] == [f"fb:1:{query.id}:h", f"fb:1:{query.id}:n"]


async def test_out_of_scope_offers_closest_topics_as_buttons(offline: Offline) -> None:
    offline.api.user_message(chat_id=42, text="what's the weather like tomorrow")
    await offline.deliver()

    (reply,) = offline.sent(42)
    (query,) = offline.store.queries.values()
    assert query.oos and query.topic is None
    assert wording.OUT_OF_SCOPE.split(",")[0] in reply.params["text"]
    picks = [d for d in buttons(reply.params) if d.startswith("pk:")]
    assert picks == [f"pk:1:{query.id}:{t}" for t in query.alternatives[:3]]


async def test_group_chatter_is_ignored(offline: Offline) -> None:
    offline.api.user_message(chat_id=GROUP, user_id=7, chat_type="supergroup", text="lunch?")
    offline.api.user_message(
        chat_id=GROUP, user_id=7, chat_type="supergroup", text="someone is choking here"
    )
    await offline.deliver()
    assert offline.sent() == [] and offline.store.queries == {}


async def test_group_mention_reply_and_command_are_answered(
    offline: Offline, fake_matcher: Matcher
) -> None:
    text = example_of(fake_matcher, "nosebleed")
    api = offline.api
    api.user_message(
        chat_id=GROUP, user_id=7, chat_type="supergroup", text=f"@{BOT_USERNAME} {text}"
    )
    bot_message = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup", "title": "g"},
        "from": api.bot_user,
        "text": "earlier answer",
    }
    api.user_message(
        chat_id=GROUP, user_id=8, chat_type="supergroup", text=text, reply_to=bot_message
    )
    api.user_message(chat_id=GROUP, user_id=9, chat_type="supergroup", text=f"/firstaid {text}")
    await offline.deliver()

    assert len(offline.sent(GROUP)) == 3
    logged = list(offline.store.queries.values())
    assert [q.text for q in logged] == [text, text, text]  # the mention is not part of it
    assert [q.user_hash for q in logged] == ["h7", "h8", "h9"]
    assert {q.chat_type for q in logged} == {"supergroup"}


async def test_reply_to_another_users_message_is_ignored_in_groups(offline: Offline) -> None:
    other = {
        "message_id": 2,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup", "title": "g"},
        "from": {"id": 5, "is_bot": False, "first_name": "A"},
        "text": "hi",
    }
    offline.api.user_message(
        chat_id=GROUP, user_id=8, chat_type="supergroup", text="my arm hurts", reply_to=other
    )
    await offline.deliver()
    assert offline.sent() == []


@pytest.mark.parametrize("text", ["/firstaid", f"@{BOT_USERNAME}"])
async def test_addressed_without_a_question_gets_a_hint(offline: Offline, text: str) -> None:
    offline.api.user_message(chat_id=GROUP, user_id=7, chat_type="supergroup", text=text)
    await offline.deliver()
    assert offline.texts() == [w.GROUP_HINT] and offline.store.queries == {}


async def test_edited_message_is_answered_again(offline: Offline, fake_matcher: Matcher) -> None:
    first = offline.api.user_message(chat_id=42, text="my hand hurts")
    offline.api.user_message(chat_id=42, text=example_of(fake_matcher, "burn"), edited_of=first)
    await offline.deliver()
    assert len(offline.sent(42)) == 2
    assert [q.topic for q in offline.store.queries.values()][-1] == "burn"


# A location is not in the list: it sets the chat's country (tests/bot/test_first_message_e2e.py).
@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document"])
async def test_non_text_gets_a_note_in_private_only(offline: Offline, kind: str) -> None:
    offline.api.user_message(chat_id=42, kind=kind)
    offline.api.user_message(chat_id=GROUP, user_id=7, chat_type="supergroup", kind=kind)
    await offline.deliver()
    assert offline.texts() == [w.NON_TEXT.format(number=COMMON_NUMBERS)]
    assert offline.store.queries == {}


async def test_huge_message_is_cut_and_answered(offline: Offline) -> None:
    offline.api.user_message(chat_id=42, text="my finger is bleeding " * 1000)
    await offline.deliver()
    assert offline.sent(42)
    (query,) = offline.store.queries.values()
    assert len(query.text) <= MAX_INPUT


async def test_long_answer_is_split_and_buttons_go_under_the_last_part(
    offline: Offline, fake_matcher: Matcher
) -> None:
    long_topic = max(
        fake_matcher.corpus.topics,
        key=lambda t: len(" ".join(t.steps + t.do_not + t.get_help)),
    )
    offline.api.user_message(chat_id=42, text=example_of(fake_matcher, long_topic.id))
    await offline.deliver()
    sent = offline.sent(42)
    assert all(len(c.params["text"]) <= 4096 for c in sent)
    assert "reply_markup" in sent[-1].params
    assert all("reply_markup" not in c.params for c in sent[:-1])
    assert "reply_parameters" in sent[0].params


async def test_storage_down_still_answers_without_buttons(
    offline: Offline, fake_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    offline.store.broken = True
    offline.api.user_message(chat_id=42, text=example_of(fake_matcher, "choking"))
    with caplog.at_level(logging.ERROR):
        await offline.deliver()
    (reply,) = offline.sent(42)
    assert reply.params["text"].startswith("🚨")
    assert not [b for b in buttons(reply.params) if b.startswith("fb:")]  # no query to rate
    assert "could not log a query" in caplog.text


async def test_matcher_failure_tells_the_user_with_the_emergency_number(
    offline: Offline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(texts: list[str]) -> None:
        raise RuntimeError("encoder exploded")

    worker = offline.app.bot_data.services.answerer
    assert worker is not None
    monkeypatch.setattr(worker.matcher, "match_batch", broken)
    offline.api.user_message(chat_id=42, text="he is not breathing")
    with caplog.at_level(logging.ERROR):
        await offline.deliver()
    assert offline.texts(42) == [w.ERROR_REPLY.format(number=COMMON_NUMBERS)]
    assert "encoder exploded" in caplog.text


async def test_a_mention_is_removed_from_the_question_in_private_too(
    offline: Offline, fake_matcher: Matcher
) -> None:
    text = example_of(fake_matcher, "sunburn")
    offline.api.user_message(chat_id=42, text=f"{text} @{BOT_USERNAME.upper()}")
    await offline.deliver()
    (query,) = offline.store.queries.values()
    assert query.text == text
