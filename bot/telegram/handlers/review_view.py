"""What a moderator sees for one review item: its text and its buttons (pure functions).

The item view offers, in order: "Correct" (when a topic was answered), the
user's pick and the other alternatives as one-tap corrections, "Another
topic…" (every topic, paged), "Out of scope", "Unsafe answer" and "Skip".
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import ui_text as w
from bot.service import MAX_ALTERNATIVES
from bot.telegram import callback_data as cd
from bot.telegram.keyboards import MAX_BUTTON_TEXT, TOPICS_PER_PAGE, page_count
from matcher.corpus import Corpus
from storage.records import FeedbackRow, QueryRow, ReviewItem

MAX_SHOWN_TEXT = 1500  # the whole view stays far below Telegram's 4096 characters


def _button(text: str, action: cd.Action) -> InlineKeyboardButton:
    label = text if len(text) <= MAX_BUTTON_TEXT else text[: MAX_BUTTON_TEXT - 1] + "…"
    return InlineKeyboardButton(label, callback_data=cd.encode(action))


def _title(corpus: Corpus, topic: str | None) -> str:
    found = corpus.by_id.get(topic) if topic else None
    return found.title if found else str(topic)


def _feedback_line(feedback: FeedbackRow | None, corpus: Corpus) -> str:
    if feedback is None:
        return w.REVIEW_FEEDBACK_NONE
    if feedback.helpful:
        return w.REVIEW_FEEDBACK_HELPFUL
    if feedback.picked_topic:
        return w.fill(w.REVIEW_FEEDBACK_PICKED, title=_title(corpus, feedback.picked_topic))
    return w.REVIEW_FEEDBACK_NOT_HELPFUL


def _flags(row: QueryRow) -> list[str]:
    names = w.REVIEW_FLAG_NAMES
    found = [("emergency", row.emergency), ("low", row.low_confidence), ("oos", row.oos)]
    return [names[key] for key, on in found if on]


def item_text(item: ReviewItem, corpus: Corpus) -> str:
    """The scrubbed message, the answer and its score, the alternatives, the user's rating."""
    row = item.query
    shown = row.text if len(row.text) <= MAX_SHOWN_TEXT else row.text[:MAX_SHOWN_TEXT] + "…"
    score = f"{row.score:.2f}"
    lines = [
        w.fill(w.REVIEW_HEADER, id=row.id, reason=w.REVIEW_REASONS.get(item.reason, item.reason)),
        w.fill(w.REVIEW_MESSAGE, text=shown),
        f"Language: {row.lang}",
        w.fill(w.REVIEW_ANSWERED, title=_title(corpus, row.topic), topic=row.topic, score=score)
        if row.topic
        else w.fill(w.REVIEW_ANSWERED_OOS, score=score),
    ]
    if flags := _flags(row):
        lines.append(w.fill(w.REVIEW_FLAGS, flags=", ".join(flags)))
    others = [t for t in row.alternatives if t != row.topic]
    if others:
        titles = ", ".join(_title(corpus, t) for t in others)
        lines.append(w.fill(w.REVIEW_ALTERNATIVES, titles=titles))
    lines.append(_feedback_line(item.feedback, corpus))
    when = row.created_at.strftime("%Y-%m-%d %H:%M")
    lines.append(w.fill(w.REVIEW_MODEL, version=row.model_version, when=when))
    return "\n".join(lines)


def corrections(row: QueryRow, feedback: FeedbackRow | None, corpus: Corpus) -> list[str]:
    """Topics offered as one-tap corrections: the user's pick first, then the alternatives."""
    picked = feedback.picked_topic if feedback is not None and not feedback.helpful else None
    ordered: Sequence[str] = [*([picked] if picked else []), *row.alternatives]
    offered = [t for t in dict.fromkeys(ordered) if t != row.topic and t in corpus.by_id]
    return offered[:MAX_ALTERNATIVES]


def item_keyboard(
    row: QueryRow, feedback: FeedbackRow | None, corpus: Corpus
) -> InlineKeyboardMarkup:
    """The verdict buttons for one item."""
    rows: list[list[InlineKeyboardButton]] = []
    if row.topic is not None:
        rows.append([_button(w.BUTTON_REVIEW_CORRECT, cd.ReviewVerdict(row.id, "correct"))])
    picked = feedback.picked_topic if feedback is not None else None
    for topic in corrections(row, feedback, corpus):
        label = w.BUTTON_REVIEW_PICKED if topic == picked else w.BUTTON_REVIEW_TOPIC
        title = corpus.by_id[topic].title
        rows.append([_button(label.format(title=title), cd.ReviewCorrect(row.id, topic))])
    rows.append([_button(w.BUTTON_REVIEW_ALL_TOPICS, cd.ReviewPage(row.id, 0))])
    rows.append(
        [
            _button(w.BUTTON_REVIEW_OOS, cd.ReviewVerdict(row.id, "oos")),
            _button(w.BUTTON_REVIEW_UNSAFE, cd.ReviewVerdict(row.id, "unsafe")),
        ]
    )
    rows.append([_button(w.BUTTON_REVIEW_SKIP, cd.ReviewVerdict(row.id, "skip"))])
    return InlineKeyboardMarkup(rows)


def topics_keyboard(query_id: int, corpus: Corpus, page: int) -> InlineKeyboardMarkup:
    """One page of every topic (by title) as corrections, with paging and "Back"."""
    pages = page_count(corpus)
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PER_PAGE
    shown = w.sorted_topics(corpus)[start : start + TOPICS_PER_PAGE]
    rows = [[_button(t.title, cd.ReviewCorrect(query_id, t.id))] for t in shown]
    nav = [_button(w.BUTTON_REVIEW_BACK, cd.ReviewPage(query_id, None))]
    if page > 0:
        nav.append(_button(w.BUTTON_PREVIOUS, cd.ReviewPage(query_id, page - 1)))
    if page < pages - 1:
        nav.append(_button(w.BUTTON_NEXT, cd.ReviewPage(query_id, page + 1)))
    rows.append(nav)
    return InlineKeyboardMarkup(rows)
