"""Start-up objects are frozen out of full collections, after start-up and after a reload."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any, cast

import pytest

from bot import heap
from bot.context import BotApp
from bot.runner import _then_freeze


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_the_runner_freezes_after_its_post_init_has_built_everything() -> None:
    seen: list[int] = []

    async def post_init(app: Any) -> None:
        seen.append(gc.get_freeze_count())  # not frozen yet while start-up builds things

    await _then_freeze(post_init)(cast(BotApp, object()))
    assert seen == [0]
    assert gc.get_freeze_count() > 0


def test_a_refreeze_collects_cycles_left_by_the_old_model_and_freezes_again() -> None:
    heap.freeze_long_lived()
    old = _Cycle()
    gc.collect()  # a young cycle survives while referenced
    gone = [False]

    class Tracked(_Cycle):
        def __del__(self) -> None:
            gone[0] = True

    old.model = Tracked()  # type: ignore[attr-defined]
    heap.freeze_long_lived()  # frozen while still in use
    del old
    gc.collect()
    assert not gone[0]  # a frozen cycle is never collected...
    heap.refreeze()
    assert gone[0]  # ...until the reload thaws and collects
    assert gc.get_freeze_count() > 0


def test_refreeze_does_nothing_where_start_up_never_froze() -> None:
    heap.refreeze()
    assert gc.get_freeze_count() == 0
