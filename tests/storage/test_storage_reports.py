"""Statistics, the moderator export and the training data."""

from __future__ import annotations

from datetime import date, timedelta

from storage_helpers import START, FakeClock, QueryFactory

from storage import EXPORT_FIELDS, Store, TrainingPair


async def test_stats_counts_days_topics_and_rates(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    clock.advance(days=-10)
    await log(user_id=1)  # outside a 7-day window
    clock.advance(days=8)  # two days ago
    a = await log(user_id=1, topic="burn", emergency=True)
    b = await log(user_id=2, topic="burn", low_confidence=True)
    clock.advance(days=2)  # today
    c = await log(user_id=3, topic="choking", emergency=True)
    await log(user_id=4, topic=None, oos=True)
    await log(user_id=5, topic=None)  # unanswered, not out of scope
    for query_id, user, helpful in ((a, 1, True), (b, 2, False), (c, 3, True)):
        assert await store.record_feedback(query_id=query_id, user_id=user, helpful=helpful)
    assert await store.record_review(query_id=a, moderator_id=9, verdict="correct")

    stats = await store.stats(7)

    today = START.date()
    assert stats.total == 5
    assert [(d.day, d.queries) for d in stats.per_day][-3:] == [
        (today - timedelta(days=2), 2),
        (today - timedelta(days=1), 0),
        (today, 3),
    ]
    assert len(stats.per_day) == 7 and stats.per_day[0].day == today - timedelta(days=6)
    assert stats.top_topics == (("burn", 2), ("choking", 1))
    assert (stats.feedback, stats.helpful_rate) == (3, 2 / 3)
    assert (stats.emergencies, stats.oos_rate) == (2, 1 / 5)
    assert (stats.low_confidence_share, stats.unanswered_share) == (1 / 5, 1 / 5)
    assert stats.reviewed == 1
    assert (await store.stats(1)).total == 3


async def test_stats_on_an_empty_log_has_no_rates(store: Store) -> None:
    stats = await store.stats(3)
    assert stats.total == 0 and stats.helpful_rate is None and stats.oos_rate is None
    assert [d.queries for d in stats.per_day] == [0, 0, 0]
    assert stats.per_day[-1].day == date(2026, 3, 10)


async def test_training_pairs_prefer_moderators_over_users(store: Store, log: QueryFactory) -> None:
    helpful = await log(user_id=1, text="hot pan burn", topic="burn")
    corrected = await log(user_id=2, text="boiling kettle spill", topic="burn")
    confirmed = await log(user_id=3, text="he stopped breathing", topic="cardiac-arrest")
    overruled = await log(user_id=4, text="what is the weather", topic="sunburn")
    user_pick_only = await log(user_id=5, text="bee got me", topic="tick-bite")
    oos = await log(user_id=6, text="recipe for pancakes", topic=None, oos=True)
    await log(user_id=7, text="no feedback at all", topic="burn")
    assert await store.record_feedback(query_id=helpful, user_id=1, helpful=True)
    assert await store.record_feedback(
        query_id=corrected, user_id=2, helpful=False, picked_topic="x"
    )
    assert await store.record_feedback(query_id=overruled, user_id=4, helpful=True)
    assert await store.record_feedback(
        query_id=user_pick_only, user_id=5, helpful=False, picked_topic="insect-sting"
    )
    assert await store.record_review(
        query_id=corrected, moderator_id=9, verdict="wrong", corrected_topic="scald"
    )
    assert await store.record_review(query_id=confirmed, moderator_id=9, verdict="correct")
    assert await store.record_review(query_id=overruled, moderator_id=9, verdict="oos")
    assert await store.record_review(query_id=oos, moderator_id=9, verdict="oos")

    assert await store.training_pairs() == [  # one person's rating alone teaches nothing
        TrainingPair("boiling kettle spill", "scald", "correction"),
        TrainingPair("he stopped breathing", "cardiac-arrest", "helpful"),
    ]
    assert TrainingPair("hot pan burn", "burn", "helpful") in await store.training_pairs(
        min_raters=1
    )
    assert await store.oos_verdict_texts() == ["what is the weather", "recipe for pancakes"]


async def test_since_limits_pairs_and_export(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    old = await log(user_id=1, text="old burn")
    clock.advance(days=3)
    new = await log(user_id=2, text="new burn")
    for query_id, user in ((old, 1), (new, 2)):
        assert await store.record_feedback(query_id=query_id, user_id=user, helpful=True)
    since = clock.now - timedelta(days=1)
    assert [p.text for p in await store.training_pairs(since=since, min_raters=1)] == ["new burn"]
    assert [row["id"] for row in await store.export_queries(since=since)] == [new]
    assert [row["id"] for row in await store.export_queries()] == [old, new]


async def test_export_rows_hold_the_answer_rating_and_verdict_but_no_ids(
    store: Store, log: QueryFactory
) -> None:
    query_id = await log(user_id=77, chat_id=88, alternatives=["scald"], low_confidence=True)
    assert await store.record_feedback(
        query_id=query_id, user_id=77, helpful=False, picked_topic="scald"
    )
    assert await store.record_review(
        query_id=query_id, moderator_id=9, verdict="wrong", corrected_topic="scald"
    )
    [row] = await store.export_queries()
    assert tuple(row) == EXPORT_FIELDS
    assert row["created_at"] == "2026-03-10T12:00:00+00:00"
    assert (row["topic"], row["alternatives"], row["low_confidence"]) == ("burn", ["scald"], True)
    assert (row["helpful"], row["picked_topic"]) == (False, "scald")
    assert (row["verdict"], row["corrected_topic"]) == ("wrong", "scald")
    assert not any("hash" in key for key in row)


async def test_unreviewed_helpful_pairs_need_several_people_each_capped(
    store: Store, log: QueryFactory
) -> None:
    async def rate(user_id: int, text: str, topic: str = "burn") -> None:
        query_id = await log(user_id=user_id, chat_id=user_id, text=text, topic=topic)
        assert await store.record_feedback(query_id=query_id, user_id=user_id, helpful=True)

    for user in (1, 2, 3):  # three people, the same words in any case and spacing
        await rate(user, "Burned  my HAND" if user == 2 else "burned my hand")
    for _ in range(5):  # one person, five times
        await rate(4, "teach the bot this", topic="cardiac-arrest")
    for user in (5, 6):  # two people only
        await rate(user, "pan burn")
    pairs = await store.training_pairs()
    assert pairs == [TrainingPair("burned my hand", "burn", "helpful")]

    # A reviewer confirming one of them makes it count alone.
    lone = await log(user_id=7, text="stove burn", topic="burn")
    assert await store.record_review(query_id=lone, moderator_id=9, verdict="correct")
    assert TrainingPair("stove burn", "burn", "helpful") in await store.training_pairs()


async def test_one_person_backs_at_most_the_cap(store: Store, log: QueryFactory) -> None:
    from storage.reports import PER_USER_CAP

    # Users 1 and 2 back every text, with one fresh person per text: three each.
    for n in range(PER_USER_CAP + 3):
        text = f"burn number {n}"
        for user in (1, 2, 100 + n):
            query_id = await log(user_id=user, chat_id=user, text=text, topic="burn")
            assert await store.record_feedback(query_id=query_id, user_id=user, helpful=True)
    pairs = await store.training_pairs()
    # Once 1 and 2 used their cap, a text has one backer left: below MIN_RATERS.
    assert len(pairs) == PER_USER_CAP
