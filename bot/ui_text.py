"""The bot's own sentences (Telegram and terminal chat), in one place, to review and translate.

The sentences of a first-aid reply (call lines, headings, disclaimer) are the
matcher's: :mod:`matcher.wording`. Templates use ``str.format`` fields; callers
escape the values. Wording rules: short sentences, the action first, no blame,
no jargon.
"""

from __future__ import annotations

import html

from matcher import wording
from matcher.corpus import Contact, Corpus, Topic

# /start
WELCOME = (
    "👋 <b>I help with first aid.</b>\n"
    "Tell me in a few words what is happening, for example "
    "<i>my son is choking</i> or <i>I burned my hand on the oven</i>, "
    "and I reply with what to do, step by step.\n\n"
    "If it may be life-threatening, call <b>{number}</b> first.\n"
    "/topics lists what I know, /emergency shows the numbers, /help says more.\n\n"
    "<i>General first-aid information, not a diagnosis or a substitute for "
    "professional care.</i>"
)
HELP = (
    "<b>How to use me</b>\n"
    "• Describe the situation in your own words; short is fine.\n"
    "• In a group: /firstaid followed by the message, mention me, or reply to me.\n"
    "• In any chat: type my name and a few words to share a topic.\n"
    "• Tap 👍 or 👎 under an answer: it helps me improve.\n\n"
    "/topics all topics · /emergency numbers · /country XX set your country · "
    "/privacy what I store · /forget delete your data · /about version"
)
PRIVACY = (
    "<b>What I store and why</b>\n"
    "• Your messages to me, with phone numbers and e-mail addresses removed, "
    "and the answer I gave: moderators check them to correct and improve the answers.\n"
    "• Your feedback on answers.\n"
    "• Your user and chat ids only as keyed hashes, never your name or username.\n"
    "• A group's chosen country.\n\n"
    "Messages, answers and feedback are deleted after {days} days, with the copies "
    "a trained model keeps of messages marked off-topic; a chat's country stays "
    "until it is changed. /forget deletes all of yours now, your private chat's "
    "country included."
)
ABOUT = "<b>firstaid-bot</b> {version}\nModel: {model}\nTopics: {topics} (corpus {corpus})"
# Added to /about only while storage has failed since start (bot/query_log.py).
ABOUT_LOG = "Query log: {pending} waiting to be stored, {unwritten} could not be stored"
# /emergency
EMERGENCY_TITLE = "<b>Emergency numbers: {name}</b>"
EMERGENCY_MAIN = "🚨 Emergency: <b>{numbers}</b>"
EMERGENCY_AMBULANCE = "🚑 Ambulance: {number}"
EMERGENCY_POISON = "☠️ Poison information: {number}"
EMERGENCY_CRISIS = "💬 {name}: {number}"
EMERGENCY_SET_HINT = (
    "Not where you are? Send /country and your two-letter country code, e.g. /country GB."
)
# /country
COUNTRY_SET = "This chat now uses the numbers for {name}. In an emergency call {number}."
COUNTRY_USAGE = (
    "This chat uses the numbers for {name}. To change it, send /country and a "
    "two-letter code, e.g. /country DE. I know: {codes}."
)
COUNTRY_UNKNOWN = "I do not have numbers for {code}. I know: {codes}."
COUNTRY_ADMINS_ONLY = "Only the group's admins can change its country."
# Anything that is not text, and group messages addressed to me without a question.
NON_TEXT = (
    "I can only read text. Describe what is happening in a few words. "
    "If someone is in danger, call {number} now."
)
GROUP_HINT = (
    "Tell me what happened in the same message, for example: "
    "<i>/firstaid my friend cut his hand</i>."
)
# Answer buttons and the feedback flow.
BUTTON_HELPFUL = "👍 Helpful"
BUTTON_NOT_HELPFUL = "👎 Not helpful"
BUTTON_NONE = "None of these"
WHICH_FITS = "Which fits better?"
THANKS = "Thank you for the feedback."
NONE_FITS = (
    "Thank you. Please describe it again in other words and I will try once more. "
    "If someone is in danger, call {number} now."
)
# The first message's buttons and the views behind them.
BUTTON_NEXT_STEP = "Next step ›"
BUTTON_BACK = "‹ Back"
BUTTON_ALL_STEPS = "All steps"
BUTTON_SECTIONS = {"do_not": "Do not", "get_help": "When to get help", "sources": "Sources"}
BUTTON_AUDIENCE = {"adult": "Adult", "child": "Child", "baby": "Baby"}
BUTTON_SET_COUNTRY = "🌍 Set my country"
# The CPR coach: a metronome as a voice message and a message that updates itself.
BUTTON_COACH = "🫀 CPR coach: metronome"
BUTTON_COACH_STOP = "⏹ Stop the coach"
COACH_VOICE = "Push on each click: 110 a minute. Play it on speaker and keep pushing."
COACH_TEXT = (
    "🫀 <b>CPR coach</b> · {minutes} min\n"
    "Push hard and fast in the centre of the chest, to the clicks. Do not stop.\n"
    "{tip}\n"
    "Keep going until help takes over or they start breathing normally."
)
# One tip per 2-minute update, in turn.
COACH_TIPS = (
    "Send someone for a defibrillator (AED) if nobody has yet.",
    "2 minutes: swap rescuers now if you can, without a pause. Otherwise keep pushing.",
    "AED here? Switch it on and do what it says; nobody touches them during a shock.",
    "Let the chest come all the way back up after each push.",
)
COACH_STOPPED = "🫀 <b>CPR coach stopped</b> after {minutes} min."
COACH_ENDED = (
    "🫀 <b>CPR coach ended</b> after {minutes} min. If you are still giving CPR, "
    "keep going until help takes over; tap below to start it again."
)
COACH_NOT_RUNNING = "This coach is not running."
# Setting the country: /start, the "Set my country" button, a shared location.
COUNTRY_ASK = (
    "🌍 <b>Where are you?</b> I use it to give the right emergency number. "
    "Tap your country, share your location, or send /country and a two-letter code "
    "(e.g. /country NZ)."
)
COUNTRY_LOCATION_HINT = "Or share your location: only the country is kept."
BUTTON_SHARE_LOCATION = "📍 Share my location"
# The most common countries of the bot's users, first in the list.
COUNTRY_BUTTONS = ("GB", "US", "CA", "AU", "IE", "IN", "DE", "FR", "ES", "IT", "NZ", "ZA")
LOCATION_SET = (
    "📍 You are near <b>{place}</b>, {name}. This chat now uses the numbers for {name}: "
    "in an emergency call <b>{number}</b>.\n"
)
LOCATION_UNKNOWN_COUNTRY = (
    "📍 You are near <b>{place}</b> ({code}). I do not have the numbers for that country yet: "
    "try 112, which works from mobile phones in many countries, or the local number.\n"
)
# Under both: what to read to the call handler.
LOCATION_DISPATCHER = (
    "Read this to the call handler: <i>I am near {place}. My coordinates are {lat}, {lon}.</i>"
)
# Short notices on a tapped button (Telegram shows at most 200 characters).
CALLBACK_STALE = "This button no longer works. Please send your message again."
CALLBACK_NOT_YOURS = "Only the person who asked can rate this answer."
# /topics
TOPICS_HEADER = "<b>First-aid topics</b>, page {page} of {pages}. Tap one to read it."
BUTTON_PREVIOUS = "‹ Previous"
BUTTON_NEXT = "Next ›"
# /forget
FORGET_CONFIRM = (
    "This deletes every message you sent me and your feedback. It cannot be undone. "
    "Delete your data?"
)
BUTTON_FORGET = "Yes, delete my data"
BUTTON_CANCEL = "Cancel"
FORGET_DONE = "Done. I deleted {count} records about you."
FORGET_CANCELLED = "Nothing was deleted."
FORGET_NOT_YOURS = "Only the person who asked can confirm this."
# Anything that went wrong while answering.
ERROR_REPLY = "Sorry, something went wrong on my side. If someone is in danger, call {number} now."
# The command menu Telegram shows (set_my_commands): command, description.
COMMANDS = (
    ("start", "What I can do"),
    ("help", "How to ask, in private and in groups"),
    ("topics", "Browse all first-aid topics"),
    ("emergency", "Emergency numbers for this chat"),
    ("country", "Set the country for emergency numbers"),
    ("firstaid", "Ask in a group: /firstaid and your message"),
    ("privacy", "What I store and why"),
    ("forget", "Delete your data"),
    ("about", "Version and model"),
)
# `firstaid run` without a token (printed in the terminal).
NO_TOKEN = (
    "No TELEGRAM_BOT_TOKEN is set, so the Telegram bot cannot start. To get a token, "
    "open Telegram, talk to @BotFather, send /newbot and follow the steps; it replies "
    "with a token like 123456789:AA... Put it in a file named .env in this folder as "
    "TELEGRAM_BOT_TOKEN=<your token> (see .env.example) or export it in your shell, "
    "then run `make run` again. Until then you can try the bot right here in the terminal."
)
# `firstaid chat`
CHAT_INTRO = (
    "First-aid chat in the terminal: describe what is happening, or type /topics, "
    "/country XX, /help or /quit."
)
CHAT_RATE = "Was this helpful? 1 = yes, 2 = no, Enter = skip"
# The first message's buttons in the terminal (letters; numbers rate the answer).
CHAT_NEXT = "n = next step"
CHAT_BACK = "p = previous step"
CHAT_ALL = "a = all steps"
CHAT_SECTIONS = "d = do not, g = when to get help, s = sources"
CHAT_AUDIENCES = "u = adult, c = child, b = baby"
CHAT_SET_COUNTRY = "/country XX sets your country"
CHAT_DONE = "Enter = done"
CHAT_PICK = "Which fits better? Type its number, or 0 for none of these."
CHAT_BYE = "Take care. Goodbye."

# --- Moderation ----------------------------------------------------------------
# Section owned by the moderation feature (bot/telegram/handlers/moderation.py, review.py):
# only moderators read these, so they may be terse.

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


def fill(template: str, **values: object) -> str:
    """A template with its values HTML-escaped."""
    return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})


def emergency_text(contact: Contact) -> str:
    """Every number we know for ``contact``'s country, emergency first."""
    lines = [
        fill(EMERGENCY_TITLE, name=contact.name),
        fill(EMERGENCY_MAIN, numbers=" / ".join(contact.emergency)),
    ]
    if contact.ambulance and contact.ambulance not in contact.emergency:
        lines.append(fill(EMERGENCY_AMBULANCE, number=contact.ambulance))
    if contact.poison:
        lines.append(fill(EMERGENCY_POISON, number=contact.poison))
    if contact.crisis:
        name = contact.crisis_name or wording.CRISIS_HELPLINE_NAME.capitalize()
        lines.append(fill(EMERGENCY_CRISIS, name=name, number=contact.crisis))
    return "\n".join([*lines, "", EMERGENCY_SET_HINT])


def sorted_topics(corpus: Corpus) -> list[Topic]:
    """Topics by title, as every topic list shows them."""
    return sorted(corpus.topics, key=lambda t: t.title.casefold())


# /console: a single-use link to the moderators' web console.
CONSOLE_LINK = (
    "🔑 Your sign-in link for the moderator console (valid {minutes} minutes, once):\n{url}\n"
    "Do not forward it: whoever opens it first is signed in as you."
)
