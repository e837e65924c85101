"""The improvement loop end to end, over HTTP: a wrong answer, its correction, a better bot.

A user's answer is rated not helpful and another topic picked; a moderator
reviews it in Telegram ("wrong", with the corrected topic); ``firstaid train
--with-feedback`` reads the database, includes the correction, passes the
promotion guard and promotes a new version; ``/reload`` switches the running
bot, which now answers the same message with the corrected topic.

Real: the Application polling the fake Bot API, handlers, SQLite store, review
queue, the CLI command, feedback reading, pair selection with the evaluation
firewall, the registry and the promotion guard, the reload. Fake (see
``moderation_fakes``): fitting and measuring a network, and the encoder.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot import ui_text as w
from bot.bootstrap import Services, open_services
from bot.cli.app import app as cli
from bot.reload import Reloader
from bot.telegram import callback_data as cd
from bot.telegram.application import build_application
from matcher import normalize
from matcher.models.registry import current_version, read_manifest
from tests.bot.conftest import HASH_SECRET
from tests.bot.moderation_fakes import (
    DEV,
    LEARNED,
    MOD_A,
    build_learned_matcher,
    buttons,
    fake_base_export,
    fake_train_model,
    moderated_bot,
    moderator_settings,
)
from tests.fakes.bot_harness import running
from tests.fakes.telegram_api import Call, FakeTelegram

pytestmark = pytest.mark.timeout(90)
USER = 601
# Worded so that the fake encoder ranks sunburn first and jellyfish among the
# alternatives (it hashes words, so topic wording moves it).
MESSAGE = "stung at the beach and it really hurts"
WRONG, RIGHT = "sunburn", "jellyfish-sting"


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


def train_with_feedback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, train: Any = fake_train_model
) -> Any:
    """``firstaid train --with-feedback`` against the bot's database and registry."""
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HASH_SECRET", HASH_SECRET)
    monkeypatch.setattr("matcher.training.run.train_model", train)
    monkeypatch.setattr("matcher.training.measure.ensure_base_export", fake_base_export)
    return CliRunner().invoke(cli, ["train", "--with-feedback", "--max-steps", "2"])


async def ask(api: FakeTelegram, services: Services, text: str) -> tuple[Call, Any]:
    """The user asks; returns the reply and its logged query."""
    question = api.send_text(chat_id=USER, text=text)
    (reply,) = await api.wait_for(
        "sendMessage",
        lambda c: (
            (c.params.get("reply_parameters") or {}).get("message_id") == question["message_id"]
        ),
    )
    action = cd.parse(buttons(reply.params)[-1][1])
    assert isinstance(action, cd.Feedback)
    return reply, await services.store.get_query(action.query_id)


async def test_a_moderator_correction_retrains_and_reloads_the_bot(
    api: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = moderator_settings(
        tmp_path, telegram_api_url=api.url, models_dir=tmp_path / "models"
    )
    matcher = await asyncio.to_thread(build_learned_matcher, settings)
    services = await open_services(settings, matcher=matcher)
    services.reloader = Reloader(build_learned_matcher)
    app = build_application(settings, services=services)
    corpus = matcher.corpus
    async with running(app):
        # 1. The user asks and gets the wrong topic; "Not helpful", then picks the right one.
        reply, row = await ask(api, services, MESSAGE)
        assert (row.topic, row.model_version) == (WRONG, "base")
        api.press(user_id=USER, message=reply.result, data=cd.encode(cd.Feedback(row.id, False)))
        (which,) = await api.wait_for("sendMessage", lambda c: "Which fits" in c.params["text"])
        pick = cd.encode(cd.Pick(row.id, RIGHT))
        assert pick in [data for _, data in buttons(which.params)]
        api.press(user_id=USER, message=which.result, data=pick)
        title = corpus.topic(RIGHT).title
        await api.wait_for("sendMessage", lambda c: c.params["text"].find(title) >= 0)

        # 2. A moderator reviews it: first in the queue, confirmed as wrong, corrected.
        api.send_text(chat_id=MOD_A, text="/review")
        (view,) = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == MOD_A)
        assert view.params["text"].startswith(f"📝 <b>Review #{row.id}</b> · rated not helpful")
        correction = cd.encode(cd.ReviewCorrect(row.id, RIGHT))
        assert (f"👤 {title}", correction) in buttons(view.params)
        api.press(user_id=MOD_A, message=view.result, data=correction)
        await api.wait_for("editMessageText")
        review = await services.store.get_review(row.id)
        assert review is not None and (review.verdict, review.corrected_topic) == ("wrong", RIGHT)

        # 3. Retraining from feedback includes the correction and promotes the new version.
        result = await asyncio.to_thread(train_with_feedback, tmp_path, monkeypatch)
        assert result.exit_code == 0, result.output
        version = current_version(settings.models_dir)
        assert version is not None and f"promoted {version} over base" in result.output
        manifest = read_manifest(settings.models_dir / version)
        assert manifest["pairs"]["correction"] == 1 and "correction 1" in result.output
        learned = json.loads((settings.models_dir / version / LEARNED).read_text())
        assert learned == {normalize(MESSAGE): RIGHT}

        # 4. /reload switches the running bot; the same message now gets the right topic.
        api.send_text(chat_id=MOD_A, text="/reload")
        await api.wait_for("editMessageText", lambda c: "Model switched" in c.params["text"])
        (switched,) = [c for c in api.requests("editMessageText") if "switched" in c.params["text"]]
        assert f"base → {version}" in switched.params["text"]
        again, row_after = await ask(api, services, MESSAGE)
        assert (row_after.topic, row_after.model_version) == (RIGHT, version)
        assert title in again.params["text"]
        assert corpus.topic(WRONG).title not in again.params["text"]


async def test_a_worse_model_is_not_promoted_and_reload_keeps_the_served_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worse = {**DEV, "top1": DEV["top1"] - 0.05}  # five dev messages lost: the guard refuses
    async with moderated_bot(tmp_path, None, models_dir=tmp_path / "models") as bot:
        bot.app.bot_data.services.reloader = Reloader(build_learned_matcher)
        train = functools.partial(fake_train_model, dev=worse)
        result = await asyncio.to_thread(train_with_feedback, tmp_path, monkeypatch, train)
        assert result.exit_code == 1, result.output
        assert "not promoted" in result.output and "more than the 1 allowed" in result.output
        assert current_version(tmp_path / "models") is None
        bot.api.send_text(chat_id=MOD_A, text="/reload")
        await bot.deliver()
        progress = bot.sent(MOD_A)[-1].result
        shown = bot.message(MOD_A, progress["message_id"])["text"]
        assert shown == w.RELOAD_SAME.format(version="base")
