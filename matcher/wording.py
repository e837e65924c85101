"""Every sentence of a reply the matcher composes, in one place, to review and translate.

The bot's own sentences (welcome, help, buttons, moderation) are in
:mod:`bot.ui_text`.

Templates use ``str.format`` fields; the composer escapes the values (never the
templates, which may hold Telegram-HTML tags ``<b>``, ``<i>`` and ``<a>``).
Wording rules: short sentences, the action first, no blame, no jargon.
"""

from __future__ import annotations

# --- Safety lines --------------------------------------------------------------

# First line of every emergency reply. ``{number}`` is the country's emergency number.
EMERGENCY_LINE = "🚨 <b>Call {number} now.</b> Put the phone on speaker and follow these steps."
# Added after the emergency line where the country has a separate ambulance number.
AMBULANCE_NOTE = "Ambulance: {number}."
POISON_LINE = "Poison information: {number}."
CRISIS_LINE_WITH_HELPLINE = (
    "💬 <b>You are not alone.</b> Talk to someone now: {name} {crisis}. "
    "If you or someone else is in immediate danger, call {number}."
)
CRISIS_LINE = (
    "💬 <b>You are not alone.</b> If you or someone else is in immediate danger, "
    "call {number} now, or go to the nearest emergency department."
)
CRISIS_HELPLINE_NAME = "the crisis line"
DISCLAIMER = (
    "<i>General first-aid information, not a diagnosis or a substitute for "
    "professional care. If in doubt, call {number}.</i>"
)

# --- Topic replies -------------------------------------------------------------

DO_NOT_HEADING = "<b>Do not</b>"
GET_HELP_HEADING = "<b>Get help</b>"
VARIANT_HEADING = "<b>{audience}</b>"
SOURCE_HEADING = "Source:"
SOURCES_HEADING = "Sources:"
SOURCE_ITEM = '<a href="{url}">{org}: {title}</a> ({year})'
BULLET = "• "

# When the best two topics are close: the best one follows, the others are offered.
LOW_CONFIDENCE = "I am not completely sure I understood. This looks like <b>{title}</b>."
DID_YOU_MEAN = "If not, did you mean: {titles}?"
OR = " or "
# Under an unsure answer that is not an emergency.
UNSURE_DANGER = "If anyone is in danger, call {number}."

# --- Out of scope --------------------------------------------------------------

OUT_OF_SCOPE = (
    "I can only help with first-aid situations, such as bleeding, burns, choking, "
    "a fall or someone who has collapsed."
)
OUT_OF_SCOPE_CLOSEST = "If you meant one of these, tell me which: {titles}."
OUT_OF_SCOPE_HOW = (
    "Describe what is happening in a few words, for example: "
    "<i>my son burned his hand on the oven</i>."
)
OUT_OF_SCOPE_DANGER = "If someone is in danger right now, call {number}."

# --- The first message and its views ---------------------------------------------

# The call line of a first message. Unknown country: the common numbers, compact.
FIRST_CALL_LINE = "🚨 <b>Call {number} now.</b> Put the phone on speaker."
# Where most people who use the bot live; 112 also works from mobiles across Europe
# and in India, 911 across North America.
COMMON_NUMBERS = "112 (Europe, India), 911 (North America), 999 (UK), 000 (Australia)"
FIRST_CALL_LINE_UNKNOWN = "🚨 <b>Call your emergency number now</b>: {numbers}."
# The full reply's first line while no country is known.
EMERGENCY_LINE_UNKNOWN = (
    "🚨 <b>Call your emergency number now</b>: {numbers}. "
    "Put the phone on speaker and follow these steps."
)
# Replaces ``{number}`` inside steps while no country is known.
NUMBER_UNKNOWN = "your emergency number"
FIRST_AUDIENCE = {
    "adult": "",
    "child": " (child)",
    "baby": " (baby under one)",
    "pregnant": " (pregnant)",
    "older": " (older person)",
}
# For a pregnant or older person: what differs, under the adult steps.
FIRST_ADDED = "<b>{who}:</b> {step}"
ADDED_LABEL = {"pregnant": "If pregnant", "older": "Older person"}
FIRST_TITLE = "<b>{title}</b>{audience}"
# Country-specific advice says so, so that nobody abroad follows it blindly.
FIRST_LOCAL = "<i>Advice for {name}.</i>"
FIRST_DISCLAIMER = "<i>First-aid information, not a diagnosis.</i>"
STEP_HEADING = "<b>{title}</b>{audience}: step {n} of {total}"
# A topic's own call line (when to call), and the numbers under it while no
# country is known.
TOPIC_CALL_LINE = "🚨 <b>{line}</b>"
NUMBERS_LINE = "Emergency numbers: {numbers}."
