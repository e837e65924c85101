"""Builders for the JSON objects Telegram sends, and its checks on what bots send.

Entity offsets are in UTF-16 code units, as Telegram counts them; the HTML
check follows the Bot API's "HTML style" rules (the supported tags, the four
named entities, proper nesting) so a reply the real API would refuse fails
here too.
"""

from __future__ import annotations

import html
import re
import time
from html.parser import HTMLParser
from typing import Any

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{5,32})?")
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")


class BadRequest(ValueError):
    """A 400 the real API would answer; the message is Telegram's description."""


class ConflictError(Exception):
    """A 409, e.g. getUpdates while a webhook is set."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def user(user_id: int, *, is_bot: bool = False, first_name: str | None = None) -> dict[str, Any]:
    return {
        "id": user_id,
        "is_bot": is_bot,
        "first_name": first_name or f"User{user_id}",
        "language_code": "en",
    }


def chat(chat_id: int, chat_type: str = "private") -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    return {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}


def entities_for(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` and ``mention`` entities Telegram would attach to ``text``."""
    found: list[dict[str, Any]] = []
    if m := COMMAND.match(text):
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group())})
    for m in MENTION.finditer(text):
        offset = utf16_len(text[: m.start()])
        found.append({"type": "mention", "offset": offset, "length": utf16_len(m.group())})
    return found


def media(kind: str, n: int) -> dict[str, Any]:
    """The message fields for a non-text message of ``kind``."""
    file: dict[str, Any] = {"file_id": f"{kind}-{n}", "file_unique_id": f"u{kind}{n}"}
    kinds: dict[str, dict[str, Any]] = {
        "sticker": {
            "sticker": {
                **file, "type": "regular", "width": 512, "height": 512,
                "is_animated": False, "is_video": False, "emoji": "\U0001f642",
            }
        },
        "photo": {"photo": [{**file, "width": 90, "height": 90}]},
        "voice": {"voice": {**file, "duration": 3}},
        "document": {"document": {**file, "file_name": "notes.pdf"}},
        "location": {"location": {"latitude": 51.5, "longitude": -0.12}},
    }  # fmt: skip
    return kinds[kind]


def now() -> int:
    return int(time.time())


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise BadRequest("Bad Request: can't parse entities: a tag without href")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise BadRequest(
                f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"'
                if not self.stack
                else f"Bad Request: can't parse entities: Can't find end tag corresponding "
                f'to start tag "{self.stack[-1]}"'
            )
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for ch in "<>&":
            if ch in data:
                raise BadRequest(
                    f"Bad Request: can't parse entities: unescaped {ch!r} in text; "
                    "use &lt; &gt; &amp;"
                )
        self.plain.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported entity "&{name};"')
        self.plain.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.plain.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        raise BadRequest("Bad Request: can't parse entities: comments are not supported")


def plain_text(text: str, parse_mode: str | None) -> str:
    """The text a user would see; raises ``BadRequest`` like the API for bad markup."""
    if parse_mode is None:
        return text
    if parse_mode.upper() != "HTML":
        raise BadRequest(f"Bad Request: unsupported parse_mode {parse_mode!r} in this fake")
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.rawdata:
        raise BadRequest("Bad Request: can't parse entities: unfinished tag")
    if parser.stack:
        raise BadRequest(
            "Bad Request: can't parse entities: Can't find end tag corresponding to start "
            f'tag "{parser.stack[-1]}"'
        )
    return "".join(parser.plain)


def check_text(text: Any, parse_mode: str | None, *, limit: int = MAX_TEXT) -> str:
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("Bad Request: message text is empty")
    plain = plain_text(text, parse_mode)
    if not plain.strip():
        raise BadRequest("Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        raise BadRequest("Bad Request: message is too long")
    return plain


def check_markup(markup: Any) -> None:
    """Inline keyboards: every button has text and one action; callback data <= 64 bytes.

    Reply keyboards: rows of buttons with text; ``{"remove_keyboard": true}`` removes one.
    """
    if markup is None:
        return
    if isinstance(markup, dict) and markup.get("remove_keyboard") is True:
        return
    if isinstance(markup, dict) and "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"])
        return
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")


def _check_reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not rows:
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else button.get("text")
            if not text:
                raise BadRequest("Bad Request: keyboard button text is empty")
