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

import functools

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
    if groups.size == 0:
        return out
    # One array operation for all groups rather than a Python loop over them (the
    # loop was a large share of `match`): lay the entries out as a
    # (group, slot) grid padded with -inf, take each row's top k by partition.
    layout, sizes = _grid_for(groups.astype(np.int64, copy=False).tobytes(), n_groups)
    padded = np.concatenate([sims, np.full((sims.shape[0], 1), -np.inf, dtype=sims.dtype)], axis=1)
    block = padded[:, layout]  # (n, groups, slots); the extra column is the padding
    kk = min(k, layout.shape[1])
    top = np.partition(block, layout.shape[1] - kk, axis=2)[:, :, -kk:]
    counts = np.minimum(sizes, kk)
    present = counts > 0
    best = np.where(present, top.max(axis=2), 0.0)  # an empty group's -inf, kept out
    mean = np.where(np.isfinite(top), top, 0.0).sum(axis=2) / np.maximum(counts, 1)
    blend = max_weight * best + (1.0 - max_weight) * mean
    out[:, present] = blend[:, present]
    return out


@functools.lru_cache(maxsize=8)
def _grid_for(groups: bytes, n_groups: int) -> tuple[IntArray, IntArray]:
    # The same few label arrays (the index's topics, the out-of-scope bank) come
    # back for every message: build each grid once. Keyed by content, not identity.
    return _grid(np.frombuffer(groups, dtype=np.int64), n_groups)


def _grid(groups: IntArray, n_groups: int) -> tuple[IntArray, IntArray]:
    """Entry indices as a ``(n_groups, largest group)`` grid; ``len(groups)`` pads it."""
    valid = np.flatnonzero((groups >= 0) & (groups < n_groups))  # others belong to no group
    order = valid[np.argsort(groups[valid], kind="stable")]
    labels = groups[order]
    sizes = np.bincount(labels, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    slots = max(int(sizes.max(initial=0)), 1)
    layout = np.full((n_groups, slots), groups.size, dtype=np.int64)
    layout[labels, np.arange(order.size) - starts[labels]] = order
    return layout, sizes.astype(np.int64)


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
