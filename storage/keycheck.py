"""The hash key's fingerprint: a changed or lost key stops start-up instead of
silently hashing ids differently (after which /forget would miss every older row).

The fingerprint is the key's HMAC of a fixed text, stored in the ``meta`` table
the first time a key meets the database. It reveals nothing about the key and
lets every later start (any process, any replica) check it holds the same key.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from storage.engine import IMMEDIATE
from storage.models import Meta
from storage.privacy import IdHasher

FINGERPRINT = "hash_key_fingerprint"
_CONSTANT = "firstaid-bot hash key fingerprint"


class KeyMismatch(Exception):
    """The hash key differs from the one this database was written with."""


def fingerprint(hasher: IdHasher) -> str:
    """The key's fingerprint (an HMAC of a constant), safe to store and to compare."""
    return hasher.hash(_CONSTANT)


async def check_key(engine: AsyncEngine, hasher: IdHasher) -> bool:
    """Store the fingerprint on first use; raise :class:`KeyMismatch` when it differs.

    Returns True when this call stored it (a new database, or one written
    before fingerprints existed, whose key is then trusted as it is).
    """
    mine = fingerprint(hasher)
    sessions = async_sessionmaker(engine.execution_options(**{IMMEDIATE: True}))
    try:
        async with sessions.begin() as session:
            stored = await session.scalar(select(Meta.value).where(Meta.name == FINGERPRINT))
            if stored is None:
                session.add(Meta(name=FINGERPRINT, value=mine))
                return True
    except IntegrityError:  # two replicas starting at once on a new database: one wins
        async with sessions.begin() as session:
            stored = await session.scalar(select(Meta.value).where(Meta.name == FINGERPRINT))
    if stored != mine:
        raise KeyMismatch(
            "the hash key (HASH_SECRET, or DATA_DIR/hash_secret) is not the one this "
            "database was written with; restore the original key (a new key would make "
            "/forget miss every earlier row), or start on an empty database"
        )
    return False
