"""A new safety rule must not raise the alarm on calm messages.

Every rule has tests of both sides, but those are written with the rule in mind.
Here the rules read every calm in-scope message of each language's dev set
(labelled "not an emergency" by the people who wrote it) and the (rule, topic)
pairs that raise the alarm must be among the accepted ones below: each is a
deliberate choice, with its reason. A rule that starts firing on calm messages
of another topic, or a new rule that fires on any, fails here with the messages
that show it; a pair no calm message raises any more must leave the list. (The
dev set is calibrated on: using it here tunes nothing.)
"""

from __future__ import annotations

import pytest

from matcher.corpus import EvalItem, dev_set_path, load_corpus, load_eval
from matcher.serving.languages import known_words
from matcher.serving.normalize import SCAN_CHARS, normalize
from matcher.serving.rules import language_rules
from matcher.serving.safety import SafetyRules, load_known_words

_SHARED = {
    # Guidance says call for a chemical in the eye or a corrosive on the skin even
    # when the writer sounds calm: the damage is not visible yet.
    ("a chemical in the eye: rinse", "eye-chemical"),
    ("a corrosive on the skin: chemical burn", "chemical-burn"),
    # "Can't breathe" is taken at its word, whatever the writer thinks the cause is.
    ("can't breathe: breathing difficulty", "panic-attack"),
}
ACCEPTED = {
    "en": _SHARED
    | {
        ("not breathing", "panic-attack"),
        ("chest pain", "panic-attack"),
        ("seizure won't stop", "panic-attack"),
        # "Lots of blood" / "pouring" is heavy bleeding until someone sees it.
        ("heavy bleeding", "dental-injury"),
        ("heavy bleeding", "nosebleed"),
        ("heavy bleeding: severe bleeding", "dental-injury"),
        ("heavy bleeding: severe bleeding", "nosebleed"),
    },
    "es": _SHARED
    | {
        ("an object stuck in a wound: do not remove it", "embedded-object"),
        ("asthma and breathing trouble: asthma attack", "asthma-attack"),
        ("smoke and coughing or breathing trouble: smoke inhalation", "smoke-inhalation"),
        # "Can't move the leg" is read as a spinal sign; a cramp says the same words.
        ("can't move or feel limbs", "muscle-cramp"),
        # A fall from a tree with a bent forearm: guidance would have it seen urgently.
        ("fall from height", "fracture"),
        ("limb out of shape", "fracture"),
        # Unconscious for seconds: a faint, but any loss of consciousness is asked about.
        ("unconscious", "fainting"),
    },
}


def _rules(lang: str) -> SafetyRules:
    if lang == "en":
        return SafetyRules(load_corpus().topics, load_known_words())
    corpus = load_corpus(lang=lang)
    return SafetyRules(corpus.topics, known_words(corpus), rules=language_rules(lang))


def alarms(rules: SafetyRules, item: EvalItem) -> set[str]:
    """Labels of the rules that make this message an emergency."""
    found = rules.scan(normalize(item.text, max_chars=SCAN_CHARS))
    hit = rules.critical(found)
    flags = set(rules.red_flags(found) + rules.combined_red_flags(found))
    return flags | ({hit.label} if hit is not None and hit.escalate else set())


@pytest.mark.parametrize("lang", sorted(ACCEPTED))
def test_rules_raise_the_alarm_on_no_new_kind_of_calm_message(lang: str) -> None:
    rules = _rules(lang)
    calm = [i for i in load_eval(dev_set_path(lang=lang)) if i.topics and not i.emergency]
    assert len(calm) > 100
    raised = {
        (label, item.topics[0], item.text[:80]) for item in calm for label in alarms(rules, item)
    }
    unexpected = sorted(r for r in raised if r[:2] not in ACCEPTED[lang])
    assert unexpected == []
    # And the list stays short: a pair no calm message raises any more is removed.
    assert {r[:2] for r in raised} == ACCEPTED[lang]
