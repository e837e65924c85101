"""The signs the safety-critical distinctions are built from, as data.

A sign is present when any of its patterns matches (the pattern language of
:mod:`matcher.serving.lexicon`; ``(pattern, gap)`` widens the default gap).
:mod:`matcher.serving.distinctions` combines them.
"""

from __future__ import annotations

Pattern = str | tuple[str, int]

_AGE_NUMBERS = "1|2|3|4|5|6|7|8|9|10|11|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
_WEEKS = "1|2|3|4|5|6|7|8|9|10|11|12|one|two|three|four|five|six|few|couple"
_UNRESPONSIVE_WORDS = "unconscious|unresponsive|unconsciousness|unrousable|lifeless|limp"
_SUBSTANCES = (
    "tablets|tablet|pills|pill|medicine|medicines|medication|meds|paracetamol|ibuprofen|"
    "aspirin|vitamins|capsules|bleach|detergent|pods|pod|dishwasher|cleaner|cleaning|chemicals|"
    "chemical|antifreeze|weedkiller|pesticide|poison|berries|mushrooms|mushroom|perfume|"
    "mouthwash|nicotine|vape|paraffin|oil|turpentine|methanol|gel|sanitiser|sanitizer|drain"
)

SIGNS: dict[str, list[Pattern]] = {
    "unresponsive": [
        _UNRESPONSIVE_WORDS,
        ("NEG wake|woken|respond|responding|responsive|rousable|react|reacting|answering", 3),
        "collapsed|collapse",
        ("no reaction|response whatsoever|from", 0),
        ("passed|knocked out", 0),
        ("out cold", 0),
        ("went|gone|go floppy|limp", 3),
        ("NEG moving|move|moved or|nor", 1),
        ("NEG come|came round|around", 1),
        ("shook|shake|tapped|pinched|nudged him|her|them|his|their NEG", 4),
    ],
    # Not breathing, or not normally: absent, gasping, barely. "Can't breathe" is
    # a conscious person's words and is not here.
    "no breathing": [
        (
            "+isnt|not|stopped|no|hasnt|wasnt|arent|doesnt|didnt|never|without|nt "
            "breathing|breathe|breath|breathin|breaths",
            2,
        ),
        "gasping|agonal|gasps",
        ("breathing|breaths|breath gulp|gulps|gulping|gasp", 5),
        ("gulping|gulps|gasping|snorting noises|noise|sounds", 1),
        ("barely|hardly|weird|weirdly|strange|strangely|funny|oddly breathing|breathe|breaths", 1),
        ("breathing|breaths weird|strange|funny|odd|gurgling|gasping", 3),
        ("chest NEG moving|rising|move|rise|going", 2),
        (
            "NEG see|hear|feel|find|detect any|him|her|he|she|them|they|it|if|his|their "
            "breathing|breath",
            3,
        ),
        ("NEG think|tell|know|sure|certain|believe|reckon breathing|breathe|breath|breathin", 3),
        ("NEG seem|seems|appear|appears|look|looks breathing|breathe", 3),
        # Occasional breaths are not normal breathing (ERC, AHA): CPR.
        # ("Breathing now" is someone who breathes again; "breathing every" may be normal.)
        ("=breath|=breaths|=breathes|=breathing|gasp|gasps now then", 2),
        ("=breath|=breaths|=breathes|=breathing|gasp|gasps occasionally", 1),
        ("gasp|gasps every", 1),
    ],
    "breathing": [("breathing|breathes|breath|breathin|breaths", 0)],
    # Plainly not breathing, said of someone: enough for CPR without "unresponsive".
    "stopped breathing": [
        ("+isnt|not|stopped|no|hasnt|wasnt|doesnt|didnt|never|nt breathing|breathe|breaths", 0),
    ],
    # ...unless the sentence goes on to say how ("not breathing properly").
    # (A leading "+": a negation just before does not cancel the pattern.)
    "breathing qualified": [
        ("+breathing|breathe|breath properly|normally|well|right|easily|fine|deeply|good|ok", 1),
        ("+breathing|breathe through nose|mouth", 1),
        ("+no|not|without trouble|problem|problems|difficulty|issue|issues breathing|breathe", 1),
        ("+breathing|breathe|breathin trouble|problem|problems|difficulty|issues|difficulties", 0),
    ],
    "infant": [
        "baby|newborn|infant|neonate|babys",
        (f"{_AGE_NUMBERS} month|months|mo|mth|mths|mnth|mnths|monthold old", 2),
        (f"{_WEEKS} week|weeks|wk|wks|weekold old", 2),
        (f"{_AGE_NUMBERS} month|months|mo|mth|mths", 0),
    ],
    "older child": [
        ("1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18 year|years|yr|yrs|yo|yearold", 1),
        ("12|13|14|15|16|17|18|20|24|30|36 month|months|mo|mth|mths|monthold", 1),
        # "toddlers", not "toddler": the lexicon's synonym group for "toddler" has "son".
        "toddlers|preschooler|teen|teenager",
    ],
    "choking": [
        "choking|choked|choke|chokes",
        ("stuck|lodged in|his|her|their throat|windpipe|airway", 2),
        ("clutching|grabbing|holding|clawing throat|neck", 2),
        # Milk or food "went down the wrong way": the airway, not an allergy.
        ("milk|food|feed|formula|drink|water|crumb|crumbs went|go|goes|gone wrong way|pipe", 3),
    ],
    "throat or tongue swelling": [
        ("throat|tongue swelling|swollen|swell|closing|tightening|thick", 3),
        ("swelling|swollen|swelled throat|tongue", 2),
    ],
    "ate something": ["ate|eaten|eating|food|meal|snack|restaurant|takeaway|dinner|lunch"],
    "splashed in the eye": [
        (
            "bleach|chemical|chemicals|cleaner|detergent|liquid|spray|shampoo|soap|acid|alkali|"
            "cement|lime|sanitiser|sanitizer|paint|petrol|ammonia|pepper|glue|splashed|squirted "
            "in|into|inside eye|eyes",
            4,
        ),
    ],
    "swallowed chemical": [
        (
            "swallowed|drank|drunk|gulped|sipped|mouthful bleach|weedkiller|antifreeze|"
            "pesticide|cleaner|detergent|paraffin|turpentine|methanol|poison|chemical|chemicals|"
            "acid|petrol|kerosene|lye",
            5,
        ),
    ],
    "smoke": ["smoke|smoky|fumes|fire|blaze|bonfire|burning"],
    "coughing or wheezing": [
        "coughing|cough|wheezing|wheeze|wheezy|choking|spluttering|hoarse|breathless",
        ("NEG breathe|breath", 0),
    ],
    "can't breathe": [
        ("NEG breathe|breath|breathing|breth", 0),
        ("struggling|fighting|gasping|battling for|to breath|breathe|air", 2),
        ("short of breath", 1),
    ],
    "asthma": ["asthma|asthmatic|inhaler|puffer|ventolin|salbutamol|albuterol|reliever"],
    "corrosive": [
        "bleach|acid|caustic|alkali|lye|ammonia|cement|descaler|hydrofluoric|sulphuric|sulfuric",
        "hydrochloric|chemical|chemicals|corrosive|unblocker|degreaser",
        ("oven|drain|toilet cleaner|unblocker|fluid", 1),
    ],
    "on the skin": [
        "skin|hand|hands|arm|arms|leg|legs|foot|feet|face|fingers|finger|chest|neck|back|knee",
        "splashed|spilled|spilt|splash|spill|burning|stinging|blistering|rinsing|rinse",
    ],
    "in the eye": ["eye|eyes|eyeball|eyelid"],
    "swallowed": [
        "swallowed|drank|drunk|ate|eaten|mouthful|gulped|sipped|licked",
    ],
    "impaled": [
        "impaled|embedded",
        (
            "knife|branch|rod|nail|pole|fence|spike|screwdriver|arrow|bolt|skewer|scissors|"
            "railing|pitchfork|chisel|glass "
            "sticking|lodged|protruding|impaled|embedded|through",
            3,
        ),
    ],
    "diabetes crisis": [
        "hypo|hypoglycaemia|hypoglycemia|hyperglycaemia|hyperglycemia|dka|ketoacidosis",
        ("sugar|glucose|bm low|high|dropped|crashed|reading|level|levels", 2),
    ],
    "heat": [
        "heat|heatwave|sunstroke|heatstroke|sun|sunshine|sunny|scorching|sweltering|sauna",
        "sunbathing|sunbathed|shade",
        ("hot day|weather|car|afternoon|sun|kitchen|tent|attic|outside|today", 1),
        ("degrees|celsius|fahrenheit outside|out|today", 2),
        ("in|outside 30|32|33|34|35|36|37|38|39|40|42|45 degrees|c|celsius", 1),
        ("its 30|32|33|34|35|36|37 degrees|c|celsius", 1),  # 38+: maybe a fever
    ],
    "burned": [
        "burn|burned|burnt|burns|scald|scalded|scalding|charred",
        ("caught fire|alight|flames", 1),
        ("boiling|hot water|oil|fat over|on", 3),
    ],
    "large or deep": [
        "charred|blackened|leathery|peeling",
        ("white|grey|gray|waxy skin|patches|places|areas", 3),
        ("skin|chest|arm|leg white|grey|gray|waxy", 3),
        ("both|whole|entire|all legs|arms|hands|feet|chest|back|face|body|side", 1),
        ("face|genitals|groin", 0),
        ("bigger|larger than|hand|palm", 2),
        ("huge|massive|big|large burn|area", 1),
        ("chest|back|tummy|belly|face|neck blistering|blistered|blisters", 3),
        ("big|large|huge|massive blisters|blister", 1),
    ],
    "pregnant": ["pregnant|pregnancy|expecting"],
    "tummy pain or bleeding": [
        ("pain|cramps|cramping|ache|hurts|hurting tummy|stomach|belly|abdomen|side|pelvis", 4),
        ("tummy|stomach|belly|abdomen|side pain|cramps|ache", 2),
        "bleeding|spotting|blood",
        ("shoulder tip|pain", 1),
    ],
    "rigid tummy": [
        ("tummy|stomach|belly|abdomen hard|rigid|board|swollen|distended|tight", 3),
        ("hard|rigid|swollen|distended tummy|stomach|belly|abdomen", 2),
    ],
    # Fainting or collapsing while exercising can be the heart (call 999).
    "fainted during exercise": [
        (
            "fainted|faint|collapsed|blacked|dropped while|during|in|at|mid|after|playing "
            "running|exercise|exercising|sport|match|game|race|gym|marathon|football|soccer|"
            "rugby|hockey|basketball|tennis|cycling|jogging|sprinting|workout",
            4,
        ),
    ],
    "cold": ["cold|freezing|hypothermia|shivering|icy|snow|frozen|chilly|frost"],
    "heatstroke sign": [
        "confused|confusion|disoriented|delirious|incoherent|staggering",
        ("talking|saying nonsense|rubbish|gibberish|weird|strange", 2),
        ("NEG making sense", 2),
        ("NEG sweating|sweat|sweaty", 2),
        ("dry hot|red skin", 2),
        ("hot dry|red skin", 2),
        ("skin hot|dry|burning", 2),
        ("burning|boiling|very hot to touch|skin", 2),
        "collapsed|collapse|unconscious|unresponsive|fitting|seizure|convulsing",
        ("having|had|has|a fit|fits", 0),
        ("40|41|42|43|104|105|106 degrees|c|f|celsius|fahrenheit", 1),
    ],
    "allergen": [
        "sting|stung|bee|wasp|hornet|peanut|peanuts|nut|nuts|shellfish|prawns|prawn|shrimp",
        "allergy|allergic|allergen|reaction|sesame|egg|milk|kiwi|penicillin|antibiotic|antibiotics",
        "injection|jab|vaccine|vaccination",
        "epipen|anaphylaxis|anaphylactic|adrenaline|autoinjector",
    ],
    "airway or breathing trouble": [
        ("NEG breathe|breath|breathing", 0),
        ("struggling|trouble|difficulty|hard|fighting|labouring breathing|breathe|breath", 2),
        "wheeze|wheezing|wheezy|wheezes|stridor",
        ("breathing|breath going|gone|getting|is weird|strange|funny|odd|noisy|rattly", 2),
        ("short breath|breathless", 2),
        ("throat|tongue swelling|swollen|swell|closing|tight|tightening|itchy|thick", 3),
        ("swelling|swollen|swelled throat|tongue", 2),
        ("NEG swallow|talk|speak", 2),
        "hoarse|croaky",
        "collapsed|collapse|unconscious|unresponsive|floppy",
    ],
    "co source": [
        ("carbon monoxide", 0),
        ("co alarm|detector|monitor|sensor|poisoning", 1),
        ("gas heater|fire|boiler|stove|leak|smell|appliance|cooker", 1),
        "boiler|generator|fumes|exhaust|paraffin|kerosene|charcoal",
        ("engine|car running|on in garage|shed", 3),
        ("bbq|barbecue|barbeque inside|indoors|tent|garage", 3),
        ("wood burner|stove", 1),
    ],
    "co symptoms": [
        "headache|headaches|dizzy|dizziness|confused|confusion|drowsy|sleepy|nausea|nauseous",
        "vomiting|sick|ill|unwell|collapsed|unconscious|unresponsive|faint|fainted|woozy",
    ],
    # A grown-up named: a choking adult gets abdominal thrusts, never a baby's steps.
    "adult": [
        "dad|father|daddy|mum|mom|mother|mummy|mommy|husband|wife|grandma|grandmother|"
        "grandpa|grandfather|granny|grandad|granddad|boyfriend|girlfriend|fiance|fiancee|"
        "colleague|coworker|boss|uncle|aunt|auntie|neighbour|neighbor|flatmate|roommate|"
        "customer|gentleman|lady|man|woman|guy|bloke|adult|pensioner|elderly",
        ("i|im|am choking|choked|choke", 1),
    ],
    "child": [
        "child|kid|kids|toddler|baby|son|daughter|boy|girl|grandson|granddaughter|nephew|niece",
        ("little one", 0),
        ("1|2|3|4|5|6|7|8|9|10|11|12 year|years|yr|yo old|yearold", 1),
    ],
    "swallowed substance": [
        (f"swallowed|ate|eaten|drank|drunk|chewed|licked|sucked|took|taken {_SUBSTANCES}", 5),
        (f"got into {_SUBSTANCES}", 4),
        (f"{_SUBSTANCES} swallowed|eaten|ate|drank|chewed|missing|gone|everywhere", 5),
        (f"mouthful|bottle|bottles|packet|packets|box|boxes|strip|strips|handful {_SUBSTANCES}", 4),
    ],
    "heavy bleeding": [
        ("blood|bleeding spurting|pumping|gushing|pouring|squirting|everywhere", 3),
        ("spurting|pumping|gushing|pouring|squirting blood", 2),
        ("lot|lots|loads|much|pool|puddle blood", 2),
        ("bleeding heavily|badly|profusely|everywhere", 1),
        ("bleeding|blood NEG stop|stopping|slowing", 4),
        ("+soaked|soaking|soaks through|towel|towels|bandage|tea", 3),
        ("+still|keeps|keep pouring|gushing|spurting|pumping|squirting", 1),
        ("spurting|squirting jets|jet|spurts", 3),
    ],
    # Numb or paralysed limbs (with a fall or crash: a spinal injury, do not move them).
    # (Both legs, both arms: one limb that will not move is more often a fracture.)
    "limbs numb": [
        ("NEG feel|feeling|sensation legs|arms|feet|toes|body|leg|arm", 3),
        ("NEG move|moving|movement legs|arms|feet|toes|body|anything", 3),
        "paralysed|paralyzed|paralysis",
    ],
    "fall or crash": [
        "fell|fall|fallen|falling|tumbled|dived|diving|crash|crashed|collision|thrown|landed",
    ],
    "electric shock": [
        "electrocuted|electrocution|electrocuting",
        ("electric|electrical shock|shocked|current|jolt", 1),
        ("shock|shocked|zapped|jolt from|by|off|on socket|plug|wire|wires|cable|outlet|mains", 3),
        ("live|electric|electrical wire|wires|cable|cables|rail|fence", 0),
    ],
}
