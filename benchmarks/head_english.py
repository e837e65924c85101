"""The topic classifier (matcher/serving/head.py) for English: is it worth adding?

For each model and head weight, thresholds are recalibrated on the dev set
(``matcher.training.calibration``) and every figure is printed per set. The
result (docs/benchmarks.md, third round) decided against it: more top-1, less
emergency recall.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/head_english.py \
        [--models CURRENT,base] [--weights 0,0.05,0.1] [--sets dev,holdout,independent,sealed]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.bootstrap import build_matcher  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from matcher.corpus import dev_set_path, load_eval  # noqa: E402
from matcher.evaluation import evaluate  # noqa: E402
from matcher.serving.head import load_head  # noqa: E402
from matcher.training.calibration import calibrate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="CURRENT,base")
    parser.add_argument("--weights", default="0,0.05,0.1")
    parser.add_argument("--sets", default="dev,holdout,independent,sealed")
    args = parser.parse_args()
    dev = dev_set_path()
    sets = {n: load_eval(dev.with_name(f"{n}.jsonl")) for n in args.sets.split(",")}
    dev_items = load_eval(dev)
    with tempfile.TemporaryDirectory() as cache:
        for name in args.models.split(","):
            model = None if name == "CURRENT" else name
            matcher = build_matcher(get_settings().model_copy(update={"model": model}))
            matcher.head = load_head(matcher.index, Path(cache))
            for weight in (float(w) for w in args.weights.split(",")):
                weighted = matcher.with_thresholds(replace(matcher.thresholds, head_weight=weight))
                tuned = weighted.with_thresholds(calibrate(dev_items, weighted).thresholds)
                for set_name, items in sets.items():
                    r = evaluate(items, tuned, batched=True)
                    print(
                        f"{matcher.model_version} head {weight:g} {set_name}: top-1 {r.top1:.3f} "
                        f"top-3 {r.top3:.3f} harmful {r.harmful} emergency recall "
                        f"{r.emergency_recall:.3f} over-escalation {r.over_escalation:.3f} "
                        f"OOS {r.oos_recall:.3f} FR {r.false_rejection:.3f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
