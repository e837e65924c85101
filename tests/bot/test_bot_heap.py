"""Start-up objects are frozen out of full collections, after start-up and after a reload."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import cast

import pytest

from bot.bootstrap import Services
from bot.runtime import gc_freeze
from bot.service import ThreadAnswerer
from bot.settings import Settings
from bot.telegram.application import application_builder, finish
from bot.telegram.context import BotApp
from matcher import Matcher
from storage import Store
from tests.fakes.store import FakeStore
from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


async def _start(settings: Settings, fake_matcher: Matcher, *, serving: bool) -> BotApp:
    services = Services(
        settings=settings, store=cast(Store, FakeStore()), answerer=ThreadAnswerer(fake_matcher)
    )
    api = FakeTelegram()
    builder = application_builder(settings, services=services, serving=serving)
    app = finish(builder.request(api.request()).get_updates_request(api.request()).build())
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    return app


async def _stop(app: BotApp) -> None:
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    await app.shutdown()


async def test_serving_with_speedups_freezes_once_start_up_has_built_everything(
    settings: Settings, fake_matcher: Matcher
) -> None:
    fast = settings.model_copy(update={"speedups": True})
    app = await _start(fast, fake_matcher, serving=True)
    try:
        assert gc.get_freeze_count() > 0
        assert app.bot_data.services is not None  # built before the freeze
    finally:
        await _stop(app)


@pytest.mark.parametrize(("speedups", "serving"), [(False, True), (True, False)])
async def test_no_freeze_without_speedups_or_outside_serving(
    settings: Settings, fake_matcher: Matcher, speedups: bool, serving: bool
) -> None:
    fast = settings.model_copy(update={"speedups": speedups})
    app = await _start(fast, fake_matcher, serving=serving)
    try:
        assert gc.get_freeze_count() == 0
    finally:
        await _stop(app)


def test_a_refreeze_collects_cycles_left_by_the_old_model_and_freezes_again() -> None:
    gc_freeze.freeze_long_lived()
    old = _Cycle()
    gc.collect()  # a young cycle survives while referenced
    gone = [False]

    class Tracked(_Cycle):
        def __del__(self) -> None:
            gone[0] = True

    old.model = Tracked()  # type: ignore[attr-defined]
    gc_freeze.freeze_long_lived()  # frozen while still in use
    del old
    gc.collect()
    assert not gone[0]  # a frozen cycle is never collected...
    gc_freeze.refreeze()
    assert gone[0]  # ...until the reload thaws and collects
    assert gc.get_freeze_count() > 0


def test_refreeze_does_nothing_where_start_up_never_froze() -> None:
    gc_freeze.refreeze()
    assert gc.get_freeze_count() == 0
