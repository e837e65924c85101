"""The Telegram adapter and composition root: wires matcher and storage together."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("firstaid-bot")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0+local"
