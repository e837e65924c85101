"""The inbox: the review queue in a browser, with filters, search and one-click verdicts.

Items are leased through the same review queue as ``/review``
(``next_for_review`` and ``claim_for_review``): opening an item claims it, so a
query someone holds in Telegram is refused here and the other way round.
Verdicts go through ``record_review`` and passes through ``skip_review``.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from bot.console.routes_dashboard import parse_day
from bot.console.state import CurrentModerator, Moderator, check_csrf, console_of, csrf_token
from matcher.language import KNOWN_LANGUAGES
from storage.console_queries import Confidence, InboxFilters, Rating, Status
from storage.records import ReviewItem, Verdict

log = logging.getLogger(__name__)
router = APIRouter()
MAX_NOTE = 500
MAX_SEARCH = 200
RATINGS = ("any", "helpful", "not_helpful", "unrated")
CONFIDENCES = ("any", "low", "confident")
STATUSES = ("open", "reviewed", "all")
# Notices after an action, by key (the address carries the key, never text).
NOTICES = {
    "wrong": "Saved: corrected topic.",
    "oos": "Saved: out of scope.",
    "unsafe": "Saved: unsafe answer.",
    "correct": "Saved: resolved, the answer stands.",
    "skip": "Skipped; it will not be offered to you again.",
    "taken": "Another moderator holds or reviewed that item.",
    "empty": "Nothing left to review.",
    "invalid": "That action was not understood.",
}


def _choice(value: str | None, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else allowed[0]


def filters_from(params: dict[str, str]) -> InboxFilters:
    """Filters from the query string; anything unexpected falls back to "show all"."""
    return InboxFilters(
        topic=params.get("topic") or None,
        rating=cast(Rating, _choice(params.get("rating"), RATINGS)),
        confidence=cast(Confidence, _choice(params.get("confidence"), CONFIDENCES)),
        start=parse_day(params.get("start")),
        end=parse_day(params.get("end")),
        text=(params.get("q") or "")[:MAX_SEARCH] or None,
        status=cast(Status, _choice(params.get("status"), STATUSES)),
        lang=_lang(params.get("lang")),
    )


def _lang(value: str | None) -> str | None:
    """A language filter: one of the languages the bot detects, else none."""
    code = (value or "").strip().lower()
    return code if code in KNOWN_LANGUAGES else None


def _render(request: Request, name: str, moderator: Moderator, **values: Any) -> Response:
    console = console_of(request)
    context = {
        "moderator": moderator,
        "csrf": csrf_token(request),
        "topics": sorted(console.corpus.topics, key=lambda t: t.title.casefold()),
        "titles": {t.id: t.title for t in console.corpus.topics},
        "languages": KNOWN_LANGUAGES,
        **values,
    }
    return console.templates.TemplateResponse(request, name, context)


@router.get("/inbox")
async def inbox(request: Request, moderator: CurrentModerator) -> Response:
    params = dict(request.query_params)
    filters = filters_from(params)
    rows = await console_of(request).store.inbox(moderator_id=moderator.id, filters=filters)
    notice = NOTICES.get(params.get("notice", ""))
    return _render(
        request, "inbox.html", moderator, rows=rows, f=filters, notice=notice, params=params
    )


@router.post("/inbox/next", dependencies=[Depends(check_csrf)])
async def review_next(request: Request, moderator: CurrentModerator) -> Response:
    """The queue's next item for this moderator, as ``/review`` would give it."""
    item = await console_of(request).store.next_for_review(moderator_id=moderator.id)
    if item is None:
        return RedirectResponse("/inbox?notice=empty", status_code=303)
    return RedirectResponse(f"/inbox/{item.query.id}", status_code=303)


async def _claim(request: Request, moderator: Moderator, query_id: int) -> ReviewItem | None:
    return await console_of(request).store.claim_for_review(
        query_id=query_id, moderator_id=moderator.id
    )


@router.get("/inbox/{query_id}")
async def item(request: Request, query_id: int, moderator: CurrentModerator) -> Response:
    store = console_of(request).store
    row = await store.get_query(query_id)
    if row is None:
        return RedirectResponse("/inbox?notice=taken", status_code=303)
    claimed = await _claim(request, moderator, query_id)
    feedback = await store.get_feedback(query_id)
    asker = next((f for f in feedback if f.user_hash == row.user_hash), None)
    review = await store.get_review(query_id)
    return _render(
        request,
        "item.html",
        moderator,
        row=row,
        claimed=claimed,
        feedback=asker,
        review=review,
        mine=review is not None and review.moderator_hash == moderator.hash,
        notice=NOTICES.get(request.query_params.get("notice", "")),
    )


def _verdict(
    action: str, form: dict[str, str], topic: str | None, topics: set[str]
) -> tuple[Verdict, str | None, str | None] | None:
    """(verdict, corrected topic, note) for a form; None when it makes no sense."""
    note = (form.get("note") or "").strip()[:MAX_NOTE] or None
    if action == "correct_topic":
        chosen = form.get("topic", "")
        if chosen not in topics or chosen == topic:
            return None
        return "wrong", chosen, None
    if action == "oos":
        return "oos", None, None
    if action == "unsafe":
        return ("unsafe", None, note) if note else None
    if action == "resolve":
        # The bot's answer stands: right topic, or rightly out of scope.
        return ("correct", None, None) if topic is not None else ("oos", None, None)
    return None


@router.post("/inbox/{query_id}", dependencies=[Depends(check_csrf)])
async def act(request: Request, query_id: int, moderator: CurrentModerator) -> Response:
    console = console_of(request)
    store = console.store
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    action = form.get("action", "")
    row = await store.get_query(query_id)
    if row is None:
        return RedirectResponse("/inbox?notice=taken", status_code=303)
    if action == "skip":
        await store.skip_review(query_id=query_id, moderator_id=moderator.id)
        return RedirectResponse("/inbox?notice=skip", status_code=303)
    chosen = _verdict(action, form, row.topic, set(console.corpus.by_id))
    if chosen is None:
        return RedirectResponse(f"/inbox/{query_id}?notice=invalid", status_code=303)
    review = await store.get_review(query_id)
    own_review = review is not None and review.moderator_hash == moderator.hash
    # A changed mind on one's own verdict is fine; anything else must hold the lease.
    if not own_review and await _claim(request, moderator, query_id) is None:
        return RedirectResponse("/inbox?notice=taken", status_code=303)
    verdict, corrected, note = chosen
    await store.record_review(
        query_id=query_id,
        moderator_id=moderator.id,
        verdict=verdict,
        corrected_topic=corrected,
        note=note,
    )
    log.info("console: verdict %s saved", verdict)
    return RedirectResponse(f"/inbox?notice={verdict}", status_code=303)
