"""The corpus is complete, valid, and kept apart from the evaluation sets."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest

from matcher.corpus import Corpus, EvalItem, dev_set_path, load_corpus, load_eval

# The required ids and levels from shared/topics.md. Kept here, not read from
# ../shared at test time, so a clean clone tests the same thing anywhere.
REQUIRED = {
    "call": """cardiac-arrest unconscious-breathing choking choking-infant severe-bleeding
        heart-attack stroke anaphylaxis asthma-attack seizure poisoning overdose drowning
        spinal-injury chemical-burn electric-shock eye-chemical shock heatstroke hypothermia
        diabetic-emergency breathing-difficulty embedded-object carbon-monoxide
        smoke-inhalation snake-bite suicidal-crisis meningitis childbirth swallowed-object""",
    "urgent": """head-injury burn fracture animal-bite allergic-reaction eye-foreign-object
        dental-injury fainting heat-exhaustion frostbite abdominal-pain foreign-object-ear-nose""",
    "self": """sprain-strain tick-bite insect-sting jellyfish-sting nosebleed cuts-grazes blister
        splinter dizziness sunburn dehydration vomiting-diarrhoea fever headache panic-attack
        muscle-cramp bruise""",
}
REQUIRED_LEVELS = {tid: level for level, ids in REQUIRED.items() for tid in ids.split()}
SHARED_TOPICS = Path(__file__).resolve().parents[2] / "shared" / "topics.md"

# Two messages whose lower-cased word sets overlap by this Jaccard share or more
# differ by at most about one word in five: a paraphrase, not an independent
# phrasing. Independent messages about the same situation rarely pass 0.6
# because people choose different words; the threshold sits above that.
NEAR_DUPLICATE = 0.7
WORD = re.compile(r"[a-z0-9']+")


def _tokens(text: str) -> frozenset[str]:
    # Messages without words (emoji, punctuation) are compared as whole strings.
    return frozenset(WORD.findall(text.lower())) or frozenset({text.strip()})


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def dev() -> list[EvalItem]:
    return load_eval(dev_set_path())


def test_every_required_topic_is_present_with_its_level(corpus: Corpus) -> None:
    levels = {t.id: t.level for t in corpus.topics}
    missing = sorted(set(REQUIRED_LEVELS) - set(levels))
    wrong = {
        tid: (levels[tid], lvl)
        for tid, lvl in REQUIRED_LEVELS.items()
        if tid in levels and levels[tid] != lvl
    }
    assert missing == [] and wrong == {}


@pytest.mark.skipif(not SHARED_TOPICS.exists(), reason="shared/topics.md not beside the checkout")
def test_required_list_matches_shared_topics() -> None:
    rows = re.findall(
        r"^\| ([a-z0-9-]+) \| (call|urgent|self) \|", SHARED_TOPICS.read_text(), flags=re.MULTILINE
    )
    assert dict(rows) == REQUIRED_LEVELS


def test_topics_have_steps_help_sources_and_enough_examples(corpus: Corpus) -> None:
    for topic in corpus.topics:
        assert topic.steps and topic.get_help and topic.sources, topic.id
        assert len(topic.examples) >= 25, topic.id
        assert len(topic.sources) >= (2 if topic.level == "call" else 1), topic.id


def test_examples_are_unique_across_topics(corpus: Corpus) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for topic in corpus.topics:
        for example in topic.examples:
            key = " ".join(WORD.findall(example.lower()))
            if key in owner:
                clashes.append((example, owner[key], topic.id))
            owner[key] = topic.id
    assert clashes == []


def test_examples_are_not_in_the_out_of_scope_bank(corpus: Corpus) -> None:
    oos = {e.lower().strip() for e in corpus.oos_examples()}
    assert [e for t in corpus.topics for e in t.examples if e.lower().strip() in oos] == []


def test_dev_set_covers_every_topic_and_out_of_scope(corpus: Corpus, dev: list[EvalItem]) -> None:
    ids = {t.id for t in corpus.topics}
    per_topic = {tid: sum(1 for i in dev if i.topics and i.topics[0] == tid) for tid in ids}
    assert {tid: n for tid, n in per_topic.items() if n < 5} == {}
    assert sum(i.oos for i in dev) >= 80
    assert {tid for i in dev for tid in i.topics} <= ids


@pytest.mark.parametrize("name", ["dev.jsonl", "holdout.jsonl", "sealed.jsonl"])
def test_eval_messages_are_not_near_duplicates_of_training_text(corpus: Corpus, name: str) -> None:
    training = [_tokens(e) for t in corpus.topics for e in t.examples]
    training += [_tokens(e) for e in corpus.oos_examples()]
    leaks = [
        item.text
        for item in load_eval(dev_set_path().with_name(name))
        if any(jaccard(_tokens(item.text), seen) >= NEAR_DUPLICATE for seen in training)
    ]
    assert leaks == []


def test_holdout_is_disjoint_from_dev(dev: list[EvalItem]) -> None:
    holdout = load_eval(dev_set_path().with_name("holdout.jsonl"))
    dev_keys = {_tokens(i.text) for i in dev}
    assert [i.text for i in holdout if _tokens(i.text) in dev_keys] == []


def test_jaccard_on_hand_made_sets() -> None:
    a, b = _tokens("my baby is choking"), _tokens("My baby is choking!")
    assert jaccard(a, b) == 1.0
    assert jaccard(_tokens("bee sting"), _tokens("wasp sting")) == pytest.approx(1 / 3)
    assert all(jaccard(x, y) < 1 for x, y in combinations([a, _tokens("nosebleed")], 2))


def test_by_id_follows_a_copy_with_other_topics() -> None:
    corpus = load_corpus()
    assert corpus.by_id is corpus.by_id  # built once
    fewer = corpus.model_copy(update={"topics": corpus.topics[:3]})
    assert list(fewer.by_id) == [t.id for t in corpus.topics[:3]]
    assert len(corpus.by_id) == len(corpus.topics)


def test_the_fast_yaml_loader_reads_every_corpus_file_as_the_reference_does() -> None:
    import yaml

    from matcher.corpus import YAML_LOADER, default_corpus_dir

    files = sorted(default_corpus_dir().rglob("*.yaml"))
    assert len(files) > 60
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=YAML_LOADER) == yaml.safe_load(text), path
