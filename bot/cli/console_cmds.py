"""``firstaid console`` (serve the moderators' web console) and ``firstaid console add-user``.

The web stack is imported inside the commands so ``firstaid --help`` stays quick.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.cli.output import console
from bot.settings import ConfigError, get_settings, resolve_hash_secret

# Added to the ``firstaid`` app as ``console`` by bot/cli/app.py.
console_app = typer.Typer(
    help="The moderators' web console (serves it when run without a subcommand).",
    invoke_without_command=True,
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


@console_app.callback()
def serve(ctx: typer.Context) -> None:
    """Serve the console on CONSOLE_HOST:CONSOLE_PORT (127.0.0.1:8080 by default)."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.console.server import serve as serve_console

    settings = get_settings()
    if not settings.moderator_ids:
        raise _fail("MODERATOR_IDS is empty: nobody could sign in to the console")
    try:
        asyncio.run(serve_console(settings))
    except ConfigError as exc:
        raise _fail(str(exc)) from exc
    except KeyboardInterrupt:
        pass


@console_app.command("add-user")
def add_user(
    name: Annotated[str, typer.Argument(help="The account's name (lower case).")],
    moderator_id: Annotated[
        int, typer.Option(help="The moderator's Telegram user id (one of MODERATOR_IDS).")
    ],
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for."),
    ],
) -> None:
    """Create (or reset) a password account for a moderator listed in MODERATOR_IDS."""
    from bot.console.accounts import Accounts
    from storage.privacy import IdHasher

    settings = get_settings()
    if moderator_id not in settings.moderator_ids:
        raise _fail("that id is not in MODERATOR_IDS")
    try:
        hasher = IdHasher(resolve_hash_secret(settings))
        Accounts(settings.data_dir).add(name, password, hasher.hash(moderator_id))
    except (ConfigError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    console.print(f"account {name} saved; it signs in as that moderator")


@console_app.command("remove-user")
def remove_user(name: Annotated[str, typer.Argument(help="The account's name.")]) -> None:
    """Delete a password account; its open sessions end on their next request."""
    from bot.console.accounts import Accounts

    if not Accounts(get_settings().data_dir).remove(name):
        raise _fail(f"no account {name!r}")
    console.print(f"account {name} removed")
