"""The red flags' own signs (:data:`matcher.serving.escalation.RED_FLAGS` combines them),
and those of the distinctions added after :mod:`matcher.serving.signs` reached the module
size limit; the Spanish ones are in :mod:`matcher.serving.escalation_es`."""

from __future__ import annotations

from matcher.serving.signs import Pattern

_OBJECTS = (
    "coin|coins|button|buttons|battery|batteries|magnet|magnets|marble|marbles|bead|beads|lego|"
    "pin|pins|earring|screw|tack|toy|ring|stone|pebble|penny|cent|fishbone"
)

RED_FLAG_SIGNS: dict[str, list[Pattern]] = {
    # The stroke distinction's signs (FAST).
    "stroke sign": [
        ("face|mouth|smile|lip|eye droop|drooping|drooped|droopy|lopsided|dropped|sagging", 3),
        ("droop|drooping|drooped|droopy|lopsided|sagging face|mouth|smile|side", 2),
        ("one|left|right side weak|numb|paralysed|paralyzed|dead|floppy|limp", 3),
        ("NEG lift|raise|hold|move one|left|right arm|arms|hand|leg|side", 3),
        ("arm|leg weak|numb|dead|limp|floppy", 1),
        ("left|right|one hand|arm|leg clumsy|useless|weak", 3),
    ],
    "slurred speech": [
        ("slurred|slurring|slurry speech|words|talking|voice", 2),
        ("speech|talking|words slurred|slurry|garbled|jumbled|muddled", 2),
    ],
    "slurring has another cause": [
        "drunk|alcohol|beer|wine|vodka|drinking|diabetic|diabetes|hypo|sugar|insulin|drugs|high",
    ],
    "head knock": [
        # Not "banged": "got a banging head" is a headache (below, with the head named).
        (
            "hit|bumped|knocked|smacked|whacked|bashed|struck|smashed|cracked head|forehead|skull",
            3,
        ),
        ("banged|bang|banging my|his|her|their|its|the|our|your head|heads|forehead", 1),
        ("head injury|knock|bump|wound|hit", 1),
        ("hit|bumped|banged|knocked|smacked|bashed|struck|cracked back|side|top head", 3),
        ("fell|fall|fallen|landed on|onto head|face", 4),
        ("no|without helmet", 1),
        ("blow|stick|ball|bat|club|punch|kick|knee|elbow|boot|fist to|on the|his|her head", 3),
        ("clashed|clash|collided heads", 1),
        ("banged|bumped|knocked heads together", 1),
    ],
    "head red flag": [
        "vomiting|vomited|vomit|sick|puking|throwing|drowsy|sleepy|dozy|confused|confusion|dazed",
        "unconscious|seizure|fit|fitting|slurring|slurred|irritable|unsteady|staggering",
        ("knocked|blacked|passed out", 0),
        ("out cold", 0),
        ("clear|watery fluid|liquid|stuff|discharge from|out nose|ear|ears", 3),
        ("pupil|pupils bigger|larger|different|uneven|unequal|dilated", 3),
        ("unequal|uneven|different pupils|pupil", 1),
        ("blood from|out ear|ears", 2),
        ("double|blurred|blurry vision|seeing", 1),
        ("NEG remember|recognise|recognize", 2),
        ("asking|asks|repeating|repeats same question|questions|thing|things", 3),
        ("acting|behaving strange|strangely|weird|odd|differently", 1),
        ("worse|worsening|getting headache", 2),
        "sleepier|drowsier",
        ("NEG keep|stay awake", 2),
        ("headache|head NEG go|goes|going|stop|stops|ease|eases|shift|shifting|budge", 4),
    ],
    "blood thinners": [
        "warfarin|apixaban|rivaroxaban|edoxaban|dabigatran|heparin|clopidogrel|anticoagulant",
        "anticoagulants|anticoagulation|coumadin|eliquis|xarelto|pradaxa|plavix",
        ("blood thinner|thinners|thinning", 1),
    ],
    "black poo": [
        ("black|tarry|tar poo|poop|stool|stools|faeces|feces|motions", 2),
        ("poo|poop|stool|stools|faeces|feces black|tarry|tar", 3),
    ],
    "iron or bismuth": ["iron|bismuth|pepto|liquorice|licorice|blueberries"],
    "testicle pain": [
        (
            "sudden|suddenly|severe|agony|agonising|agonizing|excruciating|unbearable|terrible|bad "
            "pain|ache|hurts|hurting testicle|testicles|testis|scrotum",
            5,
        ),
        (
            "testicle|testicles|testis|scrotum pain|ache|hurts|hurting sudden|suddenly|severe|"
            "agony|excruciating|unbearable|terrible|bad",
            4,
        ),
        (
            "sudden|suddenly|severe|agonising|agonizing|excruciating|unbearable testicle|testicles|"
            "testis|scrotum pain|ache",
            3,
        ),
    ],
    "memory or vision": [
        "repeating|repeats|repetitive|amnesia",
        ("asking|repeating|repeats|saying|says same", 2),
        ("memory loss|gone|blank|problems|lapse", 1),
        ("vision|eyesight blurred|blurry|blurring|double|fuzzy|dim|funny|weird", 3),
    ],
    "burn size": [
        ("big|large|size|bigger|larger like|as|of|than hand|palm|hands", 3),
        ("skin coming|came|falling|fell|peeling|peeled off|away", 2),
    ],
    "to the back": [("through|into back", 3), ("goes|going|spreading|radiating to back", 3)],
    "passed out": [
        "fainted|fainting|faint|collapsed|collapse",
        ("passed|blacked out", 0),
    ],
    "chest or heart": [
        ("chest pain|pains|tight|tightness|odd|funny|weird|strange|heavy|pressure|hurt|hurts", 3),
        "palpitations|palpitation",
        ("heart racing|pounding|fluttering|skipping|irregular|jumping|thumping|beating", 2),
    ],
    "cold exposure": [
        "freezing|hypothermia|hypothermic|shivering|shivers|icy|snow|frozen|frost|frostbite",
        ("cold water|night|outside|weather|sea|lake|river|wind", 1),
        ("in the cold", 0),
    ],
    "drowsy or confused": [
        "drowsy|sleepy|dozy|confused|confusion|disoriented|incoherent|groggy|dazed|mumbling",
        ("hard|difficult to wake|rouse", 1),
        ("drifting|nodding off|away", 0),
    ],
    "hard to wake": [
        ("hard|difficult|impossible to wake|rouse", 1),
        ("NEG wake|rouse|woken", 2),
        ("NEG keep eyes open", 2),
        ("very|really|extremely drowsy|sleepy|groggy", 0),
        ("keeps|keep drifting|nodding|passing off|out", 1),
        "unrousable|semiconscious",
    ],
    # Whoever writes it is awake enough to: not a falling response.
    "drowsy myself": [
        ("im|am very|really|extremely|so drowsy", 0),
        ("feel|feeling|felt drowsy", 3),
    ],
    # Spinal precautions already under way (St John: keep the head and neck in line).
    "head held still": [
        # Someone else's head ("should I keep my head still" after a bump is not this).
        ("keeping|holding|kept|held his|her|their|its head|neck still|steady|straight|line", 1),
    ],
    "only felt faint": [("bit|little|slightly|felt|feel|feeling|feels faint", 1)],
    "swollen leg": [
        ("leg|calf|thigh swollen|hot|red|tender|painful|throbbing", 3),
        ("swollen|hot|red|tender|painful|throbbing leg|calf|thigh", 1),
    ],
    "short of breath": [
        ("out|short of breath", 0),
        "breathless|breathlessness",
        ("pain|hurts|sharp when|if breathe|breathing in", 2),
        ("NEG catch breath", 2),
    ],
    "spider": ["spider|spiders|redback|funnel|widow|recluse|tarantula"],
    "stung": ["stung|stings|sting|stinging|wasp|wasps|bee|bees|hornet|hornets|jellyfish"],
    "pre-eclampsia": [
        ("flashing|flashes|flickering lights|light|spots", 1),
        ("face|hands|feet|fingers swollen|swelling|puffy|puffed", 3),
        ("sudden|suddenly swelling|swollen|puffy", 2),
        ("blurred|blurry|blurring vision|eyesight", 1),
        ("severe|bad|terrible|awful|worst headache|headaches", 1),
        ("severe|bad|terrible|awful pain head", 3),
    ],
    "no urine": [("NEG pee|peed|wee|weed|urine|urinated", 3), ("NEG passed water", 3)],
    "hot source": [
        "tea|coffee|cuppa|kettle|soup|noodles|gravy|oven|hob|stove|iron|saucepan|radiator",
    ],
    "limb injury": [
        "fell|fall|fallen|broken|broke|break|fracture|fractured|twisted|sprain|sprained|injury",
        "injured|crash|accident|tackle|landed|cast|plaster|splint|crushed|trapped|swollen",
    ],
    "pale limb": [
        (
            "leg|legs|foot|feet|toes|toe|arm|hand|hands|fingers|finger|limb|calf|shin|ankle|wrist "
            "cold|white|pale|blue|grey|gray|mottled|purple",
            4,
        ),
        ("cold|white|pale|blue|grey|gray|mottled leg|foot|feet|toes|hand|fingers|arm|limb", 1),
    ],
    "numb limb": [
        ("NEG feel|move|wiggle toes|toe|fingers|finger|foot|feet|hand|leg|legs|arm", 2),
        "numb|numbness|deadened",
        ("NEG feel them|it|anything", 1),
    ],
    # The eye named next to the object's way in, not anywhere: "splinter stuck in my
    # finger, eyes watering" is no eye injury.
    "at the eye": [
        ("in|into|out|of|through|from|under|at|inside eye|eyes|eyeball|eyelid", 1),
        ("left|right|lower|upper|bottom|top eye|eyes|eyeball|eyelid", 0),
    ],
    "eye object": [
        ("metal|glass|wood|nail|shard|wire|splinter|piece sticking|stuck|lodged|embedded", 4),
        ("sticking|poking out", 0),
        "pierced|piercing|punctured|penetrated",
    ],
    "magnet": ["magnet|magnets|magnetic|buckyballs"],
    "floppy": ["floppy|limp|lethargic|listless|unresponsive", ("hard|difficult to wake", 1)],
    "fever": [
        "fever|feverish|febrile",
        ("burning up", 0),
        ("temperature|temp of|is|was|reading|over 38|39|40|41|high", 2),
        ("high temperature|temp", 0),
        ("temperature|temp 38|39|40|41", 1),
    ],
    "mottled skin": [
        "mottled|blotchy|blotched",
        ("skin|lips|face grey|gray|blue|ashen", 2),
    ],
    "arm or jaw pain": [
        ("pain|ache|cramp|aching|heavy|heaviness|tight jaw", 4),
        ("pain|ache|cramp|aching|heavy|heaviness|tight left arm", 4),
        ("jaw pain|ache|aching|hurts|heavy|tight", 2),
        ("left arm pain|ache|aching|hurts|heavy|tight", 2),
    ],
    "sweaty or sick": [
        "sweating|sweaty|sweat|clammy|nauseous|nausea|vomiting|grey|gray|ashen",
        ("feel|feeling|felt|being|been sick", 0),
        ("threw|throwing up", 0),
    ],
    # "No breathing problems" is not "not breathing" (CPR is for no normal breathing).
    "no breathing trouble": [
        ("+no|not|without|nt breathing|breathe trouble|problem|problems|difficulty|issues", 0),
    ],
    # Swallowed objects (not food, not chemicals): never "I can only help with first aid".
    "swallowed object": [
        (f"swallowed|swallow|swallowing|ate|eaten|gulped|sucked|mouth {_OBJECTS}", 4),
        (f"{_OBJECTS} swallowed", 4),
    ],
    "by mistake": [
        "mistake|mistakenly|accidentally|accidental|unintentionally|wrong",
        ("double dose|dosed|up", 1),
        ("forgot|forgetting already|taken|had|took", 3),
    ],
    "seizing": [
        # Not "fit" alone (the lexicon's synonym of "seizure"): "trying to get fit".
        "=convulsing|convulsion|=convulsions|convulsed|=seizure|=seizures|=seizing|=fitting",
        ("having|had|has|into a fit", 1),
    ],
    "bleeding": ["bleeding|bleed|bleeds|bled|blood|nosebleed|haemorrhage|hemorrhage"],
    "feeling faint": [
        "faint|fainting|fainted|dizzy|dizziness|lightheaded|woozy|clammy",
        ("light headed", 0),
        ("pass|passing out", 0),
    ],
    "blood, not bleeding": [
        ("sight|seeing|see|sees|saw|seen|look|looking blood|needle|needles", 2),
        ("blood sugar|sugars|glucose|pressure|test|tests|donation|donating|sample", 0),
    ],
    # A fall of the body, not "fell asleep"; "run over", not "went for a run".
    "injured": [
        "crash|crashed|collision|accident|handlebars|kicked|punched|stabbed|tackled",
        "bleeding|injury|injured|wound|knocked",
        ("fell|fall|fallen|falls off|over|down|from|onto|into|through|backwards|badly", 0),
        ("had|took|nasty|bad|after|from|since fall", 2),
        ("run|ran over", 0),
    ],
    "fruity breath": [
        ("breath smells|smell|smelling|smelt fruity|sweet|pear|acetone|polish|varnish", 4),
        ("fruity|acetone|pear smell|smelling breath", 3),
    ],
    "pale": ["pale|paler|clammy|ashen|pallid", ("white as a sheet|ghost", 2)],
    "racing pulse": [
        ("pulse|heart|heartbeat racing|fast|rapid|pounding|weak|thready|galloping", 2),
        ("racing|fast|rapid|weak|thready pulse|heartbeat", 1),
    ],
    "black skin": [
        ("black|blackened toes|toe|fingers|finger|fingertips|nose|ears|ear|foot|feet|skin", 1),
        ("toes|toe|fingers|finger|fingertips|nose|ears|ear|skin|tips black|blackened", 3),
    ],
}
