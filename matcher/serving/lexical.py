"""Word overlap beside the embeddings: BM25 between a message and each topic's entries.

The embedding ranks by meaning; a rare shared word ("spelk", "epipen", "kerb")
is strong evidence it can blur. Each topic (and the out-of-scope bank) scores
the BM25 of its best entry, the row is divided by its largest value (so 1 is
the topic sharing the most rare words, 0 one sharing none), and
``Thresholds.lexical_weight`` times that is added to the topic scores and the
bank's alike, so the out-of-scope decision keeps its footing. Measured in
docs/benchmarks.md ("Unseen messages, fifth round").

The scoring is BM25Okapi as in ``rank-bm25`` (k1 1.5, b 0.75, idf floored at a
quarter of the mean idf), written with postings so one message costs a few
array additions; ``tests/matcher/test_lexical.py`` checks it against that package.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from matcher.serving.scoring import FloatArray, IntArray


def words(text: str) -> list[str]:
    """The tokens BM25 counts: lower-cased, split on white space (texts come normalised)."""
    return text.lower().split()


class Lexical:
    """BM25 of queries against entries grouped by owner (topic positions; the bank last)."""

    def __init__(
        self,
        texts: Sequence[str],
        owners: Sequence[int],
        n_groups: int,
        *,
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        docs = [Counter(words(t)) for t in texts]
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float64)
        n = len(docs)
        avgdl = float(lengths.mean()) if n and lengths.sum() else 1.0
        df = Counter(w for d in docs for w in d)
        idf = {w: math.log(n - f + 0.5) - math.log(f + 0.5) for w, f in df.items()}
        floor = epsilon * (sum(idf.values()) / len(idf)) if idf else 0.0
        idf = {w: (v if v >= 0 else floor) for w, v in idf.items()}
        norm = k1 * (1 - b + b * lengths / avgdl)
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for j, doc in enumerate(docs):
            for w, tf in doc.items():
                where, weight = postings.setdefault(w, ([], []))
                where.append(j)
                weight.append(idf[w] * tf * (k1 + 1) / (tf + norm[j]))
        self._postings = {
            w: (np.array(j, dtype=np.int64), np.array(v, dtype=np.float64))
            for w, (j, v) in postings.items()
        }
        self._owners: IntArray = np.asarray(owners, dtype=np.int64)
        self._n_docs = n
        self.n_groups = n_groups

    def entry_scores(self, query: str) -> np.ndarray:
        """BM25 of ``query`` with every entry (a word repeated in the query counts again)."""
        score = np.zeros(self._n_docs, dtype=np.float64)
        for w in words(query):
            if (hit := self._postings.get(w)) is not None:
                np.add.at(score, hit[0], hit[1])
        return score

    def scores(self, queries: Sequence[str]) -> FloatArray:
        """``(n, n_groups)``: each group's best entry, each row divided by its maximum."""
        out = np.zeros((len(queries), self.n_groups), dtype=np.float32)
        for i, query in enumerate(queries):
            per = np.zeros(self.n_groups, dtype=np.float64)
            np.maximum.at(per, self._owners, self.entry_scores(query))
            top = per.max()
            if top > 0:
                out[i] = per / top
        return out
