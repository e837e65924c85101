"""``firstaid ask``, ``match`` and ``eval`` in other languages: each message is matched in
the language detected as the bot detects it (or the one ``--lang`` forces), Spanish
by the Spanish matcher (the hashing encoder instead of e5), any other language gets
the short answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.cli.matcher_cmds as cmds
from bot.settings import Settings
from matcher import Matcher
from matcher.answer import answer_other
from matcher.language import LanguageDetector
from tests.bot.conftest import example_of

# The first Spanish test sets up the session's Spanish matcher (a minute or two).
pytestmark = pytest.mark.timeout(600)

# The Spanish corpus's title of "burn" (the English one is "Burns and scalds").
BURN = "mi hijo se quemó la mano con agua hirviendo"
FRENCH = "mon fils s'est brûlé la main avec de l'eau bouillante, que faire"


@pytest.fixture
def built(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fake_matcher: Matcher,
    spanish_matcher: Matcher,
) -> list[tuple[str, ...]]:
    """The CLI with the fake English matcher and LANGUAGES=es; the languages it built."""
    calls: list[tuple[str, ...]] = []

    def build_language_matchers(settings: Settings) -> dict[str, Matcher]:
        calls.append(settings.languages)
        return dict.fromkeys(settings.languages, spanish_matcher)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cmds, "_matcher", lambda model: fake_matcher)
    monkeypatch.setattr("bot.bootstrap.build_language_matchers", build_language_matchers)
    monkeypatch.setenv("LANGUAGES", "es")
    monkeypatch.delenv("DEFAULT_COUNTRY", raising=False)
    return calls


def run(*args: str, input: str | None = None) -> str:
    from bot.cli.app import app

    result = CliRunner().invoke(app, list(args), input=input, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.output


def match(*lines: str, args: tuple[str, ...] = ()) -> list[dict[str, object]]:
    out = run("match", *args, input="\n".join(lines) + "\n")
    return [json.loads(line) for line in out.splitlines()]


def spanish_example(matcher: Matcher, topic_id: str) -> str:
    """An example of ``topic_id`` that reads as Spanish and the fake Spanish matcher gets right."""
    detector = LanguageDetector()
    for text in matcher.corpus.topic(topic_id).examples:
        if detector.detect(text).lang != "es":
            continue
        found = matcher.match(text)
        if found.topic == topic_id and not found.low_confidence and not found.oos:
            return text
    raise AssertionError(f"no Spanish example for {topic_id}")


def test_match_answers_a_spanish_line_from_the_spanish_corpus(
    built: list[tuple[str, ...]], spanish_matcher: Matcher, fake_matcher: Matcher
) -> None:
    sunburn = example_of(fake_matcher, "sunburn")
    spanish, english = match(BURN, sunburn, args=("--country", "MX"))
    assert list(spanish) == list(cmds.MATCH_KEYS) and cmds.MATCH_KEYS[-1] == "lang"
    assert spanish["lang"] == "es" and spanish["topic"] == "burn"
    title = spanish_matcher.corpus.topic("burn").title
    assert title == "Quemaduras y escaldaduras"
    assert title in str(spanish["reply"]) and "Sources:" not in str(spanish["reply"])
    assert english["lang"] == "en" and english["topic"] == "sunburn"
    assert fake_matcher.corpus.topic("sunburn").title in str(english["reply"])
    assert built == [("es",)]


def test_lang_en_forces_english_and_builds_no_other_matcher(
    built: list[tuple[str, ...]], spanish_matcher: Matcher
) -> None:
    (forced,) = match(BURN, args=("--lang", "en"))
    assert forced["lang"] == "en"
    assert spanish_matcher.corpus.topic("burn").title not in str(forced["reply"])
    assert built == []


def test_a_french_line_gets_the_short_answer_in_french(
    built: list[tuple[str, ...]], fake_matcher: Matcher
) -> None:
    (french,) = match(FRENCH, args=("--country", "FR"))
    short = answer_other(FRENCH, "fr", corpus=fake_matcher.corpus, country="FR")
    assert french["lang"] == "fr" and french["topic"] is None and french["oos"]
    assert french["reply"] == short.text_chunks[0] == french["first"]
    assert "112" in str(french["reply"])
    assert built == []  # French has no matcher to build
    # Forced, an English message gets the short answer in German.
    (german,) = match("my dad is choking", args=("--lang", "de"))
    assert german["lang"] == "de" and german["topic"] is None


def test_ask_prints_the_spanish_reply(built: list[tuple[str, ...]]) -> None:
    out = run("ask", BURN, "--country", "ES")
    first, rule, rest = out.partition("──── Todos los pasos ────")
    assert rule and "Quemaduras y escaldaduras" in out
    assert cmds.ALL_STEPS_RULE not in out and first.strip() and rest.strip()
    english = run("ask", BURN, "--lang", "en")
    assert "Quemaduras" not in english


def test_lang_must_be_a_known_language(built: list[tuple[str, ...]]) -> None:
    from bot.cli.app import app

    result = CliRunner().invoke(app, ["match", "--lang", "xx"], input="hola\n")
    assert result.exit_code == 2 and "xx" in result.output


def test_eval_runs_on_a_spanish_file(
    built: list[tuple[str, ...]], tmp_path: Path, spanish_matcher: Matcher
) -> None:
    burn = spanish_example(spanish_matcher, "burn")
    nose = spanish_example(spanish_matcher, "nosebleed")
    gold = [(burn, "burn"), (nose, "nosebleed"), (BURN, "sunburn")]  # the last one is wrong
    items = [
        # Emergency as the matcher flags it: the one failure is the wrong topic.
        {"text": t, "topics": [k], "emergency": spanish_matcher.match(t).emergency, "oos": False}
        for t, k in gold
    ]
    dev = tmp_path / "es.jsonl"
    dev.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items))
    report = json.loads(run("eval", str(dev), "--json"))
    assert report["n"] == 3 and report["languages"] == {"es": 3}
    assert report["lang_forced"] is None
    assert report["top1"] == pytest.approx(2 / 3)
    (failure,) = report["failures"]
    assert failure["text"] == BURN and failure["got"] == "burn" and failure["lang"] == "es"
    table = run("eval", str(dev), "--lang", "es", "--batched")
    assert "forced: es" in table and "messages by language" in table
    assert "top-1 (in scope)" in table
    assert built == [("es",), ("es",)]
