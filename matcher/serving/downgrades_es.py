"""The Spanish de-escalations' signs: when a call-level topic need not say "call now".

The counterpart of :mod:`matcher.serving.downgrades` (same sign names, combined by
its ``DOWNGRADES``), in the tables of :mod:`matcher.serving.signs_es`; read through
:mod:`matcher.serving.lexicon_es`.
"""

from __future__ import annotations

from matcher.serving.signs import Pattern
from matcher.serving.signs_es import signs

# The de-escalations' signs (downgrades.DOWNGRADES): the danger is minor or has passed.
DOWNGRADE_SIGNS: dict[str, list[Pattern]] = signs(
    """
[minor shock] estatica|pequena|pequeno|leve|ligera|ligero|chiquita|pequenita|poca descarga|
    calambre|corriente|toque|chispazo|calambrazo|corrientazo /2 ; descarga|calambre|corriente|
    toque estatica|pequena|pequeno|pequenito|leve|ligera|ligero|chiquita|chiquito /2 ; estatica|
    cosquilleo|hormigueo
[harmless object] moneda|monedas|canica|canicas|abalorio|abalorios|piedrita|piedra|lego|centimo|
    guisante ; chicharo|boton|caramelo|semilla|bolita|arveja ; un|el|unos|los dulce|dulces /0
[seems fine] parece|esta|estoy|estamos|sigue|sigo|ve|actua|siente|encuentra|totalmente|
    completamente|perfectamente bien|normal|tranquilo|tranquila|contento|contenta|feliz|perfecto|
    perfecta /2 ; jugando|riendo|sonriendo|comiendo|bebiendo|charlando|hablando ; NEG tose|tos|
    atraganta|dolor|sintomas|babea|vomita|vomitado|molestias /2
[hypo] hipoglucemia|hipoglicemia|azucar|glucosa|diabetico|diabetica|diabetes|insulina
[recovered] ya|ahora mejor|bien|normal|recuperado|recuperada|perfecto|perfecta /2 ; recuperado|
    recuperada|recupero|mejoro|mejorado|mejorada ; siente|encuentra|esta|ve|parece mejor|bien|
    normal /1 ; volvio|vuelto|vuelve normal|normalidad|si /3
[known epilepsy] epilepsia|epileptico|epileptica|habitual|habituales|tipica|tipico|usual|conocida
    ; como siempre /0
[seizure over] {FIT} paro|termino|acabo|paso|ceso|detuvo|terminado|acabado|pasado|parado /2 ;
    paro|termino|acabo|paso|ceso|detuvo|ya {FIT} /2 ; volvio|vuelto en si /1 ; recupero|
    recuperado|recuperada|despierto|despierta|consciente|hablando ; volvio|vuelto|vuelve normal|
    normalidad /3
[reliever] inhalador|inhaladores|puff|bombita|ventolin|salbutamol|albuterol|nebulizador ;
    nebulizacion|nebulizar|espaciador|aerocamara
[worked] funciono|funcionado|mejor|bien|alivio|aliviado|aliviada|normal|facil|mejoro|mejorado ;
    mejorando|cedio|cedido
[not happening now] por si acaso /0 ; por si|caso alguien|alguno|alguna|algun|vuelve|volviera|pasa|
    pasara|ocurre|ocurriera|repite|le|nos|me /1 ; si vuelve|volviera|vuelva pasar|ocurrir|repetir|
    dar /2 ; proxima|proximo semana|mes|ano|verano|finde|vacaciones /0 ; semana|mes|ano que viene
    /0 ; curso|cursillo|formacion|taller primeros|rcp|socorrismo /2 ; para aprender|ensenar|
    prepararme|prepararnos|prepararse /1 ; reconocer|recordar|identificar|distinguir sintomas|
    senales|signos /2 ; que vigilar|observar|mirar esta|noche /2 ; para|en futuro /1 ; si veo|
    encuentro|vemos|encontramos alguien|persona /2
[coughed it out] lo|la escupio|escupido|expulso|expulsado|echo|echado|saco|sacado|devolvio /1 ;
    tosio|tosiendo|tosiendolo|toser escupio|expulso|echo|saco|salio /3
[names first aid] rcp|torniquete|desfibrilador|epipen|heimlich|insolacion|hipotermia|anafilaxia|
    anafilactico|anafilactica|conmocion|ictus ; golpe calor /1 ; posicion lateral /0 ; compresiones
    toracicas /0
"""
)
