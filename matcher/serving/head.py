"""A classifier on the embeddings (SetFit-style), beside the nearest-example scores.

Where the encoder is not fine-tuned on our corpus (multilingual-e5 for Spanish),
a softmax regression fitted on the index's own entries learns which directions
of the embedding space separate the topics; its probability, times the
thresholds' ``head_weight``, is added to each topic's score. With weight 0 (the
English default) it is never fitted. Fitting is plain full-batch gradient
descent in numpy, deterministic, under a minute for ~11,500 entries, and cached
beside the index under the index's key. The step is small enough for the fit to
converge: with a step ten times larger (until 2026-12-07) it oscillated, and a
change in the 7th decimal of the vectors moved Spanish dev top-1 by up to 3
points and harmful misroutes from 1 to 6 (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.serving.index import Index, save_atomic
from matcher.serving.scoring import FloatArray

# The logits' temperature (cosine-sized inputs need a larger scale) and the fit.
SCALE = 30.0
EPOCHS = 1500
RATE = 0.1
L2 = 1e-4
# In the cache file's name: a head fitted with other settings is fitted again.
FIT = f"s{SCALE:g}e{EPOCHS}r{RATE:g}l{L2:g}"


@dataclass(frozen=True)
class TopicHead:
    """``probabilities(queries)``: one distribution over the index's topics per query."""

    weights: FloatArray  # (dim + 1, topics): the last row is the bias

    def probabilities(self, queries: FloatArray) -> FloatArray:
        logits = SCALE * (queries @ self.weights[:-1]) + self.weights[-1]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float32)


def fit_head(index: Index) -> TopicHead:
    """Softmax regression from entry vectors to their topics."""
    x = index.entries.astype(np.float64)
    labels = index.entry_topic
    n_topics = len(index.topic_ids)
    target = np.eye(n_topics)[labels]
    weights = np.zeros((x.shape[1], n_topics))
    bias = np.zeros(n_topics)
    for _ in range(EPOCHS):
        logits = SCALE * (x @ weights) + bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        grad = (probs - target) / len(x)
        weights -= RATE * (SCALE * (x.T @ grad) + L2 * weights)
        bias -= RATE * grad.sum(axis=0)
    return TopicHead(np.vstack([weights, bias]).astype(np.float32))


def load_head(index: Index, cache_dir: Path | None) -> TopicHead:
    """The head for ``index``, from the cache or fitted (and cached)."""
    path = cache_dir / f"head-{index.key}-{FIT}.npy" if cache_dir is not None else None
    shape = (index.entries.shape[1] + 1, len(index.topic_ids))
    if path is not None and path.exists():
        try:
            cached = np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            cached = None
        if cached is not None and cached.shape == shape and cached.dtype == np.float32:
            return TopicHead(cached)
    head = fit_head(index)
    if path is not None:
        save_atomic(path, head.weights)
    return head
