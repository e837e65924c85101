"""The Spanish safety lexicon: crisis and red-flag rules, negations, synonyms, stop words.

The Spanish counterpart of :mod:`matcher.serving.lexicon` (with the stop words
of :mod:`matcher.serving.safety` and the signs of :mod:`matcher.serving.signs_es`,
:mod:`matcher.serving.escalation_es` and :mod:`matcher.serving.downgrades_es`),
read by ``matcher.serving.rules.language_rules("es")``. Labels stay English: they
go to logs, and the distinctions, red flags and de-escalations that combine sign
names are shared by every language. Same pattern language: slots of ``|``
alternatives, ``NEG``, an optional gap, a leading ``+``; the rules are written
as the compact tables of :mod:`matcher.serving.signs_es` (``[label] pattern /gap
; pattern``, ``{FIELD}`` for a shared word list), one label a line.

Spanish text is lower-cased and accent-folded before it is tokenised ("está" ->
"esta", "niño" -> "nino", "pingüino" -> "pinguino"), so every word here is written
without accents or ñ. Words of 5+ letters tolerate one typo (8+: two), which in
Spanish also reaches the neighbouring inflections; words whose one-letter
neighbours are common words ("quemo"/"quedo", "comio"/"como", "choco"/"chico",
"muere"/"mueve") are left out or used only inside longer patterns. The Spanish
matcher also passes the corpus's words as known words, which match only exactly
or by stem, so every inflection a rule needs is listed (tests run both ways).

Spanish negates twice ("no tengo nada por que vivir", "no reacciona, no
respira"): a pattern that begins with a negative word is written ``NEG ...`` or
``+...`` so that an earlier "no" does not cancel it.

A new language copies this file (and ``signs_es.py``, ``escalation_es.py``,
``downgrades_es.py``) as
``lexicon_<lang>.py``, keeps every label and sign name, and writes the patterns
the way people write in that language.
"""

from __future__ import annotations

from matcher.serving import escalation_es, signs_es
from matcher.serving.downgrades_es import DOWNGRADE_SIGNS
from matcher.serving.lexicon import Rule
from matcher.serving.signs import Pattern
from matcher.serving.signs_es import rules

__all__ = [
    "CRISIS_RULES",
    "DOWNGRADE_SIGNS",
    "EMERGENCY_RULES",
    "NEGATIONS",
    "NEGATION_BLOCKERS",
    "SIGNS",
    "STOPWORDS",
    "SYNONYMS",
]

# Every named sign: the distinctions' (signs_es) and the red flags' (escalation_es).
SIGNS: dict[str, list[Pattern]] = signs_es.SIGNS | escalation_es.RED_FLAG_SIGNS

# Lay synonyms: a rule word stands for its whole group. Only words that keep a
# rule's meaning whichever one is written; no word under 4 letters.
SYNONYMS: list[str] = [
    "barriga panza estomago tripa tripas abdomen abdominal vientre",
    "vomitando vomito vomita vomitar vomitado vomitos vomitaba",
    "bebe neonato neonata guagua",
    "nino nina ninos ninas nene nena crio chaval chavala chamaco chamaca pibe piba",
    "mordedura mordida mordio mordido morder",
    "picadura picaduras",
    "orina orinar orinado pipi",
    "respirar respira respirando respiracion respiro respiraba",
    "desmayo desmayado desmayada desmayarse desvanecio",
    "hinchado hinchada hinchados hinchadas hinchazon hincha hinchan hinchando hincho hincharon "
    "hinchaba hinchandose inflamado inflamada inflamados inflamadas",
    "somnoliento somnolienta adormilado adormilada aletargado aletargada",
    "confundido confundida confusion desorientado desorientada",
    "descarga descargas calambrazo corrientazo chispazo",
    "convulsion convulsiones convulsionando convulsiona convulsiono",
    "sangrado sangra sangrando sangre sangrar hemorragia sangue",
    "golpeado golpeada golpeo golpe golpearse",
]

NEGATIONS = frozenset(
    "no ni nunca jamas sin tampoco nada ningun ninguna ninguno dejo dejado dejaba".split()
)
# After a negation these words flip the meaning back: "sin dificultad para respirar".
NEGATION_BLOCKERS = frozenset(
    "problema problemas dificultad dificultades dolor dolores molestia molestias".split()
)
# Function words a topic's red-flag phrase is read without (never a negation).
STOPWORDS = frozenset(
    "el la los las lo un una unos unas de del a al en y e o u que se le les me mi mis tu tus "
    "su sus te nos os es esta estan este esto eso esa ese estos estas con por para como pero "
    "muy ya ha he han has hay fue era son ser estar estoy estaba estas tiene tengo tenia "
    "tienen tuvo sido al yo el ella ellos ellas usted nosotros cuando donde porque pues si "
    "tan otra otro ahi aqui alli asi algo algun alguna le les lo".split()
)

EMERGENCY_RULES: list[Rule] = rules(
    """
[not breathing] NEG {RESPIRA} /0 ; NEG esta|estaba|estan|se {RESPIRA} /0 ; NEG de {RESPIRA} /0 ;
    paro|detuvo|detenido de respirar /1 ; NEG ve|veo|vemos|nota|noto|siente|siento|oigo|escucho
    {RESPIRA} /3
[struggling to breathe] me|le|te|nos|les cuesta|costando|costaba {RESPIRA} /1 ; lucha|luchando|
    batallando {RESPIRA}|aire /2 ; hunden|hunde|hundiendo|marcan|marcando costillas /3 ;
    costillas hunden|hundiendo|marcan /2 ; NEG entra|pasa|llega aire /2
[gasping for air] boqueando|boquea|boqueadas|boqueo|estertores
[unconscious] inconsciente|inconsciencia|inconscientes ; perdio|perdido|pierde|perdiendo
    conocimiento|conciencia|sentido /2 ; sin conocimiento|conciencia /0
[not responding] NEG despierta|despertar|despertarlo|despertarla|responde|responder /2 ; NEG
    manera|forma despertarlo|despertarla|despertarle|despertar /2 ; NEG
    despiertan|contesta|respondia|despertaba /2 ; NEG reacciona|reaccionar|reaccionaba|reaccionan
    /1 ; desmayo|desmayado|desmayada|desvanecio NEG vuelve|despierta|reacciona|responde|recupera
    /3
[collapsed] desplomo|desplomado|desplomada|desploma|colapsado|colapsada|colapso ; cayo|cae|caido
    redondo|redonda|fulminado|fulminada /0
[blue lips or face] poniendo|poniendose|volviendo azul|azulado|azulada /1 ; labios|labio|boca|lengua
    morado|morados|moradas|azul|azules|gris|grises|grisaceo|grisaceos|grisacea|grisaceas|azulado|
    azulados|azulada|azuladas|amoratado|amoratados|amoratada|amoratadas|cianotico|cianotica /4 ;
    cara|piel|rostro azul|azules|gris|grises|azulada|azuladas|amoratada|cianotica /4 ; morado|
    morados|moradas|azul|azules|azulados|azuladas|amoratados|amoratada labios|boca /2
[no pulse] NEG pulso|latido|latidos|late|pulsaciones /3
[heart stopped] corazon paro|parado|detuvo|detenido|dejo /2 ; paro cardiaco|cardiorrespiratorio|
    cardiorespiratorio|respiratorio /1
[choking] atragantado|atragantada|atragantando|atraganta|atragantandose|atraganto ;
    atragantamiento|atragantarse|atragantados ; se|le|me|te atoro|atorado|atorada|atorando|atoraba
    /1 ; ahogando|ahogandose|ahogo|ahogado|ahogada con|comiendo|comida|trozo|pedazo|caramelo|uva|
    hueso|bocado|chicle|dulce|espina|pastilla /2
[bleeding won't stop] sangra|sangrando|sangrado|sangre|hemorragia y NEG para /0 ; sangre|sangrado|
    hemorragia NEG para /0 ; sangra|sangrando|sangrado|sangre|hemorragia NEG detiene|cesa|corta|
    frena|parado|cortado /2 ; NEG para|deja|detiene|cesa|paraba|dejaba de sangrar|sangrando /1 ;
    NEG detiene|corta|frena|cortado|detenido sangre|sangrado /2 ; NEG consigo|consigue|logro|
    podemos|puedo|puede parar|detener|cortar sangre|sangrado /2
[heavy bleeding] sangre|sangra|sangrando|sangrado|hemorragia chorro|chorros|borbotones|brota|
    brotando|mucho|muchisimo|mucha|muchisima|demasiado|demasiada|abundante|abundantemente|
    profusamente|charco|litros|lados|partes|monton /3 ; mucha|muchisima|demasiada|charco|chorro|
    chorros|litros|monton|borbotones sangre /2 ; hemorragia masiva|abundante|abundantisima|
    importante /1
[seizure over five minutes] convulsion|convulsiones|convulsionando|convulsiona|convulsionar|
    epileptico|epileptica 5|cinco|6|seis|7|siete|8|ocho|10|diez|15|quince|20|veinte minutos|min|
    mins|minuto /5
[seizure won't stop] NEG para|parar|deja|dejar|detiene|termina|cesa|acaba convulsionar|
    convulsionando|convulsion|convulsiones /3 ; convulsion|convulsiones|convulsionando|convulsiona
    NEG para|detiene|termina|cesa|acaba|pasa|parado /3
[repeated seizures] otra|segunda|tercera|varias|repetidas|nueva convulsion|convulsiones /1
[chest pain] dolor|dolores|presion|opresion|peso|punzada|ardor|aprieta|duele|oprime|aplastante
    pecho /3 ; pecho duele|dolia|dolor|apretado|oprimido|presion|aprieta|pesado|oprime /2
[face drooping] cara|boca|sonrisa|rostro|labio caido|torcida|torcido|chueca|chueco|ladeada|
    desviada|colgando|colgada|paralizada /1 ; cara|boca|sonrisa|rostro caida lado|costado|mitad /3
    ; tuerce|torcio|desvia|desvio|torcida|chueca boca|cara|sonrisa /2 ; paralisis facial /0
[slurred speech] arrastra|arrastrando|arrastrada|arrastradas|arrastrado|enreda|enredada|pastosa|
    farfulla|balbucea palabras|habla|hablar|voz|lengua /2 ; habla|hablar|hablando|voz|palabras|
    lengua arrastrando|arrastra|arrastrada|arrastradas|arrastrado|enredada|enredado|pastosa|
    pastoso|incomprensible|ininteligible /2 ; traba lengua|palabras /1
[one side weak] lado|mitad|costado debil|paralizado|paralizada|adormecido|adormecida|entumecido|
    entumecida|insensible|flojo|floja /3
[throat or tongue swelling] garganta|lengua|labios|labio hinchada|hinchado|hinchados|hinchando|
    hincha|hincho|cierra|cerrando|cerrada|apretada /3 ; hinchazon|hincha|hinchando|hincho|cierra|
    cerrando garganta|lengua /3
[anaphylaxis] anafilaxia|anafilactico|anafilactica|anafilaxis|epipen|autoinyector|jext
[vomiting blood] vomita|vomitando|vomito|vomitos|tose|tosio|escupe|escupiendo sangre /2
[can't move or feel limbs] NEG mueve|mover|siente|sentir|moverse|muevo|movia|siento|sentia|
    sentimos|noto|nota|notaba piernas|brazos|cuerpo|pies /3
[bone through the skin] hueso sale|saliendo|salido|salir|sobresale|asoma|asomando|fuera|afuera|
    expuesto /3 ; ve|
    ven|veo|vemos|asoma|sale hueso /2
[green vomit] vomito|vomita|vomitando|vomitos|devuelve|devolviendo verde|verdes|bilis /3
[button battery] pila|pilas|bateria|baterias boton|reloj|moneda /1 ; pila|pilas|bateria
    nariz|oido|oreja|boca /4 ; trago|tragado|tragada|comido|
    ingirio pila|pilas|bateria /3
[worst headache ever] peor dolor|cabeza /3 ; cabeza fuerte|intenso|horrible|peor vida /5
[sudden severe headache] repente|derrepente|subito|subitamente|golpe cabeza {SEVERE} /4 ; cabeza
    repentino|subito|brusco|explosivo {SEVERE}|fuerte /3 ; de golpe uno|dolor brutal|tremendo|
    horrible|insoportable /2 ; dolor|cabeza|jaqueca|migrana trueno|estallido /14
[severe tummy pain] dolor barriga {SEVERE} /4 ; dolor {SEVERE} barriga /3 ; barriga duele|dolor
    {SEVERE} /3
[nosebleed over 20 minutes] nariz|nasal 20|25|30|40|45|50|60|veinte|treinta|cuarenta|media
    minutos|min|hora /6
[floppy baby] bebe|neonato|guagua|nacido flojo|floja|flacido|flacida|lacio|lacia|decaido|decaida|
    aletargado|aletargada|apagado|apagada|blandito|blandita|fuerza|fuerzas /8
[dry nappies] panal|panales seco|secos|seca|secas /3 ; NEG moja|mojado|mojar|orinado|orina|pipi|
    pis panal|panales /4
[limb out of shape] posicion|angulo|forma|direccion rara|raro|extrana|extrano|anormal|imposible|
    antinatural /2 ; pierna|brazo|pie|rodilla|codo|muneca|tobillo doblada|doblado|torcida|torcido|
    girada|girado|apunta|mirando reves|contrario|contraria|atras|fuera|afuera|dentro|adentro /4 ;
    pierna|brazo|pie corta|
    corto|deforme|deformada|deformado|deformidad /3
[object in the eye] madera|metal|vidrio|cristal|pedazo|trozo|objeto|palo|clavo|astilla|esquirla|
    alambre clavado|clavada|incrustado|incrustada|metido|metida|enterrado|enterrada|atorado ojo /5
[fever in a baby under three months] {BABIES} {WEEKS} semana|semanas {FEVER} /6 ; {BABIES}
    {MONTHS} mes|meses|mesecito {FEVER} /6 ; recien nacido|nacida {FEVER} /6
[double vision] veo|ve|ven|viendo|vista|vision doble /2 ; vision doble|borrosa /1
[bleeding in pregnancy] embarazada|embarazo sangrado|sangra|sangrando|sangre /8 ; sangrado|sangra|
    sangrando|sangre embarazada|embarazo /8
[venomous bite or sting] alacran|escorpion|cascabel|yarara|nauyaca|
    taipan|violinista|loxosceles ; arana|aranas negra|negro roja|rojo|rojas /4 ; viuda negra /0 ;
    pez piedra|escorpion /0 ; arana rincon|violinista|bananera|errante /2 ; serpiente|vibora|
    culebra|cobra mordio|mordida|mordido|pico|ataco /4 ; mordio|mordida|mordido|mordedura|pico
    serpiente|vibora|culebra /4
[hit by a vehicle] atropello|atropellado|atropellada|atropellaron|atropellar|arrollado|arrollada|
    arrollo|arrollaron ; golpeo|golpeado|golpeada|embistio|pillo|pillado coche|carro|auto|moto|
    camion|autobus|camioneta|vehiculo|furgoneta /3
[fall from height] cayo|caido|cae|cayendo|caerse|callo techo|tejado|azotea|escalera|balcon|altura|
    ventana|andamio|acantilado|arbol|caballo|terraza /4
[stab or gunshot wound] apunalado|apunalada|apunalaron|acuchillado|acuchillada|acuchillaron|
    punalada|punaladas|balazo|balazos|baleado|baleada|balearon|disparo|disparos|dispararon|bala ;
    pegaron|dieron|recibio|pego tiro|tiros|balazo /2
[electrocuted] electrocutado|electrocutada|electrocuto|electrocucion|electrocutaron|
    electrocutarse|electrocutandose|electrocutando|electrocutados
[drowsy or vomiting after a head injury] golpe|golpeo|golpeado|golpeada|cayo|cabezazo|porrazo
    cabeza|nuca|frente|craneo somnoliento|somnolienta|adormilado|adormilada|confundido|confundida|
    vomitando|vomito|vomita|vomitado|dormido|dormida /6
[stiff neck with fever] cuello|nuca rigido|rigida|tieso|duro|rigidez {FEVER}|manchas|sarpullido|
    erupcion /6 ; rigidez nuca|cuello /1 ; {FEVER} cuello|nuca rigido|rigida|tieso|duro|rigidez /6
"""
)

CRISIS_RULES: list[Rule] = rules(
    """
[suicide] suicidio|suicida|suicidas|suicidarme|suicidarse|suicidar|suicidandome|suicidarte ;
    suicidaria|suicidare|suicido|suicidarnos|suicidado|suicidios
[kill oneself] {PLAN} {KILL_ME} /3 ; me quiero|voy|vo|pienso|gustaria|iba|vaya matar|suicidar /3 ;
    se va|quiere|piensa matar|suicidar /2 ; me voy|quiero|pienso matar|suicidar /2 ; {PLAN}
    estrellarme|envenenarme /3 ; kill|killing myself /0
[end one's life] quitarme|quitarse|quitarte|quitar la|mi|su vida /0 ; acabar|terminar con mi|su|
    propia vida /2 ; poner|ponerle fin mi|vida|todo|sufrimiento /3
[wants to die] {WANT} morir|morirme|morirse|muriera|muriese|muerte /3 ; {WANT} estar|estuviera|
    estuviese muerto|muerta /2 ; ojala|quisiera me muera|muriera|muriese /1 ; pienso|pensando|
    pensar|pienso en morir|morirme|muerte|suicidio|matarme /1 ; want|wanna die /1 ; dormir|
    dormirme NEG volver|despertarme /3 ; dormir|dormirme|desaparecer para siempre /3 ; irme|
    marcharme|largarme|desaparecer|salir este mundo /3 ; plan para morir|matarme|suicidarme /1
[doesn't want to live] NEG quiero|kiero|quiere|quieres|ganas|razon|razones|motivo|motivos|sentido|
    vale|merece|puedo vivir|viviendo|vida|vivo|viva /3 ; vida NEG sentido|vale|importa|merece /3 ;
    NEG veo|ve|encuentro|encuentra sentido vida|nada|vivir|seguir /3 ; NEG vale|merece pena
    seguir|vivir|luchar /1 ; dont|doesnt want|wanna live|living /1
[doesn't want to be here] NEG quiero|quiere estar|seguir aqui|aca /2 ; ya NEG voy estar|estare
    para|aqui|aca|mas /2 ; NEG creo|pienso vaya|siga|voy estar|aqui|aca|viva|vivo mucho|tiempo|
    mas /3
[giving things away] regalando|regalado|regale|regalo|regala|repartiendo|repartido todas|todo|mis|
    sus cosas|pertenencias|posesiones /1
[end it all] {PLAN}|va|listo|lista acabar|terminar|acabarlo|terminarlo con todo /2
[nothing to live for] +nada|nadie por|para vivir|seguir|luchar /3
[better off dead] mejor me muero|muera|muriera|mato /1 ; mejor|mejores muerto|muerta|muertos /2 ;
    mejor|mejores sin mi|nosotros /3 ; soy|es|ser|sere|siento una carga|estorbo /1 ; mejor|ojala|
    quisiera NEG existir|existiera|existiese|nacido|nacer /3 ; yo NEG existiera|existiese|
    estuviera /1 ; mejor NEG despertar|despertarme|seguir|vivir /1
[self-harm] hecho|hice|hago|hace|hizo cortes|cortadas|cortaditas otra|de vez|nuevo /4 ;
    autolesion|autolesiones|autolesionarme|autolesionar|autolesionando ; autolesionandome|
    autolesionarse|autolesiono|autoagresion|autolesivo ; {WANT}|voy|pienso|pensando|intente|
    intentado hacerme|hacerte dano /2 ; {PLAN} {HARM_ME} /3 ; volvi|vuelto|volver|recai|recaido|
    empece|empezado cortarme /2 ; me volvi|vuelto cortar|lastimar /3 ; llevo|lleva|sigue|sigo|
    empezo|empece|vuelve|volvio|vez cortandome|cortandose|cortarme|cortarse /3 ; quiere|intenta|
    amenaza|amenazo hacerse dano /2 ; quiere|intenta|amenaza|amenazo lastimarse|autolesionarse /2 ;
    {CUT_ME} {SELF_BODY} /2 ; cortes|cortadas|cortaditas|quemaduras q|que me hago /2
[deliberate injury] {CUT_ME}|{HARM_ME}|corte|corto|corta|cortaba|quemo|queme|quemaba|golpee|
    golpea|lastime|hice|hago|hace|hizo proposito|adrede|aposta|intencionalmente|deliberadamente /3
[slit wrists] cortarme|cortarse|cortar|corte|corto|cortando|cortandome|abrirme venas /3
[hanging] {WANT}|pienso|planeo|intente|intentado|intento ahorcarme|ahorcarse /3
[how many pills to die] pastillas|pildoras|tabletas|paracetamol|somniferos|calmantes NEG volver|
    despertarme /8 ; pastillas|pildoras|tabletas|somniferos para morir|morirme /4
[about to jump] tirarme|tirarse|lanzarme|lanzarse|aventarme|aventarse|arrojarme|arrojarse|saltar
    puente|edificio|azotea|tren|metro|vias|balcon|ventana|acantilado|terraza /4 ; tiro|tire|lanzo|
    avento puente|tren|metro|vias|edificio|azotea /4 ; balcon|puente|azotea|tejado|ventana|vias|
    edificio|acantilado|terraza|cornisa se|me tirar|lanzar|aventar|arrojar|saltar /8 ; se|me
    tirar|tirarse|tirarme|lanzar|lanzarse|aventar|arrojar|saltar puente|vias|tren|metro|balcon|
    ventana|azotea|tejado|edificio|acantilado /3 ; puente|azotea|tejado|balcon|cornisa|acantilado|
    vias saltar|tirarse /8 ; tirarme|lanzarme|aventarme|arrojarme contra|debajo|delante|frente
    camion|tren|coche|carro|autobus|metro /3
[on the edge] borde|orilla|cornisa puente|azotea|tejado|edificio|precipicio|acantilado /3 ; otro
    lado barandilla|baranda|barandal|pretil|valla /3
[can't go on] NEG puedo|aguanto|soporto seguir|continuar asi|viviendo|adelante /1 ; NEG puedo|
    aguanto|soporto mas con vida|todo|existencia /2 ; cansado|cansada|harto|harta vivir|vida|
    existir /2
[wants to disappear] {WANT} desaparecer|esfumarme|desvanecerme /3
[saying goodbye] perdon|perdonen|perdoname|perdonadme|perdonenme por todo /1 ; carta|nota|mensaje|
    mensajes despedida|adios /2 ; despidiendose|despidiendome|despedirme|despedirse todos|mundo|
    familia /3
"""
)
