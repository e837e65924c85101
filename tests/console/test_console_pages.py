"""The dashboard's charts and figures, the models page behind the guard, the exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from console_helpers import MOD_A, USER, Site, csrf_of, log_query

from matcher.models.registry import current_version, history, write_manifest
from storage import EXPORT_FIELDS

GOOD = {"n_in_scope": 100, "n_emergency": 50, "top1": 0.9, "emergency_recall": 0.98}
WORSE = {**GOOD, "top1": 0.8}


async def test_dashboard_draws_charts_with_their_numbers(site: Site) -> None:
    store = site.store
    first = await log_query(store, "my hand is burnt")
    await log_query(store, "burnt again")
    await log_query(store, "weather tomorrow", topic=None)
    await log_query(store, "he collapsed", topic="choking", emergency=True, low_confidence=True)
    await store.record_feedback(query_id=first, user_id=USER, helpful=True)
    await store.record_review(
        query_id=first, moderator_id=MOD_A, verdict="wrong", corrected_topic="choking"
    )
    async with site.signed_in() as client:
        page = (await client.get("/")).text
    assert page.count("<svg") == 4
    for label in (
        "Queries and emergencies per day",
        "Rates",
        "Top topics",
        "Most corrected topics",
    ):
        assert label in page
    figures = page.split('id="figures"', 1)[1].split("</table>", 1)[0]
    assert "<td>4</td>" in figures  # queries
    assert "<td>1</td>" in figures  # emergencies, and one rating
    assert "100.0%" in figures and "25.0%" in figures  # helpful; out of scope, low confidence
    top = page.split('id="chart-top"', 1)[1].split("</section>", 1)[0]
    assert "<td>burn</td><td>2</td>" in top
    corrected = page.split('id="chart-corrected"', 1)[1].split("</section>", 1)[0]
    assert "<td>burn</td><td>1</td>" in corrected
    assert 'id="model-in-use">base<' in page
    assert ": <strong>4</strong> (1 emergency)</li>" in page


async def test_dashboard_range_counts_only_its_days(site: Site) -> None:
    await log_query(site.store, "my hand is burnt")
    today = datetime.now(UTC).date()
    long_ago = (today - timedelta(days=40)).isoformat()
    async with site.signed_in() as client:
        old = (await client.get("/", params={"start": long_ago, "end": long_ago})).text
        now = (await client.get("/", params={"end": today.isoformat(), "start": "nonsense"})).text
    assert "<th>Queries</th><td>0</td>" in old
    assert "<th>Queries</th><td>1</td>" in now
    assert now.count("<li>20") == 14  # the default range: two weeks of days


def _version(models_dir: Path, name: str, dev: dict[str, Any], **extra: Any) -> None:
    folder = models_dir / name
    folder.mkdir(parents=True)
    manifest = {"version": name, "dev": dev, "dev_hash": "same", "pairs": {"corpus": 10}}
    write_manifest(folder, manifest | extra)


@pytest.fixture
def models(site: Site) -> Path:
    models_dir = site.settings.models_dir
    _version(models_dir, "20260101-000000", GOOD | {"harmful": 3})
    _version(models_dir, "20260201-000000", GOOD, holdout={"top1": 0.85, "harmful": 1})
    _version(models_dir, "20260301-000000", WORSE)
    (models_dir / "CURRENT").write_text("20260101-000000\n", encoding="utf-8")
    return models_dir


async def _press(client: Any, path: str, **data: str) -> str:
    page = await client.get("/models")
    response = await client.post(path, data={"csrf": csrf_of(page.text), **data})
    assert response.status_code == 200
    return str(response.text)


async def test_models_lists_every_version_with_its_figures(site: Site, models: Path) -> None:
    async with site.signed_in() as client:
        page = (await client.get("/models")).text
    assert 'id="current">20260101-000000<' in page
    for version in ("20260101-000000", "20260201-000000", "20260301-000000"):
        assert f'data-version="{version}"' in page
    row = page.split('data-version="20260201-000000"', 1)[1].split("</tr>", 1)[0]
    assert "0.9000" in row and "0.8500" in row  # dev and holdout top-1
    assert page.count("<th>harmful misroutes</th>") == 3
    assert ">independent set</th>" in page


async def test_promotion_asks_first_then_passes_the_guard(site: Site, models: Path) -> None:
    async with site.signed_in() as client:
        asked = await _press(client, "/models/promote", version="20260201-000000")
        assert 'id="confirm"' in asked
        assert current_version(models) == "20260101-000000"
        done = await _press(client, "/models/promote", version="20260201-000000", confirm="yes")
    assert "Promoted 20260201-000000" in done
    assert current_version(models) == "20260201-000000"
    assert history(models) == ["20260101-000000"]


async def test_the_guard_refuses_a_worse_model(site: Site, models: Path) -> None:
    async with site.signed_in() as client:
        done = await _press(client, "/models/promote", version="20260301-000000", confirm="yes")
    assert "Not promoted" in done and "top-1" in done
    assert current_version(models) == "20260101-000000"


async def test_rollback_asks_first(site: Site, models: Path) -> None:
    async with site.signed_in() as client:
        await _press(client, "/models/promote", version="20260201-000000", confirm="yes")
        asked = await _press(client, "/models/rollback")
        assert 'id="confirm"' in asked and current_version(models) == "20260201-000000"
        done = await _press(client, "/models/rollback", confirm="yes")
    assert "Rolled back to 20260101-000000" in done
    assert current_version(models) == "20260101-000000"


async def test_an_unknown_version_is_refused(site: Site, models: Path) -> None:
    async with site.signed_in() as client:
        done = await _press(client, "/models/promote", version="../etc", confirm="yes")
    assert "no such version" in done and current_version(models) == "20260101-000000"


async def _export(site: Site, **data: str) -> tuple[str, str]:
    async with site.signed_in() as client:
        page = await client.get("/export")
        response = await client.post("/export", data={"csrf": csrf_of(page.text), **data})
    assert response.status_code == 200
    return response.text, response.headers["content-disposition"]


async def test_exports_have_the_formats_of_the_command(site: Site) -> None:
    query_id = await log_query(site.store, "=cmd burnt")
    await site.store.record_review(
        query_id=query_id, moderator_id=MOD_A, verdict="wrong", corrected_topic="choking"
    )
    text, name = await _export(site, what="queries", format="csv")
    assert name.endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == EXPORT_FIELDS and rows[0]["corrected_topic"] == "choking"
    assert str(USER) not in text
    lines, _ = await _export(site, what="pairs", format="jsonl")
    assert [json.loads(line) for line in lines.splitlines()] == [
        {"text": "=cmd burnt", "topic": "choking", "source": "correction"}
    ]
    assert "no queries" not in (await _export(site, what="queries", format="jsonl"))[0]


async def test_an_unknown_export_is_refused(site: Site) -> None:
    async with site.signed_in() as client:
        page = await client.get("/export")
        response = await client.post(
            "/export", data={"csrf": csrf_of(page.text), "what": "users", "format": "csv"}
        )
    assert response.status_code == 400
