"""Fine-tuning data and recipe: training pairs, the evaluation-set firewall, hashes.

Pure Python (no torch): :mod:`matcher.training.run` runs the recipe. A pair is
(user-style message, topic document); the document is the topic's title,
summary and steps as one text (:meth:`matcher.corpus.Topic.document`), the
same text for every message of a topic. That sameness is what lets the
no-duplicates batch sampler keep two messages of one topic out of one batch,
where each would be the other's false negative.

The evaluation sets (dev, holdout, independent) never enter training: any message whose
word set overlaps an evaluation message by :data:`NEAR_DUPLICATE` (Jaccard) or
more is dropped, whichever source it comes from, and the run records how many.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from matcher.corpus import Corpus, dev_set_path, load_eval
from matcher.serving.normalize import MAX_CHARS, normalize

# Same rule as the corpus tests (tests/test_corpus.py): two messages sharing this
# share of their words differ by about one word in five, a paraphrase.
NEAR_DUPLICATE = 0.7
_WORD = re.compile(r"[a-z0-9']+")
T = TypeVar("T")
SOURCES = ("corpus", "helpful", "correction", "out_of_scope")


@dataclass(frozen=True)
class TrainConfig:
    """The recipe and its hyper-parameters.

    The card recipe (MultipleNegativesRankingLoss, scale 20, cosine, batch 8,
    linear schedule without warm-up, seed 42, no-duplicates batches) with
    deviations chosen on the dev set (docs/benchmarks.md, "Fine-tuning"): one
    epoch at 2e-5 instead of two at 5e-5 (the card's settings lose emergency
    recall and out-of-scope recall against the base model), and the
    out-of-scope bank trained as anchors of short "not first aid" documents.
    Two more for speed: documents are
    truncated at ``train_max_seq_length`` = 128 word pieces during training only
    (the card's own training length; serving keeps 256), and ``bf16`` autocast
    runs the steps in bfloat16 where the CPU supports it (same dev metrics,
    about half the time); weights stay fp32.
    """

    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 3e-5
    seed: int = 42
    scale: float = 20.0
    similarity: str = "cos_sim"
    scheduler: str = "linear"
    warmup_ratio: float = 0.0
    loss: str = "MultipleNegativesRankingLoss"
    batch_sampler: str = "no_duplicates"
    train_max_seq_length: int = 128
    bf16: bool = True
    oos_documents: bool = True
    hard_negatives: bool = True
    threads: int = 2
    # For 2 CPU cores: each epoch samples at most this many examples per topic
    # (the index holds them all), long messages are cut to head and tail,
    # positives are title and summary, the lower layers stay frozen.
    examples_per_topic: int = 45
    oos_examples: int = 300
    anchor_chars: int = 300
    short_documents: bool = True
    frozen_layers: int = 3
    with_feedback: bool = False
    max_steps: int = -1

    def to_dict(self) -> dict[str, Any]:
        """Plain values for the manifest."""
        return asdict(self)


class FeedbackPair(Protocol):
    """What the storage export yields (``storage.TrainingPair``), seen structurally."""

    @property
    def text(self) -> str: ...

    @property
    def topic(self) -> str: ...

    @property
    def source(self) -> str: ...


@dataclass(frozen=True)
class Pair:
    """One training example: ``anchor`` (a message) should land near ``topic``'s document."""

    anchor: str
    topic: str
    source: str


@dataclass
class PairSet:
    """The pairs of one run and what was left out, for the manifest."""

    pairs: list[Pair]
    documents: dict[str, str]
    dropped_eval_overlap: Counter[str] = field(default_factory=Counter)
    dropped_unknown_topic: int = 0
    dropped_duplicate: int = 0

    def counts(self) -> dict[str, int]:
        """Pairs by source (every known source listed, zero included)."""
        found = Counter(p.source for p in self.pairs)
        return {s: found.get(s, 0) for s in SOURCES}

    def anchors(self) -> list[str]:
        """The messages."""
        return [p.anchor for p in self.pairs]

    def positives(self) -> list[str]:
        """The topic documents, aligned with :meth:`anchors`."""
        return [self.documents[p.topic] for p in self.pairs]


def hard_negatives(
    pairs: PairSet, encode: Callable[[list[str]], npt.NDArray[np.float32]]
) -> list[str]:
    """For each pair, the document of the other topic its message is closest to.

    Mined once with the model before training: the most confusable wrong topic
    ("choking" for a baby choking) becomes an explicit negative beside the
    in-batch ones.
    """
    topics = sorted(pairs.documents)
    docs = encode([pairs.documents[t] for t in topics])
    sims = encode(pairs.anchors()) @ docs.T
    own = np.array([topics.index(p.topic) for p in pairs.pairs])
    sims[np.arange(len(own)), own] = -np.inf
    return [pairs.documents[topics[int(j)]] for j in sims.argmax(axis=1)]


def word_set(text: str) -> frozenset[str]:
    """Lower-cased words; a text without words is compared as a whole string."""
    return frozenset(_WORD.findall(text.lower())) or frozenset({text.strip()})


class EvalFirewall:
    """Recognises near-duplicates of evaluation messages (dev and holdout).

    Both sides are compared raw and normalised, so a clean-up step (shrinking
    "heyyy" to "heyy") can never turn an evaluation message into a new one.
    """

    def __init__(self, texts: Iterable[str], threshold: float = NEAR_DUPLICATE) -> None:
        self.threshold = threshold
        self._sets = list({word_set(v) for t in texts for v in (t, normalize(t))})
        self._by_word: dict[str, list[int]] = {}
        for i, words in enumerate(self._sets):
            for w in words:
                self._by_word.setdefault(w, []).append(i)

    def _near(self, words: frozenset[str]) -> bool:
        # A set sharing a Jaccard share t with ``words`` contains at least one of
        # any len(words) - ceil(t * len(words)) + 1 of them: probing only the
        # rarest ones finds every candidate while skipping "my", "the", "is".
        probes = len(words) - math.ceil(self.threshold * len(words)) + 1
        rarest = sorted(words, key=lambda w: len(self._by_word.get(w, ())))[:probes]
        candidates = {i for w in rarest for i in self._by_word.get(w, ())}
        return any(
            len(words & self._sets[i]) / len(words | self._sets[i]) >= self.threshold
            for i in candidates
        )

    def blocks(self, text: str) -> bool:
        """True when ``text`` is a near-duplicate of some evaluation message."""
        return self._near(word_set(text)) or self._near(word_set(normalize(text)))


def eval_texts(corpus_dir: Path | None = None) -> list[str]:
    """Every evaluation message of every language (dev, holdout, independent, fresh,
    ``eval/<lang>/``): the texts training must never see."""
    paths = sorted(dev_set_path(corpus_dir).parent.rglob("*.jsonl"))
    return [item.text for path in paths for item in load_eval(path)]


def _sample(items: Sequence[T], limit: int, seed: int) -> list[T]:
    """At most ``limit`` of ``items``, a seeded choice kept in corpus order (0: all)."""
    if limit <= 0 or len(items) <= limit:
        return list(items)
    chosen = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in chosen]


def build_pairs(
    corpus: Corpus,
    *,
    firewall: EvalFirewall,
    feedback: Sequence[FeedbackPair] = (),
    oos_documents: bool = False,
    config: TrainConfig | None = None,
) -> PairSet:
    """Corpus examples, then feedback pairs, normalised like served messages.

    Feedback naming a topic the corpus no longer has is dropped; a message seen
    twice keeps its first topic (corpus before feedback). ``oos_documents``
    adds the out-of-scope bank as anchors of one short "not first aid"
    document per bank category (an experiment: see docs/benchmarks.md).
    """
    config = config or TrainConfig(examples_per_topic=0, oos_examples=0, anchor_chars=0)
    short = config.short_documents
    documents = {t.id: t.summary_document() if short else t.document() for t in corpus.topics}
    found = PairSet(pairs=[], documents=documents)
    seen: set[str] = set()
    per_topic, seed = config.examples_per_topic, config.seed
    candidates = [
        Pair(e, t.id, "corpus") for t in corpus.topics for e in _sample(t.examples, per_topic, seed)
    ]
    candidates += [Pair(f.text, f.topic, f.source) for f in feedback]
    if oos_documents:
        bank = [(g.category, e) for g in corpus.out_of_scope for e in g.examples]
        for category, example in _sample(bank, config.oos_examples, seed):
            key = f"oos:{category}"
            documents[key] = f"Not a first-aid question: {category.replace('-', ' ')}."
            candidates.append(Pair(example, key, "out_of_scope"))
    chars = config.anchor_chars or MAX_CHARS
    for pair in candidates:
        anchor = normalize(pair.anchor, max_chars=chars)
        if pair.topic not in documents:
            found.dropped_unknown_topic += 1
        elif not anchor or anchor.lower() in seen:
            found.dropped_duplicate += 1
        elif firewall.blocks(pair.anchor):
            found.dropped_eval_overlap[pair.source] += 1
        else:
            seen.add(anchor.lower())
            found.pairs.append(Pair(anchor, pair.topic, pair.source))
    return found


@dataclass
class TrainingData:
    """Everything one run learns from: the pairs and the model's extra out-of-scope bank."""

    pairs: PairSet
    extra_oos: list[str]
    oos_dropped: int


def select_data(
    corpus: Corpus,
    config: TrainConfig,
    *,
    firewall: EvalFirewall,
    feedback: Sequence[FeedbackPair] = (),
    oos_texts: Sequence[str] = (),
) -> TrainingData:
    """Corpus pairs always; feedback pairs and out-of-scope verdicts only with ``with_feedback``."""
    use = config.with_feedback
    pairs = build_pairs(
        corpus,
        firewall=firewall,
        feedback=feedback if use else (),
        oos_documents=config.oos_documents,
        config=config,
    )
    extra, dropped = filter_oos(oos_texts if use else (), firewall)
    return TrainingData(pairs=pairs, extra_oos=extra, oos_dropped=dropped)


def filter_oos(texts: Iterable[str], firewall: EvalFirewall) -> tuple[list[str], int]:
    """Moderator out-of-scope texts for the model's bank, minus evaluation near-duplicates."""
    kept: list[str] = []
    dropped = 0
    for text in texts:
        clean = normalize(text)
        if firewall.blocks(text):
            dropped += 1
        elif clean and clean not in kept:
            kept.append(clean)
    return kept, dropped


def text_hash(texts: Iterable[str]) -> str:
    """A short digest of texts in order (e.g. the dev set a model was measured on)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]
