"""The Telegram adapter and composition root: wires matcher and storage together."""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version

# numpy's OpenBLAS starts a thread per core that busy-waits after every matrix
# product. Serving does one small product per batch (scoring), and on 2 cores
# that spinning thread takes CPU from the event loop and the encoder (see
# docs/benchmarks.md). Must be set before numpy is first imported; an explicit
# setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    __version__ = version("firstaid-bot")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0+local"
