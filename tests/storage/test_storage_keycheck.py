"""The hash key's fingerprint: the database remembers which key wrote it."""

from __future__ import annotations

import asyncio

import pytest
from storage_helpers import SECRET

from storage import Store
from storage.engine import create_engine, upgrade
from storage.keycheck import KeyMismatch, check_key, fingerprint
from storage.privacy import IdHasher

OTHER = b"another-secret-0123456789abcdefgh"


async def test_a_different_key_is_refused_and_the_right_one_still_opens(db_url: str) -> None:
    async with await Store.open(db_url, hash_secret=SECRET) as store:
        await store.set_chat_country(chat_id=1, chat_type="private", country="GB")
    with pytest.raises(KeyMismatch, match="restore the original key"):
        await Store.open(db_url, hash_secret=OTHER)
    async with await Store.open(db_url, hash_secret=SECRET) as store:
        assert await store.get_chat_country(1) == "GB"  # nothing was lost or rewritten


async def test_the_fingerprint_is_stored_once_and_reveals_no_key(db_url: str) -> None:
    hasher = IdHasher(SECRET)
    assert fingerprint(hasher) != fingerprint(IdHasher(OTHER))
    assert SECRET.decode() not in fingerprint(hasher)
    async with await Store.open(db_url, hash_secret=SECRET) as store:
        assert await check_key(store.engine, hasher) is False  # Store.open stored it already


async def test_replicas_starting_together_agree_on_one_fingerprint(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await upgrade(engine)
        results = await asyncio.gather(*(check_key(engine, IdHasher(SECRET)) for _ in range(4)))
        assert sorted(results) == [False, False, False, True]  # exactly one stored it
        with pytest.raises(KeyMismatch):
            await check_key(engine, IdHasher(OTHER))
    finally:
        await engine.dispose()
