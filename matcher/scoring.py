"""Retrieval maths as pure functions over arrays: similarities, per-topic scores, ranking.

Every topic is represented by many index entries (its example messages, its
title and its summary). A message is scored against each entry by cosine
similarity, and the entry scores of one topic are folded into one topic score.

Aggregation: a blend of the best entry and the mean of the best ``k``::

    score(topic) = w * max + (1 - w) * mean(top-k)

- ``max`` alone (nearest neighbour) rewards the single example that happens to
  share words with the message. It is the right signal for lay phrasings
  that only one example covers ("mouth like sandpaper"), but a single
  off-topic or badly worded example then pulls in wrong messages.
- ``mean(top-k)`` asks that several entries agree, which is robust to one
  outlier example but penalises topics whose examples are diverse.
- The blend keeps the sharpness of ``max`` while a topic needs support from
  its neighbours to win. Both ``w`` and ``k`` are calibrated on the dev set
  (see ``docs/benchmarks.md``); the whole curve is flat enough that the choice is
  not fragile.

Topics with fewer than ``k`` entries average what they have.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def cosine_scores(queries: FloatArray, entries: FloatArray) -> FloatArray:
    """Cosine similarity of each query with each entry; both sides are L2-normalised rows."""
    if queries.ndim != 2 or entries.ndim != 2 or queries.shape[1] != entries.shape[1]:
        raise ValueError(f"shape mismatch: {queries.shape} vs {entries.shape}")
    return np.asarray(queries @ entries.T, dtype=np.float32)


def group_scores(
    sims: FloatArray, groups: IntArray, n_groups: int, *, k: int, max_weight: float
) -> FloatArray:
    """Fold entry similarities ``(n, N)`` into group scores ``(n, n_groups)``.

    ``groups[j]`` is the group (topic) of entry ``j``. A group without entries
    scores ``-1`` (the lowest cosine), so it can never win.
    """
    if sims.shape[1] != groups.shape[0]:
        raise ValueError("one group label per entry")
    if k < 1 or not 0.0 <= max_weight <= 1.0:
        raise ValueError("k >= 1 and 0 <= max_weight <= 1")
    out = np.full((sims.shape[0], n_groups), -1.0, dtype=np.float32)
    for g in range(n_groups):
        cols = np.flatnonzero(groups == g)
        if cols.size == 0:
            continue
        block = sims[:, cols]
        kk = min(k, cols.size)
        # partition is O(N) per row; only the top-kk values are needed, unsorted
        top = np.partition(block, block.shape[1] - kk, axis=1)[:, -kk:]
        out[:, g] = max_weight * top.max(axis=1) + (1.0 - max_weight) * top.mean(axis=1)
    return out


def top_indices(scores: FloatArray, n: int) -> IntArray:
    """Column indices of the ``n`` best scores per row, best first (ties: lower index first)."""
    n = min(n, scores.shape[1])
    # stable sort on the negated scores keeps ties in index order: deterministic output
    return np.argsort(-scores, axis=1, kind="stable")[:, :n].astype(np.int64)


def reciprocal_rank(ranked: list[str], gold: list[str]) -> float:
    """1 / rank of the first gold id in ``ranked`` (1-based), 0 when none is there."""
    for i, topic in enumerate(ranked, 1):
        if topic in gold:
            return 1.0 / i
    return 0.0


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))
