"""The topic classifier on the embeddings (matcher/serving/head.py): it learns the
topics, and its fit is stable (a change in the 7th decimal of the vectors must not
move the weights: an unstable fit moved Spanish dev top-1 by 3 points)."""

from __future__ import annotations

import numpy as np

from matcher.serving.head import FIT, fit_head, load_head
from matcher.serving.index import Index


def synthetic_index(seed: int = 0, topics: int = 30, per_topic: int = 25, dim: int = 64) -> Index:
    """Overlapping clusters of unit vectors sharing one large common direction, as
    e5's embeddings do (any two Spanish messages have a cosine of 0.7 or more): the
    shape on which full-batch gradient descent with too large a step oscillates."""
    rng = np.random.default_rng(seed)
    common, centres = rng.normal(size=dim), rng.normal(size=(topics, dim))
    labels = np.repeat(np.arange(topics), per_topic)
    entries = 3.0 * common + centres[labels] + rng.normal(scale=1.2, size=(len(labels), dim))
    entries /= np.linalg.norm(entries, axis=1, keepdims=True)
    return Index(
        topic_ids=tuple(f"t{i}" for i in range(topics)),
        entry_topic=labels,
        entries=entries.astype(np.float32),
        oos=np.zeros((0, dim), dtype=np.float32),
        key="synthetic",
    )


def test_the_head_learns_the_topics_of_its_entries() -> None:
    index = synthetic_index()
    probs = fit_head(index).probabilities(index.entries)
    assert probs.shape == (len(index.entries), len(index.topic_ids))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert (probs.argmax(axis=1) == index.entry_topic).mean() > 0.9


def test_the_fit_is_stable_under_float_noise() -> None:
    index = synthetic_index()
    noise = np.random.default_rng(1).normal(scale=1e-7, size=index.entries.shape)
    nudged = Index(
        topic_ids=index.topic_ids,
        entry_topic=index.entry_topic,
        entries=(index.entries + noise).astype(np.float32),
        oos=index.oos,
        key=index.key,
    )
    a, b = fit_head(index).weights, fit_head(nudged).weights
    assert float(np.abs(a - b).max()) < 1e-3


def test_the_head_is_cached_under_the_index_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    index = synthetic_index()
    first = load_head(index, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"head-synthetic-{FIT}.npy"]
    assert np.array_equal(load_head(index, tmp_path).weights, first.weights)
