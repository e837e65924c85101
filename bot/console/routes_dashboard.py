"""The dashboard: how the bot is doing over a date range, as charts with their numbers."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response

from bot.console import charts
from bot.console.state import CurrentModerator, console_of, csrf_token
from matcher.models.registry import current_version
from storage.console_queries import Dashboard

router = APIRouter()
DEFAULT_DAYS = 14
MAX_DAYS = 366  # a year of bars is already hard to read


def parse_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` form value; None when empty or not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def date_range(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The range asked for, repaired: defaults, order, at most :data:`MAX_DAYS` days."""
    last = parse_day(end) or today
    first = parse_day(start) or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        first, last = last, first
    return max(first, last - timedelta(days=MAX_DAYS - 1)), last


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _charts(d: Dashboard) -> dict[str, str]:
    rates = [("helpful", d.helpful_rate), ("out of scope", d.oos_rate)]
    rates.append(("low confidence", d.low_confidence_share))
    return {
        "per_day": charts.bars(
            "Queries and emergencies per day",
            [f"{c.day:%m-%d}" for c in d.per_day],
            [c.queries for c in d.per_day],
            highlight=d.emergencies_per_day,
            names=("queries", "emergencies"),
        ),
        "rates": charts.bars(
            "Rates", [name for name, _ in rates], [v or 0.0 for _, v in rates], percent=True
        ),
        "top": charts.ranking("Top topics", d.top_topics),
        "corrected": charts.ranking("Most corrected topics", d.most_corrected),
    }


@router.get("/")
async def dashboard(
    request: Request,
    moderator: CurrentModerator,
    start: str | None = None,
    end: str | None = None,
) -> Response:
    console = console_of(request)
    first, last = date_range(start, end, datetime.now(UTC).date())
    figures = await console.store.dashboard(start=first, end=last)
    drawn = await asyncio.to_thread(_charts, figures)  # matplotlib is CPU work
    context: dict[str, Any] = {
        "moderator": moderator,
        "csrf": csrf_token(request),
        "d": figures,
        "charts": drawn,
        "pct": _pct,
        "in_use": current_version(console.settings.models_dir) or "base",
    }
    return console.templates.TemplateResponse(request, "dashboard.html", context)
