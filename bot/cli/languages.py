"""``--lang`` and answering messages in their languages, for ``firstaid ask`` and ``match``.

Nothing here imports the matcher at import time, so ``firstaid --help`` stays quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from matcher import Answer
    from matcher.polyglot import Polyglot

ALL_STEPS_RULE = "──── All steps ────"


def _check_lang(value: str | None) -> str | None:
    from matcher.language import KNOWN_LANGUAGES

    if value is None:
        return None
    code = value.strip().lower()
    if code not in KNOWN_LANGUAGES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(KNOWN_LANGUAGES)}")
    return code


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Take every message to be in this language: en or es (answered in full), "
        "or another known code (fr, de, ru...: the short answer). Default: detect it.",
        callback=_check_lang,
    ),
]


def answers_in(
    poly: Polyglot, texts: Sequence[str], country: str | None, langs: Sequence[str]
) -> list[Answer]:
    """Plain-text answers, each language's messages matched together, in input order."""
    return poly.answer_batch(texts, country=country, langs=langs, formats=("text",))


def all_steps_rule(lang: str) -> str:
    """The line between the first message and every step, in ``lang`` (English otherwise)."""
    if lang == "en":
        return ALL_STEPS_RULE
    from bot import ui_text as w
    from bot.i18n import gettext_for

    return f"──── {gettext_for(lang)(w.BUTTON_ALL_STEPS)} ────"
