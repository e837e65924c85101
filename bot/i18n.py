"""The bot's own sentences in the chat's language: the ``bot`` gettext domain.

Catalogues are ``bot/locale/<lang>/LC_MESSAGES/bot.po`` (the template
``bot/locale/bot.pot``), read like the matcher's (:mod:`matcher.i18n`). A
reply's language is the one the answer was written in (``Reply.lang``); the
bot's own messages (/start, /help, /country, ...) use :func:`ui_language`: the
chat's /language choice, else the person's Telegram language where the bot has
it in full, else English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matcher.i18n import SOURCE_LANGUAGE
from matcher.i18n import gettext_for as _matcher_gettext_for
from matcher.language import FULL_LANGUAGES, language_of_code

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "bot"
# FULL_LANGUAGES (matcher.language): a full catalogue in both domains (replies and
# the bot's own sentences) and a corpus; the languages a chat can choose.
__all__ = ["FULL_LANGUAGES", "full_language", "gettext_for", "reply_gettext_for", "ui_language"]
# Each language's name in that language (the /language buttons).
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def gettext_for(lang: str | None) -> Callable[[str], str]:
    """``_`` for the bot's sentences in ``lang`` (None or unknown: English)."""
    return _matcher_gettext_for(lang, domain=DOMAIN, locale_dir=LOCALE_DIR)


def reply_gettext_for(lang: str | None) -> Callable[[str], str]:
    """``_`` for the matcher's sentences (:mod:`matcher.wording`) in ``lang``."""
    return _matcher_gettext_for(lang)


def full_language(code: str | None) -> str | None:
    """The full language behind a language tag ("es-419", "es_MX", "ES" -> "es"), else None."""
    base = language_of_code(code)
    return base if base in FULL_LANGUAGES else None


def ui_language(chosen: str | None, language_code: str | None) -> str:
    """The language of the bot's own messages: the chat's choice (/language), else
    Telegram's ``language_code`` when it is a full language, else English."""
    return full_language(chosen) or full_language(language_code) or SOURCE_LANGUAGE
