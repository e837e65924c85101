"""The typer application and the commands every other one builds on.

Heavy imports (models, databases, Telegram) stay inside the commands so that
``firstaid --help`` and ``firstaid ask`` start quickly.
"""

from __future__ import annotations

import typer
from rich.table import Table

from bot import __version__
from bot.cli import bot_cmds, console_cmds, matcher_cmds, storage_cmds, train_cmds
from bot.cli.output import console
from bot.settings import get_settings

app = typer.Typer(
    name="firstaid",
    help="firstaid-bot: first-aid instructions for frightened messages.",
    no_args_is_help=True,
    add_completion=False,
)


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


# Every command, registered here and nowhere else.
app.add_typer(bot_cmds.commands)
app.add_typer(matcher_cmds.commands)
app.add_typer(storage_cmds.commands)
app.add_typer(storage_cmds.db_app, name="db")
app.add_typer(train_cmds.commands)
app.add_typer(train_cmds.models_app, name="models")
app.add_typer(console_cmds.console_app, name="console")


def main() -> None:
    app()
