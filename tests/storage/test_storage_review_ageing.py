"""The review queue ages items: a flood of fresh ones never buries what waited longer."""

from __future__ import annotations

from storage_helpers import FakeClock, QueryFactory

from storage import Store

MOD = 501


async def flood_of_not_helpful(store: Store, log: QueryFactory, n: int) -> list[int]:
    ids = []
    for i in range(n):
        query_id = await log(user_id=900, text=f"useless answer {i}")
        assert await store.record_feedback(query_id=query_id, user_id=900, helpful=False)
        ids.append(query_id)
    return ids


async def test_an_emergency_that_waited_goes_before_a_fresh_flood(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    emergency = await log(user_id=4, topic="cardiac-arrest", emergency=True)
    clock.advance(hours=7)
    flood = await flood_of_not_helpful(store, log, 30)
    item = await store.next_for_review(moderator_id=MOD)
    assert item is not None and item.query.id == emergency and item.reason == "emergency"
    # Fresh, the same emergency would wait for the higher tier: ageing made the difference.
    assert await store.record_review(query_id=emergency, moderator_id=MOD, verdict="correct")
    fresh = await log(user_id=5, topic="cardiac-arrest", emergency=True)
    item = await store.next_for_review(moderator_id=MOD)
    assert item is not None and item.query.id in flood and item.query.id != fresh


async def test_older_items_of_a_tier_come_before_a_later_flood_of_it(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    first = await flood_of_not_helpful(store, log, 1)
    clock.advance(minutes=5)
    await flood_of_not_helpful(store, log, 20)
    item = await store.next_for_review(moderator_id=MOD)
    assert item is not None and item.query.id == first[0]
