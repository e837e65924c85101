"""Matching on messages nobody on the team tuned on: every figure, every evaluation set.

Prints Markdown tables for docs/benchmarks.md: the headline metrics per model
and set (dev is calibrated on; holdout was read for error analysis, ``holdout2``
replaces it blind; the
independent set was used for error analysis of the safety rules; ``fresh`` was
read once for missed emergencies; ``sealed`` is sealed; ``probe`` and
``probe2`` were written for error analysis of missed emergencies and read, ``probe3`` was
measured blind once and then read), then top-1 per writing
style on the styled sets.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/unseen.py [--models base,CURRENT] [--sets ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.bootstrap import build_matcher  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from matcher import evaluate  # noqa: E402
from matcher.corpus import dev_set_path, load_eval  # noqa: E402
from matcher.evaluation import EvalReport  # noqa: E402

SETS = (
    "dev",
    "holdout",
    "holdout2",
    "independent",
    "fresh",
    "sealed",
    "probe",
    "probe2",
    "probe3",
    "probe4",
)
STYLED = ("holdout2", "independent", "fresh", "sealed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--models", default="base,CURRENT", help="comma-separated; CURRENT: promoted"
    )
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    args = parser.parse_args()
    settings = get_settings()
    dev = dev_set_path()
    sets = {name: load_eval(dev.with_name(f"{name}.jsonl")) for name in args.sets.split(",")}
    reports: dict[tuple[str, str], EvalReport] = {}
    for name in args.models.split(","):
        model = None if name == "CURRENT" else name
        matcher = build_matcher(settings.model_copy(update={"model": model}))
        for set_name, items in sets.items():
            reports[(matcher.model_version, set_name)] = evaluate(items, matcher, batched=True)
    print(
        "| model | set | n | top-1 | top-3 | harmful | emergency recall | over-escalation "
        "| OOS recall | false rejection |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (version, set_name), r in reports.items():
        print(
            f"| {version} | {set_name} | {r.n} | {r.top1:.3f} | {r.top3:.3f} "
            f"| {r.harmful} ({r.harmful_rate:.1%}) | {r.emergency_recall:.3f} "
            f"| {r.over_escalation:.3f} | {r.oos_recall:.3f} | {r.false_rejection:.3f} |"
        )
    styles = sorted({s for (_, n), r in reports.items() if n in STYLED for s in r.top1_by_style})
    print("\nTop-1 by style (in scope):\n")
    print("| model | set | " + " | ".join(styles) + " |")
    print("|---|---|" + "---|" * len(styles))
    for (version, set_name), r in reports.items():
        if set_name in STYLED:
            cells = [f"{r.top1_by_style.get(s, float('nan')):.2f}" for s in styles]
            print(f"| {version} | {set_name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
