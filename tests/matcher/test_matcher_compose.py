"""Replies: order, escaping, chunking, numbers per country, disclaimer always."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from matcher_helpers import make_match

from matcher import Matcher, answer_batch, compose, compose_topic
from matcher.compose import MESSAGE_LIMIT, chunk, utf16_len
from matcher.corpus import Corpus

TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")
DISCLAIMER_START = "General first-aid information"


def assert_valid_telegram_html(message: str) -> None:
    """Only b, i, a tags, balanced; no stray '<' or unescaped '&'."""
    stack: list[str] = []
    for closing, name in TAG.findall(message):
        assert name in {"b", "i", "a"}, name
        if closing:
            assert stack and stack.pop() == name
        else:
            stack.append(name)
    assert not stack
    text = TAG.sub("", message)
    assert "<" not in text and ">" not in text
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", text)


def test_emergency_reply_starts_with_the_countrys_number(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    m = fake_matcher.match("my dad is choking")
    text = compose(m, corpus=corpus, country="GB", fmt="text")
    assert text[0].startswith("🚨 Call 999 now.")
    body = "\n\n".join(text)
    assert body.index("Choking") < body.index("1. Encourage them to cough.")
    assert body.index("Do not") < body.index("Get help") < body.index("Sources:")
    assert body.rstrip().endswith("If in doubt, call 999.")


def test_unknown_country_names_the_common_numbers_and_ambulance_is_added(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    m = fake_matcher.match("my dad is choking")
    unknown = compose(m, corpus=corpus, country=None, fmt="text")[0]
    assert unknown.startswith("🚨 Call your emergency number now: 112 (Europe, India), 911 ")
    assert "Call 112 now" not in unknown
    france = compose(m, corpus=corpus, country="fr", fmt="text")[0]
    assert "Call 112 now." in france and "Ambulance: 15." in france


def test_non_emergency_has_no_emergency_line_but_always_the_disclaimer(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    m = fake_matcher.match("nose bleeding")
    for fmt in ("text", "html"):
        out = compose(m, corpus=corpus, country="GB", fmt=fmt)
        assert "Call 999 now" not in out[0]
        assert DISCLAIMER_START in out[-1]


def test_html_escapes_corpus_text_and_uses_only_allowed_tags(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    burn = corpus.by_id["burn"]
    evil = burn.model_copy(update={"steps": ["Use <script>alert(1)</script> & run", "x < y > z"]})
    patched = corpus.model_copy(
        update={"topics": [evil if t.id == "burn" else t for t in corpus.topics]}
    )
    m = fake_matcher.match("burned my hand on the oven")
    assert m.topic == "burn"
    out = compose(m, corpus=patched, country="GB", fmt="html")
    joined = "\n\n".join(out)
    assert "&lt;script&gt;" in joined and "&amp; run" in joined
    assert "<b>Burns &amp; scalds</b>" in joined
    assert 'href="https://example.org/burn?a=1&amp;b=2"' in joined
    for message in out:
        assert_valid_telegram_html(message)
    text = "\n\n".join(compose(m, corpus=patched, country="GB", fmt="text"))
    assert "<script>" in text and "<b>" not in text and "&amp;" not in text
    assert "https://example.org/burn?a=1&b=2" in text


def test_long_replies_are_chunked_within_the_limit_without_splitting_tags(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    burn = corpus.by_id["burn"]
    long_steps = [f"Step {n} <keep> going " + "🔥 word " * 60 for n in range(40)]
    big = burn.model_copy(update={"steps": long_steps, "do_not": long_steps})
    patched = corpus.model_copy(
        update={"topics": [big if t.id == "burn" else t for t in corpus.topics]}
    )
    m = fake_matcher.match("burned my hand on the oven")
    for fmt in ("text", "html"):
        out = compose(m, corpus=patched, country="GB", fmt=fmt)
        assert len(out) > 1
        assert all(utf16_len(c) <= MESSAGE_LIMIT for c in out)
        assert DISCLAIMER_START in out[-1]
        if fmt == "html":
            for message in out:
                assert_valid_telegram_html(message)
        numbers = re.findall(r"^(\d+)\. Step", "\n".join(out), flags=re.M)
        assert numbers[:40] == [str(n) for n in range(1, 41)]


def test_a_single_enormous_line_is_split_by_words() -> None:
    out = chunk(["<b>title</b>\n" + "word " * 3000], limit=500)
    assert all(utf16_len(c) <= 500 for c in out)
    assert sum(c.count("word") for c in out) == 3000


def test_crisis_reply_leads_with_the_crisis_line(fake_matcher: Matcher, corpus: Corpus) -> None:
    m = fake_matcher.match("my nose is bleeding and I want to die")
    gb = compose(m, corpus=corpus, country="GB", fmt="text")[0]
    assert gb.startswith("💬 You are not alone.") and "Samaritans 116 123" in gb
    assert "call 999" in gb
    other = compose(m, corpus=corpus, country="FR", fmt="html")[0]
    assert other.startswith("💬 <b>You are not alone.</b>") and "call 112 now" in other


def test_out_of_scope_reply_is_kind_and_gives_the_number(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    m = fake_matcher.match("hello")
    text = "\n\n".join(compose(m, corpus=corpus, country="GB", fmt="text"))
    assert "I can only help with first-aid situations" in text
    assert "call 999" in text
    assert "tell me which" not in text  # nearest topics of "hello" are noise
    near = replace(m, score=0.6, alternatives=[("burn", 0.6), ("choking", 0.5), ("nosebleed", 0.4)])
    near_text = "\n\n".join(compose(near, corpus=corpus, country="GB", fmt="text"))
    assert "tell me which: Burns & scalds, Choking or Nosebleed" in near_text


def test_out_of_scope_with_a_red_flag_still_leads_with_the_number(corpus: Corpus) -> None:
    m = make_match(None, ranked=["choking", "burn", "nosebleed"], emergency=True, oos=True)
    out = compose(m, corpus=corpus, country="GB", fmt="text")
    assert out[0].startswith("🚨 Call 999 now.")


def test_low_confidence_offers_alternatives(fake_matcher: Matcher, corpus: Corpus) -> None:
    m = replace(fake_matcher.match("nose bleeding"), low_confidence=True)
    text = "\n\n".join(compose(m, corpus=corpus, country="GB", fmt="text"))
    assert text.startswith("I am not completely sure I understood. This looks like Nosebleed.")
    assert "did you mean:" in text
    urgent = replace(fake_matcher.match("my dad is choking"), low_confidence=True)
    out = compose(urgent, corpus=corpus, country="GB", fmt="text")
    assert out[0].startswith("🚨 Call 999 now.")  # the doubt never delays the number
    joined = "\n\n".join(out)
    assert joined.index("1. Encourage") < joined.index("did you mean")


def test_compose_topic_defaults_to_the_topic_level(corpus: Corpus) -> None:
    choking = compose_topic("choking", corpus=corpus, country="GB", fmt="html")
    assert choking[0].startswith("🚨 <b>Call 999 now.</b>")
    nose = compose_topic("nosebleed", corpus=corpus, country="GB", fmt="html")
    assert "Call 999 now" not in nose[0] and nose[0].startswith("<b>Nosebleed</b>")
    forced = compose_topic("nosebleed", corpus=corpus, country="GB", fmt="text", emergency=True)
    assert forced[0].startswith("🚨 Call 999 now.")
    assert html.unescape(forced[0]) == forced[0]


def test_answer_batch_composes_only_the_formats_asked_for(fake_matcher: Matcher) -> None:
    texts, countries = ["my dad is choking", "nose bleeding"], ["GB", None]
    both = answer_batch(texts, matcher=fake_matcher, countries=countries)
    html_only = answer_batch(texts, matcher=fake_matcher, countries=countries, formats=("html",))
    for full, lean in zip(both, html_only, strict=True):
        assert full.text_chunks and full.html_chunks
        assert lean.html_chunks == full.html_chunks
        assert lean.text_chunks == []
        assert lean.match == full.match


def test_an_unsure_calm_answer_gets_the_calm_line_not_the_alarm(
    fake_matcher: Matcher, corpus: Corpus
) -> None:
    match = fake_matcher.match("choking and nose")
    assert match.low_confidence
    if match.emergency:  # the fixture words may carry a red flag; the calm case is below
        match = replace(match, emergency=False, topic="nosebleed")
    text = "\n".join(compose(match, corpus=corpus, country="GB", fmt="text"))
    assert "If anyone is in danger, call 999." in text
    assert "Call 999 now" not in text
