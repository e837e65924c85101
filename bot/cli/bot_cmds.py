"""``firstaid run``, ``firstaid chat`` and ``firstaid health``.

Telegram and the model are imported inside the commands, so ``firstaid
--help`` stays fast.
"""

from __future__ import annotations

import asyncio
import sys

import typer

from bot import health as heartbeat
from bot.settings import ConfigError, Settings, get_settings

# Added to the ``firstaid`` app by bot/cli/app.py.
commands = typer.Typer()


def _read(prompt: str) -> str | None:
    """One line from stdin (None at end of input); the prompt goes to stdout."""
    typer.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        typer.echo()
        return None
    return line.rstrip("\n")


def _interactive() -> bool:
    """True when a person is at the terminal (not a pipe, a service manager or CI)."""
    return sys.stdin.isatty()


def _chat(settings: Settings) -> None:
    from bot.bootstrap import close_services, open_services
    from bot.cli.chat import TerminalChat

    with asyncio.Runner() as runner:
        services = runner.run(open_services(settings, speedups=False))
        try:
            TerminalChat(services, runner, read=_read, write=typer.echo).loop()
        finally:
            runner.run(close_services(services))


@commands.command()
def run() -> None:
    """Start the Telegram bot (polling; a webhook when RUN_MODE=webhook).

    Without TELEGRAM_BOT_TOKEN it explains how to get one and, in a terminal,
    opens the terminal chat instead.
    """
    settings = get_settings()
    token = settings.telegram_bot_token
    try:
        if token is None or not token.get_secret_value():
            from bot import ui_text as w

            typer.echo(w.NO_TOKEN)
            if _interactive():
                typer.echo()
                _chat(settings)
            return
        from bot.telegram.runner import run as run_bot

        run_bot(settings)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@commands.command()
def chat() -> None:
    """Talk to the bot in the terminal: same answers and logging, numbered choices for buttons."""
    try:
        _chat(get_settings())
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@commands.command()
def health() -> None:
    """Exit 0 if the running bot's heartbeat is fresh (under 90 s old) and updates wait
    no longer than HEALTH_MAX_WAIT_S to be handled, 1 otherwise."""
    settings = get_settings()
    data_dir = settings.data_dir
    age = heartbeat.age(data_dir)
    waited = heartbeat.wait(data_dir)
    if age is not None and age <= heartbeat.STALE_AFTER_S:
        if waited > settings.health_max_wait_s:
            typer.echo(
                f"unhealthy: updates wait {waited:.0f} s to be handled "
                f"(over HEALTH_MAX_WAIT_S={settings.health_max_wait_s:.0f})",
                err=True,
            )
            raise typer.Exit(1)
        typer.echo(f"healthy: heartbeat {age:.0f} s ago")
        return
    shown = "missing" if age is None else f"{age:.0f} s old"
    typer.echo(f"unhealthy: heartbeat {shown} ({heartbeat.heartbeat_path(data_dir)})", err=True)
    raise typer.Exit(1)
