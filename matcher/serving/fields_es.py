"""The word lists the Spanish rule tables share, inserted where a table says ``{NAME}``.

Read by :func:`matcher.serving.signs_es.parse` for the tables of
:mod:`matcher.serving.signs_es` and :mod:`matcher.serving.lexicon_es`. Words are
accent-folded, as everywhere in the Spanish rules.
"""

from __future__ import annotations

# Word lists several patterns share, inserted where a table says {NAME}.
FIELDS: dict[str, str] = {
    "RESPIRA": "respira|respirar|respirando|respiracion|respiro|respiraba|respire|respiran",
    "AGE": (
        "1|2|3|4|5|6|7|8|9|10|11|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once"
    ),
    "WEEKS": "1|2|3|4|5|6|7|8|9|10|11|12|una|uno|dos|tres|cuatro|cinco|seis|pocas|par",
    "YEARS": (
        "1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|un|uno|dos|tres|cuatro|cinco|seis|siete|"
        "ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|diecisiete"
    ),
    "TOTS": "nino|nina|ninos|ninas|nene|nena|crio|chaval|chavala|chamaco|chamaca|pibe|piba",
    "SUBSTANCES": (
        "pastillas|pastilla|pildoras|pildora|comprimidos|comprimido|tabletas|tableta|medicina|"
        "medicinas|medicamento|medicamentos|remedio|remedios|jarabe|paracetamol|ibuprofeno|"
        "aspirina|vitaminas|capsulas|capsula|lejia|lavandina|detergente|lavavajillas|limpiador|"
        "limpieza|quimico|quimicos|herbicida|pesticida|insecticida|veneno|matarratas|raticida|"
        "bayas|setas|hongos|perfume|enjuague|nicotina|vapeador|vaper|queroseno|parafina|aceite|"
        "aguarras|metanol|alcohol|gel|desinfectante|desatascador|amoniaco|anticongelante|"
        "paracetamoles|ibuprofenos|aspirinas|somniferos|antidepresivos|tranquilizantes"
    ),
    "SWALLOW": (
        "trago|tragado|tragada|tragarse|tragando|bebio|bebido|tomo|tomado|comido|comi|ingirio|"
        "ingerido|mastico|masticado|chupo|chupado|lamio|lamido|zampo|zampado|zampada|engullo|engullido|"
        "trague|ingeri"
    ),
    "CORROSIVE": (
        "lejia|lavandina|quimico|quimicos|quimica|acido|caustico|caustica|sosa|amoniaco|"
        "cemento|desincrustante|salfuman|aguafuerte|desatascador|desengrasante|decapante|"
        "limpiahornos|corrosivo|corrosiva|fluorhidrico|sulfurico|clorhidrico"
    ),
    "BODY": (
        "mano|manos|brazo|brazos|pierna|piernas|pie|pies|cara|pecho|espalda|cuello|dedo|dedos|"
        "cuerpo|barriga|vientre|muslo|rodilla|piel|hombro|entrepierna|ingle|genitales|nalgas|"
        "pantorrilla|tobillo|antebrazo|frente|oreja|orejas|labios|nariz"
    ),
    "BABIES": (
        "bebe|bebes|bebito|bebita|nacido|nacida|neonato|neonata|hijo|hija|nino|nina|nene|nena|"
        "guagua|wawa|sobrino|sobrina|nieto|nieta|hermanito|hermanita"
    ),
    "FIT": "convulsion|convulsiones|convulsionando|convulsiona|convulsiono|crisis|ataque|temblores",
    "WANT": (
        "quiero|kiero|quisiera|queria|quiere|quieres|gustaria|ganas|deseo|desearia|deseando|prefiero|"
        "preferiria|ojala|necesito|queriendo"
    ),
    "PLAN": (
        "quiero|kiero|quisiera|queria|quiere|quieres|gustaria|ganas|deseo|desearia|deseando|prefiero|"
        "preferiria|ojala|necesito|voy|pienso|pensando|pensado|penso|pense|planeo|planeando|intente|intentado|"
        "intentar|intento|decidido|decidida|mejor|podria|deberia"
    ),
    "KILL_ME": "matarme|suicidarme|envenenarme|matarse|suicidarse|envenenarse",
    "HARM_ME": "lastimarme|autolesionarme|golpearme|lastimarse|autolesionarse",
    "CUT_ME": "cortarme|cortandome|cortarse|cortandose",
    "SELF_BODY": "brazos|muslos|munecas|antebrazo|antebrazos",
    "MONTHS": "1|2|3|un|uno|dos|tres",
    # "Está confuso", not "la cabeza confusa" (a feeling, often negated: "ni la cabeza confusa").
    "STATE": "esta|estaba|muy|parece|anda|andaba|quedo|quedado|sigue|siento|noto|nota|ve|veo",
    "FEVER": "fiebre|temperatura|calentura|febril|caliente|ardiendo|termometro|38|39|40",
    "OBJECTS": (
        "moneda|monedas|boton|botones|pila|pilas|bateria|baterias|iman|imanes|canica|canicas|"
        "abalorio|lego|alfiler|alfileres|arete|tornillo|juguete|anillo|piedra|piedrita|espina"
    ),
    "SEVERE": (
        "insoportable|atroz|horrible|brutal|agudisimo|intensisimo|inaguantable|terrible|"
        "fortisimo|peor"
    ),
}
