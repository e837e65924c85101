"""The matcher end to end on the fixture corpus with the concept encoder (no model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matcher_helpers import TEST_THRESHOLDS, ConceptEncoder

from matcher import Matcher, load_matcher
from matcher.corpus import Corpus
from matcher.serving.thresholds import BASE_THRESHOLDS, Thresholds, thresholds_for


def test_clear_message_gets_its_topic_with_alternatives(fake_matcher: Matcher) -> None:
    m = fake_matcher.match("my dad is choking")
    assert m.topic == "choking" and m.level == "call"
    assert m.emergency and not m.oos and not m.crisis
    assert len(m.alternatives) >= 3 and m.alternatives[0][0] == "choking"
    scores = [s for _, s in m.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert m.model_version == "base"


def test_greetings_and_empty_messages_are_out_of_scope(fake_matcher: Matcher) -> None:
    for text in ["hello", "thanks", "", "/start", "weather tomorrow"]:
        m = fake_matcher.match(text)
        assert m.oos and m.topic is None and m.level is None, text
        assert not m.emergency and len(m.alternatives) >= 3


def test_margin_rejects_when_the_bank_is_nearly_as_close(fake_matcher: Matcher) -> None:
    # topic "burn" 0.89, bank ("hello") 0.45: margin 0 keeps it, margin -0.5 rejects it.
    text = "hello burn burn"
    assert fake_matcher.match(text).topic == "burn"
    strict = fake_matcher.with_thresholds(
        Thresholds.from_dict({"oos_margin": -0.5}, TEST_THRESHOLDS)
    )
    rejected = strict.match(text)
    assert rejected.oos and rejected.topic is None
    assert any("bank beats best" in r for r in rejected.reasons)


def test_crisis_wording_overrides_the_topic(fake_matcher: Matcher) -> None:
    m = fake_matcher.match("my nose is bleeding and I want to die")
    assert m.topic == "suicidal-crisis" and m.crisis and m.emergency
    assert m.alternatives[0][0] == "suicidal-crisis"
    assert any("crisis wording" in r for r in m.reasons)


def test_model_picked_crisis_topic_is_a_crisis(fake_matcher: Matcher) -> None:
    m = fake_matcher.match("i feel hopeless")
    assert m.topic == "suicidal-crisis" and m.crisis


def test_red_flags_escalate_a_self_care_topic(fake_matcher: Matcher) -> None:
    plain = fake_matcher.match("nose bleeding")
    assert plain.topic == "nosebleed" and not plain.emergency
    general = fake_matcher.match("nose bleeding and it won't stop")
    assert general.topic == "nosebleed" and general.emergency
    own = fake_matcher.match("nosebleed after hitting my head")
    assert own.emergency and any("red flag (nosebleed)" in r for r in own.reasons)


def test_red_flags_escalate_even_out_of_scope(fake_matcher: Matcher) -> None:
    m = fake_matcher.match("hello he is not breathing")
    assert m.emergency


def test_close_top_two_is_low_confidence(fake_matcher: Matcher) -> None:
    m = fake_matcher.match("choking and nose")
    assert m.low_confidence
    assert {m.ranked[0], m.ranked[1]} == {"choking", "nosebleed"}
    assert not fake_matcher.match("my dad is choking").low_confidence


def test_batch_uses_one_encoder_call_and_keeps_order(
    fake_matcher: Matcher, encoder: ConceptEncoder
) -> None:
    before = encoder.calls
    texts = ["hello", "my dad is choking", "", "burned my hand", "nose bleeding"]
    out = fake_matcher.match_batch(texts)
    assert encoder.calls == before + 1
    assert [m.text for m in out] == texts
    assert [m.topic for m in out] == [None, "choking", None, "burn", "nosebleed"]
    assert "" not in encoder.texts  # empty messages are never encoded


def test_index_is_cached_on_disk_and_reused(tmp_path: Path, corpus: Corpus) -> None:
    first = ConceptEncoder()
    args = {"model": "base", "models_dir": tmp_path, "cache_dir": tmp_path / "cache"}
    a = load_matcher(**args, corpus=corpus, encoder=first)  # type: ignore[arg-type]
    assert first.calls == 1
    files = list((tmp_path / "cache").glob("index-*.npy"))
    assert len(files) == 1
    second = ConceptEncoder()
    b = load_matcher(**args, corpus=corpus, encoder=second)  # type: ignore[arg-type]
    assert second.calls == 0
    np.testing.assert_array_equal(a.index.entries, b.index.entries)
    changed = corpus.model_copy(update={"content_hash": "something-else"})
    third = ConceptEncoder()
    load_matcher(**args, corpus=changed, encoder=third)  # type: ignore[arg-type]
    assert third.calls == 1
    assert len(list((tmp_path / "cache").glob("index-*.npy"))) == 2


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, corpus: Corpus) -> None:
    args = {"model": "base", "models_dir": tmp_path, "cache_dir": tmp_path}
    load_matcher(**args, corpus=corpus, encoder=ConceptEncoder())  # type: ignore[arg-type]
    (path,) = tmp_path.glob("index-*.npy")
    path.write_bytes(b"not a numpy file")
    again = ConceptEncoder()
    load_matcher(**args, corpus=corpus, encoder=again)  # type: ignore[arg-type]
    assert again.calls == 1
    assert np.load(path).shape[0] > 0


def test_thresholds_come_from_the_model_manifest(tmp_path: Path) -> None:
    assert thresholds_for(None) == BASE_THRESHOLDS
    assert thresholds_for(tmp_path) == BASE_THRESHOLDS
    (tmp_path / "manifest.json").write_text('{"thresholds": {"oos_floor": 0.4, "k": 2, "x": 1}}')
    th = thresholds_for(tmp_path)
    assert th.oos_floor == 0.4 and th.k == 2 and th.sure == BASE_THRESHOLDS.sure
    assert Thresholds.from_dict(th.to_dict()) == th
