"""The Spanish safety rules (matcher/serving/lexicon_es.py, signs_es.py): both sides of
every distinction, two-sign red flag and de-escalation, crisis phrasings and their
look-alikes, and the key emergency rules, the Spanish mirror of test_matcher_critical.py.

No model: the rules read words, with accents folded ("respiró" = "respiro").
"""

from __future__ import annotations

import pytest

from matcher.corpus import load_corpus
from matcher.serving import downgrades, escalation, signs
from matcher.serving.fields_es import FIELDS
from matcher.serving.languages import known_words
from matcher.serving.lexicon_es import DOWNGRADE_SIGNS, SIGNS
from matcher.serving.normalize import SCAN_CHARS, normalize
from matcher.serving.rules import language_rules
from matcher.serving.safety import SafetyRules, Scan
from matcher.serving.signs_es import parse

CORPUS = load_corpus(lang="es")
# Without a dictionary (as the rules are built in the brief) and as the Spanish matcher
# builds them, with the corpus's words as known words (no typo tolerance for them).
ALL_RULES = {
    "no dictionary": SafetyRules(CORPUS.topics, frozenset(), rules=language_rules("es")),
    "corpus words": SafetyRules(CORPUS.topics, known_words(CORPUS), rules=language_rules("es")),
}
RULES = ALL_RULES["no dictionary"]


@pytest.fixture(autouse=True, params=sorted(ALL_RULES))
def _both_rule_sets(request: pytest.FixtureRequest) -> None:
    global RULES
    RULES = ALL_RULES[request.param]


def scan(text: str) -> Scan:
    return RULES.scan(normalize(text, max_chars=SCAN_CHARS))


def met(text: str) -> str | None:
    hit = RULES.critical(scan(text))
    return hit.topic if hit else None


def test_the_signs_are_the_english_ones() -> None:
    assert set(SIGNS) == set(signs.SIGNS) | set(escalation.RED_FLAG_SIGNS)
    assert set(DOWNGRADE_SIGNS) == set(downgrades.DOWNGRADE_SIGNS)
    assert all(SIGNS.values()) and all(DOWNGRADE_SIGNS.values())


def test_the_tables_parse_gaps_fields_and_continuations() -> None:
    table = "[a] uno|dos tres /2 ; {FEVER}\n[b] cuatro|\n    cinco seis"
    assert FIELDS["FEVER"].startswith("fiebre|")
    assert parse(table) == [
        ("a", ("uno|dos tres", 2)),
        ("a", FIELDS["FEVER"]),
        ("b", "cuatro|cinco seis"),
    ]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Unresponsive and not breathing normally: CPR.
        ("mi papá está tirado en el piso, no reacciona y no respira", "cardiac-arrest"),
        ("se desplomó en la cocina y no respira", "cardiac-arrest"),
        ("mi abuela no responde y está boqueando cada tanto", "cardiac-arrest"),
        ("no reacciona, no respira", "cardiac-arrest"),
        ("está inconsciente y el pecho no se mueve", "cardiac-arrest"),
        ("se cayó redondo y no le veo respirar", "cardiac-arrest"),
        ("le muevo el hombro y no hace nada, y no le noto el aliento", "cardiac-arrest"),
        ("hay dos cajas de pastillas para dormir vacías y está muy dormida", "overdose"),
        ("se me ha clavado una astilla de metal en el ojo con la radial", "eye-foreign-object"),
        ("está muy adormilada y el aliento le huele a manzana", "diabetic-emergency"),
        ("me atraganté con un trozo de pan", "choking"),
        ("por el antibiótico se le hinchan los labios y la voz le sale ronca", "anaphylaxis"),
        ("calambre en la mandibula y el brazo izquierdo y estoy sudando", "heart-attack"),
        ("la tostadora me dio un pequeño calambre", "electric-shock"),
        ("mi mamá no despierta y respira muy raro", "cardiac-arrest"),
        ("MI ESPOSO NO RESPIRA", "cardiac-arrest"),
        ("dejó de respirar", "cardiac-arrest"),
        # Not moving on the floor is unresponsive; said every way.
        ("mi abuela está en el piso, no se mueve y no le siento la respiración", "cardiac-arrest"),
        ("lo encontré tirado en el suelo sin moverse y no respira", "cardiac-arrest"),
        ("no se mueve ni respira", "cardiac-arrest"),
        ("mi mamá no se mueve, está tirada en el suelo y no le veo respirar", "cardiac-arrest"),
        ("no respira con normalidad y no reacciona", "cardiac-arrest"),
        # Unresponsive but breathing: recovery position.
        ("no reacciona pero respira normal", "unconscious-breathing"),
        ("mi amiga bebió mucho, está inconsciente pero respira", "unconscious-breathing"),
        ("se desmayó y no vuelve en sí, respira bien", "unconscious-breathing"),
        # A negation earlier in the sentence does not cancel "respira con normalidad".
        (
            "no consigo despertarlo de ninguna manera; respira con normalidad",
            "unconscious-breathing",
        ),
        ("no despierta de ninguna forma, se le ve el pecho subir y bajar", "unconscious-breathing"),
        # A baby under one choking: infant back blows and chest thrusts.
        ("mi bebé de 8 meses se está atragantando con una uva", "choking-infant"),
        ("recién nacido atragantado con la leche, no puede llorar", "choking-infant"),
        ("bebe atragantado ayuda", "choking-infant"),
        ("la guagua se atoró con un pedazo de pan", "choking-infant"),
        # A child or an adult choking.
        ("mi hijo de 3 años se atraganta con una uva", "choking"),
        ("el señor de la mesa de al lado se agarra el cuello y no puede hablar", "choking"),
        ("se me quedó atorado un hueso de pollo en la garganta", "choking"),
        # Heat with confusion, collapse or hot dry skin: heatstroke.
        ("estuvo todo el día al sol y ahora está confundido y dice tonterías", "heatstroke"),
        ("con este calor dejó de sudar y tiene la piel seca y caliente", "heatstroke"),
        ("corrió con este calor y ahora dice cosas sin sentido", "heatstroke"),
        ("está sentado a la sombra, tiene la piel ardiendo y ya no suda", "heatstroke"),
        ("con el calor está confuso y ya no suda", "heatstroke"),
        ("estuvo al sol toda la tarde y no sabe dónde está", "heatstroke"),
        ("estuvo todo el día al sol, ha vomitado y está muy adormilado", "heatstroke"),
        ("esta en el suelo, no se mueve y no le noto aire por la nariz", "cardiac-arrest"),
        ("me mareo, veo doble y tengo la mano izquierda torpe", "stroke"),
        ("mi bebé de 2 meses, la leche se le fue por otro lado, no respira", "choking-infant"),
        # An allergen with breathing or throat trouble: anaphylaxis.
        ("le picó una avispa y ahora tiene pitos al respirar", "anaphylaxis"),
        ("comió un pastel con cacahuetes y se le está cerrando la garganta", "anaphylaxis"),
        ("después del antibiótico no puede respirar bien", "anaphylaxis"),
        ("cenamos en un restaurante y se le hinchó la lengua", "anaphylaxis"),
        # Smoke with coughing; asthma with breathing trouble.
        ("hubo un incendio en la cocina y no para de toser", "smoke-inhalation"),
        ("mi hija es asmática y le cuesta respirar, el inhalador no le hace nada", "asthma-attack"),
        # Face, arm, speech: stroke.
        ("mi mamá tiene la cara torcida de un lado", "stroke"),
        ("no puede levantar el brazo izquierdo y arrastra las palabras", "stroke"),
        ("de repente tiene la boca chueca y habla arrastrando las palabras", "stroke"),
        # One hand or arm weak (its grip too), and speech nobody can follow.
        ("no consigue sujetar la taza con la mano izquierda", "stroke"),
        ("no puede agarrar nada con la mano derecha desde esta mañana", "stroke"),
        ("no tiene fuerza en el brazo izquierdo", "stroke"),
        ("el brazo derecho no le responde", "stroke"),
        ("se le cae el vaso de la mano izquierda", "stroke"),
        ("se le caen las cosas de la mano derecha", "stroke"),
        ("no se le entiende nada cuando habla", "stroke"),
        ("no le entendemos lo que dice", "stroke"),
        ("de repente habla raro", "stroke"),
        # A CO source with symptoms: carbon monoxide.
        ("sonó la alarma de monóxido y a todos nos duele la cabeza", "carbon-monoxide"),
        ("estufa de gas en un cuarto cerrado y mis abuelos están mareados", "carbon-monoxide"),
        # A chemical in the eye, swallowed, on the skin.
        ("me salpicó lejía en el ojo", "eye-chemical"),
        ("se tomó un trago de lejía pensando que era agua", "poisoning"),
        ("se me cayó desatascador en la mano y me arde", "chemical-burn"),
        # A child with medicines or chemicals: poisoning, never out of scope.
        ("mi niño de 2 años se tragó unas pastillas de mi bolso", "poisoning"),
        ("mi hijo se comió una cápsula de lavavajillas", "poisoning"),
        ("mi hijo de 3 años se zampó unas pastillas", "poisoning"),
        ("mi sobrino bebió anticongelante de una botella", "poisoning"),
        (
            "dejé una botella de agua rellena de anticongelante y mi sobrino de 6 años bebió",
            "poisoning",
        ),
        # An object stuck in a wound; diabetes out of balance; heavy bleeding.
        ("tiene una varilla de hierro clavada en el muslo", "embedded-object"),
        ("tiene el azúcar muy bajo y está temblando", "diabetic-emergency"),
        ("se cortó la pierna con un vidrio y sale sangre a chorros", "severe-bleeding"),
        ("sangra mucho y no para de sangrar", "severe-bleeding"),
        ("la sangre ya empapó la toalla", "severe-bleeding"),
        # Can't breathe, said by a conscious person.
        ("no puedo respirar", "breathing-difficulty"),
        ("me falta el aire y me ahogo", "breathing-difficulty"),
    ],
)
def test_each_distinction_is_met(text: str, topic: str) -> None:
    assert met(text) == topic


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        # The other side of each: no rule, or the other rule.
        ("no puedo respirar, tengo el pecho apretado y estoy con ansiedad", "cardiac-arrest"),
        ("se desmayó pero ya volvió en sí y respira bien", "cardiac-arrest"),
        ("no reacciona pero respira normal", "cardiac-arrest"),
        ("mi papá no respira bien después de subir las escaleras", "cardiac-arrest"),
        ("respira con dificultad desde ayer", "cardiac-arrest"),
        ("sarpullido con el jabón nuevo, sin problemas para respirar", "cardiac-arrest"),
        ("no está inconsciente, está despierto y hablando", "unconscious-breathing"),
        ("el brazo no se mueve y respira bien", "unconscious-breathing"),
        ("muevo la pierna y no me duele, respiro bien", "cardiac-arrest"),
        ("lo zarandeo y nada, pero respira bien", "cardiac-arrest"),
        ("se tomó su pastilla para dormir y tiene un poco de sueño", "overdose"),
        ("tengo una astilla clavada en el dedo", "eye-foreign-object"),
        ("me huele el aliento a manzana, comí una", "diabetic-emergency"),
        ("me dio un calambre en la pierna nadando", "electric-shock"),
        ("tengo la voz ronca de tanto gritar en el concierto", "anaphylaxis"),
        ("llevo tirado en el sofá todo el día sin moverme, respiro bien", "unconscious-breathing"),
        ("mi hijo de 3 años se atraganta con una uva", "choking-infant"),
        ("mi bebé de 2 años se está atragantando", "choking-infant"),
        ("mi hijo bebe leche muy rápido y tose", "choking-infant"),
        (
            "sudando a mares con el calor y me siento débil, pero estoy bien de la cabeza",
            "heatstroke",
        ),
        ("mi hijo tiene fiebre y está un poco confundido", "heatstroke"),
        ("estoy al sol pero tengo frío y estoy confundido", "heatstroke"),
        ("no tengo mareo, solo la piel roja y caliente del sol", "heatstroke"),
        ("me picó una abeja, se hinchó el brazo pero respira bien", "anaphylaxis"),
        ("ronchas después de comer gambas, sin dificultad para respirar", "anaphylaxis"),
        ("labios con hormigueo después del kiwi, sin hinchazón, respira bien", "anaphylaxis"),
        ("tengo mucho dolor de cabeza y un poco de mareo", "stroke"),
        ("está borracho y arrastra las palabras", "stroke"),
        ("dolor en el pecho y el brazo izquierdo pesado", "stroke"),
        ("se golpeó la cara en la caída", "stroke"),
        ("me torcí la muñeca y no puedo sujetar la taza", "stroke"),
        ("se me cayó el móvil de la mano y se rompió la pantalla", "stroke"),
        ("no entiendo lo que dice el prospecto", "stroke"),
        ("no le entiendo nada a mi hijo adolescente", "stroke"),
        ("no se entiende la letra del médico", "stroke"),
        ("mi hijo de 2 años habla raro, todavía no pronuncia la erre", "stroke"),
        ("no me salen las palabras para darte las gracias", "stroke"),
        ("al niño no le salen las palabras, es tímido", "stroke"),
        ("se me cayó el móvil de la mano derecha", "stroke"),
        (
            "no es golpe de calor, no tengo mareo ni la cabeza confusa, solo la piel roja",
            "heatstroke",
        ),
        ("hace calor y el texto que leí no tiene sentido", "heatstroke"),
        ("estoy a la sombra y sudo mucho, me siento débil", "heatstroke"),
        ("estuve al sol toda la tarde, tengo náuseas y estoy muy adormilada", "heatstroke"),
        ("no sé dónde está el botiquín y hace mucho calor", "heatstroke"),
        ("la alarma de monóxido pita, cómo la pruebo", "carbon-monoxide"),
        ("me duele la cabeza", "carbon-monoxide"),
        ("me caí y me duele la cadera, estoy mareada", "carbon-monoxide"),
        ("mi hijo quiere saber por qué las pastillas son amargas", "poisoning"),
        ("corte pequeño en el dedo, sangra un poco", "severe-bleeding"),
        ("sangra un poco pero no es para tanto", "severe-bleeding"),
        ("me salpicó lejía en el ojo", "chemical-burn"),
        ("mi niño bebió un poco de lejía", "chemical-burn"),
        ("tengo una astilla clavada en la palma", "embedded-object"),
        ("tengo la espalda roja como un tomate del sol", "embedded-object"),
        ("la frente empapada de sudor", "embedded-object"),
        ("toma anticoagulante y tiene un moratón", "poisoning"),
        ("mi hijo se zampó un bocadillo enorme y le duele la barriga", "poisoning"),
        ("mi hijo bebió de una botella de agua fría en el parque", "poisoning"),
        ("cuando estoy nervioso me cuesta dormir", "breathing-difficulty"),
        ("ahora tiene fiebre", "breathing-difficulty"),
    ],
)
def test_the_other_side_is_not_met(text: str, not_topic: str) -> None:
    assert met(text) != not_topic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("se golpeó la cabeza con el marco, tiene un chichón y ya vomitó dos veces", True),
        ("se dio un golpe en la cabeza y ahora está muy confundido", True),
        ("me di un golpe en la cabeza con el armario, chichón pequeño, estoy bien", False),
        ("le cayó agua hirviendo en las dos piernas", True),
        ("quemadura enorme en toda la espalda", True),
        ("quemadura pequeña en el dedo con la bandeja del horno", False),
        ("estoy embarazada de 7 semanas y tengo mucho dolor en la barriga a la izquierda", True),
        ("estoy embarazada y tengo los tobillos hinchados", False),
        ("tiene la barriga dura como una tabla e hinchada", True),
        ("se desmayó en medio del partido de fútbol", True),
        ("me mareé en la ducha caliente, ya estoy bien sentada", False),
        ("cada vez que me agacho me duele la cabeza y vomito", False),
        ("me caí de la bici y me di en la cabeza, ahora tengo ganas de vomitar", True),
        ("se dio con la cabeza en el bordillo y está confuso", True),
        ("me di en la cabeza con la puerta, un chichón pequeño y estoy bien", False),
        ("me dio dolor de cabeza y vomité", False),
        ("se me cayó agua irviendo en las dos piernas", True),
    ],
)
def test_two_signs_anywhere_make_a_red_flag(text: str, expected: bool) -> None:
    assert bool(RULES.combined_red_flags(scan(text))) is expected


@pytest.mark.parametrize(
    ("text", "topic", "minor"),
    [
        (
            "me dio una descarga de estática pequeña con la puerta del coche, estoy bien",
            "electric-shock",
            True,
        ),
        (
            "me dio la corriente del enchufe, tengo el brazo quemado y dormido",
            "electric-shock",
            False,
        ),
        (
            "mi hijo se tragó una moneda hace una hora, parece estar bien y está jugando",
            "swallowed-object",
            True,
        ),
        ("se tragó una moneda y ahora babea y le duele", "swallowed-object", False),
        ("me dio un chispazo pequeño el enchufe, estoy bien", "electric-shock", True),
        ("mi hijo se tragó un dulce entero y está bien, jugando", "swallowed-object", True),
        # "Sabía dulce" is a taste, not a sweet swallowed.
        ("se tragó algo de la botella, sabía dulce, ahora está jugando", "swallowed-object", False),
        ("me dio un calambrazo fuerte el enchufe, pero estoy bien", "electric-shock", False),
        ("tuve una hipoglucemia, comí caramelos y ya estoy bien", "diabetic-emergency", True),
        ("tiene una hipoglucemia y está cada vez más confundido", "diabetic-emergency", False),
        ("mi hijo epiléptico tuvo su convulsión habitual, ya paró y volvió en sí", "seizure", True),
        ("primera convulsión y todavía no para", "seizure", False),
        (
            "tuve un ataque de asma pero el inhalador funcionó y ya estoy bien",
            "asthma-attack",
            True,
        ),
        ("el inhalador no le hace nada y tiene los labios azules", "asthma-attack", False),
    ],
)
def test_a_call_level_topic_that_is_minor_or_over(text: str, topic: str, minor: bool) -> None:
    found = scan(text)
    assert RULES.minor(found, topic) is minor or (not minor and bool(RULES.red_flags(found)))


@pytest.mark.parametrize(
    "text",
    [
        "quiero morir",
        "me quiero morir",
        "Me quiero matar",
        "me voy a matar esta noche",
        "quiero matarme",
        "no quiero vivir",
        "ya no quiero seguir viviendo",
        "quiero quitarme la vida",
        "voy a acabar con mi vida",
        "quiero acabar con todo",
        "pienso en suicidarme",
        "pienso en el suicidio todos los días",
        "tengo pensamientos suicidas",
        "ganas de morirme",
        "ojalá me muriera",
        "quisiera estar muerta",
        "estaría mejor muerto",
        "todos estarían mejor sin mí",
        "soy una carga para mi familia",
        "ya no aguanto más, quiero desaparecer para siempre",
        "quiero dormir y no volver a despertar",
        "mi vida no tiene sentido",
        "no le veo sentido a nada",
        "no tengo nada por qué vivir",
        "no tengo razones para vivir",
        "no puedo seguir así",
        "estoy cansada de vivir",
        "quiero hacerme daño",
        "tengo ganas de cortarme los brazos",
        "volví a cortarme",
        "llevo meses cortándome",
        "me autolesiono cuando estoy triste",
        "me corté a propósito",
        "se quemó los brazos a propósito con la plancha",
        "quiero cortarme las venas",
        "quiero ahorcarme",
        "cuántas pastillas hacen falta para no volver a despertar",
        "cuantas pastillas para morir",
        "estoy en el borde del puente",
        "me voy a tirar por la ventana",
        "mi vecino se quiere tirar a las vías del tren",
        "mi madre está en el balcón diciendo que se va a tirar",
        "mi hermano dice que se va a matar",
        "mi hija quiere hacerse daño",
        "perdón por todo, esta es mi carta de despedida",
        # Without accents, with typos, shouting.
        "QUIERO MORIR",
        "me kiero morir",
        "quiero suisidarme",
        "me quiero matarr",
        "no kiero vivir mas",
        "quiero quitrme la vida",
    ],
)
def test_crisis_phrasings_are_found(text: str) -> None:
    assert RULES.crisis(scan(text)), text


def test_a_crisis_buried_in_a_long_story_is_found() -> None:
    story = "Fuimos al mercado y luego comimos con mi tía en su casa del pueblo. " * 30
    text = story + "La verdad es que ya no quiero vivir. " + story
    assert len(text) > 3500
    assert RULES.crisis(scan(text))


def test_crisis_comes_with_the_first_aid_it_needs() -> None:
    found = scan("me corté las venas porque quiero morir y sangra mucho")
    assert RULES.crisis(found) and RULES.red_flags(found)


@pytest.mark.parametrize(
    "text",
    [
        "me muero de risa",
        "me muero de hambre",
        "me muero de ganas de verte",
        "me mata el calor",
        "este dolor de espalda me está matando",
        "mi jefe me va a matar si llego tarde",
        "mi madre me va a matar",
        "casi me mato con la bici",
        "no quiero morir, solo tengo un ataque de pánico",
        "siento que me voy a morir, el corazón me late muy rápido",
        "quiero quitarme el yeso",
        "quiero cortarme el pelo",
        "me corté el dedo pelando patatas",
        "se cortó la muñeca con un vidrio sin querer",
        "mi papá se cortó el brazo con un vidrio y sangra mucho",
        "el ibuprofeno puede hacerle daño al bebé?",
        "cuidado que se puede hacer daño con la mesa",
        "quiero que se me pase el dolor",
        "quiero que desaparezca la mancha",
        "me tomé las pastillas para dormir y no me despierto bien",
        "¿se puede ahogar en la bañera?",
        "quiero tirarme a la piscina con mi hijo",
        "me voy a tirar un rato en el sofá",
        "hay que quedarse toda la vida con el marcapasos?",
        "ya no aguanto más el dolor de muelas",
        "estoy harta de este resfriado",
        "se fue a dormir y no despierta",
    ],
)
def test_figures_of_speech_and_first_aid_are_not_a_crisis(text: str) -> None:
    assert not RULES.crisis(scan(text)), text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("tiene los labios morados", "blue lips or face"),
        ("se le está poniendo la cara azul", "blue lips or face"),
        ("no respira", "not breathing"),
        ("dejó de respirar", "not breathing"),
        ("no reacciona", "not responding"),
        ("no despierta", "not responding"),
        ("se desmayó y no vuelve", "not responding"),
        ("sangra mucho", "heavy bleeding"),
        ("no para de sangrar", "bleeding won't stop"),
        ("la herida sangra y no para", "bleeding won't stop"),
        ("está convulsionando hace 6 minutos", "seizure over five minutes"),
        ("dolor fuerte en el pecho", "chest pain"),
        ("le cuesta respirar", "struggling to breathe"),
        ("se tragó una pila de botón", "button battery"),
        ("el peor dolor de cabeza de mi vida", "worst headache ever"),
        ("el bebé está muy flojito y decaído", "floppy baby"),
        ("mi bebé de 3 semanas tiene fiebre", "fever in a baby under three months"),
        ("estoy embarazada y estoy sangrando", "bleeding in pregnancy"),
        ("le mordió una serpiente en el tobillo", "venomous bite or sting"),
        ("lo atropelló un coche", "hit by a vehicle"),
        ("se cayó del tejado", "fall from height"),
        ("le dieron una puñalada", "stab or gunshot wound"),
        ("se electrocutó con un cable", "electrocuted"),
        ("rigidez de nuca y fiebre", "stiff neck with fever"),
        ("se le ve el hueso", "bone through the skin"),
        ("vomita sangre", "vomiting blood"),
        ("tiene un trozo de metal clavado en el ojo", "object in the eye"),
        ("no siento las piernas desde la caída", "can't move or feel limbs"),
        ("no noto los pies", "can't move or feel limbs"),
    ],
)
def test_key_emergency_rules(text: str, label: str) -> None:
    assert label in RULES.red_flags(scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "me corté el dedo con un papel",
        "tengo la garganta irritada por el resfriado",
        "me torcí el tobillo jugando al fútbol",
        "le salió un moratón en la pierna",
        "me quemé con la plancha, una quemadura pequeña",
        "ahora tengo fiebre y me duele la cabeza",
        "hace 3 semanas tuve fiebre y ahora tengo tos",
        "mi hijo bebe mucha agua",
        "me piqué con una ortiga",
        "se quedó dormido en el sofá",
        "tengo la cara mojada de llorar",
        "no pasa nada, sangra un poco",
        "no hay respuesta del médico todavía",
        "cada vez que subo la escalera me canso",
        "el color de la herida es raro",
        "después de la cesárea de hace 3 semanas tengo un poco de fiebre",
        "vine de viaje hace una semana y tengo fiebre",
        "siento las piernas cansadas después de correr",
    ],
)
def test_calm_messages_raise_no_red_flag(text: str) -> None:
    found = scan(text)
    assert not RULES.red_flags(found) and not RULES.combined_red_flags(found), text


def test_shock_slang_reads_the_electric_shock_red_flags() -> None:
    # "Calambrazo", "chispazo", "corrientazo": an electric shock ("descarga"), not a cramp.
    assert RULES.topic_red_flags(scan("se desmayó después del calambrazo"), "electric-shock")
    assert RULES.topic_red_flags(scan("confundido después del chispazo"), "electric-shock")
    assert not RULES.topic_red_flags(scan("se desmayó después de la carrera"), "electric-shock")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("mi papá se está atragantando con un trozo de carne", "an adult is choking"),
        ("me estoy atragantando con una espina de pescado", "an adult is choking"),
        ("mi bebé de 8 meses se atragantó, su mamá está aquí", "a baby under one is choking"),
        ("mi hijo de 3 años se atraganta con una uva", "a child over one is choking"),
        ("mi hijo de 14 meses se atraganta con una uva", "a child over one is choking"),
    ],
)
def test_an_adult_choking_never_gets_the_babys_steps(text: str, label: str) -> None:
    found = RULES.critical(scan(text))
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "mi tío se cayó de la escalera de espalda y no siente las piernas",
            "numb or paralysed limbs after a fall or crash: spinal injury",
        ),
        (
            "chocamos con la moto y mi novio no puede mover las piernas",
            "numb or paralysed limbs after a fall or crash: spinal injury",
        ),
        ("me dio un calambrazo el enchufe", "an electric shock: electric shock"),
        ("mi hijo se electrocutó con el cable de la lámpara", "an electric shock: electric shock"),
    ],
)
def test_spinal_and_electric_distinctions_in_spanish(text: str, label: str) -> None:
    found = RULES.critical(scan(text))
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    "text",
    [
        "mi hijo se cayó del trampolín y no puede mover el brazo",
        "me dio un calambre en la pierna nadando",
        "le di suero con electrolitos porque vomitaba",
        "tengo las piernas dormidas de estar sentado",
    ],
)
def test_spinal_and_electric_other_side_in_spanish(text: str) -> None:
    found = RULES.critical(scan(text))
    assert found is None or found.topic not in ("spinal-injury", "electric-shock")


@pytest.mark.parametrize(
    "text",
    [
        # Any form of "hinchar" (the synonym group), and "me cuesta tragar".
        "me picó una avispa y se me hinchan la lengua y los labios",
        "me picó una abeja y me cuesta tragar",
    ],
)
def test_a_sting_with_the_airway_swelling_said_with_a_verb_is_anaphylaxis(text: str) -> None:
    found = RULES.critical(scan(text))
    assert found is not None and found.topic == "anaphylaxis"


def test_a_swelling_ankle_is_not_anaphylaxis() -> None:
    assert RULES.critical(scan("me picó una abeja y se me hincha un poco el tobillo")) is None


def test_a_limp_baby_not_breathing_gets_cpr_unless_choking_is_said() -> None:
    # The model ranks infant choking first for these; only the words of choking keep it.
    limp = RULES.critical(scan("mi bebé está flojito y no respira"))
    assert limp is not None and limp.topic == "cardiac-arrest"
    assert "choking-infant" not in limp.keep
    choked = RULES.critical(scan("el bebé se atragantó con una uva, está flojito y no respira"))
    assert choked is not None
    assert choked.topic == "choking-infant" or "choking-infant" in choked.keep


@pytest.mark.parametrize(
    ("sign", "text", "present"),
    [
        # Asked ahead of time or afterwards.
        (
            "not happening now",
            "nos vamos de senderismo el mes que viene, que hacer por si nos pica una vibora",
            True,
        ),
        (
            "not happening now",
            "mi hija tuvo una convulsion febril, que hago si vuelve a pasar",
            True,
        ),
        (
            "not happening now",
            "quiero aprender a reconocer las senales de un ictus para ensenar a mi madre",
            True,
        ),
        (
            "not happening now",
            "si veo a alguien con una descarga electrica, que hago primero?",
            True,
        ),
        ("not happening now", "me ha picado una vibora en el tobillo y se esta hinchando", False),
        ("not happening now", "como se hace la rcp, no respira", False),
        # Choking that is over.
        ("coughed it out", "tosio y lo escupio, ya esta jugando", True),
        ("coughed it out", "lo ha expulsado tosiendo y esta tranquilo", True),
        ("coughed it out", "sigue tosiendo y no puede respirar", False),
        # A question that names first aid.
        ("names first aid", "que significa lo de FAST para el ictus?", True),
        ("names first aid", "como se pone a alguien en posicion lateral de seguridad", True),
        ("names first aid", "me voy de vacaciones a la playa", False),
    ],
)
def test_the_calm_side_signs(sign: str, text: str, present: bool) -> None:
    assert RULES.has_sign(scan(text), sign) == present
