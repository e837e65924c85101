"""Retrieval maths on tiny hand-made vectors: no model involved."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.serving.scoring import (
    cosine_scores,
    group_scores,
    percentile,
    reciprocal_rank,
    top_indices,
)


def unit(*rows: list[float]) -> np.ndarray:
    arr = np.asarray(rows, dtype=np.float32)
    return np.asarray(arr / np.linalg.norm(arr, axis=1, keepdims=True), dtype=np.float32)


def test_cosine_scores_are_dot_products_of_unit_rows() -> None:
    queries = unit([1, 0], [1, 1])
    entries = unit([1, 0], [0, 1], [-1, 0])
    sims = cosine_scores(queries, entries)
    assert sims.shape == (2, 3)
    np.testing.assert_allclose(sims[0], [1.0, 0.0, -1.0], atol=1e-6)
    np.testing.assert_allclose(sims[1], [0.7071, 0.7071, -0.7071], atol=1e-4)


def test_cosine_scores_reject_mismatched_dimensions() -> None:
    with pytest.raises(ValueError):
        cosine_scores(unit([1, 0]), unit([1, 0, 0]))


def test_group_scores_blend_max_and_top_k_mean() -> None:
    sims = np.array([[0.9, 0.1, 0.5, 0.4]], dtype=np.float32)
    groups = np.array([0, 0, 1, 1])
    # group 0: max 0.9, top-2 mean 0.5; group 1: max 0.5, top-2 mean 0.45
    only_max = group_scores(sims, groups, 2, k=2, max_weight=1.0)
    only_mean = group_scores(sims, groups, 2, k=2, max_weight=0.0)
    blend = group_scores(sims, groups, 2, k=2, max_weight=0.5)
    np.testing.assert_allclose(only_max, [[0.9, 0.5]], atol=1e-6)
    np.testing.assert_allclose(only_mean, [[0.5, 0.45]], atol=1e-6)
    np.testing.assert_allclose(blend, [[0.7, 0.475]], atol=1e-6)


def test_one_outlier_entry_wins_on_max_but_not_on_top_k_mean() -> None:
    # Topic 0 has one very close example and nothing else; topic 1 is consistently close.
    sims = np.array([[0.95, 0.1, 0.1, 0.8, 0.8, 0.8]], dtype=np.float32)
    groups = np.array([0, 0, 0, 1, 1, 1])
    assert group_scores(sims, groups, 2, k=3, max_weight=1.0).argmax() == 0
    assert group_scores(sims, groups, 2, k=3, max_weight=0.0).argmax() == 1


def test_group_with_fewer_entries_than_k_averages_what_it_has() -> None:
    sims = np.array([[0.6, 0.2, 0.2, 0.2]], dtype=np.float32)
    groups = np.array([0, 1, 1, 1])
    scores = group_scores(sims, groups, 2, k=5, max_weight=0.0)
    np.testing.assert_allclose(scores, [[0.6, 0.2]], atol=1e-6)


def test_group_without_entries_scores_minus_one() -> None:
    sims = np.array([[0.3, 0.4]], dtype=np.float32)
    scores = group_scores(sims, np.array([0, 0]), 3, k=1, max_weight=1.0)
    np.testing.assert_allclose(scores, [[0.4, -1.0, -1.0]])


def test_group_scores_validate_arguments() -> None:
    sims = np.zeros((1, 2), dtype=np.float32)
    with pytest.raises(ValueError):
        group_scores(sims, np.array([0]), 1, k=1, max_weight=1.0)
    with pytest.raises(ValueError):
        group_scores(sims, np.array([0, 0]), 1, k=0, max_weight=1.0)
    with pytest.raises(ValueError):
        group_scores(sims, np.array([0, 0]), 1, k=1, max_weight=1.5)


def test_top_indices_best_first_with_stable_ties() -> None:
    scores = np.array([[0.2, 0.9, 0.2, 0.5]], dtype=np.float32)
    assert top_indices(scores, 3).tolist() == [[1, 3, 0]]
    assert top_indices(scores, 10).shape == (1, 4)


def test_reciprocal_rank_uses_the_first_accepted_id() -> None:
    assert reciprocal_rank(["a", "b", "c"], ["a"]) == 1.0
    assert reciprocal_rank(["a", "b", "c"], ["c", "b"]) == 0.5
    assert reciprocal_rank(["a", "b"], ["z"]) == 0.0


def test_percentile_interpolates_and_handles_empty() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([10.0] * 19 + [100.0], 95) == pytest.approx(14.5)


def loop_group_scores(
    sims: np.ndarray, groups: np.ndarray, n_groups: int, k: int, max_weight: float
) -> np.ndarray:
    """The definition, one group at a time (the vectorised version must agree)."""
    out = np.full((sims.shape[0], n_groups), -1.0)
    for g in range(n_groups):
        block = sims[:, groups == g]
        if block.shape[1] == 0:
            continue
        top = -np.sort(-block, axis=1)[:, : min(k, block.shape[1])]
        out[:, g] = max_weight * top.max(axis=1) + (1 - max_weight) * top.mean(axis=1)
    return out


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 4),
    labels=st.lists(st.integers(0, 6), min_size=1, max_size=40),
    n_groups=st.integers(1, 8),
    k=st.integers(1, 6),
    max_weight=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**16),
)
def test_group_scores_agree_with_the_per_group_definition(
    n: int, labels: list[int], n_groups: int, k: int, max_weight: float, seed: int
) -> None:
    sims = np.random.default_rng(seed).uniform(-1, 1, (n, len(labels))).astype(np.float32)
    groups = np.asarray(labels, dtype=np.int64)
    got = group_scores(sims, groups, n_groups, k=k, max_weight=max_weight)
    want = loop_group_scores(sims, groups, n_groups, k, max_weight)
    np.testing.assert_allclose(got, want, atol=1e-5)
