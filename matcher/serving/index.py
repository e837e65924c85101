"""The search index: every topic's examples, title and summary, plus the out-of-scope bank.

Encoding ~2,000 entries takes tens of seconds on a small CPU, so the vectors
are cached on disk, keyed by the encoder (model and runtime), the model
version, the corpus content hash and the exact entry texts: any change to any
of them gives a new file, and a stale cache can never be read.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.corpus import Corpus
from matcher.encoders.base import Encoder, Vectors, as_unit_rows
from matcher.serving.normalize import normalize
from matcher.serving.scoring import IntArray

# Bump when the choice of entries or their preparation changes.
INDEX_FORMAT = "1"


@dataclass(frozen=True)
class Index:
    """Entry vectors with their topic labels; ``oos`` holds the out-of-scope bank.
    ``texts`` are the normalised texts of the entries and then the bank, in the same
    order (the word overlap of :mod:`matcher.serving.lexical` reads them)."""

    topic_ids: tuple[str, ...]
    entry_topic: IntArray
    entries: Vectors
    oos: Vectors
    key: str
    texts: tuple[str, ...] = ()


def index_texts(corpus: Corpus) -> tuple[list[str], list[int], list[str]]:
    """(topic entry texts, their topic positions, out-of-scope texts), normalised like messages.

    Titles and summaries join the examples because terse messages ("nosebleed",
    "heatstroke?") often match a title best; steps are left out since their
    imperative instructions ("press firmly") match messages across topics.
    """
    texts: list[str] = []
    labels: list[int] = []
    for pos, topic in enumerate(corpus.topics):
        for text in [topic.title, topic.summary, *topic.examples]:
            texts.append(normalize(text))
            labels.append(pos)
    return texts, labels, [normalize(t) for t in corpus.oos_examples()]


def cache_key(encoder_name: str, model_version: str, corpus: Corpus, texts: list[str]) -> str:
    """A short digest naming the cache file; any input change gives a new key."""
    digest = hashlib.sha256()
    for part in [INDEX_FORMAT, encoder_name, model_version, corpus.content_hash, *texts]:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def save_atomic(path: Path, array: Vectors) -> None:
    # Write beside the target, then rename: readers never see half a file,
    # and two processes building at once both end with a complete one.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, array)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load(path: Path, rows: int) -> Vectors | None:
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None  # unreadable or truncated: rebuild
    if array.ndim != 2 or array.shape[0] != rows or array.dtype != np.float32:
        return None
    return np.asarray(array, dtype=np.float32)


def build_index(
    corpus: Corpus, encoder: Encoder, *, cache_dir: Path | None, model_version: str
) -> Index:
    """Load the index from ``cache_dir`` or encode it (one batch call) and cache it."""
    texts, labels, oos_texts = index_texts(corpus)
    everything = texts + oos_texts
    key = cache_key(encoder.name, model_version, corpus, everything)
    path = cache_dir / f"index-{key}.npy" if cache_dir is not None else None
    vectors = _load(path, len(everything)) if path is not None and path.exists() else None
    if vectors is None:
        vectors = as_unit_rows(encoder.encode(everything))
        if path is not None:
            save_atomic(path, vectors)
    return Index(
        topic_ids=tuple(t.id for t in corpus.topics),
        entry_topic=np.asarray(labels, dtype=np.int64),
        entries=vectors[: len(texts)],
        oos=vectors[len(texts) :],
        key=key,
        texts=tuple(everything),
    )
