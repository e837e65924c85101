"""The language of each logged message, and the language a chat chose."""

from __future__ import annotations

import pytest
from storage_helpers import QueryFactory

from storage.store import Store


async def test_a_logged_message_keeps_its_language(store: Store, log: QueryFactory) -> None:
    spanish = await log(text="me quemé la mano con agua hirviendo", lang="es")
    english = await log()
    got_es, got_en = await store.get_query(spanish), await store.get_query(english)
    assert got_es is not None and got_es.lang == "es"
    assert got_en is not None and got_en.lang == "en"
    exported = {row["id"]: row["lang"] for row in await store.export_queries()}
    assert exported == {spanish: "es", english: "en"}


async def test_a_chat_language_is_stored_changed_and_cleared(store: Store) -> None:
    assert await store.get_chat_language(7) is None
    await store.set_chat_country(chat_id=7, chat_type="private", country="MX")
    await store.set_chat_language(chat_id=7, chat_type="private", lang="ES")
    assert await store.get_chat_language(7) == "es"
    assert await store.get_chat_country(7) == "MX"  # the other settings stay
    await store.set_chat_language(chat_id=7, chat_type="private", lang="en")
    assert await store.get_chat_language(7) == "en"
    await store.set_chat_language(chat_id=7, chat_type="private", lang=None)
    assert await store.get_chat_language(7) is None
    assert await store.get_chat_language(8) is None  # another chat never chose


@pytest.mark.parametrize("bad", ["", "e", "español", "e5", "es-ES", "<b>"])
async def test_a_chat_language_must_be_a_language_code(store: Store, bad: str) -> None:
    with pytest.raises(ValueError):
        await store.set_chat_language(chat_id=7, chat_type="private", lang=bad)
    assert await store.get_chat_language(7) is None


async def test_spanish_reviews_never_train_the_english_model(
    store: Store, log: QueryFactory
) -> None:
    english = await log(text="i cut my finger", topic="burn")
    spanish = await log(text="me corté el dedo", topic="burn", lang="es")
    for query_id in (english, spanish):
        await store.record_review(
            query_id=query_id, moderator_id=9, verdict="wrong", corrected_topic="cuts-grazes"
        )
    oos_en = await log(text="what is the weather")
    oos_es = await log(text="qué tiempo hace", lang="es")
    for query_id in (oos_en, oos_es):
        await store.record_review(query_id=query_id, moderator_id=9, verdict="oos")
    assert [p.text for p in await store.training_pairs()] == ["i cut my finger"]
    assert await store.oos_verdict_texts() == ["what is the weather"]
