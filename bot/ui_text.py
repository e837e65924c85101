"""The bot's own sentences (Telegram and terminal chat), in one place, to review and translate.

The sentences of a first-aid reply (call lines, headings, disclaimer) are the
matcher's: :mod:`matcher.wording`. Each sentence is written in English and
marked with ``N_``; callers translate it for the chat's language
(:func:`bot.i18n.gettext_for`, catalogues in ``bot/locale``, domain ``bot``).
The moderators' sentences stay English: :mod:`bot.ui_text_moderation`,
re-exported here. Templates use ``str.format`` fields; callers escape the
values; a translation keeps every field and tag. Wording rules: short
sentences, the action first, no blame, no jargon.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from bot.ui_text_moderation import *  # noqa: F403 - the moderators' sentences, English only
from matcher import wording
from matcher.corpus import Contact, Corpus, Topic
from matcher.i18n import N_

# /start
WELCOME = N_(
    "👋 <b>I help with first aid.</b>\n"
    "Tell me in a few words what is happening, for example "
    "<i>my son is choking</i> or <i>I burned my hand on the oven</i>, "
    "and I reply with what to do, step by step.\n\n"
    "If it may be life-threatening, call <b>{number}</b> first.\n"
    "/topics lists what I know, /emergency shows the numbers, /help says more.\n\n"
    "<i>General first-aid information, not a diagnosis or a substitute for "
    "professional care.</i>"
)
HELP = N_(
    "<b>How to use me</b>\n"
    "• Describe the situation in your own words; short is fine.\n"
    "• In a group: /firstaid followed by the message, mention me, or reply to me.\n"
    "• In any chat: type my name and a few words to share a topic.\n"
    "• Tap 👍 or 👎 under an answer: it helps me improve.\n\n"
    "/topics all topics · /emergency numbers · /country XX set your country · "
    "/privacy what I store · /forget delete your data · /about version"
)
PRIVACY = N_(
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
ABOUT = N_("<b>firstaid-bot</b> {version}\nModel: {model}\nTopics: {topics} (corpus {corpus})")
# Added to /about only while storage has failed since start (bot/query_log.py).
ABOUT_LOG = N_("Query log: {pending} waiting to be stored, {unwritten} could not be stored")
# /emergency
EMERGENCY_TITLE = N_("<b>Emergency numbers: {name}</b>")
EMERGENCY_MAIN = N_("🚨 Emergency: <b>{numbers}</b>")
EMERGENCY_AMBULANCE = N_("🚑 Ambulance: {number}")
EMERGENCY_POISON = N_("☠️ Poison information: {number}")
EMERGENCY_CRISIS = N_("💬 {name}: {number}")
EMERGENCY_SET_HINT = N_(
    "Not where you are? Send /country and your two-letter country code, e.g. /country GB."
)
# /country
COUNTRY_SET = N_("This chat now uses the numbers for {name}. In an emergency call {number}.")
COUNTRY_USAGE = N_(
    "This chat uses the numbers for {name}. To change it, send /country and a "
    "two-letter code, e.g. /country DE. I know: {codes}."
)
COUNTRY_UNKNOWN = N_("I do not have numbers for {code}. I know: {codes}.")
COUNTRY_ADMINS_ONLY = N_("Only the group's admins can change its country.")
# Anything that is not text, and group messages addressed to me without a question.
NON_TEXT = N_(
    "I can only read text. Describe what is happening in a few words. "
    "If someone is in danger, call {number} now."
)
GROUP_HINT = N_(
    "Tell me what happened in the same message, for example: "
    "<i>/firstaid my friend cut his hand</i>."
)
# Answer buttons and the feedback flow.
BUTTON_HELPFUL = N_("👍 Helpful")
BUTTON_NOT_HELPFUL = N_("👎 Not helpful")
BUTTON_NONE = N_("None of these")
WHICH_FITS = N_("Which fits better?")
THANKS = N_("Thank you for the feedback.")
NONE_FITS = N_(
    "Thank you. Please describe it again in other words and I will try once more. "
    "If someone is in danger, call {number} now."
)
# The first message's buttons and the views behind them.
BUTTON_NEXT_STEP = N_("Next step ›")
BUTTON_BACK = N_("‹ Back")
BUTTON_ALL_STEPS = N_("All steps")
BUTTON_SECTIONS = {
    "do_not": N_("Do not"),
    "get_help": N_("When to get help"),
    "sources": N_("Sources"),
}
BUTTON_AUDIENCE = {"adult": N_("Adult"), "child": N_("Child"), "baby": N_("Baby")}
BUTTON_SET_COUNTRY = N_("🌍 Set my country")
# The CPR coach: a metronome as a voice message and a message that updates itself.
BUTTON_COACH = N_("🫀 CPR coach: metronome")
BUTTON_COACH_STOP = N_("⏹ Stop the coach")
COACH_VOICE = N_("Push on each click: 110 a minute. Play it on speaker and keep pushing.")
COACH_TEXT = N_(
    "🫀 <b>CPR coach</b> · {minutes} min\n"
    "Push hard and fast in the centre of the chest, to the clicks. Do not stop.\n"
    "{tip}\n"
    "Keep going until help takes over or they start breathing normally."
)
# One tip per 2-minute update, in turn.
COACH_TIPS = (
    N_("Send someone for a defibrillator (AED) if nobody has yet."),
    N_("2 minutes: swap rescuers now if you can, without a pause. Otherwise keep pushing."),
    N_("AED here? Switch it on and do what it says; nobody touches them during a shock."),
    N_("Let the chest come all the way back up after each push."),
)
COACH_STOPPED = N_("🫀 <b>CPR coach stopped</b> after {minutes} min.")
COACH_ENDED = N_(
    "🫀 <b>CPR coach ended</b> after {minutes} min. If you are still giving CPR, "
    "keep going until help takes over; tap below to start it again."
)
COACH_NOT_RUNNING = N_("This coach is not running.")
# Setting the country: /start, the "Set my country" button, a shared location.
COUNTRY_ASK = N_(
    "🌍 <b>Where are you?</b> I use it to give the right emergency number. "
    "Tap your country, share your location, or send /country and a two-letter code "
    "(e.g. /country NZ)."
)
COUNTRY_LOCATION_HINT = N_("Or share your location: only the country is kept.")
BUTTON_SHARE_LOCATION = N_("📍 Share my location")
# The most common countries of the bot's users, first in the list.
COUNTRY_BUTTONS = ("GB", "US", "CA", "AU", "IE", "IN", "DE", "FR", "ES", "IT", "NZ", "ZA")
LOCATION_SET = N_(
    "📍 You are near <b>{place}</b>, {name}. This chat now uses the numbers for {name}: "
    "in an emergency call <b>{number}</b>.\n"
)
LOCATION_UNKNOWN_COUNTRY = N_(
    "📍 You are near <b>{place}</b> ({code}). I do not have the numbers for that country yet: "
    "try 112, which works from mobile phones in many countries, or the local number.\n"
)
# Under both: what to read to the call handler.
LOCATION_DISPATCHER = N_(
    "Read this to the call handler: <i>I am near {place}. My coordinates are {lat}, {lon}.</i>"
)
# Short notices on a tapped button (Telegram shows at most 200 characters).
CALLBACK_STALE = N_("This button no longer works. Please send your message again.")
CALLBACK_NOT_YOURS = N_("Only the person who asked can rate this answer.")
# /topics
TOPICS_HEADER = N_("<b>First-aid topics</b>, page {page} of {pages}. Tap one to read it.")
BUTTON_PREVIOUS = N_("‹ Previous")
BUTTON_NEXT = N_("Next ›")
# /forget
FORGET_CONFIRM = N_(
    "This deletes every message you sent me and your feedback. It cannot be undone. "
    "Delete your data?"
)
BUTTON_FORGET = N_("Yes, delete my data")
BUTTON_CANCEL = N_("Cancel")
FORGET_DONE = N_("Done. I deleted {count} records about you.")
FORGET_CANCELLED = N_("Nothing was deleted.")
FORGET_NOT_YOURS = N_("Only the person who asked can confirm this.")
# Anything that went wrong while answering.
ERROR_REPLY = N_(
    "Sorry, something went wrong on my side. If someone is in danger, call {number} now."
)
# The command menu Telegram shows (set_my_commands): command, description.
COMMANDS = (
    ("start", N_("What I can do")),
    ("help", N_("How to ask, in private and in groups")),
    ("topics", N_("Browse all first-aid topics")),
    ("emergency", N_("Emergency numbers for this chat")),
    ("country", N_("Set the country for emergency numbers")),
    ("language", N_("Choose the language I write in")),
    ("firstaid", N_("Ask in a group: /firstaid and your message")),
    ("privacy", N_("What I store and why")),
    ("forget", N_("Delete your data")),
    ("about", N_("Version and model")),
)
# /language: the chat's language for the bot's own messages and its answers.
LANGUAGE_ASK = N_(
    "🌐 <b>Which language should I write in?</b> Automatic: I answer each message in "
    "its own language and use your Telegram language for everything else."
)
BUTTON_LANGUAGE_AUTO = N_("Automatic")
LANGUAGE_SET = {
    "en": N_("Done: I will write in English."),
    "es": N_("Done: I will write in Spanish."),
}
LANGUAGE_AUTO_SET = N_(
    "Done: I answer each message in its own language and use your Telegram "
    "language for everything else."
)
LANGUAGE_ADMINS_ONLY = N_("Only the group's admins can change its language.")
# `firstaid run` without a token (printed in the terminal).
NO_TOKEN = N_(
    "No TELEGRAM_BOT_TOKEN is set, so the Telegram bot cannot start. To get a token, "
    "open Telegram, talk to @BotFather, send /newbot and follow the steps; it replies "
    "with a token like 123456789:AA... Put it in a file named .env in this folder as "
    "TELEGRAM_BOT_TOKEN=<your token> (see .env.example) or export it in your shell, "
    "then run `make run` again. Until then you can try the bot right here in the terminal."
)
# `firstaid chat`
CHAT_INTRO = N_(
    "First-aid chat in the terminal: describe what is happening, or type /topics, "
    "/country XX, /help or /quit."
)
CHAT_RATE = N_("Was this helpful? 1 = yes, 2 = no, Enter = skip")
# The first message's buttons in the terminal (letters; numbers rate the answer).
CHAT_NEXT = N_("n = next step")
CHAT_BACK = N_("p = previous step")
CHAT_ALL = N_("a = all steps")
CHAT_SECTIONS = N_("d = do not, g = when to get help, s = sources")
CHAT_AUDIENCES = N_("u = adult, c = child, b = baby")
CHAT_SET_COUNTRY = N_("/country XX sets your country")
CHAT_DONE = N_("Enter = done")
CHAT_PICK = N_("Which fits better? Type its number, or 0 for none of these.")
CHAT_BYE = N_("Take care. Goodbye.")


def fill(template: str, **values: object) -> str:
    """A template with its values HTML-escaped."""
    return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})


def _english(message: str) -> str:
    return message


def emergency_text(
    contact: Contact, _: Callable[[str], str] = _english, crisis: Callable[[str], str] = _english
) -> str:
    """Every number we know for ``contact``'s country, emergency first; ``_`` translates the
    bot's sentences, ``crisis`` the matcher's (the helpline's name where none is known)."""
    lines = [
        fill(_(EMERGENCY_TITLE), name=contact.name),
        fill(_(EMERGENCY_MAIN), numbers=" / ".join(contact.emergency)),
    ]
    if contact.ambulance and contact.ambulance not in contact.emergency:
        lines.append(fill(_(EMERGENCY_AMBULANCE), number=contact.ambulance))
    if contact.poison:
        lines.append(fill(_(EMERGENCY_POISON), number=contact.poison))
    if contact.crisis:
        name = contact.crisis_name or crisis(wording.CRISIS_HELPLINE_NAME).capitalize()
        lines.append(fill(_(EMERGENCY_CRISIS), name=name, number=contact.crisis))
    return "\n".join([*lines, "", _(EMERGENCY_SET_HINT)])


def sorted_topics(corpus: Corpus) -> list[Topic]:
    """Topics by title, as every topic list shows them."""
    return sorted(corpus.topics, key=lambda t: t.title.casefold())
