"""Keeping the garbage collector's full passes off the serving path.

CPython's oldest-generation collection walks every tracked object. In the bot
that is the corpus, the matcher, python-telegram-bot and SQLAlchemy, built
once at start and alive until exit, so under heavy load each full pass stops
the event loop long enough for a queue of messages to form behind it
(docs/benchmarks.md, "Serving speed"). Freezing what exists once start-up is done
moves it to a generation the collector never walks; later passes see only
objects made since. Reference counting still frees frozen objects; only a
frozen reference cycle that later becomes garbage would stay. So every freeze
first thaws and collects: after a model reload, that frees the old matcher's
cycles (one full pass on the event loop, once per reload).
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect everything once, then leave all surviving objects out of later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def refreeze() -> None:
    """After a model reload: freeze again if start-up froze (not in tests, which never do)."""
    if gc.get_freeze_count():
        freeze_long_lived()
