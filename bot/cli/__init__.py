"""The ``firstaid`` command line. Each feature registers its commands from its own module."""

from __future__ import annotations

from bot.cli.app import app, main

__all__ = ["app", "main"]
