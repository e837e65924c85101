"""The ONNX encoder's numpy side and its choice, on tiny hand-made arrays (no model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from training_helpers import fake_export

from matcher.encoders import onnx as onnx_encoder
from matcher.encoders.onnx import MissingExportError, OnnxEncoder, make_encoder, mean_pool
from matcher.models.registry import base_model_path
from matcher.training.guard import int8_acceptable


def test_mean_pool_ignores_padding_and_returns_unit_rows() -> None:
    tokens = np.array(
        [
            [[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]],  # last position is padding
            [[0.0, 2.0], [0.0, 4.0], [0.0, 6.0]],
        ],
        dtype=np.float32,
    )
    mask = np.array([[1, 1, 0], [1, 1, 1]], dtype=np.int64)
    pooled = mean_pool(tokens, mask)
    assert pooled.dtype == np.float32
    np.testing.assert_allclose(pooled, [[1.0, 0.0], [0.0, 1.0]], atol=1e-7)


def test_a_folder_without_an_export_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(MissingExportError, match="firstaid models ensure"):
        OnnxEncoder(tmp_path)


def test_unknown_encoder_kinds_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown encoder"):
        make_encoder("tensorflow", base_model_path(), models_dir=tmp_path)


def test_missing_export_without_torch_installed_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(onnx_encoder.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(MissingExportError, match="no ONNX export"):
        make_encoder("onnx", base_model_path(), models_dir=tmp_path)


def test_missing_export_with_torch_installed_falls_back_to_the_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    built: list[Path] = []

    class FakeReference:
        name = "reference"

        def __init__(self, model_dir: Path) -> None:
            built.append(model_dir)

    import matcher.encoders.torch

    monkeypatch.setattr(matcher.encoders.torch, "SentenceTransformerEncoder", FakeReference)
    encoder = make_encoder("onnx-int8", base_model_path(), models_dir=tmp_path)
    assert isinstance(encoder, FakeReference) and built == [base_model_path()]
    assert "serving with torch" in caplog.text


@pytest.mark.parametrize(
    ("int8_default", "quantized"), [(True, True), (False, False), (None, False)]
)
def test_auto_serves_int8_only_where_training_measured_it_acceptable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, int8_default: bool | None, quantized: bool
) -> None:
    config = {} if int8_default is None else {"int8_default": int8_default}
    fake_export(tmp_path / "base-onnx", **config)
    chosen: list[bool] = []

    class Recorder:
        name = "recorder"

        def __init__(self, folder: Path, *, quantized: bool, threads: int, busy_wait: bool) -> None:
            chosen.append(quantized)

    monkeypatch.setattr(onnx_encoder, "OnnxEncoder", Recorder)
    make_encoder("auto", base_model_path(), models_dir=tmp_path)
    assert chosen == [quantized]


def test_int8_rule_allows_half_a_point_of_top1_and_no_emergency_loss() -> None:
    fp32 = {"top1": 0.950, "emergency_recall": 0.98}
    assert int8_acceptable(fp32, {"top1": 0.946, "emergency_recall": 0.98})
    assert int8_acceptable(fp32, {"top1": 0.960, "emergency_recall": 0.99})
    assert not int8_acceptable(fp32, {"top1": 0.944, "emergency_recall": 0.98})
    assert not int8_acceptable(fp32, {"top1": 0.960, "emergency_recall": 0.975})
    assert not int8_acceptable(fp32, None)
