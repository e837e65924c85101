"""Export buttons: the formats and contents of ``firstaid export``, as downloads."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request, Response

# The command's own rows and rendering, so a file from here equals `firstaid export`'s.
from bot.cli.storage_cmds import PAIR_FIELDS, ExportFormat, ExportWhat, _pair_rows, _render
from bot.console.routes_dashboard import parse_day
from bot.console.state import CurrentModerator, check_csrf, console_of, csrf_token
from storage import EXPORT_FIELDS
from storage.console_queries import day_start

router = APIRouter()
MEDIA = {ExportFormat.jsonl: "application/x-ndjson", ExportFormat.csv: "text/csv"}


@router.get("/export")
async def export_page(request: Request, moderator: CurrentModerator) -> Response:
    context = {
        "moderator": moderator,
        "csrf": csrf_token(request),
        "formats": [f.value for f in ExportFormat],
        "whats": [w.value for w in ExportWhat],
    }
    return console_of(request).templates.TemplateResponse(request, "export.html", context)


@router.post("/export", dependencies=[Depends(check_csrf)])
async def export(request: Request, moderator: CurrentModerator) -> Response:
    form = await request.form()
    try:
        fmt = ExportFormat(str(form.get("format", "")))
        what = ExportWhat(str(form.get("what", "")))
    except ValueError:
        return Response("unknown export", status_code=400)
    day = parse_day(str(form.get("since", "")))
    since = None if day is None else day_start(day)
    store = console_of(request).store
    if what is ExportWhat.queries:
        text = _render(await store.export_queries(since=since), EXPORT_FIELDS, fmt)
    else:
        text = _render(await _pair_rows(store, since), PAIR_FIELDS, fmt)
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    name = f"firstaid-{what.value}-{stamp}.{fmt.value}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text, media_type=MEDIA[fmt], headers=headers)
