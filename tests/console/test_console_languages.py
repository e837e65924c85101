"""The moderators' tools show each logged message's language: the console's inbox (a
column and a filter), its item page, the queries export, and Telegram's /review."""

from __future__ import annotations

import json
import re

from console_helpers import MOD_A, Site, csrf_of, log_query

from bot.telegram.handlers.review_view import item_text
from matcher.corpus import Corpus
from storage.console_queries import InboxFilters

SPANISH = "mi hijo se quemó la mano con agua hirviendo"


def lang_cells(page: str) -> dict[int, str]:
    """Each inbox row's id and the text of its language cell."""
    rows = re.findall(r'<tr data-id="(\d+)">(.*?)</tr>', page, re.DOTALL)
    found = {}
    for query_id, cells in rows:
        cell = re.search(r'<td class="lang">([^<]*)</td>', cells)
        assert cell, cells
        found[int(query_id)] = cell.group(1)
    return found


async def test_the_inbox_shows_each_message_language(site: Site) -> None:
    spanish = await log_query(site.store, SPANISH, lang="es")
    english = await log_query(site.store, "i burnt my hand on the kettle")
    french = await log_query(site.store, "je me suis brûlé la main", topic=None, lang="fr")
    async with site.signed_in(MOD_A) as client:
        page = await client.get("/inbox")
    assert page.status_code == 200
    assert lang_cells(page.text) == {spanish: "es", english: "en", french: "fr"}
    assert f'lang="es"><a href="/inbox/{spanish}">' in page.text  # the message cell's own lang
    assert "<th>Lang</th>" in page.text and '<select name="lang">' in page.text


async def test_the_inbox_filters_by_language(site: Site) -> None:
    spanish = await log_query(site.store, SPANISH, lang="es")
    english = await log_query(site.store, "i burnt my hand on the kettle")
    async with site.signed_in(MOD_A) as client:
        only_es = await client.get("/inbox", params={"lang": "es"})
        only_en = await client.get("/inbox", params={"lang": "EN"})
        unknown = await client.get("/inbox", params={"lang": "xx' or 1=1"})
    assert lang_cells(only_es.text) == {spanish: "es"}
    assert "<option selected>es</option>" in only_es.text
    assert lang_cells(only_en.text) == {english: "en"}
    assert lang_cells(unknown.text) == {spanish: "es", english: "en"}  # ignored: every row
    rows = await site.store.inbox(moderator_id=MOD_A, filters=InboxFilters(lang="es"))
    assert [(r.query.id, r.query.lang) for r in rows] == [(spanish, "es")]


async def test_the_item_page_and_the_export_show_the_language(site: Site) -> None:
    spanish = await log_query(site.store, SPANISH, lang="es")
    async with site.signed_in(MOD_A) as client:
        page = await client.get(f"/inbox/{spanish}")
        assert '<dd id="lang">es</dd>' in page.text
        assert f'<dd id="message" lang="es">{SPANISH}</dd>' in page.text
        exported = await client.post(
            "/export",
            data={"csrf": csrf_of(page.text), "format": "jsonl", "what": "queries"},
        )
    assert exported.status_code == 200
    (row,) = [json.loads(line) for line in exported.text.splitlines()]
    assert row["lang"] == "es" and row["text"] == SPANISH


async def test_review_in_telegram_shows_the_language(site: Site, corpus: Corpus) -> None:
    await log_query(site.store, SPANISH, lang="es")
    item = await site.store.next_for_review(moderator_id=MOD_A)
    assert item is not None and item.query.lang == "es"
    assert "Language: es" in item_text(item, corpus).splitlines()
