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
[head knock] sin casco /0 ; golpe|golpeo|golpeado|golpeada|golpearse|porrazo|cabezazo|trompazo|
    madrazo|costalazo|guarrazo|castanazo|chingadazo cabeza|frente|craneo|nuca /3 ; di|dio|dado|
    pegue|pego|pegaste|pegamos en|contra|con cabeza|frente|nuca|craneo /1 ; cayo|cae|caido|cayendo|
    cai|caimos|caer de|sobre cabeza|nuca|frente /2 ; herida|traumatismo|trauma|contusion|chichon|
    bulto cabeza|craneo|craneal /3 ; chichon|cabezazo|traumatismo craneal ; pelotazo|balonazo|
    botellazo|pedrada|palo|piedra|pelota|balon|botella|punetazo|patada|rodillazo|codazo cabeza /3
[head red flag] {STATE} confuso|confusa /1 ; dormilon|dormilona ; vomita|vomitando|vomito|vomitado|
    vomitos|somnoliento|somnolienta|adormilado|adormilada ; confundido|confundida|confusion|
    aturdido|aturdida|desorientado|desorientada ; inconsciente|convulsion|convulsiones|
    convulsionando|irritable|tambalea|tambaleandose ; tambaleando|desmayo|desmayado|desmayada ;
    perdio|perdido|pierde sin conocimiento|conciencia|sentido /2 ; liquido|transparente|agua nariz|
    oido|oidos|oreja|orejas /4 ; sangre|sangra|sangrando oido|oidos|oreja|orejas /3 ; vision|veo|ve|
    ven doble|borrosa|borroso /1 ; NEG recuerda|acuerda|reconoce|recuerdo|acuerdo|recordaba /2 ;
    actua|comporta|comportando|actuando raro|rara|extrano|extrana|distinto|distinta /2 ; dolor|
    cabeza empeora|peor|empeorando|aumenta|aumentando /3 ; mas|muchisimo|mucho sueno /1 ;
    NEG mantener|mantenerlo|mantenerla|mantiene|mantenga despierto|despierta /3 ; dolor cabeza NEG
    quita|va|pasa|para|mejora|calma /4 ; pregunta|preguntando|repite|repitiendo mismo|misma|
    mismas|mismo|lo /3 ; pupila|pupilas desiguales|distintas|diferentes|dilatada|
    dilatadas|grande|mas /3 ; desiguales|distintas|diferentes pupilas /1
[blood thinners] anticoagulante|anticoagulantes|anticoagulado|anticoagulada|sintrom|acenocumarol|
    warfarina|heparina|apixaban|rivaroxaban|edoxaban|dabigatran|clopidogrel|eliquis|xarelto|plavix
    ; pastillas|pastilla|medicina|medicacion|toma|tomo para sangre|aclarar|diluir|fluidificar /3
[black poo] caca|cacas|heces|deposiciones|deposicion|popo|excremento|mierda negra|negras|negro|
    negros|alquitran|petroleo /3 ; negra|negras|alquitran caca|cacas|heces|deposiciones /3
[iron or bismuth] hierro|bismuto|regaliz|arandanos|morcilla
[testicle pain] dolor|duele|duelen fuerte|muchisimo|insoportable|repente|repentino|
    brusco|terrible|horrible testiculo|testiculos|escroto /4 ; testiculo|testiculos|escroto duele|
    duelen|dolor muchisimo|fuerte|insoportable|repente|horrible|terrible /4 ; dolor fuerte|
    insoportable|repentino|brusco|horrible|terrible en testiculo|testiculos|escroto /4
[memory or vision] repite|repitiendo|amnesia ; pregunta|preguntando|dice|diciendo mismo|misma /3 ;
    perdida|lagunas|laguna memoria /2 ; vision|vista borrosa|borroso|nublada|doble|rara /3 ;
    veo|ve|ven borroso|nublado|doble|raro /2
[burn size] grande|grandes|tamano como|que|de mano|palma /3 ; toda|entera mano|palma|brazo|pierna|
    cara|pecho|espalda /2 ; piel sale|salio|cae|cayendo|despega|despegando|desprende|desprendiendo|
    levanta|levantando|pelando /2 ; cae|caia|sale|salio|levantando|despega|despego|levanta|levanto
    piel /2
[to the back] hacia|hasta|a espalda /2 ; atraviesa|traspasa|irradia|pasa|va|corre espalda /3
[passed out] desmayo|desmayado|desmayada|desmaye|desmayarse|desvanecio|desplomo|colapso ;
    perdio|perdido conocimiento|sentido /2
[chest or heart] tocaba|tocandose|agarraba|agarrandose|sujetaba|llevaba mano|manos pecho /2 ; pecho
    duele|dolia|dolor|apretado|oprimido|presion|aprieta|raro|rara|pesado /3 ;
    dolor|dolia|duele|dolio|presion|opresion|peso pecho /3 ; palpitaciones ; corazon acelerado|
    rapido|desbocado|latia|late|golpeaba|loco|saltos|salta|vuelcos /3
[bleeding] sangra|sangrando|sangrado|sangre|sangrar|hemorragia|sangro
[feeling faint] mareo|mareado|mareada|mareos|desmayo|desmayar|desmayarme|desmayarse|debil ; ganas de
    desmayarse|desmayarme /2 ; da|dan vueltas todo|cabeza /2 ; pone|puso|siento|siente blanco|
    blanca|palido|palida /2
[blood, not bleeding] ver|veo|ve|vista sangre|agujas /2 ; sangre azucar|glucosa|presion|tension|
    analisis|donacion /1 ; analisis|azucar|glucosa|donar sangre /2
[black skin] negro|negros|negra|negras|ennegrecido|ennegrecidos dedos|dedo|nariz|orejas|pie|pies|
    piel /2 ; dedos|dedo|nariz|orejas|piel|punta|puntas negro|negros|negra|negras|ennegrecido|
    ennegrecidos|ennegrecida /3
[cold exposure] helado|helada|congelado|congelada|hipotermia|tiritando|tiritaba|tirita|nieve|
    escarcha ; agua|noche|intemperie|calle|rio|mar fria|frio|helada|helado /2 ; al|del|el frio /0 ;
    noche|noches montana|monte|sierra|intemperie|raso /3
[drowsy or confused] somnoliento|somnolienta|adormilado|adormilada|confundido|confundida|confusion|
    desorientado|desorientada|grogui|groggy|aturdido|aturdida|atontado|atontada|incoherente ;
    confusa|confuso|torpe ; sin sentido /0
[hard to wake] cuesta|costaba|puede abrir ojos /2 ; NEG despierta|despertar|despertarla|
    despertarlo /2 ; muy|super dormido|dormida|somnoliento|somnolienta|adormilado|adormilada /0 ;
    semiinconsciente
[drowsy myself] estoy|siento|noto muy|super|tan dormido|dormida|somnoliento|somnolienta|
    adormilado|adormilada /1
[head held still] sujeto|sujetando|sujetandole|mantengo|manteniendo|aguanto|aguantando cabeza|
    cuello quieta|quieto|inmovil|recta|recto|alineada|alineado /3 ; sin mover cabeza|cuello /2
[only felt faint] un poco|algo|me senti|se sentia mareado|mareada /1
[swollen leg] pierna|pantorrilla|gemelo|muslo hinchada|hinchado|caliente|roja|rojo|dolorida|
    dolorido /3 ; hinchazon|dolor pierna|pantorrilla|gemelo /2
[short of breath] falta|sin aire|aliento /1 ; cuesta|costaba respirar /1 ; dolor|duele|pincha al
    respirar /2 ; NEG puedo|puede respirar /1
[spider] arana|aranas|aranita|viuda|violinista|tarantula|rincon
[stung] picado|picada|picaron|picadura|picaduras|avispa|avispas|abeja|abejas|avispon|medusa|
    medusas
[pre-eclampsia] luces|destellos|lucecitas|chispitas /0 ; vista|vision borrosa|nublada /1 ; cara|
    manos|pies|dedos hinchada|hinchadas|hinchados|hinchado /3 ; dolor cabeza fuerte|horrible|
    terrible|insoportable /3
[no urine] NEG hace|hecho|orina|orinado|mea|meado|hacia pis|pipi|orina /3 ; NEG orina|orinado|
    mea|meado /0
[hot source] cafe|leche|sopa|caldo|hervidor|tetera|infusion|olla|cazo|horno|plancha|estufa|sarten|
    vitroceramica|radiador|hirviendo|hirviente ; taza|vaso =te /2 ; =te caliente|hirviendo /1
[limb injury] cayo|caida|caido|cai|roto|rota|rompio|fractura|fracturado|fracturada|torci|torcio|
    torcido|torcida|torcedura|esguince|lesion|lesionado|golpe|accidente|choque|escayola|yeso|
    ferula|aplastado|aplastada|atrapado|atrapada|hinchado|hinchada|hinchazon
[pale limb] pierna|piernas|pie|pies|dedos|dedo|brazo|mano|manos|tobillo|rodilla|muneca|
    pantorrilla fria|
    frio|frias|frios|blanca|blanco|blancas|blancos|palida|palido|azul|azulada|azulado|morada|
    morado|gris|amoratada /4 ; fria|frio|blanca|blanco|palida|palido|azulada|morada pierna|pie|
    dedos|mano|brazo /2
[numb limb] NEG siento|siente|sentir|noto|nota|mueve|muevo|mover dedos|dedo|pie|pies|mano|pierna|
    piernas|brazo /3 ; entumecida|entumecido|adormecida|adormecido|insensible
[at the eye] en|al|del|de|dentro ojo|ojos|parpado|parpados|globo /1 ; izquierdo|derecho ojo /0
[eye object] metal|vidrio|cristal|madera|clavo|esquirla|
    astilla|alambre|trozo clavado|clavada|incrustado|incrustada|atorado|atorada|enterrado|
    enterrada|sobresale|saliendo /4 ; clavado|clavada|incrustado|incrustada
[magnet] iman|imanes|imantado|imantada|imantadas|imantados|magnetico|magnetica|magneticas|
    magneticos
[floppy] flojo|floja|flacido|flacida|lacio|lacia|aletargado|aletargada|blandito|blandita|
    inconsciente ; NEG despierta|despertar|reacciona /2
[fever] fiebre|febril|calentura ; temperatura de|a|en 38|39|40|41 /2 ; 38|39|40|41 grados /1
[mottled skin] piel|manchas|labios|cara moteada|marmorea|jaspeada|gris|grisacea|azulada|cenicienta
    /2 ; moteada|marmorea|jaspeada
[arm or jaw pain] dolor|duele|calambre|presion|peso mandibula|quijada /4 ; dolor|duele|
    calambre|presion|peso brazo izquierdo /4 ; brazo izquierdo duele|dolor|dolia|pesado|entumecido
    /3 ;
    mandibula|quijada duele|dolor|dolia|pesado|entumecido /3
[sweaty or sick] sudando|sudor|sudoroso|sudorosa|sudada|empapado|nauseas|nausea|vomitando|vomito|
    gris|palido|palida ; ganas de vomitar /1
[no breathing trouble] +sin|no problemas|problema|dificultad|dificultades|apuros para|al
    respirar /2
[swallowed object] {SWALLOW}|boca {OBJECTS} /4 ; {OBJECTS} trago|tragado|tragada /3
[by mistake] error|equivocacion|equivoco|equivocado|equivocada|accidentalmente|equivocadas|
    equivocados|confundio|confundiendo ; sin querer /0 ; dosis doble /1 ; doble dosis /1 ; sin
    acordarme|acordarse|acordarte|darme|darse /0 ; olvide|olvido|olvidaba ya /3
[injured] cayo|caido|caida|cai|choque|choco|accidente|atropello|atropellado|atropellada|
    manillar|patada|punetazo|apunalado|apunalada|sangra|sangrando|herida|herido|herida|golpe|
    golpeo|golpeado|golpeada
[fruity breath] aliento|boca huele|olia|olor|oler manzana|fruta|afrutado|acetona|dulce|
    quitaesmalte /4 ; olor afrutado|dulce|acetona aliento|boca /3
[pale] palido|palida|palidos|palidas|palidez ; sudor frio /0 ; blanco|blanca como pared|papel|
    fantasma /2
[racing pulse] pulso|corazon rapido|rapidisimo|acelerado|acelerada|debil|disparado|desbocado /3
    ; taquicardia
[seizing] convulsion|convulsiones|convulsionando|convulsiona|convulsiono|convulsionar ; ataque
    epilepsia|epileptico /2 ; crisis epileptica|convulsiva /1
"""
)
