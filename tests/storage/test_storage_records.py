"""Each record type is written and read back, on every backend."""

from __future__ import annotations

import pytest
from storage_helpers import SECRET, FakeClock, QueryFactory

from storage import IdHasher, QueryRecord, Store


async def test_query_round_trip_hashes_ids_and_scrubs_text(store: Store, clock: FakeClock) -> None:
    query_id = await store.log_query(
        QueryRecord(
            chat_id=-100123,
            user_id=777,
            chat_type="supergroup",
            text="burned my arm, call me +44 20 7946 0958",
            normalized="burned my arm call me +44 20 7946 0958",
            topic="burn",
            score=0.71,
            alternatives=["scald", "sunburn"],
            emergency=True,
            oos=False,
            model_version="ft-2026-03-01",
            latency_ms=41.5,
            low_confidence=True,
        )
    )
    row = await store.get_query(query_id)
    assert row is not None
    hasher = IdHasher(SECRET)
    assert (row.chat_hash, row.user_hash) == (hasher.hash(-100123), hasher.hash(777))
    assert row.text == "burned my arm, call me <phone>"
    assert row.normalized == "burned my arm call me <phone>"
    assert (row.topic, row.score, row.alternatives) == ("burn", 0.71, ("scald", "sunburn"))
    assert (row.emergency, row.oos, row.low_confidence) == (True, False, True)
    assert (row.model_version, row.latency_ms, row.chat_type) == (
        "ft-2026-03-01",
        41.5,
        "supergroup",
    )
    assert row.created_at == clock.now


async def test_out_of_scope_query_has_no_topic(store: Store, log: QueryFactory) -> None:
    query_id = await log(topic=None, oos=True, score=0.12, alternatives=[])
    row = await store.get_query(query_id)
    assert row is not None and row.topic is None and row.oos and row.alternatives == ()


async def test_missing_query_is_none(store: Store) -> None:
    assert await store.get_query(424242) is None


async def test_feedback_is_stored_and_changeable(store: Store, log: QueryFactory) -> None:
    query_id = await log(user_id=5)
    assert await store.record_feedback(
        query_id=query_id, user_id=5, helpful=False, picked_topic="scald"
    )
    [first] = await store.get_feedback(query_id)
    assert (first.helpful, first.picked_topic) == (False, "scald")
    assert first.user_hash == IdHasher(SECRET).hash(5)
    assert await store.record_feedback(query_id=query_id, user_id=5, helpful=True)
    [changed] = await store.get_feedback(query_id)
    assert (changed.helpful, changed.picked_topic) == (True, None)


async def test_feedback_from_another_user_or_for_a_missing_query_is_refused(
    store: Store, log: QueryFactory
) -> None:
    query_id = await log(user_id=5)
    assert not await store.record_feedback(query_id=query_id, user_id=6, helpful=False)
    assert not await store.record_feedback(query_id=query_id + 99, user_id=5, helpful=False)
    assert await store.get_feedback(query_id) == []


async def test_chat_country_is_set_changed_and_cleared(store: Store) -> None:
    assert await store.get_chat_country(-100555) is None
    await store.set_chat_country(chat_id=-100555, chat_type="group", country="de")
    assert await store.get_chat_country(-100555) == "DE"
    await store.set_chat_country(chat_id=-100555, chat_type="group", country="FR")
    assert await store.get_chat_country(-100555) == "FR"
    await store.set_chat_country(chat_id=-100555, chat_type="group", country=None)
    assert await store.get_chat_country(-100555) is None
    assert await store.get_chat_country(-100556) is None


@pytest.mark.parametrize("country", ["DEU", "1A", "", "Ü1"])
async def test_invalid_country_is_refused(store: Store, country: str) -> None:
    with pytest.raises(ValueError):
        await store.set_chat_country(chat_id=1, chat_type="private", country=country)


async def test_chat_settings_leave_the_country_alone(store: Store) -> None:
    await store.set_chat_country(chat_id=9, chat_type="private", country="GB")
    await store.set_chat_settings(chat_id=9, chat_type="private", settings={"language": "en"})
    assert await store.get_chat_settings(9) == {"language": "en"}
    assert await store.get_chat_country(9) == "GB"
    assert await store.get_chat_settings(10) == {}


async def test_review_is_stored_replaced_and_scrubbed(store: Store, log: QueryFactory) -> None:
    query_id = await log()
    assert await store.get_review(query_id) is None
    assert await store.record_review(
        query_id=query_id, moderator_id=42, verdict="wrong", corrected_topic="scald", note="x"
    )
    assert await store.record_review(
        query_id=query_id, moderator_id=43, verdict="unsafe", note="user wrote a@b.org"
    )
    review = await store.get_review(query_id)
    assert review is not None
    assert (review.verdict, review.corrected_topic) == ("unsafe", None)
    assert review.note == "user wrote <email>"
    assert review.moderator_hash == IdHasher(SECRET).hash(43)


async def test_bad_verdicts_are_refused(store: Store, log: QueryFactory) -> None:
    query_id = await log()
    with pytest.raises(ValueError):
        await store.record_review(query_id=query_id, moderator_id=1, verdict="meh")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        await store.record_review(
            query_id=query_id, moderator_id=1, verdict="correct", corrected_topic="burn"
        )
    assert not await store.record_review(query_id=query_id + 1, moderator_id=1, verdict="correct")
