"""Helpers for the moderation tests: a bot with a real SQLite store, and a fake "training".

``moderated_bot`` runs the real handlers in memory (no sockets) against a real
:class:`storage.Store`, because the review queue's leases live in SQL.

The fake training keeps everything real except fitting and measuring a
network: ``fake_train_model`` selects the pairs exactly like the real trainer
(``select_data``: feedback, corrections, evaluation firewall) and writes a
version folder into the real registry; serving that version, the
:class:`LearnedEncoder` places each learned message at the centre of its
topic's index entries, which is where MultipleNegativesRankingLoss pulls it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from telegram import Update

from bot.bootstrap import Services, open_services
from bot.settings import Settings
from bot.telegram.application import application_builder, finish
from bot.telegram.context import BotApp
from matcher import Matcher, load_matcher
from matcher.corpus import Corpus, load_corpus
from matcher.encoders.base import Vectors, as_unit_rows
from matcher.models.registry import EXTRA_OOS, new_version, resolve_model, write_manifest
from matcher.serving.index import index_texts
from matcher.training.data import EvalFirewall, FeedbackPair, TrainConfig, eval_texts, select_data
from matcher.training.run import TrainResult
from storage.store import Store
from tests.bot.conftest import example_of, make_settings
from tests.fakes.encoder import HashingEncoder
from tests.fakes.telegram_api import Call, FakeTelegram

MOD_A = 9001
MOD_B = 9002
USER = 501
LEARNED = "learned.json"
DEV_HASH = "moderation-test-dev"
DEV = {"n_in_scope": 100, "n_emergency": 50, "top1": 0.9, "emergency_recall": 0.98}


@dataclass
class ModBot:
    """The real handlers over the in-memory fake API, with a real SQLite store."""

    app: BotApp
    api: FakeTelegram
    services: Services

    @property
    def store(self) -> Store:
        return self.services.store

    async def deliver(self) -> None:
        """Process every update users produced so far, in order."""
        while self.api.pending:
            raw = self.api.pending.pop(0)
            await self.app.process_update(Update.de_json(raw, self.app.bot))

    def sent(self, chat_id: int) -> list[Call]:
        return self.api.sent(chat_id)

    def texts(self, chat_id: int) -> list[str]:
        return [c.params["text"] for c in self.sent(chat_id)]

    def notices(self) -> list[str | None]:
        return [a.get("text") for a in self.api.callback_answers]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The bot's message as it is now (after edits)."""
        found = dict(self.api.messages[(chat_id, message_id)])
        found.pop("html", None)
        return found


def moderator_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"moderator_ids": frozenset({MOD_A, MOD_B}), **overrides}
    return make_settings(tmp_path, **values)


@asynccontextmanager
async def moderated_bot(
    tmp_path: Path, matcher: Matcher | None, *, sighup: bool = False, **overrides: Any
) -> AsyncIterator[ModBot]:
    """Started (so background tasks are awaited on stop), fed by :meth:`ModBot.deliver`.

    ``matcher=None`` serves the promoted model of ``models_dir`` on the fake encoder.
    """
    settings = moderator_settings(tmp_path, **overrides)
    api = FakeTelegram()
    matcher = matcher or await asyncio.to_thread(build_learned_matcher, settings)
    services = await open_services(settings, matcher=matcher)
    builder = application_builder(settings, services=services, serving=sighup)
    app = finish(builder.request(api.request()).get_updates_request(api.request()).build())
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    await app.start()
    try:
        yield ModBot(app, api, services)
    finally:
        await app.stop()
        await app.post_shutdown(app)
        await app.shutdown()
        await services.store.close()


async def ask(bot: ModBot, matcher: Matcher, topic: str, user: int = USER) -> int:
    """A user asks with a confident example of ``topic``; returns the logged query id."""
    bot.api.send_text(chat_id=user, text=example_of(matcher, topic))
    await bot.deliver()
    return max(int(row["id"]) for row in await bot.store.export_queries())


def buttons(params: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button in a sent or edited message."""
    markup = params.get("reply_markup") or {}
    return [
        (b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row
    ]


# -- the fake training ------------------------------------------------------------


class LearnedEncoder(HashingEncoder):
    """Hashing bag-of-words, except that learned messages sit at their topic's centre."""

    def __init__(self, learned: dict[str, str], corpus: Corpus) -> None:
        super().__init__()
        self.learned = learned
        texts, labels, _ = index_texts(corpus)
        self._entries = {
            t.id: [text for text, pos in zip(texts, labels, strict=True) if pos == n]
            for n, t in enumerate(corpus.topics)
        }

    def encode(self, texts: Sequence[str]) -> Vectors:
        out = super().encode(texts)
        for row, text in enumerate(texts):
            if (topic := self.learned.get(text)) is not None:
                centre = super().encode(self._entries[topic]).mean(axis=0, keepdims=True)
                out[row] = as_unit_rows(centre.astype(np.float32))[0]
        return out


def build_learned_matcher(settings: Settings, *, shared_cores: bool = False) -> Matcher:
    """What ``bot.bootstrap.build_matcher`` does, on the fake encoder: the promoted version."""
    model_dir, _ = resolve_model(settings.model, settings.models_dir)
    path = model_dir / LEARNED
    learned = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    corpus = load_corpus()
    return load_matcher(
        model=settings.model,
        models_dir=settings.models_dir,
        cache_dir=None,
        corpus=corpus,
        encoder=LearnedEncoder(learned, corpus),
    )


def fake_base_export(models_dir: Path, corpus: Corpus, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Stands in for the base model's ONNX export and dev measurement."""
    record = {"dev_hash": DEV_HASH, "corpus_hash": corpus.content_hash, "dev": DEV, "dev_int8": DEV}
    folder = models_dir / "base-onnx"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dev.json").write_text(json.dumps(record), encoding="utf-8")
    return record


def fake_train_model(
    *,
    corpus: Corpus,
    models_dir: Path,
    config: TrainConfig,
    feedback: Sequence[FeedbackPair] = (),
    oos_texts: Sequence[str] = (),
    dev: dict[str, Any] | None = None,
    **_: Any,
) -> TrainResult:
    """The real pair selection; "fitting" records the non-corpus pairs as learned."""
    firewall = EvalFirewall(eval_texts())
    data = select_data(corpus, config, firewall=firewall, feedback=feedback, oos_texts=oos_texts)
    version = new_version(models_dir, datetime.now(UTC))
    folder = models_dir / version
    folder.mkdir(parents=True)
    # Only usage feedback is "learned"; corpus examples and out-of-scope anchors are not.
    learned = {
        p.anchor: p.topic for p in data.pairs.pairs if p.source not in ("corpus", "out_of_scope")
    }
    (folder / LEARNED).write_text(json.dumps(learned), encoding="utf-8")
    if data.extra_oos:
        (folder / EXTRA_OOS).write_text(json.dumps(data.extra_oos), encoding="utf-8")
    same = {"max_abs_diff": 0.0, "min_cosine": 1.0}
    manifest: dict[str, Any] = {
        "version": version,
        "recipe": config.to_dict(),
        "pairs": data.pairs.counts(),
        "dropped": {"eval_overlap": dict(data.pairs.dropped_eval_overlap)},
        "extra_oos": len(data.extra_oos),
        "onnx": {"texts": 0, "fp32": same, "int8": same},
        "dev": dev or DEV,
        "dev_int8": dev or DEV,
        "dev_hash": DEV_HASH,
        "durations_s": {"fit": 0.0, "export_and_measure": 0.0, "total": 0.0},
    }
    write_manifest(folder, manifest)
    return TrainResult(version=version, model_dir=folder, manifest=manifest)
