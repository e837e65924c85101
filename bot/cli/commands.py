"""Imports every command module so that they register with the ``firstaid`` app."""

from __future__ import annotations

from bot.cli import storage_cmds  # noqa: F401
