"""``forget_user`` and ``purge`` delete exactly what they should."""

from __future__ import annotations

import pytest
from storage_helpers import FakeClock, QueryFactory

from storage import Store


async def test_forget_deletes_the_users_queries_ratings_reviews_and_private_chat(
    store: Store, log: QueryFactory
) -> None:
    mine = [
        await log(user_id=7, chat_id=7),
        await log(user_id=7, chat_id=-100900, chat_type="group"),
    ]
    theirs = await log(user_id=8, chat_id=-100900, chat_type="group")
    assert await store.record_feedback(query_id=mine[0], user_id=7, helpful=False)
    assert await store.record_feedback(query_id=theirs, user_id=8, helpful=True)
    assert await store.record_review(query_id=mine[1], moderator_id=99, verdict="correct")
    assert await store.skip_review(query_id=mine[0], moderator_id=99)
    await store.set_chat_country(chat_id=7, chat_type="private", country="IT")
    await store.set_chat_country(chat_id=-100900, chat_type="group", country="ES")

    # 2 queries + 1 rating + 1 review + 1 skip + 1 private chat
    assert await store.forget_user(7) == 6

    assert [await store.get_query(q) for q in mine] == [None, None]
    assert await store.get_feedback(mine[0]) == []
    assert await store.get_review(mine[1]) is None
    assert await store.get_chat_country(7) is None
    # Everyone else is untouched, including the group chat the user wrote in.
    assert await store.get_query(theirs) is not None
    assert len(await store.get_feedback(theirs)) == 1
    assert await store.get_chat_country(-100900) == "ES"
    assert await store.forget_user(7) == 0


async def test_purge_deletes_only_what_is_older_than_the_cutoff(
    store: Store, log: QueryFactory, clock: FakeClock
) -> None:
    old = await log(user_id=1)
    assert await store.record_feedback(query_id=old, user_id=1, helpful=False)
    assert await store.record_review(query_id=old, moderator_id=99, verdict="wrong")
    clock.advance(days=20)
    kept = await log(user_id=1)
    assert await store.record_feedback(query_id=kept, user_id=1, helpful=True)
    await store.set_chat_country(chat_id=1001, chat_type="private", country="PL")
    clock.advance(days=15)  # old is now 35 days old, kept 15

    assert await store.purge(40) == 0
    assert await store.purge(30) == 3  # the old query, its rating and its review
    assert await store.get_query(old) is None
    assert await store.get_review(old) is None
    assert await store.get_query(kept) is not None
    assert len(await store.get_feedback(kept)) == 1
    assert await store.get_chat_country(1001) == "PL"  # chat choices are not log records


async def test_purge_refuses_a_zero_retention(store: Store) -> None:
    with pytest.raises(ValueError):
        await store.purge(0)
