"""The safety-critical distinctions and de-escalations, both sides of each, on the real corpus.

No model: the rules read words. ``decide`` is given scores that favour the
wrong topic, as an embedding might on an unseen message, and must still give
the right one.
"""

from __future__ import annotations

import numpy as np
import pytest

from matcher import Matcher
from matcher.corpus import Corpus, load_corpus
from matcher.serving.decide import Context, Match, decide
from matcher.serving.normalize import SCAN_CHARS, cap_length, normalize
from matcher.serving.safety import SafetyRules, load_known_words
from matcher.serving.thresholds import Thresholds

CORPUS: Corpus = load_corpus()
RULES = SafetyRules(CORPUS.topics, load_known_words())
IDS = tuple(t.id for t in CORPUS.topics)
CONTEXT = Context(
    topic_ids=IDS,
    levels=tuple(t.level for t in CORPUS.topics),
    safety=RULES,
    thresholds=Thresholds(),
    model_version="test",
)


def met(text: str) -> str | None:
    hit = RULES.critical(RULES.scan(normalize(text, max_chars=SCAN_CHARS)))
    return hit.topic if hit else None


def _decide(text: str, scores: dict[str, float], oos_score: float) -> Match:
    """``decide`` with these topic scores (every other topic 0.1)."""
    all_scores = np.full(len(IDS), 0.1, dtype=np.float32)
    for topic, score in scores.items():
        all_scores[IDS.index(topic)] = score
    whole = normalize(text, max_chars=SCAN_CHARS)
    return decide(
        CONTEXT,
        text=text,
        normalized=cap_length(whole),
        scores=all_scores,
        oos_score=oos_score,
        scan=RULES.scan(whole),
    )


def decided(text: str, model_says: str | None, runner_up: str = "cuts-grazes") -> Match:
    """``decide`` as if the model ranked ``model_says`` first (None: out of scope)."""
    if model_says is None:
        return _decide(text, {runner_up: 0.15}, 0.9)
    return _decide(text, {model_says: 0.8, runner_up: 0.6}, 0.1)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Unresponsive and not breathing normally: CPR.
        ("my dad collapsed and isnt breathing", "cardiac-arrest"),
        ("she's unresponsive and just gasping every few seconds", "cardiac-arrest"),
        ("grandad went limp in his chair, no breath at all", "cardiac-arrest"),
        ("he won't wake up and his chest isn't moving", "cardiac-arrest"),
        ("we shook her and nothing, she isn't breathing right", "cardiac-arrest"),
        ("he collapsed, I can't feel his breath on my cheek", "cardiac-arrest"),
        ("I forgot I had already taken my tablets and took them again", "poisoning"),
        ("mum fainted and she's still not come round, she's breathing", "unconscious-breathing"),
        ("cut my finger and it's spurting in little jets", "severe-bleeding"),
        ("a cramp in my jaw and left arm that won't go away and I'm sweating", "heart-attack"),
        ("she passed out, breathing is a bit weird and noisy", "cardiac-arrest"),
        ("he's unconscious and only breathing occasionally", "cardiac-arrest"),
        # Unresponsive but breathing: recovery position.
        ("my friend passed out drunk, she is breathing but wont wake up", "unconscious-breathing"),
        ("hes unconscious but breathing normally", "unconscious-breathing"),
        # A baby under one choking: infant back blows and chest thrusts.
        ("my 8 month old is choking on a grape", "choking-infant"),
        ("my 14 month old is choking on a grape, coughing", "choking"),
        ("newborn choking on milk cant cry", "choking-infant"),
        ("baby choking help", "choking-infant"),
        # Heat with confusion, collapse, hot dry skin or no sweating: heatstroke.
        ("been in the sun all day, now he's confused and talking nonsense", "heatstroke"),
        (
            "hot day at the festival, she stopped sweating and her skin is dry and burning",
            "heatstroke",
        ),
        # Heat illness whose response is falling: heatstroke.
        ("been in the sun all day, vomited twice and now he's very drowsy", "heatstroke"),
        ("sunbathing all afternoon, threw up and now she's hard to wake", "heatstroke"),
        # An allergen with breathing or throat trouble: anaphylaxis.
        ("stung by a wasp and now she's wheezing", "anaphylaxis"),
        ("ate a peanut cookie and his throat is closing up", "anaphylaxis"),
        ("after the antibiotic she can't breathe properly", "anaphylaxis"),
        # Face, arm, speech: stroke.
        ("mums face is drooping on one side", "stroke"),
        ("he can't lift his left arm and his speech is slurred", "stroke"),
        # A CO source with symptoms: carbon monoxide.
        ("the co alarm went off and we all have headaches", "carbon-monoxide"),
        (
            "gas heater on in a closed room, my grandparents are confused and drowsy",
            "carbon-monoxide",
        ),
        # A child with medicines or chemicals: poisoning, never out of scope.
        ("my toddler ate some of my tablets", "poisoning"),
        ("my son got into the dishwasher pods and chewed one", "poisoning"),
        # Heavy bleeding: severe bleeding.
        ("cut my leg on glass and blood is spurting everywhere", "severe-bleeding"),
        # An adult or child choking; asthma with breathing trouble.
        ("man at the next table is clutching his throat, can't talk", "choking"),
        ("my daughter is wheezing and her inhaler isn't helping", "asthma-attack"),
        # A corrosive on the skin; an object stuck in a wound; diabetes out of balance.
        ("spilled drain cleaner on my hand and it's burning", "chemical-burn"),
        ("a metal rod is sticking out of his thigh", "embedded-object"),
        ("her blood sugar is really low and she's shaky", "diabetic-emergency"),
        # Plainly not breathing, with no other words.
        ("mum is not breathing", "cardiac-arrest"),
        # Gulping noises now and then are not breathing; shade is heat; a clumsy hand.
        (
            "my wife stopped responding, making loud gulping noises every 10 seconds",
            "cardiac-arrest",
        ),
        ("sat her in the shade, now she's stopped making sense and her skin is hot", "heatstroke"),
        ("dizzy, seeing double, my left hand is clumsy and I can't do up buttons", "stroke"),
        # Milk that went the wrong way: the airway (infant choking), not an allergy.
        (
            "my baby is 5 weeks old, the milk go wrong way and now she cannot breathe, no cry",
            "choking-infant",
        ),
        ("allergic to milk, ate a yoghurt and now my throat is tight", "anaphylaxis"),
        # A chemical in the eye: rinse (cement is a strong alkali).
        ("Cement powder go inside my eye at construction site, very painful", "eye-chemical"),
        ("splashed bleach into my eyes", "eye-chemical"),
    ],
)
def test_each_distinction_is_met(text: str, topic: str) -> None:
    assert met(text) == topic


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        # The other side of each: no rule, or the other rule.
        ("I can't breathe, my chest is tight and I'm panicking", "cardiac-arrest"),
        ("he fainted but came round and is breathing fine", "cardiac-arrest"),
        ("my hands shake and I can't stop them", "cardiac-arrest"),
        ("I shook him awake and he's breathing fine, a bit groggy", "cardiac-arrest"),
        ("she took her sleeping pill at ten and is a bit sleepy now", "overdose"),
        ("I forgot to take my tablets this morning", "poisoning"),
        ("my jaw aches after the dentist", "heart-attack"),
        ("she fainted but came round straight away, breathing fine", "unconscious-breathing"),
        ("cut my finger, it's bleeding a little", "severe-bleeding"),
        # Typo tolerance must not read these as "spurting".
        ("he's slurring and stumbling after the climb", "severe-bleeding"),
        ("sparring tonight, caught a right hook under my eye", "severe-bleeding"),
        ("a wood splinter is stuck in my thumb", "eye-foreign-object"),
        # The eye is named, but not where the splinter is.
        ("splinter stuck in my finger, eyes watering", "eye-foreign-object"),
        ("my left hand is numb after sleeping on it", "stroke"),
        ("sitting in the shade with a coffee, bit of a headache", "heatstroke"),
        # Dust is no chemical: the foreign-object steps, not the chemical ones.
        ("some dust got inside my eye on the building site", "eye-chemical"),
        ("my breath smells sweet after the sweets, is that normal", "diabetic-emergency"),
        ("she is drowsy after her nap, breath smells of milk", "diabetic-emergency"),
        # "Breathing now" is breathing again.
        ("she passed out but she is breathing now", "cardiac-arrest"),
        ("he's unconscious, breathing every few seconds", "cardiac-arrest"),
        ("my 3 year old is choking on a grape", "choking-infant"),
        ("my 2 year old baby is choking", "choking-infant"),
        ("my son is 14 months and choking on a crisp", "choking-infant"),
        ("sweating buckets in the heat and feel weak, still making sense", "heatstroke"),
        ("my son has a fever and is a bit confused", "heatstroke"),
        ("my son its 39 degrees and he had a fit", "heatstroke"),
        ("stung by a bee, the arm is swollen but she is breathing fine", "anaphylaxis"),
        ("itchy hives after eating prawns, no trouble breathing", "anaphylaxis"),
        ("bad headache and a bit dizzy", "stroke"),
        ("he's drunk and slurring his words", "stroke"),
        ("our co alarm keeps beeping, how do I test it", "carbon-monoxide"),
        ("I have a headache", "carbon-monoxide"),
        ("my son wants to know why tablets are bitter", "poisoning"),
        ("small cut on my finger, bleeding a bit", "severe-bleeding"),
        ("hes not unconscious, he is awake and talking", "unconscious-breathing"),
        ("rash after the new soap, no breathing trouble", "cardiac-arrest"),
        ("lips tingly after kiwi, no swelling, breathing fine", "anaphylaxis"),
        ("my dad is not breathing properly after running up the stairs", "cardiac-arrest"),
        ("bleach splashed in my eye", "chemical-burn"),
        ("my toddler drank some bleach", "chemical-burn"),
        ("a thorn stuck in my palm from the rose bush", "embedded-object"),
        ("I'm sitting in the sun feeling cold and confused", "heatstroke"),
        # Sick and sleepy in the heat, but writing it: heat exhaustion (NHS), not heatstroke.
        ("working outside in 35 degrees, feel sick and very sleepy", "heatstroke"),
        ("I'm so drowsy after the beach, bit sick", "heatstroke"),
        ("hot day, my son is very sleepy but not sick, eating fine", "heatstroke"),
        ("chest pain and my left arm feels heavy", "stroke"),
    ],
)
def test_the_other_side_is_not_met(text: str, not_topic: str) -> None:
    assert met(text) != not_topic


@pytest.mark.parametrize(
    ("text", "model_says", "right"),
    [
        ("my dad collapsed and isnt breathing", "unconscious-breathing", "cardiac-arrest"),
        ("mum fell down and is not breathing, what do i do", "fainting", "cardiac-arrest"),
        ("my 6 month old is choking", "choking", "choking-infant"),
        # An adult named: never the baby's steps, whatever the model ranks first.
        ("my dad is choking", "choking-infant", "choking"),
        ("my husband is choking he cant breathe", "choking-infant", "choking"),
        ("im choking on a fishbone", "choking-infant", "choking"),
        ("mum, the baby is choking on a grape", "choking", "choking-infant"),
        # No word of choking, but the model chose a choking topic: the age decides.
        (
            "7 mnth old had a bit of rusk, now cant cry or cough, face going purple",
            "choking",
            "choking-infant",
        ),
        (
            "my 3 year old cant cry or cough after a grape, face going purple",
            "choking-infant",
            "choking",
        ),
        (
            "stopped sweating after the run in the heat and talking rubbish",
            "heat-exhaustion",
            "heatstroke",
        ),
        ("bee sting and now her tongue is swelling", "insect-sting", "anaphylaxis"),
        ("his face is drooping on one side", "cuts-grazes", "stroke"),
        ("co alarm going off, i feel dizzy and sick", "dizziness", "carbon-monoxide"),
        ("my toddler swallowed some of grandmas pills", None, "poisoning"),
        (
            "gas heater in a closed room, the old couple next door are confused",
            None,
            "carbon-monoxide",
        ),
        ("he's unconscious but breathing", "cardiac-arrest", "unconscious-breathing"),
        # The model reads "unconscious"; the breath said not normal: never the recovery position.
        ("his head dropped and I can't feel his breath", "unconscious-breathing", "cardiac-arrest"),
        (
            "a big metal splinter is stuck in my eye from the grinder",
            "splinter",
            "eye-foreign-object",
        ),
        (
            "so thirsty and weeing loads, now drowsy and her breath smells of pear drops",
            "dehydration",
            "diabetic-emergency",
        ),
        (
            "two empty boxes of her sleeping pills, she's very sleepy and can't keep her eyes open",
            "fainting",
            "overdose",
        ),
        # A limp baby not breathing, no word of choking: CPR, not back blows.
        ("my 3 month old has gone limp and isnt breathing", "choking-infant", "cardiac-arrest"),
        ("the baby just stopped breathing", "choking-infant", "cardiac-arrest"),
        ("grandad collapsed at dinner and isnt breathing", "choking", "cardiac-arrest"),
        # Spinal precautions under way: the spinal-injury steps (log-roll to vomit).
        (
            "keeping his head still with my hands like you said but he's started vomiting",
            "head-injury",
            "spinal-injury",
        ),
        # Shock signs after two days of vomiting: shock, not the tummy-bug steps.
        (
            "two days of vomiting and diarrhoea, now cold and clammy, heart racing, muddled",
            "vomiting-diarrhoea",
            "shock",
        ),
    ],
)
def test_decide_overrides_a_harmful_model_answer(
    text: str, model_says: str | None, right: str
) -> None:
    match = decided(text, model_says)
    assert (match.topic, match.emergency, match.oos) == (right, True, False)


@pytest.mark.parametrize(
    ("text", "model_says"),
    [
        ("my 3 year old cant cry or cough after a grape", "choking"),
        ("7 month old cant cry or cough after a bit of rusk", "choking-infant"),
    ],
)
def test_the_right_choking_steps_stand(text: str, model_says: str) -> None:
    assert decided(text, model_says).topic == model_says


def test_breathing_trouble_stands_when_the_model_did_not_answer_unconscious() -> None:
    # The same signs with a conscious person's topic: the model's answer stands.
    match = decided("her breathing is weird and wheezy, she has asthma", "asthma-attack")
    assert match.topic == "asthma-attack"


def test_a_topic_that_handles_the_situation_is_kept() -> None:
    match = decided("pulled him out of the pool, he is unresponsive and not breathing", "drowning")
    assert (match.topic, match.emergency) == ("drowning", True)


@pytest.mark.parametrize(
    ("text", "model_says"),
    [
        ("the baby choked on a grape, now she's limp and not breathing", "choking-infant"),
        ("he was choking on steak and now he's unconscious and not breathing", "choking"),
    ],
)
def test_a_choking_topic_is_kept_when_the_message_says_choking(text: str, model_says: str) -> None:
    match = decided(text, model_says)
    assert (match.topic, match.emergency) == (model_says, True)


def test_crisis_still_comes_first() -> None:
    match = decided("I took all my pills because I want to die, now I can't breathe", "overdose")
    assert match.crisis and match.topic == "suicidal-crisis"


def test_a_crisis_buried_in_a_long_story_is_found() -> None:
    story = "We went to the shops and then had lunch with my aunt. " * 40
    text = story + "Honestly I want to kill myself tonight. " + story
    assert len(text) > 3500
    match = decided(text, None)
    assert match.crisis and match.topic == "suicidal-crisis"


def test_the_matcher_scans_the_whole_message(fake_matcher: Matcher) -> None:
    story = "We went to the shops and then had lunch with my aunt. " * 40
    assert fake_matcher.match(story + "I want to kill myself tonight. " + story).crisis
    breathing = story + "My dad is not breathing and his lips are blue. " + story
    assert fake_matcher.match(breathing).emergency
    assert not fake_matcher.match(story).emergency


def test_not_breathing_buried_in_a_long_story_is_found() -> None:
    story = "It was a normal evening, the kids were doing homework and the telly was on. " * 25
    text = (
        story + "My dad collapsed on the sofa, he is not breathing and his lips are blue. " + story
    )
    assert len(text) > 3500
    match = decided(text, "fainting")
    assert (match.topic, match.emergency) == ("cardiac-arrest", True)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("got a tiny static shock from the car door, totally fine", "electric-shock"),
        ("my son swallowed a coin an hour ago, he seems fine and is playing", "swallowed-object"),
        ("had a hypo, ate some sweets and feel fine now", "diabetic-emergency"),
        ("my epileptic son had his usual seizure, it stopped and he is back to normal", "seizure"),
        ("asthma flared up but the inhaler worked and I'm fine now", "asthma-attack"),
        # Choking that is over: coughed out by themselves, playing again.
        ("he coughed the grape back up himself and he's running round happy now", "choking"),
        ("my 7 month old gagged on pear, coughed it straight out and is smiling", "choking-infant"),
        # Asked ahead of time or afterwards: not happening now.
        ("off hiking next week, what do we do in case one of us gets bitten", "snake-bite"),
        ("dad had a heart attack last year, what to keep in case it happens again", "heart-attack"),
        ("how do I remember the signs of a stroke? I want to teach my kids", "stroke"),
        ("if I see someone getting a shock from a cable, what do I do first", "electric-shock"),
        ("sit them up or lay them down? just want to know for the future", "breathing-difficulty"),
    ],
)
def test_a_call_level_topic_that_is_minor_or_over_does_not_say_call_now(
    text: str, topic: str
) -> None:
    match = decided(text, topic)
    assert match.topic == topic and not match.emergency


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("got a shock from the socket, my arm is burnt and numb", "electric-shock"),
        ("swallowed a button battery, seems fine", "swallowed-object"),
        ("having a hypo and he is getting confused", "diabetic-emergency"),
        ("first ever seizure and it's still going", "seizure"),
        ("the inhaler is not helping, lips turning blue", "asthma-attack"),
        ("is it ok to give my husband juice during a hypo?", "diabetic-emergency"),
        ("he coughed some out but is still wheezing and struggling", "choking"),
        (
            "my inhaler only helps for a minute, wheezing loads, cant finish a sentence",
            "asthma-attack",
        ),
        ("girl on the train wheezing badly, shaking her inhaler, how can I help", "asthma-attack"),
        # A question, but about now ("how do I do CPR" is asked in emergencies too), or
        # a red flag beside the words of planning.
        ("how do I do CPR", "cardiac-arrest"),
        ("what do I do if I find someone collapsed and not breathing", "cardiac-arrest"),
        ("what do I do if it happens again? he has chest pain right now", "heart-attack"),
        ("she was stung while we were learning to sail, her throat is swelling", "anaphylaxis"),
    ],
)
def test_the_same_topics_still_say_call_now_when_it_is_not_over(text: str, topic: str) -> None:
    assert decided(text, topic).emergency


def test_a_call_level_runner_up_is_not_evidence() -> None:
    match = decided("spelk in my thumb, cant get it out", "splinter", runner_up="embedded-object")
    assert match.topic == "splinter" and not match.emergency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she hit her head on the frame, got a big bump and has been sick twice", True),
        ("hit my head on the cupboard, small bump, feel fine", False),
        ("tipped boiling water over both his legs", True),
        ("tiny burn on my finger from the oven tray", False),
        ("I'm 7 weeks pregnant with bad pain low on the left side", True),
        ("pregnant and my ankles are swollen", False),
        ("his stomach is hard and swollen and he can't keep still", True),
        ("fainted in the middle of the football match", True),
        ("felt faint in the hot shower, fine after sitting down", False),
    ],
)
def test_two_signs_anywhere_make_a_red_flag(text: str, expected: bool) -> None:
    found = RULES.combined_red_flags(RULES.scan(normalize(text, max_chars=SCAN_CHARS)))
    assert bool(found) is expected


@pytest.mark.parametrize(
    ("text", "model_says", "right"),
    [
        ("cant breth", None, "breathing-difficulty"),
        ("I can't breathe properly and it's getting worse", "headache", "breathing-difficulty"),
        ("my son is 3, a grape is stuck, he can't breathe", "choking", "choking"),
        ("having a panic attack, can't breathe", "panic-attack", "panic-attack"),
    ],
)
def test_cant_breathe_is_never_out_of_scope_or_a_minor_topic(
    text: str, model_says: str | None, right: str
) -> None:
    match = decided(text, model_says)
    assert match.topic == right and match.emergency


@pytest.mark.parametrize(
    "text",
    [
        "cut my wrist on glass by accident and it won't stop, soaking through towels",
        "his leg is bent the wrong way after the tackle",
        "a piece of wood is stuck in my eye and sticking out",
        "baby's nappies have been dry for 12 hours and she's lethargic",
    ],
)
def test_more_red_flags_say_call_now(text: str) -> None:
    assert decided(text, "cuts-grazes").emergency


def test_asking_how_many_pills_would_stop_you_waking_is_a_crisis() -> None:
    match = decided("how many of my pills would it take to not wake up", "overdose")
    assert match.crisis


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("my dad is choking", "an adult is choking"),
        ("im choking on a fishbone", "an adult is choking"),
        ("mum, the baby is choking on a grape", "a baby under one is choking"),
        ("my 3 year old is choking", "a child over one is choking"),
    ],
)
def test_who_is_choking_decides_the_steps(text: str, label: str) -> None:
    found = RULES.critical(RULES.scan(normalize(text, max_chars=SCAN_CHARS)))
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Numb or paralysed limbs after a fall or crash: a spinal injury (do not move them).
        ("he fell off the ladder and cant feel his legs", "spinal-injury"),
        ("came off her horse, landed on her back, can't move her legs", "spinal-injury"),
        # An electric shock, whatever the model ranks first.
        ("my son got electrocuted by the toaster", "electric-shock"),
        ("got a shock from the plug socket, my arm is tingling", "electric-shock"),
        ("touched the electric fence and it threw me back", "electric-shock"),
    ],
)
def test_spinal_and_electric_distinctions_are_met(text: str, topic: str) -> None:
    assert met(text) == topic


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        ("my dad fell down the stairs and he can't move his leg, it's twisted", "spinal-injury"),
        ("my legs are numb from sitting cross-legged", "spinal-injury"),
        ("sudden weakness, can't move the arm on one side, face drooping", "spinal-injury"),
        ("we have electrolyte drinks and some shade", "electric-shock"),
        ("a static shock from the car door", "electric-shock"),
        ("the news was a real shock to her", "electric-shock"),
    ],
)
def test_spinal_and_electric_other_side(text: str, not_topic: str) -> None:
    assert met(text) != not_topic


def _bank_claims(text: str) -> Match:
    """``decide`` when the out-of-scope bank beats a plausible best topic."""
    scores = np.full(len(IDS), 0.1, dtype=np.float32)
    scores[IDS.index("breathing-difficulty")] = 0.5
    whole = normalize(text, max_chars=SCAN_CHARS)
    return decide(
        CONTEXT,
        text=text,
        normalized=cap_length(whole),
        scores=scores,
        oos_score=0.8,
        scan=RULES.scan(whole),
    )


def test_red_flags_keep_a_message_the_bank_claims_in_scope() -> None:
    rescued = _bank_claims("his lips are going blue, what is happening")
    assert rescued.topic == "breathing-difficulty" and not rescued.oos
    assert rescued.emergency and rescued.low_confidence
    declined = _bank_claims("what is the weather going to be like tomorrow")
    assert declined.oos and declined.topic is None and not declined.emergency


def _bank_nearly_as_close(text: str, best: str, bank: float = 0.54) -> Match:
    """``decide`` when ``best`` (0.55) clears the floor but the out-of-scope bank is
    within the margin (or, with ``bank`` above 0.55, closer)."""
    return _decide(text, {best: 0.55}, bank)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("off to a festival next week, what to pack so nobody gets heatstroke", "heatstroke"),
        (
            "new lifeguard job, how do you put someone in the recovery position",
            "unconscious-breathing",
        ),
        ("which tourniquet should I buy for the van's kit", "severe-bleeding"),
    ],
)
def test_a_question_naming_first_aid_is_answered_calm_not_rejected(text: str, topic: str) -> None:
    match = _bank_nearly_as_close(text, topic)
    assert (match.topic, match.oos, match.emergency, match.low_confidence) == (
        topic,
        False,
        False,
        True,
    )


def test_without_a_first_aid_name_the_bank_still_wins() -> None:
    match = _bank_nearly_as_close("what should we pack for the festival next week", "heatstroke")
    assert match.oos and match.topic is None


def test_a_first_aid_name_does_not_beat_a_bank_that_is_closer() -> None:
    text = "write three catchy lines for our CPR training company's homepage"
    match = _bank_nearly_as_close(text, "cardiac-arrest", bank=0.62)
    assert match.oos and match.topic is None


def test_a_tummy_bug_without_shock_signs_keeps_its_steps() -> None:
    # Pale and a fast heart after being sick, but not confused: the model's answer stands.
    match = decided(
        "been sick all night, I look pale and my heart is a bit fast", "vomiting-diarrhoea"
    )
    assert match.topic == "vomiting-diarrhoea"


def test_asking_whether_to_keep_ones_own_head_still_is_a_head_knock() -> None:
    match = decided("bumped my head on the cupboard, should I keep my head still", "head-injury")
    assert match.topic == "head-injury"
