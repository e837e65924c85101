"""``firstaid train`` and ``firstaid models list|promote|rollback|ensure|pack``.

Training needs the ``train`` extra (torch, sentence-transformers); ``models
list``, ``promote`` and ``rollback`` only read and write files (and re-measure
on ONNX when the dev set changed), so they work on a serving-only install.
"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bot.cli.output import console
from bot.settings import ConfigError, Settings, get_settings, resolve_hash_secret
from matcher.training.data import TrainConfig

# Added to the ``firstaid`` app by bot/cli/app.py.
commands = typer.Typer()

if TYPE_CHECKING:
    from matcher.training.data import FeedbackPair
    from matcher.training.promote import Promotion
    from matcher.training.run import TrainResult

models_app = typer.Typer(help="Trained model versions and the promoted one.", no_args_is_help=True)

DEFAULT = TrainConfig()
HEADLINE = ("top1", "top3", "mrr", "oos_recall", "false_rejection", "emergency_recall")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=code)


def _need_torch() -> None:
    if importlib.util.find_spec("torch") is None:
        raise _fail("training needs the `train` extra: pip install -e '.[train]'")


def _read_feedback(settings: Settings) -> tuple[list[FeedbackPair], list[str]]:
    """Helpful answers, corrections and out-of-scope verdicts from the configured database."""
    from storage import Store

    try:
        secret = resolve_hash_secret(settings)
    except ConfigError as exc:
        raise _fail(str(exc)) from exc

    async def read() -> tuple[list[FeedbackPair], list[str]]:
        store = await Store.open(settings.effective_database_url, hash_secret=secret)
        try:
            return list(await store.training_pairs()), await store.oos_verdict_texts()
        finally:
            await store.close()

    return asyncio.run(read())


def _metrics_table(columns: dict[str, dict[str, Any] | None]) -> Table:
    table = Table("dev metric", *columns)
    for key in HEADLINE:
        cells = [f"{m[key]:.4f}" if m and key in m else "-" for m in columns.values()]
        table.add_row(key, *cells)
    return table


def _report_training(result: TrainResult, base: dict[str, Any] | None) -> None:
    m = result.manifest
    pairs = ", ".join(f"{k} {v}" for k, v in m["pairs"].items())
    durations = m["durations_s"]
    console.print(f"[bold]model {result.version}[/bold] written to {result.model_dir}")
    console.print(f"pairs: {pairs}; dropped: {m['dropped']}; extra out-of-scope: {m['extra_oos']}")
    console.print(
        f"duration: fit {durations['fit']:.0f} s, export and measure "
        f"{durations['export_and_measure']:.0f} s, total {durations['total']:.0f} s"
    )
    onnx, fp32 = m["onnx"], m["onnx"]["fp32"]
    console.print(
        f"ONNX vs torch on {onnx['texts']} texts: fp32 max |diff| {fp32['max_abs_diff']:.1e}"
        f" (min cos {fp32['min_cosine']:.6f}); int8 max |diff| "
        f"{onnx['int8']['max_abs_diff']:.3f} (min cos {onnx['int8']['min_cosine']:.4f})"
    )
    columns = {"base": base, "fine-tuned": m["dev"], "fine-tuned int8": m["dev_int8"]}
    console.print(_metrics_table(columns))


def _report_promotion(p: Promotion) -> None:
    for reason in p.verdict.reasons:
        console.print(f"  {reason}")
    if p.promoted:
        how = " (forced past the guard)" if p.forced else ""
        console.print(f"[green]promoted[/green] {p.version} over {p.baseline}{how}")
    else:
        console.print(
            f"[yellow]not promoted[/yellow]: {p.version} is worse than {p.baseline}; "
            f"`firstaid models promote {p.version} --force` overrides"
        )


def train_and_promote(
    settings: Settings, config: Any, *, promote: bool, force: bool, progress: bool = True
) -> tuple[TrainResult, Promotion | None]:
    """Train one version (feedback read when the config asks), then promote it if asked."""
    from matcher.corpus import load_corpus
    from matcher.training.measure import ensure_base_export
    from matcher.training.promote import promote as promote_version
    from matcher.training.run import train_model

    corpus = load_corpus()
    feedback, oos = _read_feedback(settings) if config.with_feedback else ([], [])
    models_dir = settings.models_dir
    base = ensure_base_export(models_dir, corpus)
    result = train_model(
        corpus=corpus,
        models_dir=models_dir,
        config=config,
        feedback=feedback,
        oos_texts=oos,
        progress=progress,
    )
    _report_training(result, base.get("dev"))
    promotion = None
    if promote:
        promotion = promote_version(models_dir, result.version, force=force, corpus=corpus)
        _report_promotion(promotion)
    return result, promotion


@commands.command()
def train(
    epochs: Annotated[int, typer.Option(help="Passes over the pairs.")] = DEFAULT.epochs,
    batch_size: Annotated[
        int, typer.Option(help="Pairs per batch (in-batch negatives).")
    ] = DEFAULT.batch_size,
    lr: Annotated[
        float, typer.Option(help="Peak learning rate (linear decay).")
    ] = DEFAULT.learning_rate,
    seed: Annotated[int, typer.Option(help="Random seed.")] = DEFAULT.seed,
    with_feedback: Annotated[
        bool, typer.Option(help="Add helpful answers, corrections and OOS verdicts.")
    ] = False,
    promote: Annotated[bool, typer.Option(help="Promote if the guard allows.")] = True,
    force: Annotated[bool, typer.Option(help="Promote even if worse on the dev set.")] = False,
    max_steps: Annotated[int, typer.Option(hidden=True)] = -1,
) -> None:
    """Fine-tune the base model on the corpus (and feedback), measure it, maybe promote it."""
    _need_torch()
    config = TrainConfig(
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=lr,
        seed=seed,
        with_feedback=with_feedback,
        max_steps=max_steps,
    )
    _, promotion = train_and_promote(get_settings(), config, promote=promote, force=force)
    if promotion is not None and not promotion.promoted:
        raise typer.Exit(code=1)


@models_app.command("list")
def list_models() -> None:
    """Every trained version with its dev metrics; the current one is marked."""
    from matcher.models.registry import current_version, read_manifest, versions

    models_dir = get_settings().models_dir
    current = current_version(models_dir)
    table = Table("", "version", "pairs", "top-1", "emergency", "oos recall", "fit s")
    for version in versions(models_dir):
        m = read_manifest(models_dir / version)
        dev = m.get("dev", {})
        table.add_row(
            "*" if version == current else "",
            version,
            str(sum(m.get("pairs", {}).values())),
            f"{dev.get('top1', 0):.4f}",
            f"{dev.get('emergency_recall', 0):.4f}",
            f"{dev.get('oos_recall', 0):.4f}",
            f"{m.get('durations_s', {}).get('fit', 0):.0f}",
        )
    console.print(table)
    if current is None:
        console.print("no promoted model: the bot serves the base model")


@models_app.command()
def promote(
    version: Annotated[str, typer.Argument(help="A version under MODELS_DIR.")],
    force: Annotated[bool, typer.Option(help="Skip the not-worse guard.")] = False,
) -> None:
    """Make VERSION the current model if it is not worse than the current one."""
    from matcher.models.registry import check_version_name
    from matcher.training.promote import promote as promote_version

    try:
        result = promote_version(
            get_settings().models_dir, check_version_name(version), force=force
        )
    except (FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    _report_promotion(result)
    if not result.promoted:
        raise typer.Exit(code=1)


@models_app.command()
def rollback() -> None:
    """Point CURRENT back at the previously promoted version."""
    from matcher.models.registry import rollback as roll

    try:
        version = roll(get_settings().models_dir)
    except LookupError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"current model is now {version}")


@models_app.command()
def ensure() -> None:
    """Make sure a served model exists: train and promote the first one, export what is missing.

    Quick (file checks only) when everything is there; `make run` calls it first.
    """
    from matcher.training.ensure import do_missing_work, missing_work

    settings = get_settings()
    try:
        work = missing_work(settings.models_dir, settings.model)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from exc
    if not work:
        return
    _need_torch()

    def first_model() -> None:
        train_and_promote(settings, TrainConfig(), promote=True, force=False)

    do_missing_work(work, settings.models_dir, train=first_model, say=console.print)


@models_app.command()
def pack(
    dest: Annotated[Path, typer.Argument(help="Folder to copy the served models into.")],
) -> None:
    """Copy only what serving needs (ONNX exports, manifests, pointer) into DEST."""
    from matcher.models.registry import pack_for_serving

    copied = pack_for_serving(get_settings().models_dir, dest)
    console.print(f"packed {len(copied)} version(s) and the base export into {dest}")
