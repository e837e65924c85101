"""The typer application and the commands every other one builds on.

Heavy imports (models, databases, Telegram) stay inside the commands so that
``firstaid --help`` and ``firstaid ask`` start quickly.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot import __version__
from bot.settings import get_settings

app = typer.Typer(
    name="firstaid",
    help="firstaid-bot: first-aid instructions for frightened messages.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


@app.command()
def version() -> None:
    """Print the firstaid-bot version."""
    console.print(f"firstaid-bot {__version__}")


@app.command()
def config() -> None:
    """Show the effective settings (environment and .env), secrets masked."""
    table = Table("setting", "value")
    for name, value in get_settings().masked().items():
        table.add_row(name, value)
    console.print(table)


def _register_commands() -> None:
    # Imported for their side effect: each module adds its commands to ``app``.
    from bot.cli import commands  # noqa: F401


def main() -> None:
    _register_commands()
    app()
