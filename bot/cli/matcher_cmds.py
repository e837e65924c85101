"""Matcher commands: ``firstaid ask``, ``match``, ``eval`` and ``topics``.

The matcher (and with it the model) is imported inside each command, so
``firstaid --help`` stays quick. ``match`` writes the public JSON-lines format:
one object per input line, in order, with exactly the keys in ``MATCH_KEYS``.

``ask``, ``match`` and ``eval`` detect each message's language as the bot does
(:class:`matcher.polyglot.Polyglot` over the English matcher and those of the
``LANGUAGES`` setting, built with :mod:`bot.bootstrap`'s functions), or take
``--lang`` to force one. Only the matchers of the languages the messages are in
are built: English always, Spanish (multilingual-e5, minutes the first time it
builds its index) only when a message is Spanish.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bot.cli.languages import ALL_STEPS_RULE as ALL_STEPS_RULE  # its old home
from bot.cli.languages import LangOption, all_steps_rule, answers_in
from bot.cli.output import console
from bot.settings import get_settings

# Added to the ``firstaid`` app by bot/cli/app.py.
commands = typer.Typer()

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matcher import Match, Matcher
    from matcher.evaluation import EvalReport
    from matcher.polyglot import Polyglot

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
    "lang",
)
BATCH = 64

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


def _language_matchers(langs: tuple[str, ...]) -> dict[str, Matcher]:
    """The matchers of ``langs`` (not English), built as the bot builds them."""
    if not langs:
        return {}
    from bot.bootstrap import build_language_matchers

    settings = get_settings().model_copy(update={"languages": langs})
    try:
        return build_language_matchers(settings)
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc


def _polyglot(model: str | None, lang: str | None, texts: Sequence[str]) -> Polyglot:
    """English and the matchers these ``texts`` need (``lang``: forced, else detected)."""
    from matcher.language import FULL_LANGUAGES, LanguageDetector
    from matcher.polyglot import Polyglot

    detector = LanguageDetector()
    found = {lang} if lang else {detector.detect(t).lang for t in texts}
    # LANGUAGES, as the bot; a full language asked for by name is built even without it.
    served = set(get_settings().languages) | ({lang} & set(FULL_LANGUAGES) if lang else set())
    wanted = tuple(sorted(c for c in found & served if c != "en"))
    english = _matcher(model)
    others = _language_matchers(wanted)
    return Polyglot({**others, "en": english}, detector=detector, forced=lang)


@commands.command()
def ask(
    message: Annotated[str, typer.Argument(help="The message, as a user would send it.")],
    country: CountryOption = None,
    model: ModelOption = None,
    lang: LangOption = None,
) -> None:
    """Print the reply to MESSAGE as a user would read it (plain text), in the
    message's language: the first message, then every step (what "All steps" shows)."""
    poly = _polyglot(model, lang, [message])
    code = poly.detect(message).lang
    (result,) = answers_in(poly, [message], _country(country), [code])
    typer.echo(result.first_text)
    if result.match.topic is not None:
        typer.echo(f"\n{all_steps_rule(result.lang)}\n")
        typer.echo("\n\n".join(result.text_chunks))


def match_record(match: Match, reply: str, first: str = "", lang: str = "") -> dict[str, Any]:
    """One line of ``firstaid match`` output (a public format: keep it stable).

    ``first`` is the first message (plain text), ``reply`` the full reply,
    ``lang`` the language it was answered in (default: the match's).
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
        "lang": lang or match.lang,
    }
    return {key: record[key] for key in MATCH_KEYS}


@commands.command("match")
def match_cmd(
    model: ModelOption = None, country: CountryOption = None, lang: LangOption = None
) -> None:
    """Read one message per line on stdin; write one JSON object per line, in order,
    with the language each message was answered in ("lang")."""
    lines = sys.stdin.read().splitlines()
    poly = _polyglot(model, lang, lines)
    code = _country(country)
    for start in range(0, len(lines), BATCH):
        batch = lines[start : start + BATCH]
        langs = [poly.detect(t).lang for t in batch]
        for a in answers_in(poly, batch, code, langs):
            record = match_record(a.match, "\n\n".join(a.text_chunks), a.first_text, a.lang)
            typer.echo(json.dumps(record, ensure_ascii=False))


def _report_table(report: EvalReport, forced: str | None, langs: dict[str, int]) -> Table:
    table = Table("metric", "value", title=f"model {report.model_version}, {report.n} messages")
    table.add_row("language", f"forced: {forced}" if forced else "detected per message")
    table.add_row("messages by language", ", ".join(f"{c} {n}" for c, n in langs.items()))
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
    lang: LangOption = None,
) -> None:
    """Top-1/top-3/MRR, out-of-scope, emergency and latency figures, and the failures
    (each message matched in its detected language, or in --lang)."""
    from collections import Counter

    from matcher import evaluate
    from matcher.corpus import load_eval

    try:
        items = load_eval(file)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    poly = _polyglot(model, lang, [i.text for i in items])
    # Polyglot.model_version is a read-only property; evaluate's protocol asks for a field.
    report = evaluate(items, poly, batched=batched)
    # Detection without priors is deterministic: the language each message was matched in.
    lang_of = {i.text: poly.detect(i.text).lang for i in items}
    langs = dict(Counter(lang_of[i.text] for i in items).most_common())
    if as_json:
        data = report.to_dict()
        data["lang_forced"] = lang
        data["languages"] = langs
        for failure in data["failures"]:
            failure["lang"] = lang_of[failure["text"]]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(_report_table(report, lang, langs))
    failures = Table("kind", "message", "lang", "expected", "got", "top 3", title="failures")
    for f in report.failures:
        got = f"{f.got or '(out of scope)'}{' !' if f.emergency_got else ''}"
        failures.add_row(
            f.kind, f.text, lang_of[f.text], ", ".join(f.expected), got, ", ".join(f.alternatives)
        )
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
