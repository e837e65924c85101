"""``firstaid export``, ``stats`` and ``db`` through typer's CliRunner, on SQLite."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import FakeClock
from typer.testing import CliRunner

from bot.cli.app import app
from storage import EXPORT_FIELDS, QueryRecord, Store

HASH_SECRET = "cli-tests-secret-0123456789abcdef"


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings point at a fresh SQLite file; no .env from the repository is read."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    return tmp_path / "data" / "firstaid.db"


def _seed(db_file: Path, when: datetime) -> None:
    """Two answered queries at ``when``: one rated helpful, one corrected by a moderator."""

    async def seed() -> None:
        url = f"sqlite+aiosqlite:///{db_file}"
        async with await Store.open(
            url, hash_secret=HASH_SECRET.encode(), clock=FakeClock(when)
        ) as s:
            for user, text in ((1, "burned hand, mail x@y.org"), (2, "kettle, spilled")):
                query_id = await s.log_query(
                    QueryRecord(
                        chat_id=user,
                        user_id=user,
                        chat_type="private",
                        text=text,
                        normalized=text,
                        topic="burn",
                        score=0.8,
                        alternatives=["scald", "sunburn"],
                        emergency=False,
                        oos=False,
                        model_version="m1",
                        latency_ms=5.0,
                    )
                )
                if user == 1:
                    assert await s.record_feedback(query_id=query_id, user_id=user, helpful=True)
                else:
                    assert await s.record_review(
                        query_id=query_id, moderator_id=9, verdict="wrong", corrected_topic="scald"
                    )

    db_file.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(seed())


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_queries_as_jsonl(db_file: Path) -> None:
    _seed(db_file, datetime.now(UTC))
    rows = [json.loads(line) for line in _invoke("export").splitlines()]
    assert [row["text"] for row in rows] == ["burned hand, mail <email>", "kettle, spilled"]
    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert rows[0]["alternatives"] == ["scald", "sunburn"] and rows[0]["helpful"] is True


def test_export_queries_as_csv(db_file: Path) -> None:
    _seed(db_file, datetime.now(UTC))
    rows = list(csv.DictReader(io.StringIO(_invoke("export", "--format", "csv"))))
    assert len(rows) == 2 and list(rows[0]) == list(EXPORT_FIELDS)
    assert rows[1]["text"] == "kettle, spilled"  # the comma survives quoting
    assert json.loads(rows[0]["alternatives"]) == ["scald", "sunburn"]
    assert (rows[1]["verdict"], rows[1]["corrected_topic"], rows[1]["helpful"]) == (
        "wrong",
        "scald",
        "",
    )


def test_export_pairs_to_a_file_with_since(db_file: Path, tmp_path: Path) -> None:
    _seed(db_file, datetime.now(UTC) - timedelta(days=30))
    _seed(db_file, datetime.now(UTC))
    out = tmp_path / "pairs.csv"
    since = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    printed = _invoke(
        "export", "--what", "pairs", "--format", "csv", "--since", since, "--output", str(out)
    )
    assert printed == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows == [  # one person's helpful rating alone is not a training pair
        {"text": "kettle, spilled", "topic": "scald", "source": "correction"},
    ]


def test_export_refuses_a_bad_date(db_file: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--since", "last tuesday"])
    assert result.exit_code == 2 and "--since" in result.output


def test_stats_prints_the_figures(db_file: Path) -> None:
    _seed(db_file, datetime.now(UTC))
    out = _invoke("stats", "--days", "3")
    assert "Last 3 days" in out and "helpful rate" in out and "100.0%" in out
    assert datetime.now(UTC).date().isoformat() in out
    assert "burn" in out


def test_db_upgrade_then_purge(db_file: Path) -> None:
    assert "revision 0003" in _invoke("db", "upgrade")
    assert db_file.exists()
    _seed(db_file, datetime.now(UTC) - timedelta(days=400))
    _seed(db_file, datetime.now(UTC))
    # Two old queries with one rating and one review; the default is 365 days.
    assert "deleted 4 rows" in _invoke("db", "purge")
    assert "deleted 0 rows" in _invoke("db", "purge", "--days", "30")
    assert len(_invoke("export").splitlines()) == 2
