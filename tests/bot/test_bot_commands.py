"""Commands, /topics, /forget and inline mode through the real handlers (offline)."""

from __future__ import annotations

from bot import __version__, health
from bot import ui_text as w
from bot.telegram.keyboards import TOPICS_PER_PAGE, page_count
from matcher import Matcher
from tests.bot.conftest import Offline, example_of
from tests.bot.test_bot_questions import GROUP, buttons


async def command(offline: Offline, text: str, *, chat_id: int = 42, **kw: object) -> list[str]:
    before = len(offline.sent())
    offline.api.user_message(chat_id=chat_id, text=text, **kw)  # type: ignore[arg-type]
    await offline.deliver()
    return [c.params["text"] for c in offline.sent()[before:]]


async def test_command_menu_is_registered_at_start(offline: Offline) -> None:
    names = [c["command"] for c in offline.api.commands["default"]]
    assert names == [c for c, _ in w.COMMANDS]


async def test_start_help_privacy_about(offline: Offline, fake_matcher: Matcher) -> None:
    # No country yet: no confident 112, and the country question follows.
    welcome = w.WELCOME.format(number="your emergency number")
    assert await command(offline, "/start") == [welcome, w.COUNTRY_ASK, w.COUNTRY_LOCATION_HINT]
    assert await command(offline, "/help") == [w.HELP]
    (privacy,) = await command(offline, "/privacy")
    assert "365 days" in privacy
    (about,) = await command(offline, "/about")
    assert __version__ in about and fake_matcher.model_version in about
    assert await command(offline, "/nonsense") == [w.HELP]
    assert await command(offline, "/nonsense", chat_id=GROUP, chat_type="supergroup") == []


async def test_country_changes_the_emergency_numbers(offline: Offline) -> None:
    (before,) = await command(offline, "/emergency")
    assert "112" in before
    (done,) = await command(offline, "/country gb")
    assert done == w.COUNTRY_SET.format(name="United Kingdom", number="999")
    (after,) = await command(offline, "/emergency")
    assert "999" in after and "Samaritans: 116 123" in after
    assert offline.store.countries == {"h42": "GB"}
    welcome, *_ = await command(offline, "/start")
    assert "<b>999</b>" in welcome


async def test_unknown_country_and_usage(offline: Offline) -> None:
    (unknown,) = await command(offline, "/country XX")
    assert unknown.startswith("I do not have numbers for XX") and "GB" in unknown
    (usage,) = await command(offline, "/country")
    assert "/country DE" in usage
    assert offline.store.countries == {}


async def test_in_groups_only_admins_set_the_country(offline: Offline) -> None:
    offline.api.admins[GROUP] = {1}
    refused = await command(offline, "/country DE", chat_id=GROUP, user_id=2, chat_type="group")
    assert refused == [w.COUNTRY_ADMINS_ONLY] and offline.store.countries == {}
    await command(offline, "/country DE", chat_id=GROUP, user_id=1, chat_type="group")
    assert offline.store.countries == {f"h{GROUP}": "DE"}


async def test_topics_are_paged_and_a_tap_sends_the_topic(
    offline: Offline, fake_matcher: Matcher
) -> None:
    await command(offline, "/topics")
    listing = offline.sent(42)[-1]
    data = buttons(listing.params)
    assert len([d for d in data if d.startswith("tp:")]) == TOPICS_PER_PAGE
    assert data[-1] == "tl:1:1" and "page 1 of" in listing.params["text"]

    offline.api.press(user_id=42, message=listing.result, data="tl:1:1")
    await offline.deliver()
    (edit,) = offline.api.requests("editMessageText")
    assert f"page 2 of {page_count(fake_matcher.corpus)}" in edit.params["text"]
    assert set(buttons(edit.params)) >= {"tl:1:0", "tl:1:2"}

    offline.api.press(user_id=42, message=listing.result, data="tp:1:stroke")
    await offline.deliver()
    assert any("Stroke" in text for text in offline.texts(42)[-2:])
    assert offline.store.queries == {}  # browsing is not a query


async def test_forget_deletes_only_after_the_users_own_confirmation(
    offline: Offline, fake_matcher: Matcher
) -> None:
    await command(offline, example_of(fake_matcher, "sunburn"))
    await command(offline, "/forget")
    confirm = offline.sent(42)[-1]
    assert buttons(confirm.params) == ["fg:1:42:y", "fg:1:42:n"]

    offline.api.press(user_id=7, message=confirm.result, data="fg:1:42:y")
    await offline.deliver()
    assert offline.notices() == [w.FORGET_NOT_YOURS] and len(offline.store.queries) == 1

    offline.api.press(user_id=42, message=confirm.result, data="fg:1:42:y")
    await offline.deliver()
    assert offline.store.queries == {}
    assert offline.api.requests("editMessageText")[-1].params["text"] == w.FORGET_DONE.format(
        count=1
    )


async def test_inline_query_offers_three_topics_and_logs_only_the_chosen_one(
    offline: Offline, fake_matcher: Matcher
) -> None:
    offline.api.inline_query(user_id=42, query=example_of(fake_matcher, "choking"))
    offline.api.inline_query(user_id=42, query="   ")
    await offline.deliver()
    full, empty = offline.api.inline_answers
    ids = [r["id"] for r in full["results"]]
    assert ids[0] == "choking" and len(ids) == 3 and len(set(ids)) == 3
    assert full["results"][0]["input_message_content"]["message_text"].startswith("🚨")
    assert empty["results"] == []
    assert offline.store.queries == {}

    offline.api.add_update(
        {
            "chosen_inline_result": {
                "result_id": ids[1],
                "from": {"id": 42, "is_bot": False, "first_name": "A"},
                "query": "my child swallowed something",
            }
        }
    )
    await offline.deliver()
    (logged,) = offline.store.queries.values()
    assert (logged.topic, logged.chat_type) == (ids[1], "inline")


async def test_jobs_purge_daily_and_beat_only_while_receiving(offline: Offline) -> None:
    queue = offline.app.job_queue
    assert queue is not None
    (purge,) = queue.get_jobs_by_name("purge")
    (beat,) = queue.get_jobs_by_name("heartbeat")
    await purge.run(offline.app)
    assert offline.store.purged == [365]

    data_dir = offline.app.bot_data.services.settings.data_dir  # type: ignore[union-attr]
    health.clear(data_dir)
    await beat.run(offline.app)  # the updater is not running: no heartbeat
    assert health.age(data_dir) is None
