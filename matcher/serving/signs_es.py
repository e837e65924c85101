"""The Spanish signs, and the table format the Spanish rules are written in.

:data:`SIGNS` has the names and meanings of :data:`matcher.serving.signs.SIGNS`
in Spanish words (the red flags' signs are in :mod:`matcher.serving.escalation_es`);
:mod:`matcher.serving.lexicon_es` joins them with the rest of the Spanish rules.
The distinctions, red flags and de-escalations that combine sign names are
shared with English; only the words differ.
"No respira" is "no breathing" and "stopped breathing"; "no puede respirar"
(a conscious person) is neither, it is "can't breathe"; "no respira bien" /
"respira con dificultad" qualify the breathing (not cardiac arrest on its own).

The rules are written as tables, one sign (or rule label) a line:
``[name] pattern ; pattern /gap ; ...`` in the pattern language of
:mod:`matcher.serving.lexicon` (slots of ``|`` alternatives, ``NEG``, a leading
``+``), where `` /N`` sets a pattern's gap and ``{FIELD}`` inserts a shared
word list of :data:`matcher.serving.fields_es.FIELDS`. A line indented four
spaces continues the one above. Words are accent-folded ("respiró" is written "respiro").
"""

from __future__ import annotations

import re

from matcher.serving.fields_es import FIELDS
from matcher.serving.lexicon import Rule
from matcher.serving.signs import Pattern


def parse(table: str) -> list[tuple[str, Pattern]]:
    """``(name, pattern)`` pairs of a table, in order (see the module docstring)."""
    lines: list[str] = []
    for raw in table.strip().splitlines():
        if raw.startswith("    ") and lines:
            lines[-1] += " " + raw.strip()
        elif raw.strip():
            lines.append(raw.strip())
    pairs: list[tuple[str, Pattern]] = []
    for line in lines:
        found = re.fullmatch(r"\[([^\]]+)\] (.+)", re.sub(r"\|\s+", "|", line))
        if found is None:
            raise ValueError(f"not a table line: {line!r}")
        name, body = found.groups()
        for part in body.format(**FIELDS).split(" ; "):
            pattern, _, gap = part.strip().partition(" /")
            pairs.append((name, (pattern, int(gap)) if gap else pattern))
    return pairs


def signs(table: str) -> dict[str, list[Pattern]]:
    """A sign table as :data:`matcher.serving.signs.SIGNS` has it."""
    out: dict[str, list[Pattern]] = {}
    for name, pattern in parse(table):
        out.setdefault(name, []).append(pattern)
    return out


def rules(table: str) -> list[Rule]:
    """A rule table as :data:`matcher.serving.lexicon.EMERGENCY_RULES` has it."""
    return [(label, *p) if isinstance(p, tuple) else (label, p) for label, p in parse(table)]


SIGNS: dict[str, list[Pattern]] = signs(
    """
[unresponsive] inconsciente|inconsciencia|inconscientes|inerte ; desmayo|desmayado|desmayada|
    desvanecio NEG vuelve|despierta|reacciona|responde|recupera /3 ; +sigue|continua|lleva
    desmayado|desmayada|inconsciente|sin /2 ; NEG despierta|despertar|despertarlo|despertarla|
    responde|responder|contesta|despiertan /3 ; NEG reacciona|reaccionar|reaccionaba|reaccionan|
    respondia|despertaba /1 ; desplomo|desplomado|desplomada|desploma|colapsado|colapsada|colapso
    ; cayo|cae|caido|caida redondo|redonda|fulminado|fulminada /0 ; perdio|perdido|pierde|
    perdiendo conocimiento|conciencia|sentido /2 ; sin conocimiento|vida|conciencia /0 ; quedo|
    puso|queda|pone flojo|floja|flacido|flacida|lacio|lacia|trapo /2 ; piso|suelo|tirado|tirada|
    tendido|tendida NEG mueve|movia|mueven|reacciona|responde /3 ; NEG mueve|movia|mueven piso|
    suelo|tirado|tirada|tendido|tendida /3 ; piso|suelo sin moverse|
    reaccionar|responder /1 ; NEG mueve|movia|mueven ni /1 ; muevo|movi|sacudo|sacudi|zarandeo|
    zarandee|toco|toque hombro|hombros|brazo|cara NEG /4 ; zarandeo|zarandee|sacudo|sacudi NEG /3
[no breathing] NEG {RESPIRA} /0 ; NEG esta|estaba|estan|se {RESPIRA} /0 ; NEG de {RESPIRA} /0 ;
    paro|detuvo|detenido de respirar /1 ; boqueando|boquea|boqueadas|boqueo|agonica|agonicas|
    estertores ; apenas|casi|mal|raro|rara|extrano|extrana respira|respirando|respiracion /1 ;
    {RESPIRA} rara|raro|extrana|extrano|ruidosa|ruidoso|entrecortada|gorgoteo|boqueando|mal|
    irregular /1 ; pecho NEG mueve|sube|baja|moviendo|subiendo|movia /2 ; NEG ve|veo|vemos|nota|
    noto|notamos|siente|siento|oigo|oye|escucho {RESPIRA} /3 ; NEG se|seguro|segura|sabemos|sabe|
    distingo {RESPIRA} /3
    ; NEG nota|noto|notamos|siente|siento|sentimos aliento|aire /3
    ; ronquido|ronquidos|bocanada|bocanadas|boqueada cada|vez /3 ; {RESPIRA} vez cuando /3 ;
    {RESPIRA} a ratos /1 ; NEG mueve|sube|baja|movia pecho /3
[breathing] {RESPIRA} /0 ; +{RESPIRA} normalidad|normal|normalmente|bien|regular|tranquilo|
    tranquila|tranquilamente /2 ; +pecho|torax sube|subir|subiendo|subia /3
[stopped breathing] NEG {RESPIRA} /0 ; NEG esta|estaba|estan {RESPIRA} /0 ; NEG de {RESPIRA} /0 ;
    paro|detuvo|detenido de respirar /1
[breathing qualified] +respira|respirar|respirando|respiracion|respiro|respiraba|respire|respiran
    bien|normal|normalmente|correctamente|tranquilo|tranquila|mejor|profundo|hondo|facil|
    facilmente|regular|suficiente /1 ; +respira|respirar|respirando|respiracion|respiro|respiraba|
    respire|respiran nariz|boca /2 ; +respira|respirar|respirando|respiracion|respiro|respiraba|
    respire|respiran dificultad|problemas|esfuerzo|trabajo|fatiga|dificultades|agitado /2 ; +NEG
    problema|problemas|dificultad|dificultades|trabajo|esfuerzo {RESPIRA} /2 ; +dificultad|
    problemas|problema|trabajo|cuesta|costando {RESPIRA} /2
[infant] bebe|neonato|neonata|guagua|guaguita ; recien nacido|nacida|nacidos /0 ; {AGE} mes|meses|
    mesecito|mesecitos /1 ; {WEEKS} semana|semanas|semanitas /1
[older child] {YEARS} ano|anos|anito|anitos /1 ; 12|13|14|15|16|17|18|20|24 meses /0 ;
    adolescente|adolescentes|preadolescente|preescolar|quinceanero|quinceanera
[choking] atragantado|atragantada|atragantando|atraganta|atragantandose|atraganto ; atragantamiento|
    atragantarse|atragantados ; atragante|atragantaste|atragantamos|atragantaron|atragantan|
    atragantas|atragantarme|atragantaba ; se|le|me|te atoro|atorado|atorada|atorando|atoraba /1 ;
    ahogando|ahogandose|ahogo|ahogado|ahogada con|comiendo|comida|trozo|pedazo|caramelo|uva|hueso|
    bocado|chicle|dulce|espina|pastilla /2 ; atascado|atascada|atorado|atorada|trabado|trabada|
    atravesado|atravesada|quedo garganta|traquea|gaznate /3 ; agarra|agarrando|agarrandose|sujeta|
    sujetando|aprieta|apretando|lleva manos|cuello|garganta /3 ; leche|comida|agua|toma|biberon
    fue|fuera|ido|va mal|otro sitio|lado|camino /3
[throat or tongue swelling] garganta|lengua hinchada|hinchado|hinchando|hincha|hincho|cierra|
    cerrando|cerrada|gruesa /3 ; hinchazon|hincha|hinchando|hincho|cierra|cerrando|cerro garganta|
    lengua /3
[ate something] comido|comiendo|comer|comi|comimos|comida|cena|cenar|cenando|almuerzo|almorzar|
    desayuno|merienda|restaurante|bocado|aperitivo
[splashed in the eye] lejia|cloro|lavandina|quimico|quimicos|limpiador|detergente|liquido|spray|
    champu|jabon|acido|cal|cemento|pintura|gasolina|amoniaco|pimienta|pegamento|salpico|salpicado|
    gel|hidroalcoholico|desinfectante|
    salpicadura|salpicaron ojo|ojos /4
[swallowed chemical] {SWALLOW} lejia|cloro|lavandina|herbicida|pesticida|insecticida|veneno|
    limpiador|detergente|quimico|quimicos|acido|gasolina|queroseno|aguarras|desatascador|
    matarratas|sosa|amoniaco|lavavajillas|suavizante|metanol|parafina /5
[smoke] humo|humareda|fuego|incendio|hoguera|fogata|ardiendo|vapores|humos|hollin|bomberos ; en|las
    llamas /0
[coughing or wheezing] tos|tose|tosiendo|tosio|toser|tosia|sibilancias|silbido|silbidos|pitos|
    pitidos|afonico ; afonica|carraspea|ahogando|asfixia|asfixiando|ronquera ; NEG puede|puedo|
    podia|consigue {RESPIRA} /0
[can't breathe] NEG entra|pasa|llega aire /2 ; NEG puede|puedo|podia|podemos|consigue|logra
    {RESPIRA}|aire /0 ; me|le|te|nos|les
    cuesta|costando|costaba {RESPIRA}|aire /1 ; dificultad|lucha|luchando|batallando {RESPIRA}|
    aire /2 ; falta|faltando|falto|falte aire|respiracion|aliento /2 ; ahogo|ahogando|ahogandose|
    ahogandome|asfixia|asfixiando|asfixiandome|asfixio
[asthma] asma|asmatico|asmatica|inhalador|inhaladores|puff|bombita|ventolin|salbutamol|albuterol ;
    broncodilatador|broncoespasmo
[corrosive] {CORROSIVE} ; limpiador|producto horno|hornos|desague|inodoro|tuberias|wc /2
[on the skin] {BODY} ; salpico|salpicado|salpicadura|derramo|derramado|encima|escuece|escozor|
    ardor|arde ; ampollas|ampolla|enjuagar|enjuague|lavar|lavando
[in the eye] ojo|ojos|parpado|parpados ; globo ocular /0
[swallowed] {SWALLOW}
[impaled] ensartado|ensartada ; cuchillo|navaja|rama|varilla|barra|clavo|palo|valla|pincho|
    destornillador|flecha|tornillo|tijeras|hierro|fierro|reja|vidrio|cristal|cuchilla|estaca|lapiz
    clavado|clavada|incrustado|incrustada|atravesado|atravesada|saliendo|sobresale|sobresaliendo|
    enterrado|enterrada|atraviesa|atraveso|metido|metida /5 ; clavo|clavado|clavada|atraveso|
    atravesado|atravesada|incrustado|incrustada|clave cuchillo|navaja|rama|varilla|barra|palo|valla|
    pincho|destornillador|flecha|tijeras|hierro|fierro|reja|estaca /3
[diabetes crisis] hipoglucemia|hiperglucemia|hipoglicemia|hiperglicemia|cetoacidosis ; azucar|
    glucosa|glucemia|glicemia|glucometro baja|bajo|bajisima|bajisimo|alta|alto|altisima|altisimo|
    bajon|bajada|subida|subio|cayo|nivel|niveles|lectura /4
[heat] caloron|canicula|insolacion|sol|soleado|solazo|sauna|bochorno|caluroso|calurosa ; golpe|
    ola|mucho|muchisimo|hace|hacia|tanto|demasiado|con|por calor /1 ; grados|centigrados fuera|
    afuera|hoy|sombra|calle /2 ; sombra|calorazo|calorina|chicharrera|achicharrante|abrasador|
    abrasadora|torrido|sofocante
[burned] quemadura|quemaduras|quemadas|escaldado|escaldada ; escaldadura|carbonizado|chamuscado|
    chamuscada|achicharrado ; quemo|queme|quemado|quemada|quemados|quemadas|quemaste|quemaron|
    quemamos|quemarse|quemandose {BODY} /3 ; {BODY} quemado|quemada|quemados|quemadas|ampollas /1 ;
    prendio|prendido|prendida|prendieron|ardio fuego|llamas|ropa /3 ; agua|aceite|cafe|leche|sopa|
    caldo|te hirviendo|hirviente|irviendo|irviente /1 ; cayo|derramo|volco|echo|tiro agua|aceite|
    cafe|leche|sopa caliente|hirviendo|irviendo /3 ; cayo|derramo|volco|echo|tiro cafe|sopa|caldo /3
[large or deep] carbonizada|carbonizado|ennegrecida|ennegrecido|negra|acartonada|correosa ; piel|
    zonas|partes|manchas blanca|blancas|blanco|gris|grises|cerosa|cerosas /3 ; toda|todo|ambas|
    ambos|dos cara|pecho|espalda|piernas|brazos|manos|cuerpo|pies /1 ; cara|genitales|ingle|
    entrepierna /0 ; mas grande|grandes palma|mano /4 ; enorme|gigante|grande|extensa|amplia|gran
    quemadura|zona|parte /1 ; quemadura enorme|grande|extensa|amplia|profunda|grave /1 ; pecho|
    espalda|barriga|vientre|cara|cuello ampollas|ampollado|ampollada /3 ; ampollas|ampolla grandes|
    enormes|grande|enorme /1
[pregnant] embarazada|embarazo|embarazadas|encinta|gestacion|gestante|prenada
[tummy pain or bleeding] dolor|dolores|colicos|calambres|duele|punzada barriga|panza|vientre|
    abdomen|lado|pelvis /4 ; barriga|panza|vientre|abdomen|estomago|lado duele|dolor|colicos /3 ;
    sangrado|sangrando|sangre|sangra ; hombro punta|dolor /2
[rigid tummy] barriga|panza|vientre|abdomen|estomago dura|duro|rigida|rigido|tabla|hinchada|
    hinchado|distendida|distendido /3 ; duro|dura|rigido|rigida|hinchada|hinchado|distendida|
    distendido barriga|panza|vientre|abdomen /2
[fainted during exercise] desmayo|desmayado|desmayada|desplomo|desplomado|desplomada|colapso
    jugando|corriendo|entrenando|partido|carrera|ejercicio|deporte|gimnasio|gym|futbol|baloncesto|
    basquet|entrenamiento|bici|pachanga /4
[cold] frio|helado|helada|congelado|congelada|hipotermia|temblando|nieve
[heatstroke sign] confundido|confundida|confusion|desorientado|desorientada|delira|delirando|
    delirio ; incoherente|tambalea|tambaleando|tambaleandose ; habla|hablando|dice|diciendo|decia
    tonterias|incoherencias|disparates|incoherente|raro|raras|incoherentes|locuras /2 ; NEG suda|
    sudando|sudar|sudor|transpira|transpirando|sudaba /2 ; piel seca caliente|ardiendo|hirviendo
    /3 ; piel caliente|ardiendo|hirviendo seca /3 ; seca caliente|ardiendo piel /2 ; ardiendo|
    hirviendo tacto|piel /3 ; desplomo|desplomado|desplomada|colapso|inconsciente|convulsion|
    convulsiones|convulsionando ; 40|41|42|43|104|105|106 grados|centigrados /1 ; dice|diciendo|
    decia|habla|hablando|hablaba sin sentido /2 ; NEG sabe|sabia|reconoce|recuerda donde|quien|
    quienes /2 ; {STATE} confuso|confusa /1
[allergen] picadura|picaduras|abeja|avispa|avispon|abejorro|cacahuete|cacahuetes|mani|nuez|nueces
    ; marisco|mariscos|gambas|camarones|langostinos|alergia|alergico|alergica|alergeno ; sesamo|
    ajonjoli|huevo|leche|kiwi|penicilina|antibiotico|antibioticos|amoxicilina ; vacuna|vacunaron|
    epipen|anafilaxia|anafilactico|adrenalina|autoinyector ; hormiga|hormigas|avellana|almendra|
    almendras|pescado
[airway or breathing trouble] NEG entra|pasa|llega aire /2 ; NEG puede|puedo|podia|consigue
    {RESPIRA}|aire /0 ; me|le|te|nos|les
    cuesta|costando|costaba {RESPIRA}|aire /1 ; dificultad|lucha|luchando|trabajo|esfuerzo|
    problemas|problema {RESPIRA}|aire /2 ; sibilancias|silbido|silbidos|pitos|pitidos|estridor|
    ahogando|asfixia|asfixiando ; falta|faltando aire|aliento|respiracion /2 ; garganta|lengua
    hinchada|hinchado|hincha|cierra|cerrando|cerrada|apretada|pica|gruesa /3 ; hinchazon|hincha|
    hinchando|hincho|cierra|cerrando garganta|lengua /3 ; NEG puede|puedo tragar|hablar /1 ; me|le|
    te|nos|les cuesta|costando|costaba tragar /1 ; voz
    ronca|rasposa|afonica /3 ; afonico|afonica|ronquera ; desplomo|desplomado|desplomada|colapso|
    inconsciente ; {RESPIRA} mal|fatal /1
[stroke sign] cara|boca|sonrisa|labio|ojo|rostro caido|torcida|torcido|chueca|chueco|ladeada|
    ladeado|desviada|desviado|colgando|colgada|paralizada|paralizado /1 ; tuerce|torcio|desvia|
    desvio|torcida|chueca boca|cara|sonrisa /2 ; cara|boca|sonrisa|rostro caida lado|costado|mitad
    /3 ; paralisis facial /0 ; lado|mitad|costado paralizado|paralizada|adormecido|adormecida|
    entumecido|entumecida|debil|insensible /3 ; adormecio|entumecio|paralizo|paraliza medio|un|
    lado|mitad /2 ; NEG levantar|mover|subir|levanta|mueve|sujetar|sujeta|agarrar|agarra|coger|
    coge|sostener|sostiene|apretar|aprieta|alzar|usar brazo|brazos|pierna|mano|manos izquierdo|
    derecho|izquierda|derecha /4 ; NEG fuerza|fuerzas brazo|pierna|mano|lado izquierdo|derecho|
    izquierda|derecha /3 ; brazo|pierna|mano izquierdo|derecho|izquierda|derecha NEG responde|
    responden|funciona|obedece|reacciona /2 ; cae|caen|caia|caian|cayendo de mano|
    manos izquierda|izquierdo|derecha|derecho /2 ; brazo|pierna debil|adormecido|adormecida|
    entumecido|entumecida|paralizado|paralizada /1 ; mano|brazo|pierna izquierda|derecha|izquierdo|
    derecho torpe|torpes|inutil /3
[slurred speech] arrastra|arrastrando|arrastrada|arrastradas|arrastrado|trabada|trabado|traba|
    enreda|enredada|pastosa|farfulla|balbucea palabras|habla|hablar|voz|lengua /2 ; habla|hablar|
    hablando|voz|palabras|lengua arrastrando|arrastra|arrastrada|arrastradas|arrastrado|trabada|
    trabado|traba|enredada|enredado|pastosa|pastoso|incomprensible|ininteligible /2 ; NEG se le
    entiende|entienden|entendia /0 ; NEG le entiende|entiendo|entendemos|entienden habla|hablar|
    hablando|dice|decia|palabra|palabras /2 ; mezcla|
    confunde|revuelve palabras /2 ; repente|derrepente|subitamente habla|hablando|hablar raro|
    rara|extrano|extrana /2 ; habla|hablando raro|rara|extrano|extrana repente|derrepente /3
[slurring has another cause] borracho|borracha|alcohol|cerveza|cervezas|vodka|tequila|ron|pedo|
    ebrio|ebria ; diabetico|diabetica|diabetes|hipoglucemia|azucar|insulina|drogas|droga|drogado|
    drogada ; colocado|colocada|bebiendo|alcoholizado
[co source] monoxido carbono /1 ; detector|alarma|sensor|detectora monoxido|co|gas /2 ; estufa|
    calentador|caldera|calefactor|chimenea|horno|cocina|brasero gas|lena|carbon|butano /2 ; olor|
    fuga|escape gas /2 ; calefon|brasero|generador|queroseno|parafina|humos|monoxido ; motor|
    coche|carro|auto encendido|prendido|marcha|funcionando garaje|cochera|cerrado /4 ; barbacoa|
    parrilla|carbon dentro|adentro|interior|tienda|garaje|cochera|casa /3
[co symptoms] dolor|duele|duelen|dolia cabeza /2 ; cefalea|jaqueca|migrana|mareo|mareado|mareada|
    mareados|mareos|confundido|confundida ; confusion|somnoliento|somnolienta|adormilado|
    adormilada|nauseas|nausea|vomitos ; vomitando|vomito|vomita|enfermo|enferma|enfermos|colapso|
    desmayo|desmayado ; desmayada|inconsciente|aturdido|aturdida|cansancio
[adult] papa|padre|mama|madre|marido|esposo|esposa|mujer|abuela|abuelo|abuelita|abuelito|
    novio|novia|pareja|companero|companera|jefe|jefa|tio|tia|vecino|vecina|senor|senora|hombre|
    cliente|adulto|adulta|anciano|anciana ; me|estoy atragante|atraganto|atragantando|atore|
    atoro|atorando /1
[child] {TOTS}|bebe|guagua|hijo|hija|hijos|hijas|nieto|nieta|nietos|sobrino|sobrina ; chico|chica|
    chiquito|chiquita|chiquitin|chiquitina|chamaquito|nenito|nenita ; {YEARS} ano|anos|anito|
    anitos /1
[swallowed substance] {SWALLOW} {SUBSTANCES} /5 ; agarro|cogio|alcanzo|encontro|abrio {SUBSTANCES}
    /4 ; {SUBSTANCES} tragado|trago|tomado|comido|bebido|faltan|falta|vacio|vacia|regadas /5 ;
    bote|frasco|caja|blister|punado|sobre|botella|tableta {SUBSTANCES} /4 ; se|me|te|nos comio|
    comieron|comimos {SUBSTANCES} /4
[limbs numb] NEG siente|sentir|siento|noto|nota piernas|brazos|pies|cuerpo|pierna|brazo /3 ;
    NEG mueve|mover|moverse|muevo las|ambas|dos|nada piernas|brazos|pies|cuerpo /2 ; NEG mueve|
    mover|moverse|muevo nada|cuerpo /2 ; paralizado|paralizada|paralisis
[fall or crash] cayo|caida|cai|caido|cayendo|tiro|zambullo|choque|chocamos|choco|chocaron|
    derrape|volco|volcamos|atropello|atropellado|atropellada
[electric shock] electrocutado|electrocutada|electrocucion|calambrazo|chispazo|corrientazo ;
    se|me|te|le|nos|ha|han|he electrocuto|electrocute|electrocutaron|electrocutarse /1 ;
    dio|pego|paso|agarro la|un corriente|luz|descarga /2 ;
    corriente|descarga|calambre electrica|electrico|enchufe|cable|toma|luz /3 ; tostadora|
    enchufe|cable|lavadora|microondas|plancha|secador|interruptor|aparato|electrodomestico|horno
    calambre|descarga|corriente|chispazo /4
[heavy bleeding] sangre|sangra|sangrando|sangrado|hemorragia chorro|chorros|borbotones|brota|
    brotando|mucho|muchisimo|mucha|muchisima|demasiado|demasiada|abundante|abundantemente|
    profusamente|charco|litros|lados|partes|monton /3 ; mucha|muchisima|demasiada|charco|chorro|
    chorros|litros|monton|borbotones sangre /2 ; hemorragia masiva|abundante|abundantisima|
    importante /1 ; sangra|sangrando|sangrado|sangre y NEG para /0 ; sangre|sangrado NEG para /0 ;
    sangra|sangrando|sangrado|sangre NEG detiene|cesa|corta|frena|parado|cortado /2 ; NEG para|
    deja|detiene|cesa|paraba|dejaba de sangrar|sangrando /1 ; NEG consigo|consigue|logro|podemos|
    puedo|puede parar|detener|cortar sangre|sangrado /2 ; +empapa|empapado|empapada|empapando|
    empapo|traspasa|traspasando|atraviesa|atravesando toalla|toallas|venda|vendaje|gasa|gasas|
    trapo|ropa|camiseta /3 ;
    +sigue|siguen|continua chorreando|brotando|manando|chorros /1
"""
)
