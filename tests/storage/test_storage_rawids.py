"""Raw Telegram ids never reach the SQLite file, in any encoding SQLite could use."""

from __future__ import annotations

from pathlib import Path

from storage_helpers import SECRET, FakeClock

from storage import QueryRecord, Store

# Distinctive ids: twelve digits each, so an accidental match is not plausible.
USER_ID = 913572468024
CHAT_ID = -100864209753
MODERATOR_ID = 702468135799


def _needles(raw: int) -> list[bytes]:
    """The id as text and as the big- or little-endian integers SQLite or a driver might store."""
    needles = [str(raw).encode(), str(abs(raw)).encode()]
    for size in (6, 8):
        for order in ("big", "little"):
            needles.append(raw.to_bytes(size, order, signed=True))  # type: ignore[arg-type]
    return needles


def _database_bytes(folder: Path) -> bytes:
    # The main file plus the write-ahead log and its index, where fresh rows sit.
    return b"".join(path.read_bytes() for path in sorted(folder.glob("firstaid.db*")))


def _assert_absent(folder: Path) -> None:
    blob = _database_bytes(folder)
    assert len(blob) > 0
    for raw in (USER_ID, CHAT_ID, MODERATOR_ID):
        for needle in _needles(raw):
            assert needle not in blob, f"raw id {raw} found as {needle!r}"


async def test_raw_ids_never_reach_the_database_file(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'firstaid.db'}"
    store = await Store.open(url, hash_secret=SECRET, clock=FakeClock())
    query_id = await store.log_query(
        QueryRecord(
            chat_id=CHAT_ID,
            user_id=USER_ID,
            chat_type="supergroup",
            text=f"my id is {USER_ID}, chat {CHAT_ID}",
            normalized=f"my id is {USER_ID} chat {CHAT_ID}",
            topic="burn",
            score=0.9,
            alternatives=[],
            emergency=False,
            oos=False,
            model_version="m",
            latency_ms=1.0,
        )
    )
    assert await store.record_feedback(query_id=query_id, user_id=USER_ID, helpful=True)
    await store.set_chat_country(chat_id=CHAT_ID, chat_type="supergroup", country="DE")
    assert await store.next_for_review(moderator_id=MODERATOR_ID) is not None
    assert await store.skip_review(query_id=query_id, moderator_id=MODERATOR_ID)
    assert await store.record_review(
        query_id=query_id, moderator_id=MODERATOR_ID, verdict="correct"
    )
    assert list(tmp_path.glob("firstaid.db-wal")), "expected a WAL file while the store is open"
    _assert_absent(tmp_path)  # while open: fresh rows are still in the WAL
    await store.close()
    _assert_absent(tmp_path)  # after the checkpoint on close


async def test_the_needles_would_be_found(tmp_path: Path) -> None:
    # Guards the test above: an id written as plain data is detected.
    (tmp_path / "firstaid.db").write_bytes(b"xx" + USER_ID.to_bytes(6, "big", signed=True) + b"yy")
    try:
        _assert_absent(tmp_path)
    except AssertionError:
        return
    raise AssertionError("a raw id in the file went unnoticed")
