"""Dependency vulnerability audit for `make audit` (and the last step of `make test`).

Runs pip-audit against the PyPI advisory database and prints a short verdict:
how many installed packages were checked, which have known vulnerabilities,
and whether a fixed version exists. It reports and exits 0, so an advisory
with no fix yet, or no network to the advisory database, never fails the
build; with AUDIT_STRICT=1 it exits 1 when a vulnerable package has a fix.
See docs/reliability.md ("Dependency audit").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
TIMEOUT_S = 300
# Advisories we have judged not to affect us; keep each with a reason and a date.
IGNORED: dict[str, str] = {}


def say(line: str) -> None:
    """One line of the report on stdout (a script, not a package: no logging set up)."""
    sys.stdout.write(line + "\n")


def run_pip_audit() -> tuple[dict[str, object] | None, str]:
    """pip-audit's JSON report, or None and the reason it could not run."""
    command = [str(PIP_AUDIT), "--progress-spinner", "off", "--skip-editable", "--format", "json"]
    for vuln_id in IGNORED:
        command += ["--ignore-vuln", vuln_id]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"pip-audit did not run ({exc})"
    try:
        report: dict[str, object] = json.loads(done.stdout)
    except ValueError:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        return None, lines[-1] if lines else f"pip-audit exited {done.returncode}"
    return report, ""


def main() -> int:
    report, why = run_pip_audit()
    if report is None:
        say(f"audit: SKIPPED - {why} (no network to the advisory database?)")
        return 0
    deps = report.get("dependencies", [])
    assert isinstance(deps, list)
    checked = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in checked if d.get("vulns")]
    if not checked:
        say(
            f"audit: NOT CHECKED - none of {len(deps)} packages could be looked up "
            "(the PyPI advisory API is unreachable from here)"
        )
        return 0
    fixable = 0
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix released yet"
            fixable += bool(vuln.get("fix_versions"))
            say(f"audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
    skipped = len(deps) - len(checked)
    verdict = "no known vulnerabilities" if not vulnerable else f"{len(vulnerable)} vulnerable"
    say(f"audit: {len(checked)} packages checked, {skipped} not on PyPI/skipped: {verdict}")
    if fixable and os.environ.get("AUDIT_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
