"""The Spanish words of the red flags' signs (:data:`matcher.serving.escalation.RED_FLAG_SIGNS`).

Same names and meanings as the English ones, in the table format of
:mod:`matcher.serving.signs_es`; :mod:`matcher.serving.lexicon_es` joins them
to the distinctions' signs.
"""

from __future__ import annotations

from matcher.serving.signs import Pattern
from matcher.serving.signs_es import signs

RED_FLAG_SIGNS: dict[str, list[Pattern]] = signs(
    """
[memory or vision] repite|repitiendo|amnesia ; pregunta|preguntando|dice|diciendo mismo|misma /3 ;
    perdida|lagunas|laguna memoria /2 ; vision|vista borrosa|borroso|nublada|doble|rara /3 ;
    veo|ve|ven borroso|nublado|doble|raro /2
[burn size] grande|grandes|tamano como|que|de mano|palma /3 ; piel sale|salio|cae|cayendo|
    despega|despegando|desprende|desprendiendo|levanta|levantando|pelando /2 ; cae|caia|sale|salio|
    despega|despego|levanta|levanto piel /2
[to the back] hacia|hasta|a espalda /2 ; atraviesa|traspasa|irradia|pasa|va|corre espalda /3
[passed out] desmayo|desmayado|desmayada|desmaye|desmayarse|desvanecio|desplomo|colapso ;
    perdio|perdido conocimiento|sentido /2
[chest or heart] pecho duele|dolia|dolor|apretado|oprimido|presion|aprieta|raro|rara|pesado /3 ;
    dolor|dolia|duele|dolio|presion|opresion|peso pecho /3 ; palpitaciones ; corazon acelerado|
    rapido|desbocado|latia|late|golpeaba|loco /3
[bleeding] sangra|sangrando|sangrado|sangre|sangrar|hemorragia|sangro
[feeling faint] mareo|mareado|mareada|mareos|desmayo|desmayar|desmayarme|desmayarse|debil ;
    ganas de desmayarse|desmayarme /2 ; pone|puso|siento|siente blanco|blanca|palido|palida /2
[blood, not bleeding] ver|veo|ve|vista sangre|agujas /2 ; sangre azucar|glucosa|presion|tension|
    analisis|donacion /1 ; analisis|azucar|glucosa|donar sangre /2
[black skin] negro|negros|negra|negras|ennegrecido|ennegrecidos dedos|dedo|nariz|orejas|pie|pies|
    piel /2 ; dedos|dedo|nariz|orejas|piel|punta|puntas negro|negros|negra|negras|ennegrecido|
    ennegrecidos|ennegrecida /3
[cold exposure] helado|helada|congelado|congelada|hipotermia|tiritando|tiritaba|tirita|nieve|
    escarcha ; agua|noche|intemperie|calle|rio|mar fria|frio|helada|helado /2 ; al|del|el frio /0
[drowsy or confused] somnoliento|somnolienta|adormilado|adormilada|confundido|confundida|
    confusion|desorientado|desorientada|grogui|groggy|aturdido|aturdida|atontado|atontada|incoherente
[swallowed object] {SWALLOW}|boca {OBJECTS} /4 ; {OBJECTS} trago|tragado|tragada /3
[by mistake] error|equivocacion|equivoco|equivocado|equivocada|accidentalmente|equivocadas|
    equivocados|confundio|confundiendo ; sin querer /0 ; dosis doble /1 ; doble dosis /1
[seizing] convulsion|convulsiones|convulsionando|convulsiona|convulsiono|convulsionar ; ataque
    epilepsia|epileptico /2 ; crisis epileptica|convulsiva /1
"""
)
