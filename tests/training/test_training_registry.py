"""The model registry: versions, the CURRENT pointer, history and rollback, serving copies."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from training_helpers import fake_version, metrics

from matcher.corpus import load_corpus
from matcher.models.registry import (
    BASE,
    EXTRA_OOS,
    base_model_path,
    current_version,
    extra_oos_texts,
    history,
    model_corpus,
    new_version,
    onnx_dir,
    pack_for_serving,
    resolve_model,
    rollback,
    set_current,
    switch,
    versions,
)

V1, V2, V3 = "20260101-000000", "20260102-000000", "20260103-000000"


def test_versions_lists_only_trained_folders_oldest_first(tmp_path: Path) -> None:
    for v in (V2, V1):
        fake_version(tmp_path, v, metrics())
    (tmp_path / "base-onnx").mkdir()
    (tmp_path / "20260104-000000").mkdir()  # no manifest: an interrupted copy
    (tmp_path / f".{V3}.tmp").mkdir()
    assert versions(tmp_path) == [V1, V2]
    assert versions(tmp_path / "missing") == []


def test_new_version_is_sortable_and_never_reused(tmp_path: Path) -> None:
    now = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    first = new_version(tmp_path, now)
    assert first == "20260304-050607"
    (tmp_path / first).mkdir()
    assert new_version(tmp_path, now) == "20260304-050607-2"


def test_switch_keeps_history_and_rollback_walks_it_back(tmp_path: Path) -> None:
    for v in (V1, V2, V3):
        fake_version(tmp_path, v, metrics())
    assert switch(tmp_path, V1) is None
    assert switch(tmp_path, V2) == V1
    assert switch(tmp_path, V3) == V2
    assert history(tmp_path) == [V1, V2]
    assert rollback(tmp_path) == V2
    assert current_version(tmp_path) == V2
    assert rollback(tmp_path) == V1
    with pytest.raises(LookupError):
        rollback(tmp_path)
    assert current_version(tmp_path) == V1


def test_rollback_skips_versions_deleted_since(tmp_path: Path) -> None:
    for v in (V1, V2, V3):
        fake_version(tmp_path, v, metrics())
    for v in (V1, V2, V3):
        switch(tmp_path, v)
    (tmp_path / V2 / "manifest.json").unlink()
    assert rollback(tmp_path) == V1


def test_set_current_refuses_unknown_versions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    fake_version(tmp_path, V1, metrics())
    with pytest.raises(FileNotFoundError):
        set_current(tmp_path, "nope")
    set_current(tmp_path, V1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [V1, "CURRENT"]


def test_resolve_model_and_onnx_folders(tmp_path: Path) -> None:
    assert resolve_model(None, tmp_path) == (base_model_path(), BASE)
    fake_version(tmp_path, V1, metrics())
    switch(tmp_path, V1)
    assert resolve_model(None, tmp_path) == (tmp_path / V1, V1)
    assert resolve_model(BASE, tmp_path)[1] == BASE
    assert onnx_dir(tmp_path / V1, tmp_path) == tmp_path / V1 / "onnx"
    assert onnx_dir(base_model_path(), tmp_path) == tmp_path / "base-onnx"


def test_extra_out_of_scope_texts_join_the_bank_for_that_model_only(tmp_path: Path) -> None:
    corpus = load_corpus()
    folder = fake_version(tmp_path, V1, metrics())
    assert model_corpus(corpus, folder) is corpus
    (folder / EXTRA_OOS).write_text('["what is the capital of peru"]', encoding="utf-8")
    assert extra_oos_texts(folder) == ["what is the capital of peru"]
    extended = model_corpus(corpus, folder)
    assert extended.oos_examples() == [*corpus.oos_examples(), "what is the capital of peru"]
    assert "what is the capital of peru" not in corpus.oos_examples()


def test_pack_for_serving_copies_exports_and_pointer_but_no_weights(tmp_path: Path) -> None:
    models, dest = tmp_path / "models", tmp_path / "packed"
    folder = fake_version(models, V1, metrics())
    (folder / "model.safetensors").write_bytes(b"weights")
    (folder / "onnx").mkdir()
    (folder / "onnx" / "model.onnx").write_bytes(b"graph")
    (models / "base-onnx").mkdir()
    (models / "base-onnx" / "model.onnx").write_bytes(b"base graph")
    switch(models, V1)
    assert pack_for_serving(models, dest) == [V1]
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert files == [
        "20260101-000000/manifest.json",
        "20260101-000000/onnx/model.onnx",
        "CURRENT",
        "base-onnx/model.onnx",
    ]
