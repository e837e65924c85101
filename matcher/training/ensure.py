"""What ``firstaid models ensure`` still has to do before the bot can serve.

:func:`missing_work` only looks at files (fast, no torch), so a start with
everything in place costs milliseconds; :func:`do_missing_work` trains the
first model and writes missing ONNX exports (torch, minutes).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matcher.corpus import load_corpus
from matcher.encoders.onnx import export_current
from matcher.models.registry import (
    BASE_ONNX,
    current_version,
    is_base,
    onnx_dir,
    read_manifest,
    resolve_model,
    versions,
    write_manifest,
)

TRAIN = "train"
BASE_EXPORT = "export-base"
EXPORT = "export:"


def missing_work(models_dir: Path, model_setting: str | None) -> list[str]:
    """Steps still needed, in order: ``export-base``, ``train``, ``export:<folder>``.

    ``train`` when no model was ever trained and ``MODEL`` does not name one; an
    export for the served model when its ONNX folder is incomplete; the base
    export always (it is the fallback and the guard's first baseline).
    """
    work = []
    if not export_current(models_dir / BASE_ONNX):
        work.append(BASE_EXPORT)
    # A trained version the guard refused counts: the base model stays in
    # service and later starts do not train again.
    nothing_trained = current_version(models_dir) is None and not versions(models_dir)
    if model_setting in (None, "") and nothing_trained:
        work.append(TRAIN)
    if TRAIN not in work:
        model_dir, _ = resolve_model(model_setting, models_dir)
        if not is_base(model_dir) and not export_current(onnx_dir(model_dir, models_dir)):
            work.append(EXPORT + str(model_dir))
    return work


def export_existing(model_dir: Path, models_dir: Path) -> None:
    """Export (and verify) a version whose ONNX folder is missing or made by an older recipe.

    int8 moves a little with every export, so its dev figures and the ``auto``
    choice are measured again; the fp32 figures stand (same graph to ~1e-7).
    """
    from matcher.corpus import dev_set_path, load_eval
    from matcher.encoders.torch import load_sentence_transformer
    from matcher.onnx.export import export_model
    from matcher.training.measure import measure_int8, verify_texts

    items = load_eval(dev_set_path())
    corpus = load_corpus()
    model = load_sentence_transformer(model_dir)
    folder = onnx_dir(model_dir, models_dir)
    config = export_model(
        model,
        model_dir,
        folder,
        verify_texts=verify_texts(corpus, items),
        source=model_dir.name,
    )
    measured = measure_int8(model_dir, models_dir, corpus, items)
    manifest = read_manifest(model_dir)
    if manifest:
        manifest["onnx"] = config["verification"] | {"export_seconds": config["export_seconds"]}
        manifest["dev_int8"] = measured["dev_int8"]
        manifest["int8_default"] = measured["int8_default"]
        write_manifest(model_dir, manifest)


def do_missing_work(
    work: list[str], models_dir: Path, *, train: Callable[[], None], say: Callable[[str], None]
) -> None:
    """Carry out :func:`missing_work`'s steps; ``train`` trains and promotes one model."""
    from matcher.training.measure import ensure_base_export

    for step in work:
        if step == BASE_EXPORT:
            say("Exporting the base model to ONNX (once, about a minute)...")
            ensure_base_export(models_dir, load_corpus())
        elif step == TRAIN:
            say(
                "No fine-tuned model yet: training the first one on the corpus "
                "(once, several minutes on 2 cores; later starts reuse it)..."
            )
            train()
        elif step.startswith(EXPORT):
            folder = Path(step.removeprefix(EXPORT))
            say(f"Exporting {folder.name} to ONNX...")
            export_existing(folder, models_dir)
