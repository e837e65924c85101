"""Translations: one gettext catalogue (a PO file, read with Babel) per language.

Sentences are written in English in the code, marked with :func:`N_` where
they are defined (``pybabel extract -k N_`` finds them), and translated where
they are used: ``gettext_for(lang)(wording.DISCLAIMER)``. Catalogues live in
``matcher/locale/<lang>/LC_MESSAGES/firstaid.po``; a missing catalogue or
message falls back to English. PO files are read directly (no compiled MO
files in the repository or the wheel): a few hundred messages, parsed once.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "firstaid"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks ``message`` for extraction; translation happens where it is used."""
    return message


def catalogue_path(lang: str, *, domain: str = DOMAIN, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def available_languages(*, domain: str = DOMAIN, locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """English plus every language with a catalogue, sorted."""
    found = {p.parent.parent.name for p in locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


@cache
def translations(
    lang: str, *, domain: str = DOMAIN, locale_dir: Path = LOCALE_DIR
) -> gettext.NullTranslations:
    """The language's catalogue (English, or no catalogue: the messages as written).

    Other packages keep their own domain and folder (the bot's sentences are in
    ``bot/locale``, domain ``bot``) and read them through this function.
    """
    path = catalogue_path(lang, domain=domain, locale_dir=locale_dir)
    if lang == SOURCE_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(
    lang: str | None, *, domain: str = DOMAIN, locale_dir: Path = LOCALE_DIR
) -> Callable[[str], str]:
    """``_`` for ``lang`` (None: English)."""
    return translations(lang or SOURCE_LANGUAGE, domain=domain, locale_dir=locale_dir).gettext
