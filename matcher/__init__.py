"""Message to first-aid topic: normalisation, encoding, scoring, safety, replies, evaluation.

Public API:

- :func:`load_matcher` builds a :class:`Matcher` (model, cached index, safety rules);
  ``Matcher.match(text) -> Match`` and ``Matcher.match_batch(texts)``.
- :func:`answer` turns one message into an :class:`Answer` (match plus reply chunks).
- :func:`compose` / :func:`compose_topic` build replies; all wording is in :mod:`matcher.wording`.
- :func:`evaluate` scores a matcher on an evaluation set (:class:`EvalReport`).
- :class:`Encoder` is the encoder interface; :func:`normalize` the text clean-up.

Importing this package never imports torch: only ``SentenceTransformerEncoder`` does.
"""

from __future__ import annotations

from matcher.answer import Answer, answer, answer_batch
from matcher.compose import compose, compose_topic
from matcher.encoders.base import Encoder
from matcher.evaluation import EvalReport, evaluate
from matcher.serving.decide import Match
from matcher.serving.matcher import Matcher, load_matcher
from matcher.serving.normalize import normalize
from matcher.serving.thresholds import Thresholds

__all__ = [
    "Answer",
    "Encoder",
    "EvalReport",
    "Match",
    "Matcher",
    "Thresholds",
    "answer",
    "answer_batch",
    "compose",
    "compose_topic",
    "evaluate",
    "load_matcher",
    "normalize",
]
