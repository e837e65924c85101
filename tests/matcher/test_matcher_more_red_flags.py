"""More "call 999 / go to A&E" red flags (NHS, St John Ambulance): a limb cut off from
its blood supply, an open or deformed fracture, an object at speed or stuck in the
eye, swallowed magnets or a battery in the nose, green vomit, a floppy baby, fever or
poisoning with drowsiness, mottled skin, heart-attack pain without chest pain, a
large scald, many stings with faintness, pre-eclampsia signs, no urine with
confusion, fang marks, chest recession, a head knock said other ways, a head knock
on blood thinners or with growing sleepiness or a headache that stays, black tarry
poo, sudden testicle pain, Spanish burns said other ways;
crisis phrases and warning signs; "can't tell if he's breathing" is CPR, "no breathing problems" is
not. English and Spanish, both sides of each.

No model: the rules read words. A red flag only raises the call line.
"""

from __future__ import annotations

import pytest

from matcher.serving.normalize import SCAN_CHARS, normalize
from matcher.serving.safety import Scan
from tests.matcher.test_matcher_red_flags import RULES
from tests.matcher.test_matcher_red_flags import flags as flag_list


def scan(lang: str, text: str) -> Scan:
    return RULES[lang].scan(normalize(text, max_chars=SCAN_CHARS))


def flags(lang: str, text: str) -> set[str]:
    return set(flag_list(lang, text))


FLAGGED = [
    ("en", "a piece of bone appears to be poking through the skin", "bone through the skin"),
    ("es", "el hueso se ve salir por la piel", "bone through the skin"),
    ("en", "her lower leg is bent at an unnatural angle", "limb out of shape"),
    ("en", "his thigh looks twisted and shorter than the other", "limb out of shape"),
    ("es", "tiene la pierna torcida hacia fuera", "limb out of shape"),
    (
        "en",
        "sprained my ankle, now the lower leg is swollen tight, pale and I can't move my toes",
        "a cold, pale or numb limb after an injury",
    ),
    (
        "es",
        "me torci la rodilla, la pierna esta fria y blanca y no siento los dedos del pie",
        "a cold, pale or numb limb after an injury",
    ),
    (
        "en",
        "hammering a nail and a bit of metal is sticking out of my eye",
        "an object at speed or stuck in the eye",
    ),
    (
        "es",
        "tengo una esquirla de metal clavada en el ojo",
        "an object at speed or stuck in the eye",
    ),
    (
        "en",
        "fell off his bike onto the handlebars, now very pale and his pulse is racing",
        "pale with a racing pulse after an injury",
    ),
    (
        "en",
        "gran had a nasty fall in the garden, she's gone very pale and her pulse is weak",
        "pale with a racing pulse after an injury",
    ),
    (
        "en",
        "he got run over by a van, he's white as a sheet and his heart is racing",
        "pale with a racing pulse after an injury",
    ),
    (
        "es",
        "se dio con el manillar en la tripa, esta muy palido y tiene el pulso muy rapido",
        "pale with a racing pulse after an injury",
    ),
    (
        "en",
        "my dad is on warfarin and he banged his head when he fell",
        "head injury on blood thinners",
    ),
    (
        "es",
        "mi padre toma sintrom y se ha dado un golpe en la cabeza",
        "head injury on blood thinners",
    ),
    (
        "en",
        "she hit her head two hours ago and keeps getting sleepier, we can't keep her awake",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "es",
        "se dio en la cabeza y cada vez tiene mas sueno, no hay quien lo mantenga despierto",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "en",
        "my daughter bumped her head and has a headache that won't go away",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "es",
        "se dio en la cabeza y tiene un dolor de cabeza que no se le quita",
        "head injury with vomiting, drowsiness or confusion",
    ),
    ("en", "tummy ache and my poo is black like tar", "black, tarry poo"),
    ("es", "me duele el estomago y las heces me salen negras como alquitran", "black, tarry poo"),
    ("en", "my 12 year old has really bad pain in one testicle", "sudden or severe testicle pain"),
    ("es", "se queja de un dolor muy fuerte en un testiculo", "sudden or severe testicle pain"),
    ("es", "se ha quemado las dos manos con la sarten", "a large or deep burn"),
    ("es", "se quemo la entrepierna con el agua del bano", "a large or deep burn"),
    ("es", "le cayo el cafe en el pecho y tiene la piel blanca", "a large or deep burn"),
    ("es", "me cayo te hirviendo en toda la mano", "a scald the size of a hand"),
    ("en", "my son swallowed two magnets from the fridge set", "magnets swallowed"),
    ("es", "se ha tragado dos bolitas imantadas", "magnets swallowed"),
    ("en", "my 3 week old is being sick and it's bright green", "green vomit"),
    ("es", "mi bebe de 3 semanas vomita verde", "green vomit"),
    ("en", "my 4 month old is hot and very floppy", "a floppy baby"),
    ("es", "mi bebe de 4 meses esta muy floja", "a floppy baby"),
    ("en", "fever and a rash and now she is confused", "fever with drowsiness or confusion"),
    ("es", "tengo fiebre, manchas y estoy muy confusa", "fever with drowsiness or confusion"),
    (
        "en",
        "her hands are mottled and she keeps drifting off mid-sentence",
        "mottled or grey skin with drowsiness",
    ),
    ("es", "la piel moteada y esta confundida", "mottled or grey skin with drowsiness"),
    (
        "en",
        "empty packets of her sleeping pills and she is very drowsy",
        "medicines or chemicals and hard to wake",
    ),
    (
        "es",
        "dos cajas de pastillas vacias y le cuesta abrir los ojos",
        "medicines or chemicals and hard to wake",
    ),
    (
        "en",
        "cyclist hit his head, one pupil looks bigger than the other",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "en",
        "he hit his head and there's clear watery stuff coming out of his nose",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "en",
        "cracked the back of my head on the pavement and my vision is a bit blurry",
        "head injury with memory loss or blurred vision",
    ),
    ("en", "she's pale, cold and her lips look greyish", "blue lips or face"),
    ("es", "esta palida, fria y con los labios grisaceos", "blue lips or face"),
    (
        "en",
        "they banged heads together in the playground, now she's been sick",
        "head injury with vomiting, drowsiness or confusion",
    ),
    ("en", "she fainted while playing football", "fainting during exercise"),
    (
        "es",
        "se ha desmayado, antes se tocaba el pecho y dice que el corazon le va a saltos",
        "fainting with chest pain or palpitations",
    ),
    ("es", "me ha venido de golpe uno brutal, como un trueno", "sudden severe headache"),
    ("en", "spilled boiling water on her arm, big blisters already", "a large or deep burn"),
    ("es", "se le cayo el cafe en el brazo y tiene ampollas grandes", "a large or deep burn"),
    (
        "en",
        "calf swollen and hot since the long flight, now suddenly out of breath",
        "a swollen, painful leg with breathlessness",
    ),
    (
        "es",
        "tengo la pantorrilla hinchada desde el viaje y ahora me falta el aire",
        "a swollen, painful leg with breathlessness",
    ),
    (
        "en",
        "took a knee to the head in a tackle, been sick three times since",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "en",
        "bumped his head on the door, now he keeps asking the same questions over and over",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "es",
        "le dieron un rodillazo en la cabeza, ha vomitado y pregunta lo mismo todo el rato",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "en",
        "two days of diarrhoea, now cold and clammy, heart racing and muddled",
        "pale, racing pulse and confused",
    ),
    (
        "es",
        "tiene diarrea desde hace dos dias, esta palido, con el corazon muy acelerado y confundido",
        "pale, racing pulse and confused",
    ),
    (
        "es",
        "se ha dado un golpe en la cabeza y tiene una pupila mas grande que la otra",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "es",
        "se cayo de la bici, se golpeo la cabeza y tiene las pupilas desiguales",
        "head injury with vomiting, drowsiness or confusion",
    ),
    (
        "es",
        "se le prendio la ropa en la hoguera y tiene la piel blanca como cuero",
        "a large or deep burn",
    ),
    (
        "en",
        "stung by a wasp on my arm and now I feel sick and sweaty",
        "a sting with sickness or sweating",
    ),
    (
        "es",
        "me pico una medusa, estoy sudando muchisimo y con nauseas",
        "a sting with sickness or sweating",
    ),
    (
        "en",
        "stung by a jellyfish and now my heart is racing",
        "a sting with a racing heart",
    ),
    (
        "es",
        "me pico una avispa y tengo el corazon muy acelerado",
        "a sting with a racing heart",
    ),
    (
        "en",
        "pulled a mug of tea onto his chest, it's bigger than my hand",
        "a scald the size of a hand",
    ),
    ("es", "toco el horno y tiene ampollas en toda la mano", "a scald the size of a hand"),
    (
        "en",
        "no helmet, he was out cold and keeps asking the same question",
        "head injury with memory loss or blurred vision",
    ),
    (
        "es",
        "se cayo de la bici sin casco y ha vomitado dos veces",
        "head injury with vomiting, drowsiness or confusion",
    ),
    ("en", "about 30 wasp stings and he feels dizzy", "a sting and feeling faint"),
    ("es", "mas de treinta picaduras de avispa y le da vueltas todo", "a sting and feeling faint"),
    (
        "en",
        "wrapped in a jellyfish and his breathing is going weird",
        "a sting and breathing trouble",
    ),
    ("es", "le pico una medusa y ahora respira mal", "a sting and breathing trouble"),
    (
        "en",
        "34 weeks pregnant, seeing flashing lights and my face is swollen",
        "pregnant with headache, vision changes or sudden swelling",
    ),
    (
        "es",
        "embarazada de 34 semanas, veo lucecitas y tengo la cara hinchada",
        "pregnant with headache, vision changes or sudden swelling",
    ),
    (
        "en",
        "he hasn't peed since yesterday and is confused",
        "no urine with drowsiness or confusion",
    ),
    ("es", "no hace pis desde ayer y esta confundido", "no urine with drowsiness or confusion"),
    ("en", "she pushed a tiny round battery up her nose", "button battery"),
    ("es", "se ha metido una pila en la nariz", "button battery"),
    ("en", "something bit him, there are fang marks on his ankle", "venomous bite or sting"),
    ("en", "the skin between his ribs is sucking in", "struggling to breathe"),
    ("es", "se le hunden las costillas al respirar", "struggling to breathe"),
    ("es", "se esta poniendo azul", "blue lips or face"),
    (
        "es",
        "mi bebe tiene 6 semanas y el termometro marca 38,2",
        "fever in a baby under three months",
    ),
    ("es", "no hay manera de despertarlo", "not responding"),
    (
        "en",
        "bitten by a spider in the shed, now sweating and feel sick",
        "a spider bite with sweating or sickness",
    ),
    (
        "es",
        "me pico una arana y ahora estoy sudando con nauseas",
        "a spider bite with sweating or sickness",
    ),
]


@pytest.mark.parametrize(("lang", "text", "label"), FLAGGED)
def test_each_red_flag_says_call_now(lang: str, text: str, label: str) -> None:
    assert label in flags(lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I bruised my shin bone, it's sore"),
        ("en", "twisted my ankle, it's swollen but I can walk on it"),
        ("en", "my fingers go white and numb when I'm outside in the cold"),
        ("en", "fingers are cold and white, warming up now"),
        ("en", "my hands are cold and tingling during a panic attack"),
        ("en", "got an eyelash stuck in my eye"),
        ("en", "some sawdust in my eye while sanding"),
        ("en", "the fridge magnet fell off, how do I stick it back"),
        ("en", "was sick after eating green apples"),
        ("en", "my 8 month old is teething and a bit grumpy"),
        ("en", "I'm confused, what temperature should a baby's bath be"),
        ("en", "took my tablets and feel sleepy as usual"),
        ("en", "sore jaw after the dentist"),
        ("en", "spilled tea on my hand, a small red patch"),
        ("es", "me torci el tobillo, esta hinchado pero puedo andar"),
        ("es", "tengo los dedos frios y blancos cuando hace frio"),
        ("es", "se me metio una pestana en el ojo"),
        ("es", "se cayo el iman de la nevera"),
        ("es", "mi bebe de 8 meses esta con los dientes y llora"),
        ("es", "me tome mis pastillas y tengo sueno como siempre"),
        ("es", "me duele la mandibula despues del dentista"),
        ("es", "me cayo un poco de te en la mano, esta roja"),
        ("en", "I feel dizzy when I stand up too fast"),
        ("en", "stung by a bee on my arm, it's red and itchy"),
        ("en", "I'm pregnant and my ankles are a bit swollen in the evening"),
        ("en", "my phone battery died"),
        ("en", "hasn't had a wee since this morning, is that ok after a long walk"),
        ("en", "bumped my head cycling with no helmet, feel fine"),
        ("es", "me pico una avispa en el brazo y me pica"),
        ("es", "estoy embarazada y se me hinchan un poco los tobillos"),
        ("es", "como cambio la pila del mando"),
        ("es", "el perro me mordio jugando, tengo una marquita"),
        ("en", "a spider bit me, small red bump that itches"),
        ("es", "me pico una arana, tengo un granito rojo que pica"),
        ("en", "sore neck after the gym and I feel sick"),
        ("en", "was grinding metal and a speck flew into my eye"),
        ("en", "my nose bleeds from both holes"),
        ("es", "me pico algo y tengo dos puntitos rojos"),
        ("es", "se le puso morado el ojo del golpe"),
        ("en", "since starting iron tablets my poo is black, is that normal"),
        ("en", "my testicle aches a bit after cycling"),
        ("en", "I have a headache that won't go away after a long day at work"),
        ("en", "I'm on blood thinners, can I take paracetamol for a headache"),
        ("en", "can't keep my eyes open during the afternoon lectures"),
        ("es", "tomo hierro y la caca me sale negra, es normal?"),
        ("es", "me molesta un poco un testiculo despues de montar en bici"),
        ("es", "tengo dolor de cabeza que no se me quita desde el trabajo"),
        ("es", "tomo sintrom, puedo tomar paracetamol para el dolor de cabeza?"),
        # "te" is a pronoun, not tea: no scald.
        ("es", "me torci el tobillo y te juro que me duele toda la pierna"),
        ("en", "stung by a nettle, it itches, I'm fine"),
        ("es", "se me prendio la vela y quemo el mantel"),
        ("en", "my pupils look big in this light, is that normal"),
        ("es", "tengo las pupilas dilatadas con esta luz, es normal"),
        ("en", "my lips are dry and cracked"),
        ("es", "me pico un mosquito y me pica mucho"),
        # Pale with a racing heart, but no injury: a fright or a panic attack.
        ("en", "I'm having a panic attack, I went pale and my heart is racing"),
        ("en", "fell over in the park, grazed my knee, heart racing from the fright"),
        ("en", "my nan keeps asking the same questions, she has dementia"),
        ("es", "mi abuela pregunta lo mismo todo el rato, tiene alzheimer"),
        ("en", "took an elbow to the head at basketball, small bump, feel fine"),
        ("en", "went pale and my heart raced when I saw the exam results"),
        ("en", "sprained my ankle, it's swollen, ice or heat?"),
        # A headache said "a banging head"; feeling a bit faint is not fainting.
        ("en", "at the cricket all day, got a banging head and feel a bit sick"),
        ("en", "he was just a bit faint and sweaty at sports day, back to normal now"),
        ("es", "anoche hubo truenos y no pude dormir, tengo dolor de cabeza"),
        ("en", "touched the oven door, one tiny blister on my finger"),
        ("en", "out of breath after the stairs, legs ache from the gym"),
        # The eye is named, but not where the splinter is.
        ("en", "splinter stuck in my finger, eyes watering"),
        ("es", "tengo una astilla clavada en el dedo y me lloran los ojos"),
        # Neither a run nor falling asleep is an injury.
        ("en", "went for a run, now I'm pale and my heart is racing"),
        ("en", "fell asleep on the sofa and woke up pale with my heart racing"),
        ("en", "I fell ill yesterday, I look pale and my pulse is fast"),
        ("es", "me dio un ataque de panico, me puse palido y con el corazon acelerado"),
    ],
)
def test_the_calm_side_raises_none_of_them(lang: str, text: str) -> None:
    assert flags(lang, text) & {label for _, _, label in FLAGGED} == set()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "he keeps saying he'll do it properly next time"),
        ("es", "me he hecho cortes en los brazos otra vez"),
        ("es", "a partir de manana ya no voy a estar para nadie"),
        # Warning signs (Samaritans): giving possessions away, talk of not being around.
        ("en", "this week I've started giving my things away"),
        ("en", "he's been giving away all his stuff"),
        ("en", "I don't think I'll be around much longer"),
        ("en", "tell them I won't be around for long"),
        ("es", "esta regalando todas sus cosas"),
        ("es", "no creo que siga aqui mucho tiempo"),
        ("es", "ya no aguanto mas, me he vuelto a cortar y no para de sangrar"),
        ("es", "q me pongo en los cortes del brazo q me hago con el sacapuntas"),
        # Warning signs (Samaritans, NHS): a burden, not waking up, saved-up medicines.
        ("en", "everyone would be better off if I just wasn't here anymore"),
        ("en", "I feel like such a burden to everyone"),
        ("en", "I would rather not wake up in the morning"),
        ("en", "I just want to go to sleep and not wake up"),
        ("en", "I've been saving up my sleeping tablets"),
        ("en", "I have been putting my pills aside"),
        ("en", "honestly dont see the point in anyting anymore"),
    ],
)
def test_indirect_crisis_phrases(lang: str, text: str) -> None:
    assert RULES[lang].crisis(scan(lang, text))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I'll do the ironing properly next time"),
        ("es", "me he hecho cortes en los brazos con las zarzas del jardin"),
        ("es", "manana ya no voy a estar en casa, vuelvo el lunes"),
        ("en", "giving away my baby's things, she outgrew them"),
        ("en", "I don't think I'll be around on Saturday, can my wife ask you instead"),
        ("en", "I'll be around if you need me"),
        ("es", "estoy regalando la ropa del bebe que ya no le queda"),
        ("es", "no creo que vaya a estar en casa el sabado"),
        ("es", "he vuelto a cortar el cesped y me duele la espalda"),
        ("en", "my baby went to sleep and didn't wake up for five hours, is that ok"),
        ("es", "los cortes que me hice con el cuchillo al cocinar, se curan solos?"),
        ("en", "collecting my tablets from the pharmacy tomorrow"),
        ("en", "you'd be better off if I was there to help"),
        ("en", "I wasn't here when it happened, my son cut his finger"),
        ("en", "I don't see the point of this homework"),
        ("en", "caring for mum is a burden some days but I manage"),
        ("en", "I hope I don't wake the baby when I come in"),
    ],
)
def test_their_calm_side(lang: str, text: str) -> None:
    assert not RULES[lang].crisis(scan(lang, text))


@pytest.mark.parametrize(
    "text",
    [
        "lip's a bit tingly after kiwi, no swelling, breathing fine",
        "no rash, breathing ok, just itchy",
    ],
)
def test_a_negated_sign_before_breathing_is_not_not_breathing(text: str) -> None:
    assert "not breathing" not in flags("en", text)
    assert RULES["en"].critical(scan("en", text)) is None


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        (
            "en",
            "called his name, no reaction whatsoever, I can't detect any breath",
            "cardiac-arrest",
        ),
        ("en", "she's not answering and her breathing is the odd big gulp", "cardiac-arrest"),
        ("es", "no reacciona y no respira", "cardiac-arrest"),
        # Unsure whether they breathe normally: treat as not breathing (ERC, AHA).
        ("en", "he's unconscious and I can't tell if he's breathing", "cardiac-arrest"),
        ("en", "she collapsed, not sure if she is breathing", "cardiac-arrest"),
        ("en", "she won't answer me and I cannot see she is breathing", "cardiac-arrest"),
        ("es", "esta inconsciente, no estoy seguro de que respire", "cardiac-arrest"),
        ("es", "no reacciona y no se si respira", "cardiac-arrest"),
        ("es", "no me contesta y solo hace un ronquido cada mucho rato", "cardiac-arrest"),
        ("en", "she isn't moving or breathing", "cardiac-arrest"),
        ("es", "no se mueve ni respira", "cardiac-arrest"),
        ("en", "my friend is unconscious and only taking a breath now and then", "cardiac-arrest"),
        ("en", "she passed out and doesn't seem to be breathing", "cardiac-arrest"),
        ("en", "my dad's gone grey and floppy and he's not breathing right", "cardiac-arrest"),
        ("es", "no responde y respira muy de vez en cuando", "cardiac-arrest"),
        ("es", "esta inconsciente y no se le mueve el pecho", "cardiac-arrest"),
        ("en", "he was choking and couldn't breathe, now he's unconscious", "choking"),
        (
            "en",
            "he collapsed and is not breathing, no problems with his heart before",
            "cardiac-arrest",
        ),
        # The other side: breathing said plainly is the recovery position.
        ("en", "he's unconscious but breathing", "unconscious-breathing"),
        ("en", "he passed out, I think he is breathing ok", "unconscious-breathing"),
        ("es", "esta inconsciente pero respira", "unconscious-breathing"),
        ("en", "he's not moving or talking but he's breathing", "unconscious-breathing"),
        ("en", "he's unconscious, breathing normally, what do I do", "unconscious-breathing"),
        ("es", "no reacciona pero respira normal", "unconscious-breathing"),
    ],
)
def test_not_breathing_said_other_ways_is_cpr_and_breathing_is_not(
    lang: str, text: str, topic: str
) -> None:
    hit = RULES[lang].critical(scan(lang, text))
    assert hit is not None and hit.topic == topic


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "he is not responding to me but no breathing problems"),
        ("es", "no reacciona pero no tiene problemas para respirar"),
    ],
)
def test_no_breathing_problems_is_not_cpr(lang: str, text: str) -> None:
    hit = RULES[lang].critical(scan(lang, text))
    assert hit is None or hit.topic not in ("cardiac-arrest", "breathing-difficulty")


def test_the_spanish_eye_sign_reads_a_plain_eye() -> None:
    # "ojo" alone, not only "globo ocular": a corrosive in the eye is not a skin burn.
    assert RULES["es"].has_sign(scan("es", "me salto lejia al ojo"), "in the eye")


def test_no_reaction_to_a_cream_is_not_unresponsive() -> None:
    found = scan("en", "no reaction at all to the new cream, breathing fine")
    assert not RULES["en"].has_sign(found, "unresponsive")
