"""Many writers at once, as a busy bot produces them: nothing fails, nothing is lost."""

from __future__ import annotations

import asyncio

from storage_helpers import QueryFactory

from storage import Store

WRITERS = 200


async def test_200_concurrent_writes_all_land(store: Store, log: QueryFactory) -> None:
    ids = await asyncio.gather(
        *(log(user_id=i, text=f"message number {i}", normalized=f"m {i}") for i in range(WRITERS))
    )
    assert len(set(ids)) == WRITERS
    exported = await store.export_queries()
    assert sorted(row["id"] for row in exported) == sorted(ids)
    assert {row["text"] for row in exported} == {f"message number {i}" for i in range(WRITERS)}


async def test_concurrent_reads_and_read_then_write_transactions(
    store: Store, log: QueryFactory
) -> None:
    # Rating reads the query, then writes: the pattern that fails on SQLite when
    # a transaction's snapshot goes stale, unless writers take the lock up front.
    ids = [await log(user_id=i) for i in range(40)]
    results = await asyncio.gather(
        *(
            store.record_feedback(query_id=q, user_id=i, helpful=i % 2 == 0)
            for i, q in enumerate(ids)
        ),
        *(log(user_id=1000 + i) for i in range(40)),
        *(store.get_query(q) for q in ids),
        *(store.stats(7) for _ in range(5)),
    )
    assert results[:40] == [True] * 40
    assert (await store.stats(7)).feedback == 40
    assert len(await store.export_queries()) == 80


async def test_the_same_rating_changed_concurrently_leaves_one_row(
    store: Store, log: QueryFactory
) -> None:
    query_id = await log(user_id=3)
    await asyncio.gather(
        *(
            store.record_feedback(query_id=query_id, user_id=3, helpful=i % 2 == 0)
            for i in range(30)
        )
    )
    assert len(await store.get_feedback(query_id)) == 1
