"""The "call 999 / go to A&E" red flags from NHS and St John Ambulance lists, and the
seizure, swallowed-object and pills-by-mistake distinctions, in English and Spanish:
both sides of each.

No model: the rules read words. A red flag only raises the call line; the
distinctions also choose the topic.
"""

from __future__ import annotations

import pytest

from matcher.corpus import load_corpus
from matcher.serving.languages import known_words
from matcher.serving.normalize import SCAN_CHARS, normalize
from matcher.serving.rules import language_rules
from matcher.serving.safety import SafetyRules, load_known_words

EN = load_corpus()
ES = load_corpus(lang="es")
RULES = {
    "en": SafetyRules(EN.topics, load_known_words()),
    "es": SafetyRules(ES.topics, known_words(ES), rules=language_rules("es")),
}


def flags(lang: str, text: str) -> list[str]:
    rules = RULES[lang]
    found = rules.scan(normalize(text, max_chars=SCAN_CHARS))
    return rules.red_flags(found) + rules.combined_red_flags(found)


def met(lang: str, text: str) -> str | None:
    rules = RULES[lang]
    hit = rules.critical(rules.scan(normalize(text, max_chars=SCAN_CHARS)))
    return hit.topic if hit else None


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "my 6 week old is hot and not feeding", "fever in a baby under three months"),
        ("en", "newborn feels feverish", "fever in a baby under three months"),
        ("es", "mi bebe de 5 semanas esta muy caliente", "fever in a baby under three months"),
        ("en", "suddenly a terrible headache, worst of my life", "worst headache ever"),
        ("en", "sudden blinding headache out of nowhere", "sudden severe headache"),
        ("es", "de repente un dolor de cabeza horrible", "sudden severe headache"),
        ("en", "massive bleeding from the scalp", "heavy bleeding"),
        ("en", "the dog bite is bleeding a lot", "heavy bleeding"),
        ("en", "nosebleed for 30 minutes now", "nosebleed over 20 minutes"),
        ("es", "le sangra la nariz desde hace 40 minutos", "nosebleed over 20 minutes"),
        ("en", "excruciating stomach pain", "severe tummy pain"),
        ("es", "dolor de barriga insoportable", "severe tummy pain"),
        ("en", "belly pain going right through to my back", "tummy pain going through to the back"),
        ("es", "dolor de tripa hacia la espalda", "tummy pain going through to the back"),
        (
            "en",
            "hit his head and keeps asking the same questions",
            "head injury with memory loss or blurred vision",
        ),
        (
            "en",
            "banged my head and my vision is blurry",
            "head injury with memory loss or blurred vision",
        ),
        (
            "es",
            "se golpeo la cabeza y pregunta lo mismo una y otra vez",
            "head injury with memory loss or blurred vision",
        ),
        ("en", "fainted, said chest felt odd", "fainting with chest pain or palpitations"),
        ("es", "se desmayo y le dolia el pecho", "fainting with chest pain or palpitations"),
        ("en", "nose bleeding and I feel faint", "bleeding and feeling faint"),
        ("es", "sangra la herida y esta mareado", "bleeding and feeling faint"),
        ("en", "working in the cold all day, two toes are black", "skin gone black after the cold"),
        ("es", "tengo los dedos del pie negros por el frio", "skin gone black after the cold"),
        ("en", "found him in the snow, drowsy and mumbling", "drowsy or confused in the cold"),
        ("es", "paso la noche helado, tiritando y medio grogui", "drowsy or confused in the cold"),
        (
            "en",
            "burned with tea, the burn is big as my hand",
            "a burn the size of a hand, or skin coming off",
        ),
        (
            "es",
            "se quemo el brazo con aceite y se le cae la piel",
            "a burn the size of a hand, or skin coming off",
        ),
    ],
)
def test_each_red_flag_says_call_now(lang: str, text: str, label: str) -> None:
    assert label in flags(lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my 2 year old has a temperature of 38"),
        ("en", "had a headache all day after work"),
        ("en", "small cut on my finger, bled a little"),
        ("en", "nosebleed, stopped after 5 minutes"),
        ("en", "bit of stomach ache after lunch"),
        ("en", "my back hurts after gardening"),
        ("en", "bumped my head, small bump, feel fine"),
        ("en", "I feel faint when I see blood"),
        ("en", "my blood sugar was low and I felt dizzy, fine after juice"),
        ("en", "I have a cold and feel sleepy"),
        ("en", "fingers are cold and white, warming up now"),
        ("en", "small burn on my hand from the oven"),
        ("es", "mi hijo de 2 anos tiene 38 de fiebre"),
        ("es", "me duele un poco la barriga"),
        ("es", "me mareo al ver sangre"),
        ("es", "tengo el azucar en sangre bajo y estoy mareado"),
        ("es", "tengo los dedos frios"),
    ],
)
def test_the_calm_side_raises_none_of_them(lang: str, text: str) -> None:
    found = set(flags(lang, text))
    new = {
        "fever in a baby under three months",
        "sudden severe headache",
        "heavy bleeding",
        "nosebleed over 20 minutes",
        "severe tummy pain",
        "tummy pain going through to the back",
        "head injury with memory loss or blurred vision",
        "fainting with chest pain or palpitations",
        "bleeding and feeling faint",
        "skin gone black after the cold",
        "drowsy or confused in the cold",
        "a burn the size of a hand, or skin coming off",
    }
    assert found & new == set()


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("en", "a man is convulsing on the ground at the bus stop", "seizure"),
        ("en", "she had a fit in the supermarket", "seizure"),
        ("es", "un senor esta convulsionando en el suelo", "seizure"),
        ("en", "my son swallowed a button off his shirt", "swallowed-object"),
        ("en", "think she put a magnet in her mouth and swallowed it", "swallowed-object"),
        ("es", "mi crio se ha zampado un boton de la camisa", "swallowed-object"),
        ("en", "my nan took my grandad's tablets by mistake", "poisoning"),
        ("es", "mi abuelo se tomo por error las pastillas de mi abuela", "poisoning"),
    ],
)
def test_seizure_swallowed_object_and_pills_taken_by_mistake(
    lang: str, text: str, topic: str
) -> None:
    assert met(lang, text) == topic


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "trying to get fit for a triathlon, calf cramp"),
        ("en", "he fainted for a few seconds and came round"),
        ("en", "pain started around my belly button and moved down"),
        ("en", "the ground was bone dry and he had drunk nothing"),
        ("es", "se desmayo unos segundos y ya esta bien"),
        ("es", "me duele alrededor del boton de la barriga"),
        ("en", "took my tablets as usual this morning, can I have a coffee?"),
        ("es", "me tome mis pastillas como siempre"),
    ],
)
def test_their_other_side_is_not_met(lang: str, text: str) -> None:
    assert met(lang, text) not in ("seizure", "swallowed-object", "poisoning")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_pattern_fires_on_a_function_word_alone(lang: str) -> None:
    # A one-slot pattern matches on any of its words anywhere: a function word
    # there fires in nearly every message (Spanish "te" listed as tea made "me
    # torci el tobillo y te juro que me duele toda la pierna" a large scald).
    rules = RULES[lang]
    one_word = [
        *(r for patterns in rules.signs.values() for r in patterns),
        *rules.emergency,
        *rules.crisis_rules,
    ]
    stop = rules.words.stopwords
    bad = {r.label: sorted(r.slots[0] & stop) for r in one_word if len(r.slots) == 1}
    assert {label: words for label, words in bad.items() if words} == {}
