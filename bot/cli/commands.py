"""Imports every command module so that they register with the ``firstaid`` app."""

from __future__ import annotations

import bot.cli.bot_cmds  # noqa: F401
import bot.cli.matcher_cmds  # noqa: F401
import bot.cli.train_cmds  # noqa: F401
from bot.cli import storage_cmds  # noqa: F401
