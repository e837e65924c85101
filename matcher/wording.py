"""Every sentence of a reply the matcher composes, in one place, to review and translate.

The bot's own sentences (welcome, help, buttons, moderation) are in
:mod:`bot.ui_text`.

Each sentence is written in English and marked with :func:`matcher.i18n.N_`;
the composer translates it where it is used (``gettext_for(lang)(DISCLAIMER)``,
catalogues in ``matcher/locale``). Templates use ``str.format`` fields; the
composer escapes the values (never the templates, which may hold Telegram-HTML
tags ``<b>``, ``<i>`` and ``<a>``). A translation keeps every field and tag.
Wording rules: short sentences, the action first, no blame, no jargon.
"""

from __future__ import annotations

from matcher.i18n import N_

# --- Safety lines --------------------------------------------------------------

# Translators: first line of every emergency reply. {number} is the country's
# emergency number.
EMERGENCY_LINE = N_("🚨 <b>Call {number} now.</b> Put the phone on speaker and follow these steps.")
# Translators: added after the emergency line where the country has a separate
# ambulance number.
AMBULANCE_NOTE = N_("Ambulance: {number}.")
POISON_LINE = N_("Poison information: {number}.")
# Translators: {name} is the helpline's name (or "the crisis line"), {crisis} its
# number, {number} the emergency number.
CRISIS_LINE_WITH_HELPLINE = N_(  # Babel: the note above is for this message
    "💬 <b>You are not alone.</b> Talk to someone now: {name} {crisis}. "
    "If you or someone else is in immediate danger, call {number}."
)
CRISIS_LINE = N_(
    "💬 <b>You are not alone.</b> If you or someone else is in immediate danger, "
    "call {number} now, or go to the nearest emergency department."
)
# Translators: stands in for a helpline's name where the contacts table has none.
CRISIS_HELPLINE_NAME = N_("the crisis line")
DISCLAIMER = N_(
    "<i>General first-aid information, not a diagnosis or a substitute for "
    "professional care. If in doubt, call {number}.</i>"
)

# --- Topic replies -------------------------------------------------------------

DO_NOT_HEADING = N_("<b>Do not</b>")
GET_HELP_HEADING = N_("<b>Get help</b>")
VARIANT_HEADING = "<b>{audience}</b>"
SOURCE_HEADING = N_("Source:")
SOURCES_HEADING = N_("Sources:")
SOURCE_ITEM = '<a href="{url}">{org}: {title}</a> ({year})'
BULLET = "• "

# Translators: when the best two topics are close: the best one follows, the
# others are offered. {title} is a topic's title.
LOW_CONFIDENCE = N_("I am not completely sure I understood. This looks like <b>{title}</b>.")
# Translators: {titles} is a list of topic titles joined by ", " and " or ".
DID_YOU_MEAN = N_("If not, did you mean: {titles}?")
# Translators: joins the last two titles of a list; keep the spaces around it.
OR = N_(" or ")
# Translators: under an unsure answer that is not an emergency.
UNSURE_DANGER = N_("If anyone is in danger, call {number}.")

# --- Out of scope --------------------------------------------------------------

OUT_OF_SCOPE = N_(
    "I can only help with first-aid situations, such as bleeding, burns, choking, "
    "a fall or someone who has collapsed."
)
OUT_OF_SCOPE_CLOSEST = N_("If you meant one of these, tell me which: {titles}.")
# Translators: the example in <i> is what a person might write, in your language.
OUT_OF_SCOPE_HOW = N_(  # Babel: the note above is for this message
    "Describe what is happening in a few words, for example: "
    "<i>my son burned his hand on the oven</i>."
)
OUT_OF_SCOPE_DANGER = N_("If someone is in danger right now, call {number}.")

# --- The first message and its views ---------------------------------------------

# Translators: the call line of a first message.
FIRST_CALL_LINE = N_("🚨 <b>Call {number} now.</b> Put the phone on speaker.")
# Translators: the common emergency numbers, shown while the chat's country is
# unknown. Where most people who use the bot live; 112 also works from mobiles
# across Europe and in India, 911 across North America. Translate the place names only.
COMMON_NUMBERS = N_("112 (Europe, India), 911 (North America), 999 (UK), 000 (Australia)")
# Translators: {numbers} is the list of common numbers above.
FIRST_CALL_LINE_UNKNOWN = N_("🚨 <b>Call your emergency number now</b>: {numbers}.")
# Translators: the full reply's first line while no country is known.
EMERGENCY_LINE_UNKNOWN = N_(  # Babel: the note above is for this message
    "🚨 <b>Call your emergency number now</b>: {numbers}. "
    "Put the phone on speaker and follow these steps."
)
# Translators: replaces {number} inside first-aid steps while no country is known
# ("Call {number}" becomes "Call your emergency number").
NUMBER_UNKNOWN = N_("your emergency number")
# Translators: the words the topic files use in a step for the number to call; the
# real number replaces them once the chat's country is known. Use the exact words
# of your language's topic files.
EMERGENCY_NUMBER_WORDS = N_("the emergency number")
# Translators: after a topic's title: whom the steps are for.
FIRST_AUDIENCE = {
    "adult": "",
    "child": N_(" (child)"),
    "baby": N_(" (baby under one)"),
    "pregnant": N_(" (pregnant)"),
    "older": N_(" (older person)"),
}
# Translators: for a pregnant or older person: what differs, under the adult
# steps. {who} is one of the labels below, {step} a first-aid step.
FIRST_ADDED = N_("<b>{who}:</b> {step}")
ADDED_LABEL = {"pregnant": N_("If pregnant"), "older": N_("Older person")}
FIRST_TITLE = "<b>{title}</b>{audience}"
# Translators: country-specific advice says so, so that nobody abroad follows it
# blindly. {name} is the country's name.
FIRST_LOCAL = N_("<i>Advice for {name}.</i>")
FIRST_DISCLAIMER = N_("<i>First-aid information, not a diagnosis.</i>")
# Translators: {audience} is one of the " (child)" labels above (or nothing).
STEP_HEADING = N_("<b>{title}</b>{audience}: step {n} of {total}")
# A topic's own call line (when to call), and the numbers under it while no
# country is known.
TOPIC_CALL_LINE = "🚨 <b>{line}</b>"
NUMBERS_LINE = N_("Emergency numbers: {numbers}.")
