"""The inbox: the review queue's claims shared with /review, filters, search, verdicts."""

from __future__ import annotations

import re

from console_helpers import MOD_A, MOD_B, USER, Site, csrf_of, log_query
from httpx import AsyncClient

from storage.console_queries import InboxFilters


async def _act(client: AsyncClient, query_id: int, **data: str) -> tuple[int, str]:
    """Open the item (which claims it), then press one of its buttons."""
    page = await client.get(f"/inbox/{query_id}")
    response = await client.post(f"/inbox/{query_id}", data={"csrf": csrf_of(page.text), **data})
    return response.status_code, response.headers.get("location", "")


async def test_correcting_a_topic_is_stored_as_a_review(site: Site) -> None:
    query_id = await log_query(site.store, "i burnt my finger on the oven")
    async with site.signed_in(MOD_A) as client:
        status, where = await _act(client, query_id, action="correct_topic", topic="choking")
    assert (status, where) == (303, "/inbox?notice=wrong")
    review = await site.store.get_review(query_id)
    assert review is not None
    assert (review.verdict, review.corrected_topic) == ("wrong", "choking")
    assert review.moderator_hash == site.store.hasher.hash(MOD_A)


async def test_each_action_gives_its_verdict(site: Site) -> None:
    answered = await log_query(site.store, "my hand is burnt")
    declined = await log_query(site.store, "what is the capital of peru", topic=None)
    unsafe = await log_query(site.store, "burnt by the kettle")
    oos = await log_query(site.store, "burn the toast recipe")
    async with site.signed_in(MOD_A) as client:
        await _act(client, answered, action="resolve")
        await _act(client, declined, action="resolve")
        await _act(client, unsafe, action="unsafe", note="said to use butter")
        await _act(client, oos, action="oos")
    verdicts = {q: await site.store.get_review(q) for q in (answered, declined, unsafe, oos)}
    assert {q: r.verdict for q, r in verdicts.items() if r} == {
        answered: "correct",
        declined: "oos",  # nothing was answered, so resolving keeps "out of scope"
        unsafe: "unsafe",
        oos: "oos",
    }
    assert verdicts[unsafe] is not None and verdicts[unsafe].note == "said to use butter"


async def test_nonsense_actions_store_nothing(site: Site) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    async with site.signed_in(MOD_A) as client:
        for data in (
            {"action": "correct_topic", "topic": "no-such-topic"},
            {"action": "correct_topic", "topic": "burn"},  # the answer itself
            {"action": "unsafe", "note": "  "},
            {"action": "delete"},
        ):
            status, where = await _act(client, query_id, **data)
            assert (status, where) == (303, f"/inbox/{query_id}?notice=invalid")
    assert await site.store.get_review(query_id) is None


async def test_an_item_held_in_telegram_is_refused_in_the_console(site: Site) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    held = await site.store.next_for_review(moderator_id=MOD_B)  # /review in Telegram
    assert held is not None and held.query.id == query_id
    async with site.signed_in(MOD_A) as client:
        page = await client.get(f"/inbox/{query_id}")
        assert 'id="held"' in page.text and 'id="correct"' not in page.text
        listed = await client.get("/inbox")
        assert "held by another moderator" in listed.text
        response = await client.post(
            f"/inbox/{query_id}",
            data={"csrf": csrf_of(page.text), "action": "oos"},
        )
        assert response.headers["location"] == "/inbox?notice=taken"
    assert await site.store.get_review(query_id) is None


async def test_an_item_opened_in_the_console_is_not_given_to_telegram(site: Site) -> None:
    first = await log_query(site.store, "my hand is burnt", low_confidence=True)
    second = await log_query(site.store, "burnt my arm", low_confidence=True)
    async with site.signed_in(MOD_A) as client:
        await client.get(f"/inbox/{first}")
    offered = await site.store.next_for_review(moderator_id=MOD_B)
    assert offered is not None and offered.query.id == second
    again = await site.store.next_for_review(moderator_id=MOD_B)
    assert again is not None and again.query.id == second


async def test_review_next_follows_the_queue(site: Site) -> None:
    await log_query(site.store, "a plain burn")
    urgent = await log_query(site.store, "he is not breathing", emergency=True)
    async with site.signed_in(MOD_A) as client:
        page = await client.get("/inbox")
        response = await client.post("/inbox/next", data={"csrf": csrf_of(page.text)})
        assert response.headers["location"] == f"/inbox/{urgent}"


async def test_skipping_releases_the_item_to_others(site: Site) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    async with site.signed_in(MOD_A) as client:
        status, where = await _act(client, query_id, action="skip")
        assert where == "/inbox?notice=skip"
    offered = await site.store.next_for_review(moderator_id=MOD_B)
    assert offered is not None and offered.query.id == query_id
    assert await site.store.next_for_review(moderator_id=MOD_A) is None


async def test_filters_and_search_narrow_the_inbox(site: Site) -> None:
    store = site.store
    burn = await log_query(store, "burnt on the stove")
    low = await log_query(store, "stove fire smoke", topic="choking", low_confidence=True)
    rated = await log_query(store, "my nose bleeds", topic="nosebleed")
    await store.record_feedback(query_id=rated, user_id=USER, helpful=False)
    await store.record_review(query_id=burn, moderator_id=MOD_B, verdict="correct")

    async def ids(**params: str) -> set[int]:
        async with site.signed_in(MOD_A) as client:
            page = await client.get("/inbox", params=params)
        return {int(x) for x in re.findall(r'data-id="(\d+)"', page.text)}

    assert await ids() == {low, rated}
    assert await ids(status="all") == {burn, low, rated}
    assert await ids(status="all", q="STOVE") == {burn, low}
    assert await ids(topic="choking") == {low}
    assert await ids(confidence="low") == {low}
    assert await ids(rating="not_helpful") == {rated}
    assert await ids(rating="unrated", status="reviewed") == {burn}
    assert await ids(start="2000-01-01", end="2000-01-31") == set()
    assert await ids(rating="nonsense") == {low, rated}  # unknown values show everything


async def test_search_treats_wildcards_as_text(site: Site) -> None:
    await log_query(site.store, "100% burnt")
    await log_query(site.store, "burnt_hand")
    await log_query(site.store, "a burnt arm")
    rows = await site.store.inbox(moderator_id=MOD_A, filters=InboxFilters(text="%"))
    assert [r.query.text for r in rows] == ["100% burnt"]
    rows = await site.store.inbox(moderator_id=MOD_A, filters=InboxFilters(text="_"))
    assert [r.query.text for r in rows] == ["burnt_hand"]


async def test_the_users_pick_and_the_alternatives_are_one_click_corrections(site: Site) -> None:
    query_id = await log_query(site.store, "my hand is burnt", alternatives=("burn", "choking"))
    await site.store.record_feedback(
        query_id=query_id, user_id=USER, helpful=False, picked_topic="sunburn"
    )
    async with site.signed_in(MOD_A) as client:
        page = (await client.get(f"/inbox/{query_id}")).text
    one_click = page.split('class="one-click"', 1)[1].split("</form>", 1)[0]
    assert re.findall(r'name="topic" value="([^"]+)"', one_click) == ["sunburn", "choking"]
    assert "Sunburn (the user's pick)" in one_click
    assert "not helpful; picked Sunburn" in page
