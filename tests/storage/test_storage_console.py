"""The console's reads on every backend: inbox filters and order, dashboard, chosen claims."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from storage_helpers import START, FakeClock, QueryFactory

from storage import Store
from storage.console_queries import InboxFilters

MOD_A, MOD_B = 501, 502


async def test_inbox_filters_search_and_shows_who_holds_what(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    plain = await log(user_id=1, text="burnt my thumb")
    low = await log(user_id=2, text="100% SMOKE", topic="choking", low_confidence=True)
    rated = await log(user_id=3, text="nose bleeding")
    await store.record_feedback(query_id=rated, user_id=3, helpful=False)
    held = await store.next_for_review(moderator_id=MOD_B)
    assert held is not None and held.query.id == rated

    async def ids(**fields: Any) -> list[int]:
        rows = await store.inbox(moderator_id=MOD_A, filters=InboxFilters(**fields))
        return [r.query.id for r in rows]

    assert await ids() == [rated, low, plain]  # the queue's order
    assert await ids(text="% smoke") == [low]
    assert await ids(topic="choking") == [low]
    assert await ids(confidence="confident") == [rated, plain]
    assert await ids(rating="not_helpful") == [rated]
    assert await ids(rating="unrated") == [low, plain]
    assert await ids(start=START.date() + timedelta(days=1)) == []
    rows = await store.inbox(moderator_id=MOD_A, filters=InboxFilters())
    assert [(r.held_by_other, r.held_by_me, r.helpful) for r in rows][0] == (True, False, False)


async def test_claiming_a_chosen_item_shares_the_queues_leases(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    first, second = await log(user_id=1), await log(user_id=2)
    assert await store.claim_for_review(query_id=second, moderator_id=MOD_A) is not None
    assert await store.claim_for_review(query_id=second, moderator_id=MOD_B) is None
    offered = await store.next_for_review(moderator_id=MOD_B)
    assert offered is not None and offered.query.id == first
    clock.advance(minutes=11)  # the lease ran out
    assert await store.claim_for_review(query_id=second, moderator_id=MOD_B) is not None
    await store.record_review(query_id=second, moderator_id=MOD_B, verdict="correct")
    clock.advance(minutes=11)
    assert await store.claim_for_review(query_id=second, moderator_id=MOD_A) is None


async def test_dashboard_counts_a_date_range(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    first = await log(user_id=1)
    await log(user_id=2, topic=None, oos=True)
    await log(user_id=3, emergency=True, low_confidence=True, model_version="v2")
    await store.record_feedback(query_id=first, user_id=1, helpful=True)
    await store.record_review(
        query_id=first, moderator_id=MOD_A, verdict="wrong", corrected_topic="sunburn"
    )
    clock.advance(days=2)
    await log(user_id=4)
    day = START.date()
    figures = await store.dashboard(start=day - timedelta(days=1), end=day)
    assert [c.queries for c in figures.per_day] == [0, 3]
    assert figures.emergencies_per_day == (0, 1)
    assert (figures.total, figures.emergencies, figures.rated) == (3, 1, 1)
    assert (figures.helpful_rate, figures.oos_rate) == (1.0, 1 / 3)
    assert figures.low_confidence_share == 1 / 3
    assert figures.top_topics == (("burn", 2),)
    assert figures.most_corrected == (("burn", 1),)
    assert figures.model_versions == (("test-model", 2), ("v2", 1))
    later = await store.dashboard(start=day + timedelta(days=2), end=date(2026, 3, 12))
    assert later.total == 1 and later.helpful_rate is None
