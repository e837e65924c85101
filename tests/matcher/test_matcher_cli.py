"""``firstaid ask``, ``match`` (a public JSON-lines format), ``eval`` and ``topics``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from matcher_helpers import FIXTURES
from typer.testing import CliRunner

import bot.cli.matcher_cmds as cmds
from bot.cli.app import app
from matcher import Matcher
from matcher.corpus import load_corpus

MATCH_KEYS = [
    "text", "topic", "score", "level", "emergency", "alternatives", "oos", "first", "reply", "lang"
]  # fmt: skip


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, fake_matcher: Matcher) -> CliRunner:
    seen: list[str | None] = []

    def fake(model: str | None) -> Matcher:
        seen.append(model)
        return fake_matcher

    monkeypatch.setattr(cmds, "_matcher", fake)
    monkeypatch.delenv("DEFAULT_COUNTRY", raising=False)
    return CliRunner()


def test_match_writes_one_json_object_per_line_in_order(cli: CliRunner) -> None:
    lines = ["hello", "my dad is choking", "", "nose bleeding"]
    result = cli.invoke(app, ["match", "--country", "GB"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == lines
    for r in records:
        assert list(r) == MATCH_KEYS
        assert len(r["alternatives"]) >= 3
        assert isinstance(r["score"], float) and isinstance(r["reply"], str)
    hello, choking, empty, nose = records
    assert hello["topic"] is None and hello["oos"] and hello["level"] is None
    assert choking["topic"] == "choking" and choking["alternatives"][0] == "choking"
    assert choking["emergency"] and choking["level"] == "call"
    assert choking["reply"].startswith("🚨 Call 999 now.")
    assert empty["oos"] and not nose["emergency"] and nose["topic"] == "nosebleed"


def test_ask_prints_the_plain_text_reply(cli: CliRunner) -> None:
    result = cli.invoke(app, ["ask", "my dad is choking", "--country", "FR"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("🚨 Call 112 now.")
    assert "<b>" not in result.output and "1. Encourage them to cough." in result.output


def test_match_and_ask_give_the_first_message_for_the_country(cli: CliRunner) -> None:
    result = cli.invoke(app, ["match", "--country", "GB"], input="my dad is choking\nhello\n")
    choking, hello = (json.loads(line) for line in result.output.splitlines())
    assert choking["first"].startswith("🚨 Call 999 now.") and len(choking["first"]) <= 600
    assert "Sources:" not in choking["first"] and "Sources:" in choking["reply"]
    assert "<b>" not in choking["first"]
    assert hello["first"] == hello["reply"]  # out of scope: short already, sent whole
    asked = cli.invoke(app, ["ask", "my dad is choking"])  # no country: the common numbers
    first, _, rest = asked.output.partition(cmds.ALL_STEPS_RULE)
    assert "911 (North America)" in first and "Call 112 now" not in first
    assert len(first.strip()) <= 600 and "1. Encourage them to cough." in rest


def test_eval_prints_metrics_and_json(cli: CliRunner) -> None:
    dev = str(FIXTURES / "eval" / "dev.jsonl")
    table = cli.invoke(app, ["eval", dev], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "top-1 (in scope)" in table.output and "emergency recall" in table.output
    as_json = cli.invoke(app, ["eval", dev, "--json", "--model", "base"])
    report = json.loads(as_json.output)
    assert report["n"] == 3 and report["top1"] == 1.0 and report["failures"] == []


def test_eval_reports_a_bad_file(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "topics": [], "emergency": false, "oos": false}\n')
    result = cli.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output


def test_topics_lists_every_topic() -> None:
    result = CliRunner().invoke(app, ["topics", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["id"] for r in rows} == {t.id for t in load_corpus().topics}
    assert all(set(r) == {"id", "level", "title"} for r in rows)


def test_unknown_model_is_a_clean_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MODELS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["ask", "hello", "--model", "no-such-model"])
    assert result.exit_code == 2 and "no-such-model" in result.output
