"""Message clean-up before anything reads it: encoding repair, Unicode, commands, length.

Everything downstream (the encoder, the safety rules, the logs) sees the same
normalised text, so a message is judged on what the person wrote, not on how
their phone or a forwarding bot mangled it.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# The encoder reads at most 256 word pieces (all-MiniLM-L6-v2's max_seq_length);
# English runs ~1.3 pieces per word and ~5.5 characters per word, so ~1000
# characters already fill the window. Beyond that, words would be truncated away
# silently, always from the end, which is where a long story usually says what
# actually happened ("... and now he is not breathing"). Capping here lets us
# choose what survives: the opening (who, context) and, with a larger share,
# the ending (the problem).
MAX_CHARS = 900
# The safety rules read the whole message, up to Telegram's own 4096 characters.
SCAN_CHARS = 4096
HEAD_SHARE = 0.35
ELLIPSIS = " — "  # NFKC-stable, so normalising twice changes nothing

# "/start", "/help@FirstAidBot": a command only when it starts a word, so that
# "24/7", "and/or" and URLs survive.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z][A-Za-z0-9_]*(?:@[A-Za-z0-9_]+)?")
# "@FirstAidBot", "@someone" (Telegram usernames are 5-32 characters); the
# look-behind keeps e-mail addresses intact.
_MENTION = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{2,31}\b")
# "heeeelp!!!!!!" -> "heelp!!": three or more repeats of a letter or a mark add
# nothing for the model and split into odd word pieces. Digits are left alone.
_REPEATS = re.compile(r"([^\W\d_]|[!?.])\1{2,}")
_SPACE = re.compile(r"\s+")


def _strip_controls(text: str) -> str:
    # Control (Cc) and format (Cf) characters: zero-width spaces, BOMs, bidi
    # overrides. Newlines and tabs become spaces rather than gluing words.
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf"):
            out.append(ch)
    return "".join(out)


def cap_length(text: str, max_chars: int = MAX_CHARS) -> str:
    """Keep the head and (a larger) tail of an over-long text, cut at word boundaries."""
    if len(text) <= max_chars:
        return text
    budget = max_chars - len(ELLIPSIS)
    head_len = int(budget * HEAD_SHARE)
    head = text[:head_len]
    tail = text[len(text) - (budget - head_len) :]
    # Drop the partial words at the cut so the encoder never sees "breat".
    if " " in head:
        head = head[: head.rfind(" ")]
    if " " in tail:
        tail = tail[tail.find(" ") + 1 :]
    return head.rstrip() + ELLIPSIS + tail.lstrip()


def normalize(text: str, *, max_chars: int = MAX_CHARS) -> str:
    """Repair, clean and cap one message.

    ``ftfy`` repairs mojibake ("childâ€™s" -> "child’s", curly quote kept), NFKC
    folds full-width and compatibility characters, control characters go,
    bot commands and @mentions go (they are addressing, not content), runs of
    repeated letters shrink, whitespace collapses and the length is capped.
    """
    # One pass can expose new mojibake (ftfy) or new repeats; rare garbage needs a
    # second look. Repeating until nothing changes keeps normalize idempotent, so
    # stored normalised text matches what the matcher would compute again.
    for _ in range(MAX_PASSES):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return cap_length(text, max_chars)


MAX_PASSES = 4


def _clean_once(text: str) -> str:
    text = ftfy.fix_text(text, uncurl_quotes=False)
    text = unicodedata.normalize("NFKC", text)
    text = _strip_controls(text)
    text = _COMMAND.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)
    return _SPACE.sub(" ", text).strip()


_APOSTROPHES = re.compile(r"['’‘`´]")
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with apostrophes removed ("won't" -> "wont").

    Used by the lexical safety rules, where "isn't"/"isnt"/"isn’t" must be one word.
    """
    return _WORD.findall(_APOSTROPHES.sub("", text.lower()))
