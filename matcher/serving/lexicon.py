"""The general red-flag and crisis phrases, as data the safety rules compile.

A rule is ``(label, pattern)`` or ``(label, pattern, gap)``. A pattern is a
sequence of slots separated by spaces; a slot lists alternative words with
``|``. ``NEG`` is any negation ("not", "isnt", "cant", "wont", "stopped", ...).
A negation just before the first slot cancels a match ("no chest pain"),
unless the pattern starts with ``+``. ``=word`` is that word without its synonyms.
Slots must appear in order, with at most ``gap`` other words in between (3 by
default: "bleeding and it just won't stop"). Words match with typo tolerance
(:mod:`matcher.serving.fuzzy`), so list lay words and inflections, not misspellings.

Rules here are general: they hold whatever topic the model picks. The corpus
adds each topic's own red flags. Figurative first-aid words ("drowning in
emails", "dying of boredom") are deliberately absent: those must stay
out of scope, and the model already escalates real drownings (level ``call``).
"""

from __future__ import annotations

Rule = tuple[str, str] | tuple[str, str, int]

# Lay synonyms and irregular forms: a rule or red-flag word stands for its whole
# group ("tummy hard" also matches "stomach is hard", "bitten" matches "bit").
# Plurals and -ing/-ed forms are handled by stemming (matcher.serving.fuzzy).
SYNONYMS: list[str] = [
    "tummy stomach belly abdomen abdominal",
    "vomiting vomit vomited vomits throwing puking puke",
    "baby infant newborn",
    "child kid son daughter toddler boy girl",
    "bite bit bitten biting bites",
    "sting stung stinging stings",
    "pee peed peeing wee weeing urine urinating",
    "poo pooing stool stools",
    "breathe breathing breath breathless",
    "faint fainted fainting",
    "swelling swollen swelled swell",
    "drowsy sleepy lethargic listless",
    "confused confusion disoriented disorientated muddled",
    "seizure seizures seizing fit fits fitting convulsing convulsions",
    "bleeding bleed bled blood",
    "punched hit struck whacked thumped",
    "fell fall fallen falling",
]

NEGATIONS = frozenset(
    "not no isnt arent wasnt werent doesnt dont didnt cant cannot couldnt wont wouldnt "
    "never stopped hasnt havent hadnt unable without nothing".split()
)
# After a negation these words flip the meaning back: "no trouble breathing".
NEGATION_BLOCKERS = frozenset(
    "trouble problem problems difficulty difficulties issue issues pain shortness "
    # A negated sign before another ("no swelling, breathing fine"): the negation is theirs.
    "swelling rash hives itching itch fever temperature redness spots".split()
)

_BREATH = "breathing|breathe|breath|breathin"
_PERSON = "myself|himself|herself|themselves|themself|yourself"
_INJURE = "cut|cuts|cutting|burn|burned|burnt|overdose|overdosed|harm|harmed|hurt"

_SEVERE = "severe|excruciating|agonising|agonizing|unbearable|crippling|worst|extreme"
_TUMMY = "tummy|stomach|belly|abdomen|abdominal|abdo|gut"
_FEVER = "fever|temperature|temp|hot|feverish|38|39|40"
_LONG = "20|25|30|35|40|45|50|60|90|half"

EMERGENCY_RULES: list[Rule] = [
    ("not breathing", f"NEG {_BREATH}"),
    ("not breathing", f"NEG able|properly|normally {_BREATH}"),
    ("struggling to breathe", f"struggling|fighting|gasping {_BREATH}|air"),
    ("struggling to breathe", "ribs|chest|neck sucking|pulling|sinking|sucked|pulled in", 3),
    ("gasping for air", "gasping"),
    ("unconscious", "unconscious|unresponsive|unconsciousness"),
    ("not responding", "NEG wake|waking|woken|respond|responding|responsive|rousable"),
    ("collapsed", "collapsed|collapse"),
    (
        "blue lips or face",
        "lips|face|skin|mouth|tongue blue|purple|grey|gray|bluish|greyish|grayish|blueish",
        4,
    ),
    ("blue lips or face", "blue|purple|grey|gray|bluish|greyish|grayish lips|face|mouth", 2),
    ("no pulse", "NEG pulse|heartbeat"),
    ("heart stopped", "heart stopped|stop", 2),
    ("choking", "choking|choked|choke"),
    ("bleeding won't stop", "bleeding|blood|bleed|bleeds NEG stop|stopping|slowing|slow", 4),
    ("bleeding won't stop", "NEG stop|stopping bleeding|blood|bleed", 2),
    ("heavy bleeding", "blood|bleeding spurting|pumping|gushing|pouring|squirting|everywhere", 3),
    ("heavy bleeding", "spurting|pumping|gushing|pouring|squirting blood", 2),
    ("heavy bleeding", "lot|lots|loads|much|pool|puddle blood", 2),
    ("heavy bleeding", "bleeding heavily|badly|profusely|everywhere", 1),
    ("heavy bleeding", f"{_SEVERE}|massive|huge|heavy|major|profuse bleeding|bleed|haemorrhage", 1),
    ("heavy bleeding", "bleeding|bleeds|bled lot|lots|loads|heaps|tons", 2),
    ("nosebleed over 20 minutes", f"nosebleed|nose {_LONG} minutes|mins|min|hour|hours", 5),
    (
        "seizure over five minutes",
        "seizure|seizures|seizing|fit|fitting|convulsing|convulsions|convulsion "
        "5|five|6|six|7|seven|8|eight|10|ten|15|fifteen|20 minutes|min|mins|minute",
        5,
    ),
    ("seizure won't stop", "NEG stop|stopping seizure|seizing|fitting|convulsing|shaking", 2),
    ("seizure won't stop", "seizure|fit|fitting|convulsing NEG stop|stopping|ending", 3),
    ("repeated seizures", "another|second|third|repeated seizure|fit|seizures|fits", 1),
    ("chest pain", "chest pain|pains|pressure|tightness|tight|crushing|heaviness|hurts", 2),
    ("chest pain", "pain|pressure|tightness|crushing in|on chest", 2),
    ("face drooping", "face|mouth|smile droop|drooping|drooped|lopsided|dropped", 3),
    ("slurred speech", "slurred|slurring|slurry speech|words|talking|voice", 2),
    ("slurred speech", "speech|talking|words slurred|slurry|garbled", 2),
    ("one side weak", "one|left|right side weak|numb|paralysed|paralyzed|dead|floppy", 3),
    ("throat or tongue swelling", "throat|tongue|lips|lip swelling|swollen|swell|closing|tight", 3),
    ("throat or tongue swelling", "swelling|swollen|swelled throat|tongue", 2),
    ("anaphylaxis", "anaphylaxis|anaphylactic|epipen"),
    ("vomiting blood", "vomiting|throwing|coughing|spitting|puking|vomit blood", 2),
    ("can't move or feel limbs", "NEG move|feel legs|arms|body", 3),
    ("bone through the skin", "bone sticking|poking|through|showing|visible|protruding", 4),
    ("button battery", "button|coin battery|batteries|cell"),
    ("button battery", "battery|batteries up|in nose|ear|ears|nostril|mouth", 3),
    ("button battery", "swallowed|ate|eaten battery|batteries", 4),
    ("worst headache ever", "worst headache|head", 1),
    ("worst headache ever", "headache worst|ever", 4),
    ("sudden severe headache", f"sudden|suddenly|thunderclap {_SEVERE}|bad|blinding headache", 3),
    ("sudden severe headache", "thunderclap"),
    ("severe tummy pain", f"{_SEVERE} {_TUMMY} pain|ache|cramps|cramp", 2),
    ("severe tummy pain", f"{_TUMMY} pain|ache|cramps {_SEVERE}", 3),
    ("floppy baby", "baby|newborn|infant|toddler floppy|limp|lethargic|listless", 8),
    ("dry nappies", "dry nappies|nappy|diapers|diaper", 2),
    ("dry nappies", "nappies|nappy|diapers|diaper dry", 3),
    (
        "limb out of shape",
        "bent|pointing|twisted|facing wrong|funny|weird|odd|strange|unnatural|awkward way|angle",
        2,
    ),
    ("limb out of shape", "leg|arm|foot|thigh|hip shorter|deformed|misshapen", 4),
    ("green vomit", "green vomit|sick|bile|puke", 1),
    ("green vomit", "vomit|sick|vomiting|puke is|its|was|looks|bright|dark green", 2),
    (
        "object in the eye",
        "wood|metal|glass|piece|object|stick|nail sticking|stuck|lodged|embedded eye",
        5,
    ),
    (
        "fever in a baby under three months",
        "1|2|3|4|5|6|7|8|9|10|11|12|one|two|three|few week|weeks|wk old " + _FEVER,
        6,
    ),
    (
        "fever in a baby under three months",
        "1|2|3|one|two|three|few month|months|mo old " + _FEVER,
        6,
    ),
    ("fever in a baby under three months", f"=newborn|=neonate {_FEVER}", 6),
    ("fever in a baby under three months", "fever|temperature|temp =newborn|=neonate", 6),
    ("double vision", "seeing|see|seen|sees double", 1),
    ("double vision", "double|blurred vision", 1),
    ("bleeding in pregnancy", "pregnant bleeding", 8),
    ("bleeding in pregnancy", "bleeding pregnant", 8),
    (
        "venomous bite or sting",
        "widow|funnel|redback|adder|viper|rattlesnake|cobra|taipan|mamba|scorpion|stonefish",
    ),
    ("venomous bite or sting", "snake bite", 4),
    ("venomous bite or sting", "fang|fangs marks|holes|punctures|puncture", 1),
    ("venomous bite or sting", "bite snake", 4),
    ("hit by a vehicle", "hit|run|knocked by car|truck|lorry|bus|van|motorbike|vehicle", 3),
    (
        "fall from height",
        "fell|fall|fallen|falling off|from roof|ladder|balcony|height|window|scaffold|cliff|tree",
        3,
    ),
    ("stab or gunshot wound", "stabbed|stabbing|gunshot"),
    ("stab or gunshot wound", "been|got|was|were shot", 0),
    ("electrocuted", "electrocuted|electrocution"),
    (
        "drowsy or vomiting after a head injury",
        "hit|bumped|banged|knocked|fell|whacked|smashed head drowsy|sleepy|confused|vomiting|"
        "vomited|vomit|throwing",
        6,
    ),
    ("stiff neck with fever", "stiff neck fever|temperature|rash", 6),
    ("stiff neck with fever", "fever|temperature stiff neck", 6),
]

_GIVE = "giving|given|gave|give"
_THINGS = "things|stuff|belongings|possessions"
_THEIR = "=my|his|her|their"

CRISIS_RULES: list[Rule] = [
    ("suicide", "suicide|suicidal|suicidality"),
    ("kill oneself", f"kill|killing|killed {_PERSON}", 1),
    ("end one's life", "end|ending|take|taking|took my|his|her|their|own life", 2),
    ("wants to die", "want|wanna|wants|wanted|wish|wishes die|dead", 3),
    ("doesn't want to live", "NEG want|wanna|reason|point live|living|alive", 3),
    ("doesn't want to be here", "NEG want|wanna be here", 2),
    ("end it all", "going|gonna|want|wanna|will|plan|planning|ready end|ending it", 2),
    ("nothing to live for", "nothing live", 2),
    ("better off dead", "better off dead|without", 1),
    ("self-harm", "self harm|harming|harmed|injury|injure|injuring|hurt|hurting", 1),
    ("self-harm", "selfharm|selfharming|unalive"),
    ("self-harm", f"harm|harming|harmed|cutting {_PERSON}", 1),
    ("self-harm", f"hurting|burning|harming|cutting|starving {_PERSON}", 0),
    ("deliberate injury", f"{_INJURE} on purpose", 4),
    ("deliberate injury", f"deliberately|intentionally|purposely {_INJURE}", 2),
    ("deliberate injury", f"{_INJURE} deliberately|intentionally|purposely", 3),
    ("slit wrists", "slit|slitting|slash|slashed|slashing wrist|wrists", 2),
    ("hanging", f"hang|hanging|hanged {_PERSON}", 1),
    # Not "sleeping": "went to sleep and didn't wake up for hours" is a nap.
    ("how many pills to die", "pills|tablets|paracetamol NEG wake", 8),
    ("about to jump", "jump|jumping|throw off|from|in front bridge|roof|building|cliff|train", 3),
    ("on the edge", "edge bridge|roof|ledge|building|parapet", 3),
    ("can't go on", "cant|cannot go on", 0),
    ("can't go on", "no point living|anymore|on", 2),
    ("can't go on", "cant|cannot do this|it anymore|any", 2),
    ("wants to disappear", "want|wanna|wants|wish|wishes disappear|vanish", 3),
    ("no reason to go on", "no|any reason|point carry|go|keep on|going|living|live", 3),
    ("on the edge", "wrong side railing|railings|barrier|fence|parapet", 3),
    ("self-harm", f"cut|cutting|hurt|harm|burn|burned {_PERSON} again", 1),
    ("saying goodbye", "sorry for everything", 1),
    ("saying goodbye", "goodbye note|letter|message|text|texts", 2),
    ("attempt again", "do|finish it properly|right next time", 2),
    # Warning signs (Samaritans, NHS): giving possessions away, talk of not being around.
    ("giving things away", f"{_GIVE} away all {_THEIR} {_THINGS}", 0),
    ("giving things away", f"{_GIVE} away all|{_THEIR} {_THINGS}", 0),
    ("giving things away", f"{_GIVE} all|{_THEIR} {_THINGS} away", 0),
    ("giving things away", f"{_GIVE} all {_THEIR} {_THINGS} away", 0),
    ("not being around", "NEG think|reckon ill|will|be around much|long|longer|anymore", 2),
    ("not being around", "wont|not be around much|anymore|long|longer", 1),
    ("not being around", "i|me wasnt|werent|not here|around anymore|any|longer", 1),
    # Samaritans and NHS warning signs: feeling a burden, not wanting to wake up,
    # saving up medicines, no point in anything.
    ("better off without me", "better off if|when i|im wasnt|werent|gone|dead|not", 3),
    ("feeling a burden", "im|am|being|feel|feeling just|such|a burden", 2),
    ("not wanting to wake up", "rather|prefer NEG wake|waking|woke", 2),
    ("not wanting to wake up", "wish|hope|want i|id|to NEG wake|woke up", 1),
    ("not wanting to wake up", "want|wanna|wish|rather|just sleep NEG wake|woke", 3),
    (
        "saving up medicines",
        "stockpiling|stockpiled|hoarding|hoarded|saving|saved pills|tablets|meds|medication",
        3,
    ),
    ("saving up medicines", "putting|put|kept|keeping pills|tablets|meds aside|by", 2),
    ("can't go on", "NEG see point anymore|living|life|anything|everything|existing|trying", 2),
]

# Words that carry no meaning in a red-flag phrase (a topic's red flags are
# matched as bags of the other words).
STOPWORDS = frozenset(
    "a an the and or of to in on at for with is are was were be been being am very all any "
    "his her their my your our its it this that these those he she they we i you me him them "
    "us has have had do does did so too just really than then there what when where which "
    "who how if but by as from into about some can could would should will may might get got "
    "gets still now while like even also only after before over under around since more less "
    "up out off s".split()
)
