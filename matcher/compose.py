"""Turn a :class:`Match` into the reply a person reads, as plain text or Telegram HTML.

Order: emergency (or crisis) line first, then the title and numbered steps,
audience variants, what not to do, when to get help, sources, and always the
disclaimer. Telegram HTML allows only ``<b>``, ``<i>`` and ``<a>`` here; every
corpus or user value is escaped. Replies are cut into chunks of at most 4096
UTF-16 code units (Telegram's message limit) at block boundaries, so a tag is
never split between two messages.

Every sentence the composer adds is translated for ``lang`` (the reply's
language, :mod:`matcher.i18n`); the topic's own text comes from the corpus of
that language.
"""

from __future__ import annotations

import html
import re
from typing import Literal

import matcher.wording as w
from matcher.corpus import FALLBACK_CONTACT, Contact, Corpus, Topic
from matcher.i18n import gettext_for
from matcher.serving.decide import Match

Fmt = Literal["text", "html"]
MESSAGE_LIMIT = 4096
POISON_TOPICS = frozenset({"poisoning", "overdose", "carbon-monoxide"})
# An out-of-scope reply suggests the nearest topics only when they are near:
# for "hello" the nearest topics (splinter, fainting) are noise. On the dev set,
# rejected messages scoring above this are health-adjacent ("rash for months").
SUGGEST_MIN_SCORE = 0.45

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>')
_TAG = re.compile(r"</?(?:b|i|a)(?: [^>]*)?>")


def render(template: str, fmt: Fmt, **values: object) -> str:
    """Fill ``template`` with escaped values; for text, drop the tags and unescape."""
    out = template.format(**{k: html.escape(str(v), quote=True) for k, v in values.items()})
    if fmt == "html":
        return out
    out = _LINK.sub(r"\2 \1", out)
    return html.unescape(_TAG.sub("", out))


def esc(text: str, fmt: Fmt) -> str:
    return html.escape(text, quote=False) if fmt == "html" else text


def _numbered(items: list[str], fmt: Fmt) -> list[str]:
    return [f"{n}. {esc(item, fmt)}" for n, item in enumerate(items, 1)]


def _bullets(items: list[str], fmt: Fmt) -> list[str]:
    return [w.BULLET + esc(item, fmt) for item in items]


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def emergency_number(contact: Contact) -> str:
    """The number to call first."""
    return contact.emergency[0]


def country_known(contact: Contact) -> bool:
    """False for the fallback: the call line then names the common numbers."""
    return contact.country != FALLBACK_CONTACT.country


def emergency_lines(
    contact: Contact,
    topic_id: str | None,
    fmt: Fmt,
    *,
    when: str | None = None,
    lang: str = "en",
) -> str:
    """The emergency line, with the ambulance and poison numbers where they differ.

    Without a known country a confident "112" would be wrong for North America
    and Australia, so the line names the common numbers instead. ``when`` is a
    topic's own call line (when to call, with ``{number}``).
    """
    _ = gettext_for(lang)
    number = emergency_number(contact)
    known = country_known(contact)
    if when:
        line = when.replace("{number}", number if known else _(w.NUMBER_UNKNOWN))
        lines = [render(w.TOPIC_CALL_LINE, fmt, line=line)]
        if not known:
            lines.append(render(_(w.NUMBERS_LINE), fmt, numbers=_(w.COMMON_NUMBERS)))
            return "\n".join(lines)
    elif not known:
        return render(_(w.EMERGENCY_LINE_UNKNOWN), fmt, numbers=_(w.COMMON_NUMBERS))
    else:
        lines = [render(_(w.EMERGENCY_LINE), fmt, number=number)]
    if contact.ambulance and contact.ambulance not in contact.emergency:
        lines.append(render(_(w.AMBULANCE_NOTE), fmt, number=contact.ambulance))
    if topic_id in POISON_TOPICS and contact.poison:
        lines.append(render(_(w.POISON_LINE), fmt, number=contact.poison))
    return "\n".join(lines)


def crisis_line(contact: Contact, fmt: Fmt, lang: str = "en") -> str:
    """Crisis support first: the helpline where known, the emergency number always."""
    _ = gettext_for(lang)
    number = emergency_number(contact)
    if contact.crisis:
        name = contact.crisis_name or _(w.CRISIS_HELPLINE_NAME)
        return render(
            _(w.CRISIS_LINE_WITH_HELPLINE), fmt, name=name, crisis=contact.crisis, number=number
        )
    return render(_(w.CRISIS_LINE), fmt, number=number)


def topic_blocks(topic: Topic, fmt: Fmt, lang: str = "en") -> list[str]:
    """Title with steps, variants, do-not, get-help and sources, one block each."""
    _ = gettext_for(lang)
    title = f"<b>{esc(topic.title, fmt)}</b>" if fmt == "html" else topic.title
    blocks = ["\n".join([title, *_numbered(topic.steps, fmt)])]
    for variant in topic.variants:
        heading = render(w.VARIANT_HEADING, fmt, audience=variant.audience)
        blocks.append("\n".join([heading, *_numbered(variant.steps, fmt)]))
    if topic.do_not:
        heading = render(_(w.DO_NOT_HEADING), fmt)
        blocks.append("\n".join([heading, *_bullets(topic.do_not, fmt)]))
    get_help = render(_(w.GET_HELP_HEADING), fmt)
    blocks.append("\n".join([get_help, *_bullets(topic.get_help, fmt)]))
    sources = [
        render(w.SOURCE_ITEM, fmt, url=s.url, org=s.org, title=s.title, year=s.year)
        for s in topic.sources
    ]
    heading = _(w.SOURCE_HEADING) if len(sources) == 1 else _(w.SOURCES_HEADING)
    blocks.append("\n".join([heading, *sources]))
    return blocks


def _titles(corpus: Corpus, ids: list[str], lang: str) -> str:
    names = [corpus.by_id[i].title for i in ids if i in corpus.by_id]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + gettext_for(lang)(w.OR) + names[-1]


def disclaimer(contact: Contact, fmt: Fmt, lang: str = "en") -> str:
    """The full reply's last line, with the chat's number (or "your emergency number")."""
    _ = gettext_for(lang)
    number = emergency_number(contact) if country_known(contact) else _(w.NUMBER_UNKNOWN)
    return render(_(w.DISCLAIMER), fmt, number=number)


def compose_topic(
    topic_id: str,
    *,
    corpus: Corpus,
    country: str | None,
    fmt: Fmt,
    emergency: bool | None = None,
    lang: str = "en",
) -> list[str]:
    """A topic's full reply (e.g. picked from a list); emergency defaults to level ``call``.

    ``corpus`` is the corpus of ``lang``."""
    topic = corpus.topic(topic_id)
    contact = corpus.contact(country)
    urgent = topic.level == "call" if emergency is None else emergency
    when = topic.call_line
    head = [emergency_lines(contact, topic_id, fmt, when=when, lang=lang)] if urgent else []
    body = topic_blocks(topic, fmt, lang)
    return chunk([*head, *body, disclaimer(contact, fmt, lang)])


def compose(
    match: Match, *, corpus: Corpus, country: str | None, fmt: Fmt, lang: str = "en"
) -> list[str]:
    """The reply for a match, as message chunks of at most 4096 characters."""
    contact = corpus.contact(country)
    blocks: list[str] = []
    if match.crisis:
        blocks.append(crisis_line(contact, fmt, lang))
    elif match.emergency:
        when = corpus.by_id[match.topic].call_line if match.topic else None
        blocks.append(emergency_lines(contact, match.topic, fmt, when=when, lang=lang))
    if match.topic is None:
        blocks += _out_of_scope(match, corpus, contact, fmt, lang)
    else:
        doubt = _did_you_mean(match, corpus, contact, fmt, lang) if match.low_confidence else None
        # In an emergency the steps come first; the doubt waits until after them.
        if doubt and not match.emergency:
            blocks.append(doubt)
        blocks += topic_blocks(corpus.by_id[match.topic], fmt, lang)
        if doubt and match.emergency:
            blocks.append(doubt)
    blocks.append(disclaimer(contact, fmt, lang))
    return chunk(blocks)


def _did_you_mean(
    match: Match, corpus: Corpus, contact: Contact, fmt: Fmt, lang: str
) -> str | None:
    if match.crisis or match.topic is None:
        return None
    _ = gettext_for(lang)
    lines = [render(_(w.LOW_CONFIDENCE), fmt, title=corpus.by_id[match.topic].title)]
    others = [t for t in match.ranked if t != match.topic][:2]
    if others:
        lines.append(render(_(w.DID_YOU_MEAN), fmt, titles=_titles(corpus, others, lang)))
    if not match.emergency:
        # Unsure is not evidence of danger: a calm line, not the alarm.
        lines.append(render(_(w.UNSURE_DANGER), fmt, number=emergency_number(contact)))
    return "\n".join(lines)


def _out_of_scope(match: Match, corpus: Corpus, contact: Contact, fmt: Fmt, lang: str) -> list[str]:
    _ = gettext_for(lang)
    lines = [render(_(w.OUT_OF_SCOPE), fmt)]
    closest = match.ranked[:3] if match.score >= SUGGEST_MIN_SCORE else []
    if closest:
        titles = _titles(corpus, closest, lang)
        lines.append(render(_(w.OUT_OF_SCOPE_CLOSEST), fmt, titles=titles))
    lines.append(render(_(w.OUT_OF_SCOPE_HOW), fmt))
    if not match.emergency:
        number = emergency_number(contact)
        lines.append(render(_(w.OUT_OF_SCOPE_DANGER), fmt, number=number))
    return ["\n".join(lines)]


def chunk(blocks: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pack blocks (joined by blank lines) into messages of at most ``limit`` UTF-16 units."""
    pieces: list[str] = []
    for block in blocks:
        pieces += _split_block(block, limit)
    chunks: list[str] = []
    for piece in pieces:
        if chunks and utf16_len(chunks[-1]) + 2 + utf16_len(piece) <= limit:
            chunks[-1] += "\n\n" + piece
        else:
            chunks.append(piece)
    return chunks


def _split_block(block: str, limit: int) -> list[str]:
    # Lines are self-contained (each closes its own tags), so cutting between
    # lines is safe. A single over-long line loses its tags and is cut by words.
    if utf16_len(block) <= limit:
        return [block]
    out: list[str] = []
    for line in block.split("\n"):
        if utf16_len(line) > limit:
            out += _hard_split(_TAG.sub("", line), limit)
        elif out and utf16_len(out[-1]) + 1 + utf16_len(line) <= limit:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _hard_split(text: str, limit: int) -> list[str]:
    out = [""]
    for word in text.split(" "):
        while utf16_len(word) > limit:  # one enormous "word": cut it by characters
            out.append(word[: limit // 2])
            word = word[limit // 2 :]
        sep = " " if out[-1] else ""
        if utf16_len(out[-1]) + len(sep) + utf16_len(word) <= limit:
            out[-1] += sep + word
        else:
            out.append(word)
    return [piece for piece in out if piece]
