"""The decision thresholds, calibrated per model on the dev set.

Scores from different models live on different scales (fine-tuning spreads
them), so thresholds belong to a model: a model folder's ``manifest.json`` may
carry a ``"thresholds"`` object (written by :func:`matcher.training.calibration.calibrate`);
otherwise the defaults below, calibrated for the base model, apply.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from matcher.models.registry import read_manifest


@dataclass(frozen=True)
class Thresholds:
    """Knobs of the decision; every one is justified in ``docs/benchmarks.md``.

    - ``k``, ``max_weight``: topic-score aggregation (:mod:`matcher.serving.scoring`).
    - ``oos_floor``: a best topic scoring below this is not a first-aid match.
    - ``oos_margin``: out of scope when the out-of-scope bank beats the best
      topic by more than this (may be negative: "nearly as close" suffices).
    - ``ambiguity``: top-two gap below which the answer is low-confidence.
    - ``sure``: a best score below this is low-confidence however large the gap.
    - ``red_flag_topics``: how many of the best topics have their red flags checked.
    - ``head_weight``: how much the topic classifier's probability adds to a
      topic's score (:mod:`matcher.serving.head`; 0: no classifier).
    - ``lexical_weight``: how much word overlap (BM25, :mod:`matcher.serving.lexical`,
      0 to 1 per message) adds to every topic's score and the bank's (0: none).
    """

    k: int = 5
    max_weight: float = 0.25
    oos_floor: float = 0.26
    oos_margin: float = -0.09
    ambiguity: float = 0.045
    sure: float = 0.26
    red_flag_topics: int = 1
    head_weight: float = 0.0
    lexical_weight: float = 0.1

    def to_dict(self) -> dict[str, float]:
        """Plain values for a manifest or a report."""
        return {k: float(v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Thresholds | None = None) -> Thresholds:
        """Known keys override ``base`` (the defaults); unknown keys (older manifests'
        ``escalate_margin``) are ignored."""
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {
            key: (int if types[key] in ("int", int) else float)(value)
            for key, value in data.items()
            if key in types
        }
        return replace(base or cls(), **values)


# Calibrated for the base all-MiniLM-L6-v2 on corpus/eval/dev.jsonl by
# ``python benchmarks/quality.py --calibrate`` (see docs/benchmarks.md).
BASE_THRESHOLDS = Thresholds()


def thresholds_for(model_dir: Path | None) -> Thresholds:
    """The model's calibrated thresholds from its manifest, else the base defaults."""
    if model_dir is None:
        return BASE_THRESHOLDS
    data = read_manifest(model_dir).get("thresholds")
    return Thresholds.from_dict(data) if isinstance(data, dict) else BASE_THRESHOLDS
