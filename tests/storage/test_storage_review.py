"""The moderators' queue: priority order, leases, skips and no double assignment."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage_helpers import FakeClock, QueryFactory

from storage import Store

MOD_A, MOD_B = 501, 502


async def _seed_one_of_each_tier(store: Store, log: QueryFactory) -> dict[str, int]:
    """Logged oldest-first in reverse priority, so the order cannot come from age."""
    ids = {
        "sample": await log(user_id=1),
        "oos": await log(user_id=2, topic=None, oos=True),
        "low_confidence": await log(user_id=3, low_confidence=True),
        "emergency": await log(user_id=4, topic="cardiac-arrest", emergency=True),
        "not_helpful": await log(user_id=5),
        "helpful": await log(user_id=6),
    }
    assert await store.record_feedback(query_id=ids["not_helpful"], user_id=5, helpful=False)
    assert await store.record_feedback(query_id=ids["helpful"], user_id=6, helpful=True)
    return ids


async def test_items_come_in_priority_order_and_reviewed_ones_leave(
    store: Store, log: QueryFactory
) -> None:
    ids = await _seed_one_of_each_tier(store, log)
    seen = []
    while (item := await store.next_for_review(moderator_id=MOD_A)) is not None:
        seen.append((item.reason, item.query.id))
        assert await store.record_review(
            query_id=item.query.id, moderator_id=MOD_A, verdict="correct"
        )
    assert [reason for reason, _ in seen[:4]] == [
        "not_helpful",
        "emergency",
        "low_confidence",
        "oos",
    ]
    assert [qid for _, qid in seen[:4]] == [
        ids["not_helpful"],
        ids["emergency"],
        ids["low_confidence"],
        ids["oos"],
    ]
    # The rest come as a random sample, each exactly once.
    assert sorted(seen[4:]) == sorted([("sample", ids["sample"]), ("sample", ids["helpful"])])


async def test_item_carries_the_users_feedback(store: Store, log: QueryFactory) -> None:
    query_id = await log(user_id=5, text="mail me at a@b.org")
    assert await store.record_feedback(
        query_id=query_id, user_id=5, helpful=False, picked_topic="scald"
    )
    item = await store.next_for_review(moderator_id=MOD_A)
    assert item is not None and item.feedback is not None
    assert (item.feedback.helpful, item.feedback.picked_topic) == (False, "scald")
    assert item.query.text == "mail me at <email>"


async def test_two_moderators_never_get_the_same_item(store: Store, log: QueryFactory) -> None:
    for user in range(3):
        await log(user_id=user, emergency=True)
    first, second = await asyncio.gather(
        store.next_for_review(moderator_id=MOD_A), store.next_for_review(moderator_id=MOD_B)
    )
    assert first is not None and second is not None
    assert first.query.id != second.query.id


async def test_many_moderators_racing_for_few_items(store: Store, log: QueryFactory) -> None:
    ids = {await log(user_id=user) for user in range(3)}
    items = await asyncio.gather(*(store.next_for_review(moderator_id=900 + m) for m in range(8)))
    claimed = [item.query.id for item in items if item is not None]
    assert sorted(claimed) == sorted(ids)  # each item once; five moderators get nothing


async def test_a_lease_blocks_others_until_it_expires(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    query_id = await log()
    item = await store.next_for_review(moderator_id=MOD_A, lease_seconds=600)
    assert item is not None and item.lease_until == clock.now + timedelta(seconds=600)
    assert await store.next_for_review(moderator_id=MOD_B) is None
    # Asking again returns the moderator's current item rather than a new one.
    again = await store.next_for_review(moderator_id=MOD_A)
    assert again is not None and again.query.id == query_id
    clock.advance(seconds=601)
    taken_over = await store.next_for_review(moderator_id=MOD_B)
    assert taken_over is not None and taken_over.query.id == query_id


async def test_skip_releases_the_item_for_others_only(store: Store, log: QueryFactory) -> None:
    query_id = await log(emergency=True)
    other = await log(user_id=9)
    item = await store.next_for_review(moderator_id=MOD_A)
    assert item is not None and item.query.id == query_id
    assert await store.skip_review(query_id=query_id, moderator_id=MOD_A)
    next_item = await store.next_for_review(moderator_id=MOD_A)
    assert next_item is not None and next_item.query.id == other
    passed_on = await store.next_for_review(moderator_id=MOD_B)
    assert passed_on is not None and passed_on.query.id == query_id
    assert not await store.skip_review(query_id=query_id + 100, moderator_id=MOD_A)


async def test_a_reviewed_item_is_not_handed_out_even_after_its_lease(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    query_id = await log(emergency=True)
    assert await store.record_review(query_id=query_id, moderator_id=MOD_A, verdict="unsafe")
    clock.advance(hours=1)
    assert await store.next_for_review(moderator_id=MOD_B) is None
