"""Training data: what enters a run, with and without feedback, and what never does."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from matcher.corpus import Corpus, dev_set_path, load_corpus, load_eval
from matcher.training import run as train_run
from matcher.training.data import (
    EvalFirewall,
    TrainConfig,
    build_pairs,
    eval_texts,
    select_data,
    word_set,
)


@dataclass(frozen=True)
class Feedback:
    """Shaped like ``storage.TrainingPair``."""

    text: str
    topic: str
    source: str


NEW_HELPFUL = Feedback("my nan slipped on the ice and her wrist looks bent", "fracture", "helpful")
NEW_CORRECTION = Feedback(
    "bloke at the bus stop went grey and keeled over", "cardiac-arrest", "correction"
)
NEW_OOS = "can you recommend a good pizza place near me"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def firewall() -> EvalFirewall:
    return EvalFirewall(eval_texts())


def _dev_lookalikes() -> tuple[list[Feedback], list[str]]:
    """Dev messages as they might come back through the bot: exact, shouted, one word added."""
    dev = load_eval(dev_set_path())
    in_scope = [i for i in dev if not i.oos][:30]
    oos = [i.text for i in dev if i.oos][:10]
    pairs = [Feedback(i.text, i.topics[0], "helpful") for i in in_scope[:10]]
    pairs += [Feedback(i.text.upper() + "!!", i.topics[0], "correction") for i in in_scope[10:20]]
    pairs += [Feedback("please " + i.text, i.topics[0], "helpful") for i in in_scope[20:30]]
    return pairs, oos


def test_feedback_enters_only_with_the_flag(corpus: Corpus, firewall: EvalFirewall) -> None:
    feedback = [NEW_HELPFUL, NEW_CORRECTION]
    plain = select_data(
        corpus, TrainConfig(), firewall=firewall, feedback=feedback, oos_texts=[NEW_OOS]
    )
    assert plain.pairs.counts()["helpful"] == plain.pairs.counts()["correction"] == 0
    assert plain.extra_oos == []
    assert NEW_HELPFUL.text not in plain.pairs.anchors()

    with_fb = select_data(
        corpus,
        TrainConfig(with_feedback=True),
        firewall=firewall,
        feedback=feedback,
        oos_texts=[NEW_OOS],
    )
    assert with_fb.pairs.counts()["helpful"] == 1
    assert with_fb.pairs.counts()["correction"] == 1
    assert with_fb.pairs.counts()["corpus"] == plain.pairs.counts()["corpus"]
    assert with_fb.extra_oos == [NEW_OOS]
    positive = dict(zip(with_fb.pairs.anchors(), with_fb.pairs.positives(), strict=True))
    assert positive[NEW_CORRECTION.text] == corpus.topic("cardiac-arrest").summary_document()


def test_every_message_of_a_topic_shares_one_positive_text(
    corpus: Corpus, firewall: EvalFirewall
) -> None:
    # The no-duplicates sampler compares texts: identical positives are what keep
    # two messages of one topic out of the same batch.
    pairs = build_pairs(corpus, firewall=firewall)
    by_topic: dict[str, set[str]] = {}
    for pair, positive in zip(pairs.pairs, pairs.positives(), strict=True):
        by_topic.setdefault(pair.topic, set()).add(positive)
    assert set(by_topic) == {t.id for t in corpus.topics}
    assert all(len(texts) == 1 for texts in by_topic.values())


def test_dev_and_holdout_lookalikes_are_dropped_from_feedback(
    corpus: Corpus, firewall: EvalFirewall
) -> None:
    lookalikes, oos = _dev_lookalikes()
    data = select_data(
        corpus,
        TrainConfig(with_feedback=True),
        firewall=firewall,
        feedback=[*lookalikes, NEW_HELPFUL],
        oos_texts=[*oos, NEW_OOS],
    )
    assert data.pairs.counts()["helpful"] + data.pairs.counts()["correction"] == 1
    dropped = data.pairs.dropped_eval_overlap
    assert dropped["helpful"] + dropped["correction"] == len(lookalikes)
    assert data.extra_oos == [NEW_OOS]
    assert data.oos_dropped == len(oos)


def test_no_training_text_is_a_near_duplicate_of_an_evaluation_message(
    corpus: Corpus, firewall: EvalFirewall
) -> None:
    lookalikes, oos = _dev_lookalikes()
    data = select_data(
        corpus,
        TrainConfig(with_feedback=True),
        firewall=firewall,
        feedback=lookalikes,
        oos_texts=oos,
    )
    evaluation = [word_set(t) for t in eval_texts()]
    for text in [*data.pairs.anchors(), *data.extra_oos]:
        words = word_set(text)
        assert all(len(words & e) / len(words | e) < 0.7 for e in evaluation), text


class _Stop(Exception):
    pass


def test_train_model_fits_only_on_firewalled_pairs(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_fit(pairs: Any, config: TrainConfig, base_dir: Path, **_: Any) -> None:
        seen["anchors"] = pairs.anchors()
        raise _Stop

    monkeypatch.setattr(train_run, "fit", fake_fit)
    lookalikes, _ = _dev_lookalikes()
    with pytest.raises(_Stop):
        train_run.train_model(
            corpus=corpus,
            models_dir=tmp_path,
            config=TrainConfig(with_feedback=True),
            feedback=[*lookalikes, NEW_HELPFUL],
        )
    blocked = EvalFirewall(eval_texts())
    assert NEW_HELPFUL.text in seen["anchors"]
    assert not [a for a in seen["anchors"] if blocked.blocks(a)]
    assert list(tmp_path.iterdir()) == []  # a failed run leaves nothing behind


def test_firewall_threshold_on_hand_made_messages() -> None:
    firewall = EvalFirewall(["my baby is choking on a grape"])
    assert firewall.blocks("My baby is choking on a grape!!")
    assert firewall.blocks("help my baby is choking on a grape")
    assert not firewall.blocks("my baby swallowed a battery")
    assert not firewall.blocks("")


def test_hard_negatives_name_the_closest_other_topic() -> None:
    from matcher.training.data import Pair, PairSet, hard_negatives

    documents = {"choking": "doc choking", "choking-infant": "doc infant", "burn": "doc burn"}
    pairs = PairSet(
        pairs=[Pair("baby choking", "choking-infant", "corpus"), Pair("kettle", "burn", "corpus")],
        documents=documents,
    )
    vectors = {
        "doc choking": [1.0, 0.0, 0.0],
        "doc infant": [0.8, 0.6, 0.0],
        "doc burn": [0.0, 0.0, 1.0],
        "baby choking": [0.8, 0.6, 0.0],  # closest to its own topic, then to choking
        "kettle": [0.0, 0.6, 0.8],  # closest to burn, then to the infant document
    }

    def encode(texts: list[str]) -> Any:
        return np.array([vectors[t] for t in texts], dtype=np.float32)

    assert hard_negatives(pairs, encode) == ["doc choking", "doc infant"]


def test_out_of_scope_bank_becomes_anchors_of_one_document_per_category(
    corpus: Corpus, firewall: EvalFirewall
) -> None:
    without = build_pairs(corpus, firewall=firewall)
    with_oos = build_pairs(corpus, firewall=firewall, oos_documents=True)
    oos = [p for p in with_oos.pairs if p.source == "out_of_scope"]
    assert without.counts()["out_of_scope"] == 0
    assert {p.topic for p in oos} == {f"oos:{g.category}" for g in corpus.out_of_scope}
    assert len(oos) >= 0.95 * len(corpus.oos_examples())
    assert with_oos.counts()["corpus"] == without.counts()["corpus"]
    assert all(with_oos.documents[p.topic].startswith("Not a first-aid question") for p in oos)


def test_each_epoch_samples_at_most_the_configured_examples_per_topic(
    corpus: Corpus, firewall: EvalFirewall
) -> None:
    config = TrainConfig(examples_per_topic=5, oos_examples=7)
    pairs = select_data(corpus, config, firewall=firewall).pairs
    per_topic = Counter(p.topic for p in pairs.pairs if p.source == "corpus")
    assert max(per_topic.values()) <= 5
    assert pairs.counts()["out_of_scope"] <= 7
    again = select_data(corpus, config, firewall=firewall).pairs
    assert again.anchors() == pairs.anchors()  # seeded: the same sample every run
