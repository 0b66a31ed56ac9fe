"""A held-out planted set of personal data, written apart from the tuning set (planted_pii.py).

The tuning set's names were drawn to contain no English word and it plants them in four sentence
templates; the redactor's rules were written while looking at it. This set was written afterwards,
by a different hand, with its own name lists and its own templates, and was not used to choose any
rule (docs/decisions/0006-personal-data.md): common British names, names that are English words
(Grace Hill, Will Rich, Dawn Field, Rose Baker), lower-case names, hyphenated names, names from
South Asia, West Africa, East Asia, Eastern Europe, the Arab world, Somalia and Ireland, officers
by rank in several forms, children by first name (possessives "Olivia's", lists "Tom, Amy and
Joe"), ages, NI numbers, dates of birth, vehicles, addresses, postcodes, phones and e-mails, in
informal survey style, run-on sentences, text with no capitals, names at the start and end of
sentences. Non-personal phrases that look like names (Victoria Station, Green Park, Grace Church,
Hope Street, St Mary's Hospital, Mark Rowley the Commissioner, ward and borough names of the
shipped geography) are planted too and must survive.

`generate_heldout(folder, consultation)` writes the same layout as `generate_planted` (written/
in five formats with manifest.csv, survey.csv) and returns a `PlantedSet`; score it with
`planted_pii.score`.
"""

from __future__ import annotations

import random
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.synthetic.planted_pii import (
    Planted,
    PlantedSet,
    kept_for_unit,
    lowered,
    write_planted_set,
)

FIRST = [
    "Olivia", "Kevin", "Sharon", "Gary", "Charlotte", "Darren", "Michelle", "Stuart", "Hannah",
    "Wayne", "Lauren", "Craig", "Tracey", "Gareth", "Megan", "Nigel", "Joanne", "Dean", "Chloe",
    "Lee", "Amelia", "Ian", "Karen", "Jessica",
]  # fmt: skip
SURNAME = [
    "Price", "Jones", "Morris", "Walker", "Hughes", "Clarke", "Roberts", "Evans", "Thompson",
    "Edwards", "Harrison", "Wright", "Robinson", "Davies", "Patel", "Begum", "Taylor", "Wilson",
    "Murphy", "Campbell", "Foster", "Lloyd", "Barnes", "Fletcher",
]  # fmt: skip
# First names and surnames that are ordinary English words.
WORD_FIRST = [
    "Grace", "Will", "Dawn", "Rose", "Mark", "Jack", "Holly", "Hope", "Faith", "Frank", "Amber",
    "Joy", "Bill", "Robin", "Heather", "Iris",
]  # fmt: skip
WORD_SURNAME = [
    "Baker", "Hill", "Wood", "Field", "Rich", "Young", "King", "Stone", "Marsh", "Fox", "Bell",
    "Hunt", "Cook", "Lamb", "Moss", "Bird", "Wells", "Black", "White", "Cross", "Hall", "Lane",
]  # fmt: skip
FOREIGN = [
    "Harpreet Dhaliwal", "Sunita Ramasamy", "Tariq Mahmood", "Anjali Venkatesan",
    "Mohammed Iqbal Chaudhry", "Adaeze Nwosu", "Kofi Boateng", "Folasade Ogunleye", "Mamadou Sow",
    "Efua Mensah", "Zhang Wei", "Hiroshi Tanaka", "Nguyen Thi Lan", "Chen Xiuying",
    "Tomasz Wiśniewski", "Oksana Kovalenko", "Dragoș Ionescu", "Jānis Bērziņš", "Petra Novotná",
    "Layla Haddad", "Omar Abdelrahman", "Yousef Al-Hashimi", "Hodan Jama Egal", "Abdiqani Hirsi",
    "Faadumo Ismaaciil", "Aoife Ní Shúilleabháin", "Pádraig Ó Floinn", "Caoimhe Byrne",
]  # fmt: skip
HYPHEN = [
    "Mary-Jane Okoro", "Lily-Rose Barker", "Tom Fraser-Hill", "Anne-Marie Walsh",
    "Ruby Smith-Jones", "Leigh-Ann Cooper", "Jean-Pierre Lefèvre", "Grace Baker-Wood",
    "Sarah-Louise Kemp", "Ali Khan-Rahman",
]  # fmt: skip
CHILDREN = [
    "Tom", "Amy", "Joe", "Leo", "Ruby", "Alfie", "Evie", "Noah", "Isla", "Jayden", "Maya",
    "Harry", "Poppy", "Archie", "Mia", "Kai", "Zara", "Ollie",
]  # fmt: skip
RANK_FORMS = [
    "PC {last}", "Sergeant {last}", "DC {first} {last}", "Police Constable {first} {last}",
    "Detective Inspector {last}", "PCSO {first} {last}", "Inspector {last}", "Sgt. {last}",
    "DS {first} {last}", "PC 4417 {last}",
]  # fmt: skip
STREETS = [
    "Elm Tree Road", "Canal Street", "Station Road", "Rosemary Gardens", "Queens Avenue",
    "Church Lane", "Malvern Close", "Beech Drive",
]  # fmt: skip
POSTCODES = ["E17 4PQ", "SE1 7PB", "N1C 4AG", "W1A 1AA", "SW2 1RW", "BR6 0JA", "TW3 3EB", "E6 2LT"]
# Not personal data: must survive redaction.
NON_PERSONAL_SENTENCES = [
    ("Victoria Station is rammed at night and I never see police there.", ["Victoria Station"]),
    ("we walk through Green Park and Hope Street to get home", ["Green Park", "Hope Street"]),
    ("The food bank at Grace Church does more for us than anyone.", ["Grace Church"]),
    ("St Mary's Hospital stitched him up after the attack.", ["St Mary's Hospital"]),
    ("Mark Rowley the Commissioner promised more neighbourhood officers.", ["Mark Rowley"]),
    ("I heard the Mayor Sadiq Khan on the radio about knife crime.", ["Sadiq Khan"]),
    ("Chelsea is fine, it's everywhere else that gets ignored.", ["Chelsea"]),
    ("Harold Wood and Lady Margaret wards both need more patrols.", ["Harold Wood"]),
    (
        "The same in William Morris ward and in Alexandra Park.",
        ["William Morris", "Alexandra Park"],
    ),
    (
        "Crystal Palace and Lee Green have had a spate of burglaries.",
        ["Crystal Palace", "Lee Green"],
    ),
    ("Victim Support in Bromley and Havering Council were helpful.", ["Bromley", "Havering"]),
    (
        "Noel Park, Bruce Castle and Stanley wards feel forgotten.",
        ["Noel Park", "Bruce Castle", "Stanley"],
    ),
]


def _ni(n: int) -> str:
    letters = "ABCEGHJKLMNPRSTWXYZ"
    compact = (
        f"{letters[n % 19]}{letters[(n * 7 + 3) % 19]}{(n * 7919) % 1000000:06d}{'ABCD'[n % 4]}"
    )
    return [compact, f"{compact[:2]} {compact[2:4]} {compact[4:6]} {compact[6:8]} {compact[8]}"][
        n % 2
    ]


def heldout_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> list[str]:
    """Sentences planting one item of each kind (two names of plain kind) for unit `n`; with
    `lower`, the whole text in lower case (probes and kept phrases too)."""
    first_item = len(out.items)
    pick = rng.choice
    first, last = FIRST[n % len(FIRST)], SURNAME[(n * 5 + 2) % len(SURNAME)]
    wfirst, wlast = WORD_FIRST[n % len(WORD_FIRST)], WORD_SURNAME[(n * 3 + 1) % len(WORD_SURNAME)]
    low_first, low_last = FIRST[(n + 7) % len(FIRST)], SURNAME[(n * 7 + 5) % len(SURNAME)]
    foreign = FOREIGN[n % len(FOREIGN)]
    hyphen = HYPHEN[n % len(HYPHEN)]
    ofirst, olast = FIRST[(n + 13) % len(FIRST)], SURNAME[(n * 11 + 3) % len(SURNAME)]
    form = RANK_FORMS[n % len(RANK_FORMS)]
    officer = form.format(first=ofirst, last=olast)
    kids = [CHILDREN[(n + k * 5) % len(CHILDREN)] for k in range(3)]
    age = 4 + n % 13
    street = f"{2 + n * 3 % 97} {STREETS[n % len(STREETS)]}"
    postcode = POSTCODES[n % len(POSTCODES)]
    ni = _ni(n)
    day, month, year = 1 + n % 28, 1 + n % 12, 1950 + n % 50
    dob = [
        f"{day:02d}.{month:02d}.{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day}{['st', 'nd', 'rd', 'th'][min(3, (day - 1) % 10)] if day not in (11, 12, 13) else 'th'} "
        f"{['January', 'March', 'June', 'October'][n % 4]} {year}",
        f"{day}/{month}/{str(year)[2:]}",
    ][n % 4]
    vehicle = [
        f"{'GFLYBK'[n % 6]}{'XVADHE'[n % 6]}{60 + n % 12} {'KPT'[n % 3]}{'WRZ'[n % 3]}{'LNU'[n % 3]}",
        f"{'gfly'[n % 4]}{'xvad'[n % 4]}{10 + n % 12}{'kpt'[n % 3]}{'wrz'[n % 3]}{'lnu'[n % 3]}",
        f"{'RSTW'[n % 4]}{200 + n} {'FGH'[n % 3]}{'JKL'[n % 3]}{'MNP'[n % 3]}",
    ][n % 3]
    phone = [
        f"07911 {100000 + n * 7:06d}",
        f"0208 {300 + n:03d} {4000 + n:04d}",
        f"+447700900{n % 1000:03d}",
        f"(020) 7946 {n % 10000:04d}",
    ][n % 4]
    email = pick(
        [f"{first.lower()}_{last[0].lower()}{n}@hotmail.co.uk", f"{wfirst}{wlast}{n}@outlook.com"]
    )
    age_phrase, age_probe = [
        (f"{kids[0]} ({age})", f"({age})"),
        (f"{kids[0]} who is {age}", f"who is {age}"),
        (f"{kids[0]}, {age},", f", {age},"),
        (f"{kids[0]} aged {age}", f"aged {age}"),
    ][n % 4]
    name_sentences = [
        f"{first} {last} keeps leaving rubbish by the bins and shouting at us.",
        f"Ask {first} {last}, she saw it all.",
        f"it was {first} {last} who finally rang the council",
        f"The lad who did it everyone knows, it's {first} {last}.",
        f"Me and {first} {last} from number {n + 3} have complained loads of times.",
        f"{first} {last}'s dog went for a child in the park.",
    ]
    word_sentences = [
        f"{wfirst} {wlast} had her bag snatched at the bus stop.",
        f"When {wfirst} {wlast} reported it nobody came for three days.",
        f"Talk to {wfirst} {wlast} at the tenants meeting.",
        f"Our block is run by {wfirst} {wlast}.",
    ]
    lower_sentences = [
        f"our neighbour {low_first.lower()} {low_last.lower()} had his van broken into twice",
        f"i'm writing for my mum, {low_first.lower()} {low_last.lower()}, who is too frail to do it",
        f"me and {low_first.lower()} {low_last.lower()} got chased by lads on bikes",
        f"{low_first.lower()} {low_last.lower()} at no {n + 4} deals from his car",
        f"ask {low_first.lower()} {low_last.lower()} she knows everything round here",
    ]
    officer_sentences = [
        f"We told {officer} and heard nothing back.",
        f"{officer} was brilliant to be fair.",
        f"the officer was {officer} and he never rang me",
    ]
    child_sentences = [
        f"my kids {kids[0]}, {kids[1]} and {kids[2]} cant play out any more",
        f"{kids[1]}'s bike was nicked from outside school and {kids[0]} is scared now.",
        f"Our youngest, {kids[0]}, was followed home; {kids[1]} and {kids[2]} saw it.",
        f"my lad {kids[0]} and his mates {kids[1]} and {kids[2]} got searched for nothing",
    ]
    sentences = [
        name_sentences[n % len(name_sentences)],
        word_sentences[n % len(word_sentences)],
        lower_sentences[n % len(lower_sentences)],
        officer_sentences[n % len(officer_sentences)],
        child_sentences[n % len(child_sentences)],
        f"my little one {age_phrase} is too scared to walk to school",
        pick(
            [
                f"{foreign} runs the shop on the corner and gets abuse daily.",
                f"I was with my friend {foreign} when it happened.",
                f"they smashed the windows of {foreign}'s flat",
            ]
        ),
        pick([f"{hyphen} saw it too.", f"I reported it with {hyphen} last spring"]),
        pick([f"NI no: {ni}", f"my national insurance is {ni} if that helps"]),
        pick([f"DOB {dob}", f"date of birth: {dob}", f"I was born {dob}."]),
        pick([f"a van reg {vehicle} parks on the pavement", f"Car was {vehicle}, silver."]),
        pick([f"Im at {street} since 2009", f"flat {1 + n % 9}, {street} is my address"]),
        pick([f"postcode {postcode}", f"we're in {postcode.lower()} and nobody patrols"]),
        pick([f"ring me {phone}", f"Mobile: {phone}"]),
        pick([f"email me at {email} if you want", f"{email}"]),
    ]
    hyphen_probes = (*hyphen.replace("-", " ").split(), hyphen)
    out.items += [
        Planted("name", where, (first, last)),
        Planted("name", where, (wfirst, wlast)),
        Planted("name_lower", where, (low_first.lower(), low_last.lower())),
        Planted("officer", where, (ofirst, olast) if "{first}" in form else (olast,)),
        Planted("child", where, tuple(kids if n % 4 != 1 else kids[:2])),
        Planted("child", where, (kids[0],)),
        Planted("age", where, (age_probe,)),
        Planted("name_foreign", where, tuple(p for p in foreign.split() if len(p) > 1)),
        Planted("name_hyphen", where, hyphen_probes),
        Planted("ni", where, (ni,)),
        Planted("dob", where, (dob,)),
        Planted("vehicle", where, (vehicle,)),
        Planted("address", where, (street,)),
        Planted("postcode", where, (postcode, postcode.lower())),
        Planted("phone", where, (phone,)),
        Planted("email", where, (email,)),
    ]
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, NON_PERSONAL_SENTENCES, n * 2, lower=lower)
    lines = [kept[0], *sentences[:8], kept[1], *sentences[8:]]
    return lowered(out, first_item, lines) if lower else lines


def generate_heldout(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 1915,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the held-out written responses and survey export; return what was planted."""
    rng = random.Random(seed)

    def unit(n: int, where: str, out: PlantedSet, row: int | None) -> list[str]:
        if row is not None:
            return heldout_sentences(rng, n, where, out, lower=row % 3 == 0)
        return ["Hi,", *heldout_sentences(rng, n, where, out), "Cheers"]

    return write_planted_set(
        folder,
        consultation,
        unit,
        file_stem="heldout",
        survey_stem="H",
        received="2017-02-21",
        submitted="2017-02-02",
        per_format=per_format,
        survey_rows=survey_rows,
    )
