"""Matcher commands: ``firstaid ask``, ``match``, ``eval`` and ``topics``.

The matcher (and with it the model) is imported inside each command, so
``firstaid --help`` stays quick. ``match`` writes the public JSON-lines format:
one object per input line, in order, with exactly the keys in ``MATCH_KEYS``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bot.cli.output import console
from bot.settings import get_settings

# Added to the ``firstaid`` app by bot/cli/app.py.
commands = typer.Typer()

if TYPE_CHECKING:
    from matcher import Match, Matcher
    from matcher.evaluation import EvalReport

MATCH_KEYS = (
    "text",
    "topic",
    "score",
    "level",
    "emergency",
    "alternatives",
    "oos",
    "first",
    "reply",
)
BATCH = 64
ALL_STEPS_RULE = "──── All steps ────"

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="'base', a version under MODELS_DIR, or a model folder."),
]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="ISO country code for emergency numbers.")
]


def _matcher(model: str | None) -> Matcher:
    from bot.bootstrap import build_matcher

    settings = get_settings()
    if model is not None:
        settings = settings.model_copy(update={"model": model})
    try:
        return build_matcher(settings)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc


def _country(country: str | None) -> str | None:
    return (country or get_settings().default_country or "").upper() or None


@commands.command()
def ask(
    message: Annotated[str, typer.Argument(help="The message, as a user would send it.")],
    country: CountryOption = None,
    model: ModelOption = None,
) -> None:
    """Print the reply to MESSAGE as a user would read it (plain text): the first
    message, then every step (what "All steps" shows)."""
    from matcher import answer

    result = answer(message, matcher=_matcher(model), country=_country(country))
    typer.echo(result.first_text)
    if result.match.topic is not None:
        typer.echo(f"\n{ALL_STEPS_RULE}\n")
        typer.echo("\n\n".join(result.text_chunks))


def match_record(match: Match, reply: str, first: str = "") -> dict[str, Any]:
    """One line of ``firstaid match`` output (a public format: keep it stable).

    ``first`` is the first message (plain text), ``reply`` the full reply.
    """
    record = {
        "text": match.text,
        "topic": match.topic,
        "score": round(match.score, 4),
        "level": match.level,
        "emergency": match.emergency,
        "alternatives": match.ranked,
        "oos": match.oos,
        "first": first,
        "reply": reply,
    }
    return {key: record[key] for key in MATCH_KEYS}


@commands.command("match")
def match_cmd(model: ModelOption = None, country: CountryOption = None) -> None:
    """Read one message per line on stdin; write one JSON object per line, in order."""
    from matcher import answer_batch

    matcher = _matcher(model)
    lines = sys.stdin.read().splitlines()
    code = _country(country)
    for start in range(0, len(lines), BATCH):
        batch = lines[start : start + BATCH]
        answers = answer_batch(
            batch, matcher=matcher, countries=[code] * len(batch), formats=("text",)
        )
        for a in answers:
            record = match_record(a.match, "\n\n".join(a.text_chunks), a.first_text)
            typer.echo(json.dumps(record, ensure_ascii=False))


def _report_table(report: EvalReport) -> Table:
    table = Table("metric", "value", title=f"model {report.model_version}, {report.n} messages")
    pct = {
        "top-1 (in scope)": report.top1,
        "top-3 (in scope)": report.top3,
        "MRR (in scope)": report.mrr,
        "out-of-scope recall": report.oos_recall,
        "in-scope false rejection": report.false_rejection,
        "emergency recall": report.emergency_recall,
        "over-escalation": report.over_escalation,
    }
    for name, value in pct.items():
        table.add_row(name, f"{value:.3f}")
    table.add_row("harmful misroutes", f"{report.harmful} ({report.harmful_rate:.1%} of in scope)")
    for style, value in report.top1_by_style.items():
        table.add_row(f"top-1, {style}", f"{value:.3f}")
    table.add_row(
        "latency p50 / p95", f"{report.latency_p50_ms:.1f} / {report.latency_p95_ms:.1f} ms"
    )
    return table


@commands.command("eval")
def eval_cmd(
    file: Annotated[Path, typer.Argument(help="Messages in the dev-set JSON-lines format.")],
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report.")] = False,
    batched: Annotated[
        bool, typer.Option("--batched", help="Faster; latency is then the batch mean.")
    ] = False,
) -> None:
    """Top-1/top-3/MRR, out-of-scope, emergency and latency figures, and the failures."""
    from matcher import evaluate
    from matcher.corpus import load_eval

    try:
        items = load_eval(file)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    report = evaluate(items, _matcher(model), batched=batched)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    console.print(_report_table(report))
    failures = Table("kind", "message", "expected", "got", "top 3", title="failures")
    for f in report.failures:
        got = f"{f.got or '(out of scope)'}{' !' if f.emergency_got else ''}"
        failures.add_row(f.kind, f.text, ", ".join(f.expected), got, ", ".join(f.alternatives))
    console.print(failures)


@commands.command()
def topics(as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """List every topic: id, level and title."""
    from matcher.corpus import load_corpus

    rows = [{"id": t.id, "level": t.level, "title": t.title} for t in load_corpus().topics]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("id", "level", "title")
    for row in rows:
        table.add_row(row["id"], row["level"], row["title"])
    console.print(table)
