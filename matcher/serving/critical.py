"""What a safety-critical distinction or a two-sign red flag is (the data is in
:mod:`matcher.serving.overrides`, :mod:`matcher.serving.distinctions` and
:mod:`matcher.serving.escalation`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Critical:
    """A distinction: with every sign of ``needs`` and none of ``unless``, answer
    ``topic`` (unless the model chose one of ``keep``) and escalate."""

    label: str
    topic: str
    needs: tuple[str, ...]
    unless: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    # False: only the topic is decided; whether to say "call now" follows the
    # topic's level as usual (a treated hypo may be over).
    escalate: bool = True
    # False: a red flag only (call now), whatever topic answers.
    route: bool = True
    # True: any call-level topic the model chose is kept too.
    keep_call_level: bool = False
    # Not empty: the distinction is met only when the model answered one of these
    # (every other answer stands, and the next distinction is tried).
    only: tuple[str, ...] = ()


def critical(
    label: str,
    topic: str,
    needs: tuple[str, ...],
    *,
    unless: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
    escalate: bool = True,
    only: tuple[str, ...] = (),
) -> Critical:
    return Critical(label, topic, needs, unless, keep, escalate, only=only)


def red_flag(label: str, needs: tuple[str, ...], *, unless: tuple[str, ...] = ()) -> Critical:
    """Signs that together mean "call now" whatever the topic (NHS, St John "call 999 if")."""
    return Critical(label, "", needs, unless, route=False)
