"""The moderators' sentences (/review, /stats, alerts, /reload, /console), re-exported by
:mod:`bot.ui_text`.

Only moderators read these screens, so they stay in English (no catalogue) and
may be terse.
"""

from __future__ import annotations

MOD_ONLY = "Sorry, this is for the bot's moderators only."
MOD_PRIVATE_ONLY = "Moderator commands work in a private chat with me. Please message me there."
# /review: one query, why it was picked, what was answered and what the user said.
REVIEW_HEADER = "📝 <b>Review #{id}</b> · {reason}"
REVIEW_REASONS = {
    "not_helpful": "rated not helpful",
    "emergency": "emergency",
    "low_confidence": "low confidence",
    "oos": "out of scope",
    "sample": "random sample",
}
REVIEW_MESSAGE = "<b>Message:</b> <i>{text}</i>"
REVIEW_ANSWERED = "<b>Answered:</b> {title} ({topic}) · score {score}"
REVIEW_ANSWERED_OOS = "<b>Answered:</b> out of scope · best score {score}"
REVIEW_FLAGS = "<b>Flags:</b> {flags}"
REVIEW_FLAG_NAMES = {"emergency": "🚨 emergency", "low": "low confidence", "oos": "out of scope"}
REVIEW_ALTERNATIVES = "<b>Alternatives:</b> {titles}"
REVIEW_FEEDBACK_NONE = "<b>User:</b> no rating"
REVIEW_FEEDBACK_HELPFUL = "<b>User:</b> 👍 helpful"
REVIEW_FEEDBACK_NOT_HELPFUL = "<b>User:</b> 👎 not helpful"
REVIEW_FEEDBACK_PICKED = "<b>User:</b> 👎 not helpful, picked {title}"
REVIEW_MODEL = "Model {version} · {when} UTC"
REVIEW_EMPTY = "✅ Nothing left to review. Send /review later to check again."
BUTTON_REVIEW_CORRECT = "✅ Correct"
BUTTON_REVIEW_TOPIC = "→ {title}"
BUTTON_REVIEW_PICKED = "👤 {title}"  # the user's pick; the marker leads so truncation keeps it
BUTTON_REVIEW_ALL_TOPICS = "📋 Another topic…"
BUTTON_REVIEW_OOS = "🚫 Out of scope"
BUTTON_REVIEW_UNSAFE = "⚠️ Unsafe answer"
BUTTON_REVIEW_SKIP = "⏭ Skip"
BUTTON_REVIEW_BACK = "‹ Back"
# Short notices on a tapped review button (at most 200 characters).
REVIEW_SAVED = {
    "correct": "Saved: correct.",
    "oos": "Saved: out of scope.",
    "unsafe": "Saved: unsafe answer.",
    "skip": "Skipped.",
}
REVIEW_SAVED_WRONG = "Saved: should be {title}."
REVIEW_GONE = "That query no longer exists (deleted). Here is the next one."
REVIEW_TAKEN = "Another moderator already reviewed this one. Here is the next one."
# /stats: the figures of `firstaid stats`, compact.
STATS_TITLE = "📊 <b>Last {days} days (UTC)</b>"
STATS_QUERIES = "Queries: {total} · emergencies: {emergencies}"
STATS_FEEDBACK = "Rated: {rated} · helpful rate: {helpful}"
STATS_RATES = (
    "Out-of-scope rate: {oos} · low-confidence share: {low} · unanswered share: {unanswered}"
)
STATS_REVIEWED = "Reviewed: {reviewed}"
STATS_PER_DAY = "<b>Per day:</b> {days}"
STATS_TOP = "<b>Top topics:</b> {topics}"
STATS_NONE = "none"
STATS_USAGE = "Send /stats or /stats N for the last N days (1 to {max_days})."
# Alerts: an emergency answer rated not helpful.
ALERT_NOT_HELPFUL = (
    "⚠️ <b>Emergency answer rated not helpful</b>\n"
    "Answered: {title} · score {score}\n"
    "Message: <i>{text}</i>\n"
    "Send /review to check it."
)
ALERT_SUPPRESSED = "({count} more since my last notice.)"
# /reload and SIGHUP: switch to the promoted model.
RELOAD_STARTED = "Loading the promoted model…"
RELOAD_DONE = "✅ Model switched: {old} → {new} ({seconds} s)."
RELOAD_SAME = "Already serving {version}; nothing to reload."
RELOAD_FAILED = "❌ Could not load the model; still serving {version}. Reason: {reason}"


# /console: a single-use link to the moderators' web console.
CONSOLE_LINK = (
    "🔑 Your sign-in link for the moderator console (valid {minutes} minutes, once):\n{url}\n"
    "Do not forward it: whoever opens it first is signed in as you."
)
