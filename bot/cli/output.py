"""Where the command line prints tables and reports (one rich console for every command)."""

from __future__ import annotations

from rich.console import Console

console = Console()
