"""The real Spanish matcher (multilingual-e5, the Spanish corpus and rules) on messages
written for this test: the life-threatening ones answered right, in Spanish.

Slow: the first run encodes the ~12,000-entry Spanish index and fits its classifier
(6-10 minutes on 2 cores), hence the longer timeout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.answer import answer
from matcher.serving.languages import load_language_matcher
from matcher.serving.matcher import Matcher

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    cache = Path(".cache")
    cache_dir = cache if cache.is_dir() else tmp_path_factory.mktemp("cache")
    return load_language_matcher("es", cache_dir=cache_dir)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("mi hijo se quemó la mano con agua hirviendo", "burn"),
        ("mi papá se desplomó en la cocina, no respira y no reacciona", "cardiac-arrest"),
        (
            "mi bebe de 8 meses se atraganto con un trozo de manzana y no puede llorar",
            "choking-infant",
        ),
        ("se me metió lejía en el ojo limpiando el baño", "eye-chemical"),
        ("me sangra la nariz desde hace cinco minutos", "nosebleed"),
        ("mi abuela tiene la boca torcida y no puede levantar el brazo derecho", "stroke"),
        (
            "a mi hijo le picó una abeja y se le está hinchando la garganta, respira mal",
            "anaphylaxis",
        ),
    ],
)
def test_spanish_messages_get_the_right_topic(spanish: Matcher, text: str, topic: str) -> None:
    match = spanish.match(text)
    assert match.topic == topic, (match.topic, match.ranked[:3])
    assert match.lang == "es"


def test_a_crisis_gets_crisis_support_in_spanish(spanish: Matcher) -> None:
    reply = answer("ya no aguanto más, me quiero morir", matcher=spanish, country="ES")
    assert reply.match.crisis
    assert reply.lang == "es"
    assert "112" in reply.first_text
    assert "You are not alone" not in reply.first_text


def test_an_emergency_reply_is_spanish_with_the_countrys_number(spanish: Matcher) -> None:
    reply = answer("mi papá no respira y no reacciona", matcher=spanish, country="MX")
    assert reply.match.emergency
    assert reply.first_text.startswith("🚨")
    assert "911" in reply.first_text
    assert "Llama" in reply.first_text and "Call" not in reply.first_text


def test_out_of_scope_in_spanish(spanish: Matcher) -> None:
    match = spanish.match("¿qué tiempo va a hacer mañana en Madrid?")
    assert match.oos and match.topic is None
