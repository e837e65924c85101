"""``/review`` through the real handlers on a real SQLite store: views, verdicts, leases."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from telegram import Update

from bot import ui_text as w
from bot.telegram import callback_data as cd
from bot.telegram.keyboards import TOPICS_PER_PAGE
from bot.ui_text import sorted_topics
from matcher import Matcher
from storage import QueryRecord
from tests.bot.moderation_fakes import MOD_A, MOD_B, USER, ModBot, ask, buttons, moderated_bot


async def review(bot: ModBot, moderator: int) -> Any:
    """Send /review; returns the bot's reply call."""
    bot.api.send_text(chat_id=moderator, text="/review")
    await bot.deliver()
    return bot.sent(moderator)[-1]


async def press(bot: ModBot, moderator: int, message: dict[str, Any], data: str) -> None:
    bot.api.press(user_id=moderator, message=message, data=data)
    await bot.deliver()


def item_id(text: str) -> int:
    """The query id in a review view's first line ("📝 Review #12 · ...")."""
    return int(text.split("#", 1)[1].split(" ", 1)[0])


async def rate_not_helpful_and_pick(bot: ModBot, query_id: int, nth: int = 1) -> str:
    """The asking user taps "Not helpful", then the ``nth`` offered topic; returns it."""
    await press(bot, USER, bot.sent(USER)[-1].result, cd.encode(cd.Feedback(query_id, False)))
    which = bot.sent(USER)[-1]
    assert which.params["text"] == w.WHICH_FITS
    pick = buttons(which.params)[nth][1]
    action = cd.parse(pick)
    assert isinstance(action, cd.Pick) and action.topic is not None
    await press(bot, USER, which.result, pick)
    return action.topic


async def test_review_shows_the_item_stores_a_correction_and_shows_the_next(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        other = await ask(bot, fake_matcher, "nosebleed", user=502)
        query_id = await ask(bot, fake_matcher, "sunburn")
        picked = await rate_not_helpful_and_pick(bot, query_id)
        title = fake_matcher.corpus.topic(picked).title

        view = await review(bot, MOD_A)
        text = view.result["text"]
        row = await bot.store.get_query(query_id)
        assert row is not None
        assert text.startswith(f"📝 Review #{query_id} · rated not helpful")  # priority first
        assert row.text in text and f"Sunburn (sunburn) · score {row.score:.2f}" in text
        assert f"not helpful, picked {title}" in text
        others = [fake_matcher.corpus.topic(t).title for t in row.alternatives if t != "sunburn"]
        assert "Alternatives: " + ", ".join(others) in text
        offered = buttons(view.params)
        assert offered[0] == (w.BUTTON_REVIEW_CORRECT, f"rv:1:{query_id}:c")
        assert offered[1] == (f"👤 {title}", f"rc:1:{query_id}:{picked}")
        assert (w.BUTTON_REVIEW_ALL_TOPICS, f"rp:1:{query_id}:0") in offered
        assert offered[-3:] == [
            (w.BUTTON_REVIEW_OOS, f"rv:1:{query_id}:o"),
            (w.BUTTON_REVIEW_UNSAFE, f"rv:1:{query_id}:u"),
            (w.BUTTON_REVIEW_SKIP, f"rv:1:{query_id}:s"),
        ]

        await press(bot, MOD_A, view.result, offered[1][1])
        assert bot.notices()[-1] == f"Saved: should be {title}."
        stored = await bot.store.get_review(query_id)
        assert stored is not None
        assert (stored.verdict, stored.corrected_topic) == ("wrong", picked)
        assert stored.moderator_hash == bot.store.hasher.hash(MOD_A) != str(MOD_A)
        (edit,) = bot.api.requests("editMessageText")
        assert edit.params["message_id"] == view.result["message_id"]  # same message, next item
        assert item_id(edit.result["text"]) == other


async def test_the_topic_list_pages_goes_back_and_takes_a_correction(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        query_id = await ask(bot, fake_matcher, "sunburn")
        view = await review(bot, MOD_A)
        message = view.result
        await press(bot, MOD_A, message, cd.encode(cd.ReviewPage(query_id, 1)))
        (page,) = bot.api.requests("editMessageReplyMarkup")
        listed = [data for _, data in buttons(page.params)]
        second_page = sorted_topics(fake_matcher.corpus)[TOPICS_PER_PAGE : 2 * TOPICS_PER_PAGE]
        assert listed[:TOPICS_PER_PAGE] == [f"rc:1:{query_id}:{t.id}" for t in second_page]
        assert listed[TOPICS_PER_PAGE:] == [
            f"rp:1:{query_id}:-",
            f"rp:1:{query_id}:0",
            f"rp:1:{query_id}:2",
        ]

        await press(bot, MOD_A, message, f"rp:1:{query_id}:-")
        back = bot.api.requests("editMessageReplyMarkup")[-1]
        assert buttons(back.params) == buttons(view.params)

        await press(bot, MOD_A, message, listed[3])
        stored = await bot.store.get_review(query_id)
        assert stored is not None
        assert (stored.verdict, stored.corrected_topic) == ("wrong", second_page[3].id)
        assert bot.api.requests("editMessageText")[-1].result["text"] == w.REVIEW_EMPTY


async def test_correct_out_of_scope_unsafe_and_skip(tmp_path: Path, fake_matcher: Matcher) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        ids = [
            await ask(bot, fake_matcher, t, user=600 + n)
            for n, t in enumerate(["burn", "fever", "bruise", "splinter"])
        ]
        view = await review(bot, MOD_A)
        seen: dict[str, int] = {}
        message = view.result
        for letter in ("c", "o", "u", "s"):
            current = item_id(bot.message(MOD_A, message["message_id"])["text"])
            await press(bot, MOD_A, message, f"rv:1:{current}:{letter}")
            seen[letter] = current
        assert sorted(seen.values()) == sorted(ids)
        verdicts = {k: await bot.store.get_review(v) for k, v in seen.items()}
        assert {k: r.verdict if r else None for k, r in verdicts.items()} == {
            "c": "correct",
            "o": "oos",
            "u": "unsafe",
            "s": None,
        }
        assert bot.notices() == [w.REVIEW_SAVED[v] for v in ("correct", "oos", "unsafe", "skip")]
        assert bot.message(MOD_A, message["message_id"])["text"] == w.REVIEW_EMPTY
        # Skipped by A, still there for B.
        other = await review(bot, MOD_B)
        assert item_id(other.result["text"]) == seen["s"]


async def test_two_moderators_never_get_the_same_item(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        ids = {
            await ask(bot, fake_matcher, t, user=600 + n)
            for n, t in enumerate(["burn", "fever", "bruise"])
        }
        # Both ask at the same moment.
        for moderator in (MOD_A, MOD_B):
            bot.api.send_text(chat_id=moderator, text="/review")
        updates = [Update.de_json(u, bot.app.bot) for u in bot.api.pending]
        bot.api.pending.clear()
        await asyncio.gather(*(bot.app.process_update(u) for u in updates))
        view_a, view_b = bot.sent(MOD_A)[-1], bot.sent(MOD_B)[-1]
        first_a, first_b = item_id(view_a.result["text"]), item_id(view_b.result["text"])
        assert first_a != first_b and {first_a, first_b} <= ids

        # A's verdict brings A the third item, never B's current one; asking again keeps B's.
        await press(bot, MOD_A, view_a.result, f"rv:1:{first_a}:c")
        second_a = item_id(bot.message(MOD_A, view_a.result["message_id"])["text"])
        assert second_a == (ids - {first_a, first_b}).pop()
        again_b = await review(bot, MOD_B)
        assert item_id(again_b.result["text"]) == first_b


async def test_a_verdict_already_given_by_another_moderator_is_kept(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        query_id = await ask(bot, fake_matcher, "burn")
        view = await review(bot, MOD_A)
        # A's lease ran out meanwhile and B reviewed the item.
        await bot.store.record_review(query_id=query_id, moderator_id=MOD_B, verdict="unsafe")
        await press(bot, MOD_A, view.result, f"rv:1:{query_id}:c")
        assert bot.notices() == [w.REVIEW_TAKEN]
        stored = await bot.store.get_review(query_id)
        assert stored is not None and stored.verdict == "unsafe"


async def test_deleted_queries_and_an_empty_queue(tmp_path: Path, fake_matcher: Matcher) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        assert (await review(bot, MOD_A)).params["text"] == w.REVIEW_EMPTY
        query_id = await ask(bot, fake_matcher, "burn")
        view = await review(bot, MOD_A)
        await bot.store.forget_user(USER)  # the user used /forget meanwhile
        await press(bot, MOD_A, view.result, f"rv:1:{query_id}:c")
        assert bot.notices() == [w.REVIEW_GONE]
        assert bot.message(MOD_A, view.result["message_id"])["text"] == w.REVIEW_EMPTY


async def test_priority_order_shows_in_the_reasons(tmp_path: Path, fake_matcher: Matcher) -> None:
    async with moderated_bot(tmp_path, fake_matcher) as bot:
        flags: dict[str, dict[str, Any]] = {
            "sample": {},
            "oos": {"oos": True, "topic": None},
            "low_confidence": {"low_confidence": True},
            "emergency": {"emergency": True},
            "not_helpful": {},
        }
        for n, (reason, extra) in enumerate(flags.items()):
            values: dict[str, Any] = {"topic": "burn", "emergency": False, "oos": False, **extra}
            query_id = await bot.store.log_query(QueryRecord(
                chat_id=700 + n, user_id=700 + n, chat_type="private", text=f"message {reason}",
                normalized=f"message {reason}", score=0.5, alternatives=["burn", "scald"],
                model_version="base", latency_ms=1.0, **values,
            ))  # fmt: skip
            if reason == "not_helpful":
                await bot.store.record_feedback(query_id=query_id, user_id=700 + n, helpful=False)
        view = await review(bot, MOD_A)
        reasons = []
        for _ in flags:
            text = bot.message(MOD_A, view.result["message_id"])["text"]
            reasons.append(text.split(" · ", 1)[1].split("\n", 1)[0])
            await press(bot, MOD_A, view.result, f"rv:1:{item_id(text)}:s")
        expected = ["not_helpful", "emergency", "low_confidence", "oos", "sample"]
        assert reasons == [w.REVIEW_REASONS[r] for r in expected]
        oos_view = [
            c
            for c in bot.api.requests("editMessageText")
            if "out of scope · best" in c.result["text"]
        ]
        assert oos_view and not any(d.endswith(":c") for _, d in buttons(oos_view[0].params))
