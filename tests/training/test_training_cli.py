"""``firstaid train`` and ``firstaid models ...`` through the real CLI, with fakes for the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from training_helpers import fake_base, fake_export, fake_version, metrics
from typer.testing import CliRunner

import storage
from bot.cli.app import app
from matcher.encoders.onnx import EXPORT_RECIPE, export_complete
from matcher.models.registry import current_version
from matcher.training import ensure as train_ensure
from matcher.training import measure as train_measure
from matcher.training import run as train_run
from matcher.training.run import TrainResult
from storage.records import TrainingPair

OLD, NEW = "20260101-000000", "20260102-000000"
HASH_SECRET = "training-cli-test-secret-0123456789"


class FakeStore:
    """What ``firstaid train --with-feedback`` reads from storage."""

    opened = 0

    @classmethod
    async def open(cls, url: str, **_: Any) -> FakeStore:
        cls.opened += 1
        return cls()

    async def training_pairs(self) -> list[TrainingPair]:
        return [TrainingPair("my nan fell and her wrist looks bent", "fracture", "helpful")]

    async def oos_verdict_texts(self) -> list[str]:
        return ["what's a good pizza place"]

    async def close(self) -> None:
        pass


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.delenv("MODEL", raising=False)
    FakeStore.opened = 0
    monkeypatch.setattr(storage, "Store", FakeStore)
    return tmp_path / "models"


@pytest.fixture
def runs(models: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the real run: record its arguments, write a fake (better) version."""
    seen: list[dict[str, Any]] = []

    def fake_train(**kwargs: Any) -> TrainResult:
        seen.append(kwargs)
        folder = fake_version(models, NEW, metrics(top1_hits=360))
        manifest = {
            "version": NEW,
            "pairs": {"corpus": 10, "helpful": len(kwargs["feedback"]), "correction": 0},
            "dropped": {},
            "extra_oos": len(kwargs["oos_texts"]),
            "durations_s": {"fit": 1.0, "export_and_measure": 1.0, "total": 2.0},
            "onnx": {
                "texts": 3,
                "fp32": {"max_abs_diff": 1e-7, "min_cosine": 1.0},
                "int8": {"max_abs_diff": 0.05, "min_cosine": 0.96},
            },
            "dev": metrics(top1_hits=360),
            "dev_int8": metrics(top1_hits=360),
        }
        return TrainResult(NEW, folder, manifest)

    monkeypatch.setattr(train_run, "train_model", fake_train)
    monkeypatch.setattr(train_measure, "ensure_base_export", lambda *a, **k: {})
    return seen


def test_train_reads_feedback_only_with_the_flag(runs: list[dict[str, Any]]) -> None:
    plain = CliRunner().invoke(app, ["train", "--no-promote"])
    assert plain.exit_code == 0, plain.output
    assert FakeStore.opened == 0
    assert runs[0]["feedback"] == [] and runs[0]["oos_texts"] == []
    assert not runs[0]["config"].with_feedback

    with_fb = CliRunner().invoke(app, ["train", "--no-promote", "--with-feedback"])
    assert with_fb.exit_code == 0, with_fb.output
    assert FakeStore.opened == 1
    assert [p.text for p in runs[1]["feedback"]] == ["my nan fell and her wrist looks bent"]
    assert runs[1]["oos_texts"] == ["what's a good pizza place"]
    assert runs[1]["config"].with_feedback


def test_train_passes_the_recipe_and_promotes_a_better_model(
    models: Path, runs: list[dict[str, Any]]
) -> None:
    fake_version(models, OLD, metrics(top1_hits=350))
    CliRunner().invoke(app, ["models", "promote", OLD])
    result = CliRunner().invoke(
        app, ["train", "--epochs", "1", "--batch-size", "16", "--lr", "3e-5", "--seed", "7"]
    )
    assert result.exit_code == 0, result.output
    config = runs[0]["config"]
    assert (config.epochs, config.batch_size, config.learning_rate, config.seed) == (1, 16, 3e-5, 7)
    assert "promoted" in result.output and current_version(models) == NEW


def test_models_promote_refuses_worse_and_rollback_returns(models: Path) -> None:
    fake_version(models, OLD, metrics(top1_hits=360))
    fake_version(models, NEW, metrics(top1_hits=340))
    cli = CliRunner()
    assert cli.invoke(app, ["models", "promote", OLD]).exit_code == 0
    refused = cli.invoke(app, ["models", "promote", NEW])
    assert refused.exit_code == 1 and "not promoted" in refused.output
    assert current_version(models) == OLD
    forced = cli.invoke(app, ["models", "promote", NEW, "--force"])
    assert forced.exit_code == 0 and "forced" in forced.output
    listed = cli.invoke(app, ["models", "list"], env={"COLUMNS": "200"})
    assert OLD in listed.output and NEW in listed.output
    back = cli.invoke(app, ["models", "rollback"])
    assert back.exit_code == 0 and current_version(models) == OLD
    assert cli.invoke(app, ["models", "rollback"]).exit_code == 2


def test_models_ensure_is_quick_when_everything_is_there(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_version(models, OLD, metrics())
    CliRunner().invoke(app, ["models", "promote", OLD])
    fake_export(models / OLD / "onnx")
    fake_base(models, metrics())
    monkeypatch.setattr(train_run, "train_model", lambda **_: pytest.fail("trained again"))
    result = CliRunner().invoke(app, ["models", "ensure"])
    assert result.exit_code == 0 and result.output == ""


def test_models_ensure_redoes_exports_made_by_an_older_recipe(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_version(models, OLD, metrics())
    CliRunner().invoke(app, ["models", "promote", OLD])
    fake_export(models / OLD / "onnx", recipe=EXPORT_RECIPE - 1)
    fake_base(models, metrics())
    assert export_complete(models / OLD / "onnx")  # still serves meanwhile
    redone: list[str] = []
    monkeypatch.setattr(
        train_ensure, "export_existing", lambda folder, _: redone.append(folder.name)
    )
    result = CliRunner().invoke(app, ["models", "ensure"])
    assert result.exit_code == 0, result.output
    assert redone == [OLD] and "Exporting" in result.output


def test_models_ensure_trains_and_promotes_the_first_model(
    models: Path, runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_base(models, metrics(top1_hits=355))
    result = CliRunner().invoke(app, ["models", "ensure"])
    assert result.exit_code == 0, result.output
    assert len(runs) == 1 and not runs[0]["config"].with_feedback
    assert "promoted" in result.output and "over base" in result.output
    assert current_version(models) == NEW


def test_the_first_model_must_not_be_worse_than_the_base_model(
    models: Path, runs: list[dict[str, Any]]
) -> None:
    fake_base(models, metrics(top1_hits=365))  # the fake run scores 360: five messages worse
    result = CliRunner().invoke(app, ["models", "ensure"])
    assert "not promoted" in result.output
    assert current_version(models) is None
    again = CliRunner().invoke(app, ["models", "ensure"])  # the base model serves; no retraining
    assert again.exit_code == 0 and len(runs) == 1
