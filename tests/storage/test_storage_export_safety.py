"""CSV exports never hand a spreadsheet a formula; JSON lines keep the text exact."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_helpers import FakeClock
from typer.testing import CliRunner

from bot.cli.app import app
from bot.cli.storage_cmds import csv_cell
from storage import QueryRecord, Store

HASH_SECRET = "csv-tests-secret-0123456789abcdef"
FORMULA = '=HYPERLINK("http://evil.example/x","click") burned hand'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_shown_as_text(start: str) -> None:
    assert csv_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"


def test_other_cells_are_left_alone() -> None:
    assert csv_cell("burned hand = pain") == "burned hand = pain"
    assert csv_cell(-3) == -3 and csv_cell(None) is None and csv_cell(0.5) == 0.5
    assert csv_cell(["=a", "b"]) == '["=a", "b"]'  # JSON text starts with a bracket


def test_an_exported_formula_is_neutralised_in_csv_and_exact_in_jsonl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = tmp_path / "data" / "firstaid.db"
    db.parent.mkdir(parents=True)

    async def seed() -> None:
        async with await Store.open(
            f"sqlite+aiosqlite:///{db}",
            hash_secret=HASH_SECRET.encode(),
            clock=FakeClock(datetime.now(UTC)),
        ) as store:
            await store.log_query(
                QueryRecord(
                    chat_id=1, user_id=1, chat_type="private", text=FORMULA,
                    normalized=FORMULA, topic="-burn", score=0.8, alternatives=[],
                    emergency=False, oos=False, model_version="m1", latency_ms=5.0,
                )
            )  # fmt: skip

    asyncio.run(seed())
    runner = CliRunner()
    as_csv = runner.invoke(app, ["export", "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    row = next(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert row["text"].startswith("'=HYPERLINK(") and row["topic"] == "'-burn"
    as_jsonl = runner.invoke(app, ["export"])
    assert json.loads(as_jsonl.stdout.splitlines()[0])["text"].startswith("=HYPERLINK(")
