"""The short answer in another language (matcher/other_language.py): crisis phrases in 22
languages, first-aid and chit-chat that are not a crisis, and the 20 catalogues."""

from __future__ import annotations

import re

import pytest
import yaml

import matcher.wording as w
from matcher.corpus import FALLBACK_CONTACT, Contact, default_corpus_dir
from matcher.i18n import translations
from matcher.language import OTHER_LANGUAGES
from matcher.other_language import (
    LEXICON_FILE,
    OTHER_DANGER,
    OTHER_DANGER_UNKNOWN,
    OTHER_LANGUAGE,
    normal,
    other_language_reply,
    reads_like_crisis,
)

LEXICON = yaml.safe_load((default_corpus_dir() / LEXICON_FILE).read_text(encoding="utf-8"))
MESSAGES = (
    OTHER_LANGUAGE,
    OTHER_DANGER,
    OTHER_DANGER_UNKNOWN,
    w.CRISIS_LINE_WITH_HELPLINE,
    w.CRISIS_LINE,
    w.CRISIS_HELPLINE_NAME,
    w.COMMON_NUMBERS,
)
FR = Contact(
    country="FR",
    name="France",
    emergency=["112", "15"],
    crisis="3114",
    crisis_name="3114",
    sources=["https://3114.fr"],
)
NO_HELPLINE = Contact(country="XY", name="Somewhere", emergency=["117"], sources=["x"])
_FIELDS_AND_TAGS = re.compile(r"\{[^{}]*\}|</?b>")

# One crisis message per language, written as people write them, in a sentence.
CRISES = {
    "en": "honestly i just want to die tonight",
    "es": "ya no aguanto, me quiero morir",
    "ru": "Мне так плохо, я хочу умереть",
    "uk": "я більше не можу, хочу померти",
    "pt": "eu não quero mais viver, não aguento mais",
    "fa": "دیگه نمی‌تونم، می‌خوام بمیرم",
    "ar": "أنا تعبت جدا وأريد أن أموت",
    "hi": "मैं अब और नहीं, मैं मरना चाहता हूँ",
    "id": "aku capek banget, pengen mati aja",
    "tr": "artık dayanamıyorum, ölmek istiyorum",
    "uz": "men o‘zimni o‘ldirmoqchiman",
    "de": "Ich kann nicht mehr, ich will nicht mehr leben",
    "it": "non ce la faccio più, voglio morire",
    "fr": "J'ai envie de mourir ce soir",
    "zh": "我真的好累，我想死",
    "ja": "もう疲れた。死にたい",
    "ko": "너무 힘들어요 죽고 싶어요",
    "ms": "saya penat sangat, rasa nak mati",
    "bn": "আমি আর পারছি না, আমি মরতে চাই",
    "ur": "میں بہت تھک گیا ہوں، مرنا چاہتا ہوں",
    "pl": "Nie daję rady, chcę umrzeć",
    "vi": "tôi mệt mỏi quá, tôi muốn chết",
}
# Transliterations people type in Latin letters.
TRANSLITERATED = [
    "main marna chahta hoon",
    "mujhe khudkushi karni hai",
    "ya ne hochu zhit bolshe",
    "bdi mout w khalas",
    "mikham bemiram",
    "ami ar bachte chai na",
]


def test_every_language_has_phrases() -> None:
    assert set(LEXICON) == {"en", "es", *OTHER_LANGUAGES}
    for lang, phrases in LEXICON.items():
        assert phrases and all(isinstance(p, str) and p == p.lower() for p in phrases), lang


@pytest.mark.parametrize("lang", sorted(CRISES))
def test_a_crisis_reads_as_one_in_every_language(lang: str) -> None:
    assert reads_like_crisis(CRISES[lang])


@pytest.mark.parametrize("lang", sorted(CRISES))
def test_every_phrase_of_the_lexicon_is_found_in_a_sentence(lang: str) -> None:
    for phrase in LEXICON[lang]:
        words = phrase.removesuffix("*")
        assert reads_like_crisis(f"hola. {words} . ok"), (lang, phrase)


@pytest.mark.parametrize("text", TRANSLITERATED)
def test_transliterations_read_as_crisis(text: str) -> None:
    assert reads_like_crisis(text)


def test_folding_and_punctuation() -> None:
    assert normal("J’AI ENVIE de Mourir!!") == "jai envie de mourir"
    assert reads_like_crisis("ÖLMEK İSTİYORUM")
    assert reads_like_crisis("suicídio")
    assert reads_like_crisis("CHCĘ UMRZEĆ...")


@pytest.mark.parametrize(
    "text",
    [
        "je me suis brûlé la main",
        "мой сын порезал палец",
        "ich habe Kopfschmerzen",
        "mi hijo se cortó el dedo",
        "my son cut his finger on a knife",
        "estou com dor de cabeça",
        "kepala saya sakit sekali",
        "başım ağrıyor",
        "我的手被烫伤了",
        "子供が熱を出しました",
        "아이가 넘어졌어요",
        "anak saya demam",
        "anak mati lampu di rumah",
        "từ từ thôi, đừng vội",
        "mój syn ma gorączkę",
        "mio figlio è caduto dalla bici",
        "meri beti gir gayi",
        "ابني عنده حرارة",
        "hello, how are you?",
        "bonjour, ça va ?",
        "Guten Morgen!",
        "ich dachte, ich würde sterben vor Lachen",
        "non voglio morire, ho solo paura",
        "não quero morrer, só estou com medo",
        "я не хочу умереть, просто страшно",
    ],
)
def test_first_aid_and_chit_chat_are_not_a_crisis(text: str) -> None:
    assert not reads_like_crisis(text)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_catalogue_translates_the_short_answer(lang: str) -> None:
    catalogue = translations(lang)
    for msgid in MESSAGES:
        translated = catalogue.gettext(msgid)
        assert translated != msgid, (lang, msgid)
        assert sorted(_FIELDS_AND_TAGS.findall(translated)) == sorted(
            _FIELDS_AND_TAGS.findall(msgid)
        ), (lang, msgid)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_the_reply_is_in_the_language_with_the_number(lang: str) -> None:
    _ = translations(lang).gettext
    calm, crisis = other_language_reply("hello", lang, contact=FR, fmt="text")
    assert not crisis
    assert calm.splitlines() == [_(OTHER_LANGUAGE), _(OTHER_DANGER).format(number="112")]
    assert "💬" not in calm and OTHER_LANGUAGE not in calm

    text, crisis = other_language_reply(CRISES[lang], lang, contact=FR, fmt="text")
    assert crisis
    lines = text.splitlines()
    assert lines[0].startswith("💬") and "3114" in lines[0] and "112" in lines[0]
    assert "<b>" not in lines[0] and lines[1] == _(OTHER_LANGUAGE) and "112" in lines[2]

    html, _crisis = other_language_reply(CRISES[lang], lang, contact=FR, fmt="html")
    assert html.splitlines()[0].count("<b>") == 1


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_without_a_country_the_common_numbers(lang: str) -> None:
    _ = translations(lang).gettext
    for contact in (None, FALLBACK_CONTACT):
        text, _crisis = other_language_reply("bonjour", lang, contact=contact, fmt="text")
        assert text.splitlines()[-1] == _(OTHER_DANGER_UNKNOWN).format(numbers=_(w.COMMON_NUMBERS))
        text, crisis = other_language_reply(CRISES[lang], lang, contact=contact, fmt="text")
        assert crisis and text.splitlines()[0] == re.sub(r"</?b>", "", _(w.CRISIS_LINE)).format(
            number=_(w.COMMON_NUMBERS)
        )


def test_no_helpline_gives_the_crisis_line_with_the_emergency_number() -> None:
    text, crisis = other_language_reply(CRISES["de"], "de", contact=NO_HELPLINE, fmt="text")
    first = translations("de").gettext(w.CRISIS_LINE)
    assert crisis and text.splitlines()[0] == re.sub(r"</?b>", "", first).format(number="117")


def test_html_escapes_values_and_keeps_the_tags() -> None:
    odd = Contact(
        country="ZY",
        name="Odd",
        emergency=["1<2"],
        crisis="3&4",
        crisis_name="<Help>",
        sources=["x"],
    )
    html, _crisis = other_language_reply(CRISES["fr"], "fr", contact=odd, fmt="html")
    assert "&lt;Help&gt;" in html and "3&amp;4" in html and "1&lt;2" in html
    assert "<b>" in html and "<Help>" not in html
    text, _crisis = other_language_reply(CRISES["fr"], "fr", contact=odd, fmt="text")
    assert "<Help> 3&4" in text and "<b>" not in text


def test_a_language_without_a_catalogue_gets_english() -> None:
    text, crisis = other_language_reply("bonjour", "xx", contact=FR, fmt="text")
    assert text.splitlines() == [OTHER_LANGUAGE, OTHER_DANGER.format(number="112")]
    assert not crisis
