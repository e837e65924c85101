"""Model versions side by side; promote or roll back behind the promotion guard.

Promotion calls :func:`matcher.training.promote.promote`, the very function of
``firstaid models promote``, so the not-worse guard decides here too; there is
no force button. Either action asks for a confirmation first. The running bot
switches on ``/reload`` (or SIGHUP), as after the command-line promotion.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from bot.console.state import CurrentModerator, Moderator, check_csrf, console_of, csrf_token
from matcher.models.registry import current_version, history, read_manifest, versions

log = logging.getLogger(__name__)
router = APIRouter()
# Evaluation sets a manifest may carry, in the order shown.
SETS = (("dev", "dev"), ("holdout", "holdout"), ("independent", "independent set"))
FIGURES = (
    ("top1", "top-1"),
    ("emergency_recall", "emergency recall"),
    ("oos_recall", "OOS recall"),
)


def version_rows(models_dir: Any) -> list[dict[str, Any]]:
    """Every version with its figures from its manifest, newest first."""
    rows = []
    for version in reversed(versions(models_dir)):
        manifest = read_manifest(models_dir / version)
        sets = {key: manifest.get(key) or {} for key, _ in SETS}
        rows.append(
            {
                "version": version,
                "created": manifest.get("created", ""),
                "pairs": sum((manifest.get("pairs") or {}).values()),
                "sets": sets,
                "harmful": {k: s.get("harmful") for k, s in sets.items()},
            }
        )
    return rows


def _render(request: Request, moderator: Moderator, **values: Any) -> Response:
    console = console_of(request)
    models_dir = console.settings.models_dir
    context = {
        "moderator": moderator,
        "csrf": csrf_token(request),
        "rows": version_rows(models_dir),
        "current": current_version(models_dir),
        "previous": next(reversed(history(models_dir)), None),
        "sets": SETS,
        "figures": FIGURES,
        "confirm": None,
        "result": None,
        **values,
    }
    return console.templates.TemplateResponse(request, "models.html", context)


@router.get("/models")
async def models(request: Request, moderator: CurrentModerator) -> Response:
    return _render(request, moderator)


@router.post("/models/promote", dependencies=[Depends(check_csrf)])
async def promote(request: Request, moderator: CurrentModerator) -> Response:
    form = await request.form()
    version = str(form.get("version", ""))
    models_dir = console_of(request).settings.models_dir
    if version not in versions(models_dir):
        return _render(request, moderator, result={"ok": False, "lines": ["no such version"]})
    if form.get("confirm") != "yes":
        return _render(request, moderator, confirm={"action": "promote", "version": version})
    from matcher.training.promote import promote as promote_version

    # May measure the current model again on ONNX (seconds): off the event loop.
    corpus = console_of(request).corpus
    done = await asyncio.to_thread(promote_version, models_dir, version, corpus=corpus)
    log.info("console: promotion of %s %s", version, "done" if done.promoted else "refused")
    head = (
        f"Promoted {version} over {done.baseline}. Send /reload to the bot to serve it."
        if done.promoted
        else f"Not promoted: {version} is worse than {done.baseline}."
    )
    return _render(
        request, moderator, result={"ok": done.promoted, "lines": [head, *done.verdict.reasons]}
    )


@router.post("/models/rollback", dependencies=[Depends(check_csrf)])
async def rollback(request: Request, moderator: CurrentModerator) -> Response:
    form = await request.form()
    if form.get("confirm") != "yes":
        return _render(request, moderator, confirm={"action": "rollback", "version": ""})
    from matcher.models.registry import rollback as roll_back

    try:
        version = roll_back(console_of(request).settings.models_dir)
    except LookupError:
        return _render(request, moderator, result={"ok": False, "lines": ["no earlier version"]})
    log.info("console: rolled back to %s", version)
    lines = [f"Rolled back to {version}. Send /reload to the bot to serve it."]
    return _render(request, moderator, result={"ok": True, "lines": lines})
