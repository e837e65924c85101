"""The first message a frightened person reads, and the views one tap away from it.

The first message is the call line (with the chat's number, or the common
numbers while no country is known; for a call-level topic the match found not
to be an emergency, a calm "if anyone is in danger" line instead), the topic's
title, the two to four actions that matter most now for the person the message
is about, and a one-line disclaimer: at most :data:`CALL_LIMIT` characters for
emergencies, :data:`OTHER_LIMIT` for the others. The rest of the topic (each step, what not
to do, when to get help, sources) is shown by :func:`step_view` and
:func:`section_view`; the full reply stays :func:`matcher.compose.compose`.
Sentences are translated for ``lang``; the topic comes from that language's corpus.
"""

from __future__ import annotations

from typing import Literal

import matcher.wording as w
from matcher.compose import (
    POISON_TOPICS,
    Fmt,
    country_known,
    crisis_line,
    emergency_number,
    esc,
    render,
    topic_blocks,
    utf16_len,
)
from matcher.corpus import Audience, Contact, Corpus, First, Topic
from matcher.i18n import gettext_for
from matcher.serving.decide import Match

CALL_LIMIT = 600
OTHER_LIMIT = 900
MAX_FIRST_STEPS = 4
Section = Literal["do_not", "get_help", "sources"]
# Variant headings in the corpus name their audience in words (English, Spanish).
_VARIANT_WORDS: dict[Audience, tuple[str, ...]] = {
    "baby": ("bab", "infant", "bebé", "bebe", "lactante"),
    "child": ("child", "niño", "niña", "nino", "nina"),
    "pregnant": ("pregnan", "embaraz"),
    "older": ("older", "elderly", "mayor", "ancian"),
    "adult": (),
}
ALL_AUDIENCES: tuple[Audience, ...] = ("adult", "child", "baby", "pregnant", "older")
# Their variants add to the adult steps (lie on the left side, chest thrusts) rather
# than replace them as a child's or a baby's do.
ADDED_TO_ADULT: frozenset[Audience] = frozenset({"pregnant", "older"})


def limit_for(urgent: bool) -> int:
    return CALL_LIMIT if urgent else OTHER_LIMIT


def _pick_first(topic: Topic, audience: Audience, country: str) -> First | None:
    """The block for this audience: local first, then general; None when none is written."""
    for block in topic.first:
        if block.audience == audience and country in block.countries:
            return block
    for block in topic.first:
        if block.audience == audience and not block.countries:
            return block
    return None


def _variant_steps(topic: Topic, audience: Audience) -> list[str] | None:
    words = _VARIANT_WORDS[audience]
    for variant in topic.variants:
        if any(word in variant.audience.lower() for word in words):
            return variant.steps
    return None


def audience_steps(topic: Topic, audience: Audience) -> list[str]:
    """Every step for ``audience``: its variant where the topic has one (after the main
    steps for a pregnant or older person), else the main steps."""
    own = _variant_steps(topic, audience)
    if own is None:
        return topic.steps
    return [*topic.steps, *own] if audience in ADDED_TO_ADULT else own


def has_own_steps(topic: Topic, audience: Audience) -> bool:
    """Whether first aid for ``audience`` is written separately for this topic."""
    if any(b.audience == audience for b in topic.first):
        return True
    return audience_steps(topic, audience) is not topic.steps


def _fill(step: str, contact: Contact, lang: str) -> str:
    known = country_known(contact)
    number = emergency_number(contact) if known else gettext_for(lang)(w.NUMBER_UNKNOWN)
    return step.replace("{number}", number)


def _named_number(step: str, contact: Contact, lang: str = "en") -> str:
    """A corpus step with the real number in it where it says "the emergency number"."""
    if not country_known(contact):
        return step
    return step.replace(gettext_for(lang)(w.EMERGENCY_NUMBER_WORDS), emergency_number(contact))


def call_line(topic: Topic | None, contact: Contact, fmt: Fmt, lang: str = "en") -> str:
    """The call line: the topic's own (when to call) or "Call N now"; the poison number."""
    _ = gettext_for(lang)
    known = country_known(contact)
    if topic is not None and topic.call_line:
        number = emergency_number(contact) if known else _(w.NUMBER_UNKNOWN)
        lines = [render(w.TOPIC_CALL_LINE, fmt, line=topic.call_line.replace("{number}", number))]
        if not known:
            lines.append(render(_(w.NUMBERS_LINE), fmt, numbers=_(w.COMMON_NUMBERS)))
    elif known:
        lines = [render(_(w.FIRST_CALL_LINE), fmt, number=emergency_number(contact))]
        if contact.ambulance and contact.ambulance not in contact.emergency:
            lines.append(render(_(w.AMBULANCE_NOTE), fmt, number=contact.ambulance))
    else:
        lines = [render(_(w.FIRST_CALL_LINE_UNKNOWN), fmt, numbers=_(w.COMMON_NUMBERS))]
    if topic is not None and topic.id in POISON_TOPICS and contact.poison:
        lines.append(render(_(w.POISON_LINE), fmt, number=contact.poison))
    return "\n".join(lines)


def audience_label(audience: Audience, lang: str = "en") -> str:
    """The label after a title (" (child)"); nothing for an adult."""
    label = w.FIRST_AUDIENCE[audience]
    return gettext_for(lang)(label) if label else ""


def _title(topic: Topic, audience: Audience, fmt: Fmt, lang: str) -> str:
    label = audience_label(audience, lang)
    return render(w.FIRST_TITLE, fmt, title=topic.title, audience=label)


def first_steps(
    topic: Topic, audience: Audience, contact: Contact, lang: str = "en"
) -> tuple[list[str], bool]:
    """The first actions and whether they are local (country-specific) advice."""
    block = _pick_first(topic, audience, contact.country)
    if block is not None:
        return [_fill(s, contact, lang) for s in block.steps], bool(block.countries)
    steps = audience_steps(topic, audience)[:MAX_FIRST_STEPS]
    return [_named_number(s, contact, lang) for s in steps], False


def _numbered(items: list[str], fmt: Fmt) -> list[str]:
    return [f"{n}. {esc(item, fmt)}" for n, item in enumerate(items, 1)]


def topic_first(
    topic: Topic,
    *,
    contact: Contact,
    audience: Audience,
    urgent: bool,
    fmt: Fmt,
    head: str | None = None,
    note: str | None = None,
    lang: str = "en",
) -> str:
    """The first message for ``topic``; steps are dropped from the end until it fits.

    ``head`` replaces the call line (the crisis line, or the calm line); ``note`` follows the steps
    (an unsure match).
    """
    _ = gettext_for(lang)
    if not has_own_steps(topic, audience):
        audience = "adult"  # the same first aid: no "(child)" in the title
    added = None
    if audience in ADDED_TO_ADULT and _pick_first(topic, audience, contact.country) is None:
        added = _variant_steps(topic, audience)
    steps, local = first_steps(topic, "adult" if added else audience, contact, lang)
    top = head if head is not None else (call_line(topic, contact, fmt, lang) if urgent else None)
    tail = []
    if added:
        who = _(w.ADDED_LABEL[audience])
        tail.append(render(_(w.FIRST_ADDED), fmt, who=who, step=added[0]))
    if local:
        tail.append(render(_(w.FIRST_LOCAL), fmt, name=contact.name))
    if note:
        tail.append(note)
    tail.append(render(_(w.FIRST_DISCLAIMER), fmt))
    limit = limit_for(urgent)
    title = _title(topic, audience, fmt, lang)
    while True:
        lines = [*([top] if top else []), title, *_numbered(steps, fmt)]
        text = "\n".join(lines) + "\n\n" + "\n".join(tail)
        if utf16_len(text) <= limit or len(steps) <= 1:
            return text
        steps = steps[:-1]


def first_message(
    match: Match,
    *,
    corpus: Corpus,
    country: str | None,
    audience: Audience | None,
    fmt: Fmt,
    full: list[str],
    lang: str = "en",
) -> str:
    """The first message for a match; ``full`` is the composed full reply (its fallback)."""
    contact = corpus.contact(country)
    if match.topic is None:
        # Out of scope or a crisis without a topic: already short, sent whole.
        return "\n\n".join(full)
    topic = corpus.by_id[match.topic]
    _ = gettext_for(lang)
    urgent = match.emergency or match.crisis
    note = render(_(w.LOW_CONFIDENCE), fmt, title=topic.title) if match.low_confidence else None
    head = crisis_line(contact, fmt, lang) if match.crisis else None
    if not urgent and topic.level == "call":
        # A call-level topic the matcher found minor, over or only asked about (a coin
        # swallowed and playing, a static shock, "how is the recovery position done"):
        # the calm line the full reply has, not the alarm.
        number = emergency_number(contact) if country_known(contact) else _(w.NUMBER_UNKNOWN)
        head = render(_(w.UNSURE_DANGER), fmt, number=number)
    return topic_first(
        topic,
        contact=contact,
        audience=audience or "adult",
        urgent=urgent,
        fmt=fmt,
        head=head,
        note=note,
        lang=lang,
    )


def step_view(
    topic: Topic, n: int, *, contact: Contact, audience: Audience, fmt: Fmt, lang: str = "en"
) -> tuple[str, int]:
    """Step ``n`` (from 1) alone, under the call line for call-level topics; and the count."""
    steps = audience_steps(topic, audience)
    n = min(max(n, 1), len(steps))
    heading = render(
        gettext_for(lang)(w.STEP_HEADING),
        fmt,
        title=topic.title,
        audience=audience_label(audience, lang),
        n=n,
        total=len(steps),
    )
    lines = [call_line(topic, contact, fmt, lang)] if topic.level == "call" else []
    lines += [heading, esc(_named_number(steps[n - 1], contact, lang), fmt)]
    return "\n".join(lines), len(steps)


def section_view(
    topic: Topic, section: Section, *, contact: Contact, fmt: Fmt, lang: str = "en"
) -> str:
    """One block of the full reply (do not, get help, sources), with the call line on top."""
    blocks = topic_blocks(topic, fmt, lang)
    # topic_blocks ends with: [do-not,] get-help, sources.
    index = {"sources": -1, "get_help": -2, "do_not": -3}[section]
    if section == "do_not" and not topic.do_not:
        index = -2
    lines = blocks[index].split("\n")
    body = "\n".join(_named_number(line, contact, lang) for line in lines)
    top = [call_line(topic, contact, fmt, lang)] if topic.level == "call" else []
    return "\n".join([*top, body])
