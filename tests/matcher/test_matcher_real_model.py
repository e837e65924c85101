"""The real base model on messages nobody should get wrong (slow: loads the model once)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from matcher import Matcher, answer, load_matcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def base_matcher(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Matcher:
    # pytest's cache dir survives between runs, so the index is encoded once per machine.
    cache = Path(request.config.cache.mkdir("matcher-index"))
    return load_matcher(model="base", models_dir=tmp_path_factory.mktemp("models"), cache_dir=cache)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my son is choking on a grape and can't breathe", "choking"),
        ("I splashed bleach in my eye", "eye-chemical"),
        ("my nose is bleeding", "nosebleed"),
    ],
)
def test_unambiguous_messages_find_their_topic(
    base_matcher: Matcher, text: str, topic: str
) -> None:
    m = base_matcher.match(text)
    assert m.topic == topic and not m.oos, m.reasons
    assert m.ranked[0] == topic


@pytest.mark.slow
@pytest.mark.parametrize("text", ["hello", "thanks", "what's the weather like tomorrow?"])
def test_small_talk_is_out_of_scope(base_matcher: Matcher, text: str) -> None:
    m = base_matcher.match(text)
    assert m.oos and m.topic is None and not m.emergency, m.reasons


@pytest.mark.slow
def test_emergencies_escalate(base_matcher: Matcher) -> None:
    arrest = base_matcher.match("my dad collapsed and he's not breathing")
    assert arrest.emergency and arrest.topic in {"cardiac-arrest", "unconscious-breathing"}
    nose = base_matcher.match("nosebleed for 40 minutes and it won't stop")
    assert nose.topic == "nosebleed" and nose.emergency
    reply = answer("he is unconcious and his lips are blue", matcher=base_matcher, country="US")
    assert reply.match.emergency and reply.text_chunks[0].startswith("🚨 Call 911 now.")


@pytest.mark.slow
def test_crisis_routes_to_crisis_support_whatever_else_is_mentioned(
    base_matcher: Matcher,
) -> None:
    for text in ["I want to kill myself", "my arm is bleeding, I cut myself on purpose"]:
        m = base_matcher.match(text)
        assert m.topic == "suicidal-crisis" and m.crisis and m.emergency, text


def test_importing_and_matching_with_a_fake_encoder_never_loads_torch() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests/matcher')\n"
        "from matcher_helpers import ConceptEncoder, fixture_corpus\n"
        "from matcher import load_matcher, answer\n"
        "from pathlib import Path\n"
        "m = load_matcher(model='base', models_dir=Path('.'), cache_dir=None,"
        " corpus=fixture_corpus(), encoder=ConceptEncoder())\n"
        "answer('my dad is choking', matcher=m, country='GB')\n"
        "bad = sorted(k for k in ('torch', 'sentence_transformers') if k in sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
