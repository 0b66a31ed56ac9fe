"""A fresh planted set of personal data: the independent measurement of the redactor (issue 15).

The tuning set (planted_pii.py) chose the rules and the held-out set (planted_pii_heldout.py)
guided the next round's fixes, so neither is independent any more. This set was designed from the
issue's list of kinds only, with new sentence frames and new names, and was scored once before any
change to the detector (docs/decisions/0006-personal-data.md). It must not be used to tune the
detector: a fix that it prompts has to be general and reported with both figures.

What it plants, per unit (a written response or a survey answer): names of people in prose with
no cue (two of them: one of a rarer British name, one of a common one), a lower-case full name, a
hyphenated name, a non-English name, an officer by rank (fifteen rank forms, lower-case included),
a child by first name with an age (digits, in seven forms), another child by first name alone, a
National Insurance number (spaced, compact, lower case), a date of birth (seven forms), a vehicle
registration (current, prefix and suffix formats, spaced or not, lower case), an address (house
number with a letter, flat and house numbers, a locality), a postcode (also lower case and
unspaced), a phone (Ofcom drama ranges in six writings) and an e-mail. Written responses come in
letter, note and bullet-list layouts; survey answers are short, a quarter of them in lower case.
Non-personal look-alikes must survive: office holders named in role (Caroline Russell AM, the Home
Secretary Yvette Cooper, the Deputy Mayor Kaya Comer-Schwartz ...), places and stations (Seven
Sisters, Herne Hill, Elephant and Castle, Savile Row), hospitals and museums named after people
(Guy's Hospital, the Florence Nightingale Museum), charities and companies (Shelter, St Mungo's,
Sainsbury's).

`generate_fresh(folder, consultation)` writes the same layout as the other sets (shared
`planted_pii.write_planted_set`) and returns a `PlantedSet`; score it with `planted_pii.score`.
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

# Rarer British first names and surnames (Cornish, Welsh, Scottish, Northern English).
RARE_FIRST = [
    "Torquil", "Morwenna", "Lysander", "Fenella", "Ptolemy", "Cressida", "Hamish", "Isolde",
    "Crispin", "Tamsin", "Dougal", "Elspeth", "Barnaby", "Clemency", "Jolyon", "Perpetua",
    "Lachlan", "Rosamund", "Peregrine", "Bronwen",
]  # fmt: skip
RARE_LAST = [
    "Tregear", "Pengelly", "Ollerenshaw", "Blenkinsop", "Postlethwaite", "Nankervis", "Treloar",
    "Entwistle", "Sowerby", "Rattray", "Dalrymple", "Urquhart", "McCorquodale", "Ramsbottom",
    "Higginbottom", "Braithwaite", "Trevithick", "Clutterbuck", "Featherstone", "Winterbottom",
]  # fmt: skip
# Common first names and surnames of people now in their forties to seventies.
COMMON_FIRST = [
    "Lorraine", "Trevor", "Denise", "Bernard", "Maureen", "Graham", "Pauline", "Keith", "Sandra",
    "Colin", "Brenda", "Derek", "Yvonne", "Malcolm", "Beverley", "Clive", "Gillian", "Roy",
]  # fmt: skip
COMMON_LAST = [
    "Simmons", "Atkinson", "Pearce", "Holloway", "Chapman", "Hutchinson", "Gibbons", "Lambert",
    "Kennedy", "Doherty", "Fitzgerald", "Spencer", "Hodgson", "Nicholls", "Pritchard", "Sutcliffe",
]  # fmt: skip
# Lower-case names (written that way in the text): Welsh and Irish first names, Welsh surnames.
LOWER_FIRST = [
    "dermot", "winifred", "rhodri", "eleri", "gethin", "ffion", "osian", "cerys", "bridget",
    "seamus", "declan", "siobhan", "aled", "nerys",
]  # fmt: skip
LOWER_LAST = [
    "prothero", "gwilliam", "llewellyn", "pugh", "bowen", "meredith", "vaughan", "powell",
    "mcgrath", "doyle", "kavanagh", "flanagan",
]  # fmt: skip
HYPHEN = [
    "Rose-Ellen Trevithick", "Jan-Erik Halvorsen", "Tobi Adebayo-Coker", "Fleur Ashby-Rowe",
    "Hyun-woo Park", "Seo-yeon Kim", "Ana-Sofia Ribeiro", "Ewan Maclean-Grant", "Karl-Heinz Brauer",
    "Mei-Ling Ong", "Nur-Aisha Rahim", "Ben Oduya-Mills", "Kwame Ofori-Atta", "Lena Fischer-Voss",
]  # fmt: skip
FOREIGN = [
    "Kateryna Melnyk", "Bogdan Rusu", "Ngozi Eze", "Babajide Ogundipe", "Wanjiru Kamau",
    "Tendai Moyo", "Aarav Menon", "Lakshmi Subramanian", "Gurpreet Bains", "Shirin Tehrani",
    "Dariusz Lewandowski", "Ilse Vermeulen", "Søren Lindahl", "Ramón Echeverría", "Pham Thi Huong",
    "Xu Jiahui", "Yuki Morimoto", "Emre Aksoy", "Rukhsana Akhtar", "Samira Benali",
    "Oisín Mac Giolla Rua", "Hamdi Nur Aden", "Valentina Esposito", "Agnieszka Dąbrowska",
]  # fmt: skip
CHILDREN = [
    "Tilly", "Jonah", "Seren", "Ezra", "Wren", "Rafferty", "Esme", "Otis", "Marnie", "Idris",
    "Clementine", "Bodhi", "Nell", "Alby", "Cosmo", "Ivo", "Lyra", "Arlo", "Delilah", "Rocco",
]  # fmt: skip
# Officers by rank: {f}/{l} a rarer first name/surname, {lf}/{ll} the same in lower case.
RANK_FORMS = [
    "PC {l}", "Police Constable {f} {l}", "DC {l}", "Detective Constable {f} {l}", "Sgt {l}",
    "Sergeant {f} {l}", "PS {l}", "Inspector {l}", "DI {f} {l}", "DCI {l}", "Acting Sergeant {l}",
    "PCSO {f} {l}", "Special Constable {l}", "pc {ll}", "WPC {l}",
]  # fmt: skip
STREETS = [
    "Trevelyan Road", "Coldharbour Lane", "Prospect Terrace", "Wellesley Mews", "Fenwick Grove",
    "Ashburnham Crescent", "Bramble Walk", "Cavendish Place", "Tollington Row", "Lordship Close",
    "Quilter Gardens", "Netherwood Street", "Dartmouth Hill", "Malvina Avenue", "Gosling Drive",
]  # fmt: skip
LOCALITIES = ["Deptford", "Hornsey", "Plumstead", "Kennington", "Leytonstone", "Norbury"]
POSTCODES = [
    "SE22 8PX", "E5 0LN", "N16 7UJ", "SW11 3QP", "W12 9AH", "EC1V 4PY", "WC2H 8LT", "NW10 5RE",
    "DA8 1BX", "KT2 6QZ", "SM4 5HW", "E14 9SY",
]  # fmt: skip
MONTHS = ["January", "February", "April", "June", "August", "October", "December"]
SHORT_MONTHS = ["Jan", "Feb", "Apr", "Jun", "Aug", "Oct", "Dec"]
# NI prefixes allowed by HMRC's rules (first letter not D F I Q U V; second not D F I O Q U V).
NI_FIRST = "ABCEGHJKLMNPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
# Not personal data: must survive redaction (sentence, phrases that must stay).
NON_PERSONAL_SENTENCES = [
    ("I wrote to Caroline Russell AM and got a kind reply.", ["Caroline Russell"]),
    ("Len Duvall AM chaired the meeting at City Hall.", ["Len Duvall", "City Hall"]),
    ("The Home Secretary, Yvette Cooper, should come and see it.", ["Yvette Cooper"]),
    (
        "The Deputy Mayor for Policing and Crime, Kaya Comer-Schwartz, should answer this.",
        ["Kaya Comer-Schwartz"],
    ),
    ("Sir Mark Rowley, the Commissioner, says the streets are safer.", ["Mark Rowley"]),
    ("Marsha de Cordova MP raised it in Parliament.", ["Marsha de Cordova"]),
    ("Streatham, Herne Hill and Forest Hill all have the same problem.", ["Streatham", "Herne Hill", "Forest Hill"]),
    ("Crisis, Shelter and St Mungo's do more for rough sleepers than anyone.", ["Crisis", "Shelter", "St Mungo's"]),
    ("The British Transport Police at King's Cross were excellent.", ["British Transport Police", "King's Cross"]),
    ("Citizens Advice Southwark helped me with the forms.", ["Citizens Advice Southwark"]),
    ("Bethnal Green, Mile End and Canning Town feel forgotten.", ["Bethnal Green", "Mile End", "Canning Town"]),
    ("Guy's Hospital and St Thomas' Hospital see the stab victims.", ["Guy's Hospital", "St Thomas' Hospital"]),
    ("Sainsbury's on the Walworth Road has a security guard now.", ["Sainsbury's", "Walworth Road"]),
    ("Seven Sisters and Finsbury Park stations need more staff.", ["Seven Sisters", "Finsbury Park"]),
    ("Refuge and the NSPCC run sessions at the Elephant and Castle library.", ["Refuge", "NSPCC", "Elephant and Castle"]),
    ("Visitors to the Florence Nightingale Museum get pickpocketed on Westminster Bridge.", ["Florence Nightingale Museum", "Westminster Bridge"]),
    ("The Queen Elizabeth Hospital in Woolwich is overwhelmed.", ["Queen Elizabeth Hospital", "Woolwich"]),
    ("Shops on Jermyn Street and Savile Row pay for private guards.", ["Jermyn Street", "Savile Row"]),
]  # fmt: skip
# Ordinary comments with no personal data, to pad the texts as residents write.
FILLER = [
    "Nothing has changed since the last consultation.",
    "We need officers we recognise, not a number to ring.",
    "The lighting on the footpath has been broken for months.",
    "I have given up reporting things online.",
    "Please do something before someone gets killed.",
    "Most people round here are decent but the few ruin it.",
]
LETTER_OPENINGS = [
    ["Dear Sir or Madam,"],
    ["To the Mayor's Office for Policing and Crime,"],
    ["Hello,"],
    ["Re: Police and Crime Plan consultation", "To whom it may concern,"],
]
LETTER_CLOSINGS = [
    ["Regards,", "A local resident"],
    ["Thank you for reading this."],
    ["Best wishes"],
    ["From a worried resident"],
]


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _ni(n: int) -> str:
    a, b = NI_FIRST[(n * 3) % len(NI_FIRST)], NI_SECOND[(n * 5 + 2) % len(NI_SECOND)]
    digits = f"{(n * 104729 + 31337) % 1000000:06d}"
    suffix = "ABCD"[(n // 2) % 4]
    return [
        f"{a}{b} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}",
        f"{a}{b}{digits}{suffix}",
        f"{a}{b}{digits}{suffix}".lower(),
        f"{a}{b} {digits} {suffix}",
    ][n % 4]


def _dob(n: int) -> str:
    day, month, year = 1 + (n * 5) % 28, 1 + (n * 7) % 12, 1941 + (n * 3) % 62
    return [
        f"{day:02d}/{month:02d}/{year}",
        f"{_ordinal(day)} {MONTHS[n % 7]} {year}",
        f"{day} {SHORT_MONTHS[n % 7]} {year}",
        f"{day}.{month}.{str(year)[2:]}",
        f"{MONTHS[n % 7]} {day}, {year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day}-{month}-{year}",
    ][n % 7]


def _vehicle(n: int) -> str:
    area = ["LD", "KX", "BD", "YF", "GN", "HW", "WR", "EJ"][n % 8]
    age = [21, 68, 15, 70, 62, 19, 11, 73][n % 8]
    tail = ["TPV", "OWR", "SMR", "FZX", "KLA", "BNE", "CUH", "DGY"][(n * 3) % 8]
    return [
        f"{area}{age} {tail}",
        f"{area}{age}{tail}",
        f"{area}{age}{tail}".lower(),
        f"{'RSVWY'[n % 5]}{300 + n} {tail}",
        f"{tail} {100 + n % 800}{'ABCDEFGH'[n % 8]}",
    ][n % 5]


def _phone(n: int) -> str:
    k = n % 1000
    return [
        f"07700 900 {k:03d}",
        f"07700-900-{k:03d}",
        f"+44 (0)20 7946 0{k:03d}",
        f"0113 496 0{k:03d}",
        f"0044 7700 900{k:03d}",
        f"0191 498 0{k:03d}",
    ][n % 6]


def fresh_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> list[str]:
    """The sentences of unit `n`: one of each kind (two plain names, two children), in shuffled
    order with two non-personal sentences and some filler; with `lower`, all in lower case."""
    first_item = len(out.items)
    pick = rng.choice
    rf, rl = RARE_FIRST[n % len(RARE_FIRST)], RARE_LAST[(n * 7 + 3) % len(RARE_LAST)]
    cf, cl = COMMON_FIRST[n % len(COMMON_FIRST)], COMMON_LAST[(n * 5 + 1) % len(COMMON_LAST)]
    lf, ll = LOWER_FIRST[n % len(LOWER_FIRST)], LOWER_LAST[(n * 3 + 2) % len(LOWER_LAST)]
    hyphen = HYPHEN[n % len(HYPHEN)]
    foreign = FOREIGN[n % len(FOREIGN)]
    of, ol = RARE_FIRST[(n + 9) % len(RARE_FIRST)], RARE_LAST[(n * 11 + 8) % len(RARE_LAST)]
    form = RANK_FORMS[n % len(RANK_FORMS)]
    officer = form.format(f=of, l=ol, lf=of.lower(), ll=ol.lower())
    kid, kid2 = CHILDREN[n % len(CHILDREN)], CHILDREN[(n * 7 + 3) % len(CHILDREN)]
    age = 5 + n % 12
    house = [f"{4 + n % 90}", f"{4 + n % 90}a", f"{4 + n % 90}B"][n % 3]
    street = f"{house} {STREETS[n % len(STREETS)]}"
    locality = LOCALITIES[n % len(LOCALITIES)]
    postcode = POSTCODES[n % len(POSTCODES)]
    postcode_written = [postcode, postcode.lower(), postcode.replace(" ", "")][n % 3]
    ni, dob, vehicle, phone = _ni(n), _dob(n), _vehicle(n), _phone(n)
    email = [
        f"{rf[0].lower()}.{rl.lower()}@btinternet.com",
        f"{rf}{rl[0]}{n}@gmail.com",
        f"{rf.lower()}_{rl.lower()}{1960 + n % 40}@yahoo.co.uk",
        f"{rl.lower()}.family+council@icloud.com",
        f"{rf.lower()}{n}@proton.me",
    ][n % 5]
    rare_names = [
        f"Honestly {rf} {rl} has done more for this estate than the police ever have.",
        f"I attach a statement from {rf} {rl}, who saw the whole thing.",
        f"According to {rf} {rl} the camera on the corner has not worked for a year.",
        f"It was {rf} {rl}'s car that got torched in the spring.",
        f'"{rf} {rl} will sort it," they said, and nobody did.',
        f"{rf} {rl} (my landlord) refuses to fix the lock on the communal door.",
    ]
    common_names = [
        f"Both {cf} {cl} and I signed the petition.",
        f"{cf} {cl} was mugged at the cashpoint on a Sunday afternoon.",
        f"spoke to {cf} {cl} at the community meeting nothing changed",
        f"The flat upstairs belongs to {cf} {cl}, who is terrified.",
        f"Last winter {cf} {cl} slipped on the ice and lay there for an hour.",
    ]
    lower_names = [
        f"{lf} {ll} across the landing plays music til 4am",
        f"i asked {lf} {ll} to be a witness but they are scared",
        f"the shop owner {lf} {ll} got beaten up for asking lads to leave",
        f"please dont tell {lf} {ll} i wrote this",
        f"reported by myself and {lf} {ll} from next door",
        f"{lf} {ll} and her boyfriend were attacked on the towpath",
    ]
    hyphen_names = [
        f"{hyphen} organises the litter picks and has been threatened for it.",
        f"The chair of our residents association, {hyphen}, has the photos.",
        f"I am copying in {hyphen} who lives below me.",
        f"{hyphen}'s son was stabbed last year.",
    ]
    foreign_names = [
        f"{foreign} at the newsagent has had the windows smashed twice.",
        f"My neighbour upstairs, {foreign}, is too afraid to report anything.",
        f"We have a petition started by {foreign}.",
        f"{foreign} was abused at the bus stop on Tuesday.",
        f"The cleaner at our school, {foreign}, found needles in the playground.",
    ]
    officer_sentences = [
        f"{officer} took my statement and I never heard back.",
        f"I would like to praise {officer}, who went above and beyond.",
        f"Our ward officer is {officer} but we never see them.",
        f"When I called, {officer} told me it was a civil matter.",
        f"i complained about {officer} and got no reply",
    ]
    age_phrase, age_probe = [
        (f"our youngest {kid} ({age})", f"({age})"),
        (f"{kid}, only {age},", f"only {age}"),
        (f"my {age} yo {kid}", f"{age} yo"),
        (f"{kid}, who's {age},", f"who's {age}"),
        (f"{kid} (aged {age})", f"aged {age}"),
        (f"my grandson {kid} - he's {age} -", f"he's {age}"),
        (f"{kid} age {age}", f"age {age}"),
    ][n % 7]
    child_sentences = [
        f"{age_phrase} was approached twice by older boys on the way home.",
        f"Since the robbery {age_phrase} will not go out alone.",
    ]
    second_child = [
        f"{kid2} and her friends are followed round the shopping centre.",
        f"The school told {kid2} to walk home a different way.",
        f"{kid2}'s phone was taken at knifepoint.",
        f"we had to move {kid2} to another school after the threats",
    ]
    address_sentences = [
        f"I live at {street}, {locality}.",
        f"{street} has been burgled three times this year.",
        f"Send any reply to Flat {1 + n % 12}, {street}.",
        f"the house at {street} is a crack den everyone knows",
    ]
    sentences = [
        pick(rare_names),
        pick(common_names),
        pick(lower_names),
        pick(hyphen_names),
        pick(foreign_names),
        pick(officer_sentences),
        pick(child_sentences),
        pick(second_child),
        pick(
            [
                f"National Insurance: {ni}",
                f"my NI number ({ni}) is on the form",
                f"NINO {ni}",
                f"ni no. {ni}",
            ]
        ),
        pick(
            [
                f"D.O.B. {dob}",
                f"date of birth {dob}",
                f"My mother (born {dob}) no longer goes out after dark.",
                f"dob:{dob}",
            ]
        ),
        pick(
            [
                f"The number plate was {vehicle}.",
                f"a white van ({vehicle}) blocks the dropped kerb every day",
                f"{vehicle} is always parked across my drive.",
                f"reg {vehicle}, black Audi, no insurance I bet",
            ]
        ),
        pick(address_sentences),
        pick(
            [
                f"My postcode is {postcode_written}.",
                f"round here ({postcode_written}) the buses stop at ten",
                f"postcode: {postcode_written}",
            ]
        ),
        pick(
            [
                f"You can reach me on {phone}.",
                f"tel: {phone}",
                f"text {phone} if you need more",
                f"Mob {phone}",
            ]
        ),
        pick([f"{email}", f"Contact: {email}", f"email me on {email} please"]),
        pick(FILLER),
    ]
    hyphen_probes = (*hyphen.replace("-", " ").split(), hyphen)
    out.items += [
        Planted("name", where, (rf, rl)),
        Planted("name", where, (cf, cl)),
        Planted("name_lower", where, (lf, ll)),
        Planted("name_hyphen", where, hyphen_probes),
        Planted("name_foreign", where, tuple(p for p in foreign.split() if len(p) > 1)),
        Planted(
            "officer",
            where,
            (of, ol) if "{f}" in form else (ol.lower(),) if "{ll}" in form else (ol,),
        ),
        Planted("child", where, (kid,)),
        Planted("child", where, (kid2,)),
        Planted("age", where, (age_probe,)),
        Planted("ni", where, (ni,)),
        Planted("dob", where, (dob,)),
        Planted("vehicle", where, (vehicle,)),
        Planted("address", where, (street,)),
        Planted("postcode", where, (postcode_written,)),
        Planted("phone", where, (phone,)),
        Planted("email", where, (email,)),
    ]
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, NON_PERSONAL_SENTENCES, n * 3, lower=lower)
    lines = [*sentences[:5], kept[0], *sentences[5:11], kept[1], *sentences[11:]]
    return lowered(out, first_item, lines) if lower else lines


def _written(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """A written response in one of three layouts: a letter, a note, a bullet list (the list in
    .md and .txt files only)."""
    body = fresh_sentences(rng, n, where, out)
    layout = n % 3
    if layout == 0:
        return [*LETTER_OPENINGS[n % 4], *body, *LETTER_CLOSINGS[n % 4]]
    if layout == 1 or not where.endswith((".md", ".txt")):
        return [" ".join(body[:6]), " ".join(body[6:12]), " ".join(body[12:])]
    return ["Points I want to raise:", *(f"- {s}" for s in body)]


def generate_fresh(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 2715,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the fresh written responses and survey export; return what was planted."""
    rng = random.Random(seed)

    def unit(n: int, where: str, out: PlantedSet, row: int | None) -> list[str]:
        if row is None:
            return _written(rng, n, where, out)
        return fresh_sentences(rng, n, where, out, lower=row % 4 == 1)

    return write_planted_set(
        folder,
        consultation,
        unit,
        file_stem="fresh",
        survey_stem="F",
        received="2017-02-22",
        submitted="2017-02-03",
        per_format=per_format,
        survey_rows=survey_rows,
    )
