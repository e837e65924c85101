"""The matcher: normalise, encode (one call per batch), score, decide."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from matcher.corpus import Corpus, Level, load_corpus
from matcher.encoders.base import Encoder, as_unit_rows
from matcher.models.registry import model_corpus, resolve_model
from matcher.serving.decide import Context, Match, decide
from matcher.serving.head import TopicHead
from matcher.serving.index import Index, build_index
from matcher.serving.lexical import Lexical
from matcher.serving.normalize import SCAN_CHARS, cap_length, normalize
from matcher.serving.safety import SafetyRules, load_known_words
from matcher.serving.scoring import FloatArray, cosine_scores, group_scores
from matcher.serving.spelling import Speller
from matcher.serving.thresholds import Thresholds, thresholds_for


@dataclass(frozen=True)
class Similarities:
    """A batch's cosines with every topic entry ``(n, N)`` and bank entry ``(n, M)``, the
    topic classifier's probabilities ``(n, T)`` where the matcher has one, and the word
    overlap of each topic and then the bank ``(n, T + 1)`` where its weight is not 0."""

    entries: FloatArray
    oos: FloatArray
    head: FloatArray | None = None
    lexical: FloatArray | None = None


class Matcher:
    """Matches messages to corpus topics; build it with :func:`load_matcher`
    (English) or :func:`matcher.serving.languages.load_language_matcher`."""

    def __init__(
        self,
        *,
        corpus: Corpus,
        encoder: Encoder,
        index: Index,
        safety: SafetyRules,
        thresholds: Thresholds,
        model_version: str,
        speller: Speller | None = None,
        head: TopicHead | None = None,
    ) -> None:
        self.corpus = corpus
        self.head = head
        self.speller = speller
        self.encoder = encoder
        self.index = index
        self.safety = safety
        self.thresholds = thresholds
        self.model_version = model_version
        # Entries and bank side by side, transposed and contiguous: one product per
        # batch that reads memory in order (right after the encoder has run, the
        # index is out of cache, and row-major products read it out of order).
        self._keys = np.ascontiguousarray(
            np.concatenate([index.entries, index.oos]).T, dtype=np.float32
        )
        self.context = Context(
            topic_ids=index.topic_ids,
            levels=tuple(corpus.by_id[t].level for t in index.topic_ids),
            safety=safety,
            thresholds=thresholds,
            model_version=model_version,
        )
        if thresholds.lexical_weight:
            self.lexical  # noqa: B018  (built at start, not on the first message)

    @property
    def levels(self) -> dict[str, Level]:
        """Topic id -> level (evaluation counts harmful misroutes with it)."""
        return {t.id: t.level for t in self.corpus.topics}

    def with_thresholds(self, thresholds: Thresholds) -> Matcher:
        """The same model and index with other thresholds (for calibration); cheap."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.thresholds = thresholds
        clone.context = replace(self.context, thresholds=thresholds)
        return clone

    def prepare(self, normalized: Sequence[str]) -> list[tuple[str, list[tuple[str, str]]]]:
        """What the encoder reads for each normalised text (typos repaired), and the repairs."""
        if self.speller is None:
            return [(t, []) for t in normalized]
        return [self.speller.correct(t) for t in normalized]

    @property
    def lang(self) -> str:
        return self.corpus.lang

    def entry_similarities(self, normalized: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """Cosines of prepared texts with every topic entry and every bank entry."""
        found = self.similarities(normalized)
        return found.entries, found.oos

    def similarities(self, normalized: Sequence[str]) -> Similarities:
        """Entry and bank cosines (and the classifier's view) of prepared texts.

        One encoder call for the whole batch; empty texts get -1 everywhere.
        """
        queries = self.encode_queries(normalized)
        sims = cosine_scores(queries, self._keys.T)  # .T of .T: the product reads _keys
        n_entries = self.index.entries.shape[0]
        entries, oos = sims[:, :n_entries], sims[:, n_entries:]
        empty = [i for i, t in enumerate(normalized) if not t]
        entries[empty] = -1.0
        oos[empty] = -1.0
        head = self.head.probabilities(queries) if self.head is not None else None
        lexical = self.lexical.scores(normalized) if self.thresholds.lexical_weight else None
        return Similarities(entries, oos, head, lexical)

    @functools.cached_property
    def lexical(self) -> Lexical:
        """BM25 over the index's own texts (topics in index order, the bank last); built
        when the matcher is (a fraction of a second) or on first use."""
        bank = len(self.index.topic_ids)
        owners = [*self.index.entry_topic.tolist(), *[bank] * self.index.oos.shape[0]]
        texts = self.index.texts
        return Lexical(texts, owners if texts else [], bank + 1)

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        """Unit query vectors, one encoder call; empty texts stay zero.

        A long message is read whole (its head and tail, see ``normalize.cap_length``).
        Averaging in a separate view of its last words was tried and removed: on
        unseen messages it cost 6-8 points of top-1 (docs/benchmarks.md, "Ablation").
        """
        n, dim = len(texts), self.index.entries.shape[1]
        queries = np.zeros((n, dim), dtype=np.float32)
        keep = [i for i, t in enumerate(texts) if t]
        if keep:
            queries[keep] = self.encoder.encode([texts[i] for i in keep])
        return as_unit_rows(queries)

    def scores(self, normalized: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """Topic scores ``(n, T)`` and out-of-scope bank score ``(n,)`` for normalised texts."""
        found = self.similarities(normalized)
        return self.aggregate(found.entries, found.oos, self.thresholds, found.head, found.lexical)

    def aggregate(
        self,
        entries: FloatArray,
        oos: FloatArray,
        thresholds: Thresholds,
        head: FloatArray | None = None,
        lexical: FloatArray | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """Fold entry similarities into topic scores and the bank score (same rule for
        both); the classifier's probabilities, weighted, add to the topics', and the word
        overlap, weighted, to the topics' and the bank's."""
        th = thresholds
        topics = group_scores(
            entries,
            self.index.entry_topic,
            len(self.index.topic_ids),
            k=th.k,
            max_weight=th.max_weight,
        )
        bank = group_scores(
            oos, np.zeros(oos.shape[1], dtype=np.int64), 1, k=th.k, max_weight=th.max_weight
        )
        if head is not None and th.head_weight:
            topics = topics + np.float32(th.head_weight) * head
        bank = bank[:, 0]
        if lexical is not None and th.lexical_weight:
            weight = np.float32(th.lexical_weight)
            topics = topics + weight * lexical[:, :-1]
            bank = bank + weight * lexical[:, -1]
        return topics, bank

    def decide_all(
        self,
        texts: Sequence[str],
        normalized: Sequence[str],
        topic_scores: FloatArray,
        oos_scores: FloatArray,
        whole: Sequence[str] | None = None,
    ) -> list[Match]:
        """Apply safety rules and thresholds to precomputed scores.

        The safety rules read ``whole``: each message normalised but not shortened
        for the encoder (up to ``SCAN_CHARS``), so a sentence in the middle of a
        long story still counts; computed from ``texts`` when not given.
        """
        if whole is None:
            whole = [normalize(t, max_chars=SCAN_CHARS) for t in texts]
        return [
            decide(
                self.context,
                text=text,
                normalized=norm,
                scores=topic_scores[i],
                oos_score=float(oos_scores[i]),
                scan=self.safety.scan(full),
            )
            for i, (text, norm, full) in enumerate(zip(texts, normalized, whole, strict=True))
        ]

    def match_batch(self, texts: Sequence[str]) -> list[Match]:
        """Match many messages with one encoder call; results keep the input order."""
        whole = [normalize(t, max_chars=SCAN_CHARS) for t in texts]
        normalized = [cap_length(w) for w in whole]  # what the encoder reads
        prepared = self.prepare(normalized)
        topic_scores, oos_scores = self.scores([p for p, _ in prepared])
        matches = self.decide_all(texts, normalized, topic_scores, oos_scores, whole)
        if self.lang != "en":
            matches = [replace(m, lang=self.lang) for m in matches]
        return [
            replace(m, reasons=[*m.reasons, "typos: " + ", ".join(f"{a}->{b}" for a, b in fixes)])
            if fixes
            else m
            for m, (_, fixes) in zip(matches, prepared, strict=True)
        ]

    def match(self, text: str) -> Match:
        """Match one message."""
        return self.match_batch([text])[0]


def load_matcher(
    *,
    model: str | None,
    models_dir: Path,
    cache_dir: Path | None,
    corpus: Corpus | None = None,
    encoder: Encoder | None = None,
) -> Matcher:
    """Build a matcher for the ``MODEL`` setting (``None``: promoted, else base).

    ``encoder`` replaces the default sentence-transformers one (tests, ONNX);
    the model folder still decides the version name and the thresholds.
    """
    model_dir, version = resolve_model(model, models_dir)
    corpus = model_corpus(corpus if corpus is not None else load_corpus(), model_dir)
    if encoder is None:
        from matcher.encoders.torch import SentenceTransformerEncoder

        encoder = SentenceTransformerEncoder(model_dir)
    index = build_index(corpus, encoder, cache_dir=cache_dir, model_version=version)
    known = load_known_words()
    return Matcher(
        corpus=corpus,
        encoder=encoder,
        index=index,
        safety=SafetyRules(corpus.topics, known),
        thresholds=thresholds_for(model_dir),
        model_version=version,
        speller=Speller(corpus_words(corpus), known),
    )


def corpus_words(corpus: Corpus) -> list[str]:
    """Every text of the corpus a repaired typo may land on."""
    texts: list[str] = list(corpus.oos_examples())
    for t in corpus.topics:
        texts += [t.title, t.summary, *t.steps, *t.examples, *t.red_flags, *t.get_help, *t.do_not]
    return texts
