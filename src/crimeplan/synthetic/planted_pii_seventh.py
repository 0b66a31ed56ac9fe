"""A seventh planted set of personal data, written without sight of the detector (issue 15).

Its author read only the issue's list of kinds, the shared writer (`planted_pii`), the fourth
set's plumbing (`planted_pii_fourth`: `write_accounts`, `_rot`, `_unused`, `_ordinal`) and the
sixth set as a model of structure, never the detector, its name lists, its decision record,
its rule tests or any score. Names, sentence frames, contexts, number formats and look-alikes
are new. It measures whether the detector's fixes generalise; it must never be used to tune it.

Each unit is an account from a noise complaint to the council forwarded as a response, a
hate-crime report taken by a third-party reporting centre, a youth worker's letter, a
shopkeeper's shoplifting log, a parent governor's response, a transcript of a ward panel
meeting or a response translated from another language. It plants 21 items per unit in
shuffled order: three names of people (a full name with no cue, at a sentence's start, its end
or after a preposition; a second name as a title of faith or family with a surname (Pastor,
Imam, Rabbi, Rev, Auntie, Nana), a first name alone, a nickname with a surname, surname-comma-
forename, a middle name, Jnr/Snr, or a double-barrelled name without a hyphen; the writer's own
name, in a transcript as the speaker's label), a name made of ordinary words (kind `name_word`:
Frank, Hope, Will, Dawn, Baker, Bishop, Hill ...), a lower-case full name (some with O' or
Mc), a hyphenated name, two non-English names (Yoruba, Igbo, Somali, Tamil, Punjabi, Bengali,
Polish, Romanian, Turkish, Kurdish, Vietnamese, Portuguese, Irish, Welsh, Chinese, Arabic and
more), an officer by rank (new forms: DCI, D/Sgt, A/Sgt, T/DS, WPC, Ch Insp, "the sergeant,
NAME,", a possessive, first names alone), an officer by number only (epaulette, badge, spaced
or hyphenated unit letters, three-digit numbers, staff numbers), a child by first name with an
age (twelve new forms, one in words) and another by first name alone, a National Insurance
number (slashes, odd groupings, run together in lower case), a date of birth (with weekday,
'82 years, US order, run together), a vehicle registration (cherished plates, suffix and
dateless plates, Northern Irish and Irish plates, misplaced and doubled spaces), an address
(rear of, named houses, flats in named blocks, rooms, basements, c/o), a postcode (outside
London, hyphenated, mixed case), a phone (regional drama ranges, run together, extensions) and
an e-mail (spelt out with "at" and "dot", braces, "mailto:", spaces round the @, capitals).

Survey answers are short, in new styles: question-and-answer, bullets, semicolons, a text
message quoted; a quarter in lower case, some in capitals, some in Title Case, some broken over
lines. Eight look-alikes per unit must survive (`planted_pii_seventh_kept`), and written
responses add dates that are not dates of birth from their own layouts.

Blind score at 7c51158 (the set as committed, scored once, `scripts/score_redaction.py --sets
seventh --show 40`, model and rules, before anyone tuned on it):

    seventh: 1320 items; recall address 0.909, age 0.621, child 0.788, dob 0.727, email 0.864,
    name 0.939, name_foreign 0.947, name_hyphen 1.000, name_lower 1.000, name_word 0.788,
    ni 1.000, officer 0.955, officer_number 0.394, phone 1.000, postcode 0.803, vehicle 0.455
      non-personal phrases damaged 11.7% (88); other words removed 1.73%

Misses were mostly the new forms: officer numbers (PC No, staff number, force ID, badge,
W/PC 692, collar KD7759, #353CO), dateless, Northern Irish and Irish plates and doubled or
moved spaces, hyphenated postcodes, e-mails with spaces round the @, "No.36" addresses, dates
of birth with a weekday, SEP-21-1949 or 19711119, ages "just gone 6", "now 14", "age: 12",
"eleven years old", children named alone, names of ordinary words alone, "SURNAME, Forename".
Damaged: laws named after people (Clare's Law), characters (Postman Pat, Harry Potter),
sayings (Heath Robinson, Mr Big), public helplines, some office holders and grounds.
"""

from __future__ import annotations

import random
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.synthetic.planted_pii import Planted, PlantedSet, kept_for_unit, lowered
from crimeplan.synthetic.planted_pii_fifth import _shouted
from crimeplan.synthetic.planted_pii_fourth import _rot, _unused, write_accounts
from crimeplan.synthetic.planted_pii_seventh_kept import (
    CRIMES_DATES_NUMBERS,
    OFFICES,
    ORGANISATIONS,
    PLACES_AND_SAYINGS,
)
from crimeplan.synthetic.planted_pii_seventh_values import (
    CHILDREN,
    address,
    child_with_age,
    dob,
    email,
    ni,
    officer,
    officer_number,
    phone,
    postcode,
    vehicle,
)

PLAIN_FIRST = [
    "Aurelio", "Benedikt", "Cressida", "Desmond", "Evadne", "Fintan", "Gulnara", "Horatio",
    "Ismay", "Jerome", "Kerensa", "Lysander", "Marguerite", "Neville", "Ottoline", "Percival",
    "Rowena", "Seraphina", "Thaddeus", "Ulrika", "Valentin", "Winifred", "Yannick", "Zenobia",
    "Aloysius", "Bronagh",
]  # fmt: skip
PLAIN_LAST = [
    "Ashcombe", "Blackwood", "Crankshaw", "Dimbleby", "Entwistle", "Fothergill", "Gascoigne",
    "Hetherington", "Illingworth", "Jessop", "Kilbane", "Lockhart", "Mottram", "Noakes",
    "Ormsby", "Pettigrew", "Rawsthorne", "Saltonstall", "Tolhurst", "Umfreville", "Varga",
    "Wetherall", "Yardley", "Zamoyski", "Brabazon", "Cholmeley",
]  # fmt: skip
FAITH_AND_FAMILY = ["Pastor", "Imam", "Rabbi", "Rev", "Auntie", "Nana", "Uncle", "Mrs."]
TITLED = [
    "Adeleke", "Chaudhry", "Feldman", "Ogbonna", "Bisi", "Sowah", "Tunde", "Gorecki",
    "Mahmoud", "Lipschitz", "Nwankwo", "Efua", "Kojo", "Pawlak",
]  # fmt: skip
NICKNAMES = [
    ("Kezza", "Boyle"), ("Dessie", "Okoro"), ("Mags", "Halloran"), ("Tommo", "Brierley"),
    ("Jonno", "Pascoe"), ("Bex", "Oduya"), ("Shazza", "McNulty"), ("Gazza", "Trelawney"),
    ("Titch", "Ogunsanya"), ("Smudger", "Lowthian"),
]  # fmt: skip
DOUBLE = [
    ("Rollo", "Fortescue Blythe"), ("Araminta", "Pryce Lewis"), ("Hector", "Carew Pole"),
    ("Clemency", "Vaughan Lee"), ("Barnaby", "Hartopp Drury"), ("Philippa", "Kemble Tate"),
]  # fmt: skip
# First names and surnames that are also ordinary words: none of these words appears in any
# frame or layout of this set, so a probe found after redaction is the name left.
WORD_FIRST = [
    "Frank", "Hope", "Will", "Dawn", "Rose", "Mark", "Bill", "Grace", "Rich", "Sandy", "Cliff",
    "Brook", "Faith", "Joy", "Hazel", "Holly", "Ivy", "Amber", "Robin", "Jack", "Pearl",
    "Ruby", "Drew", "Ray", "Miles", "Patience", "Blessing",
]  # fmt: skip
WORD_LAST = [
    "Baker", "Bishop", "Cook", "Wood", "Stone", "Hill", "King", "Church", "Field", "Bird",
    "Lamb", "Fox", "Marsh", "Mills", "Green", "White", "Brown", "Hunter", "Wade", "Reed",
]  # fmt: skip
WORD_PARTNER_LAST = ["Ilori", "Kowalski", "Adjei", "Ogundele", "Petrescu", "Duggan", "Hussain"]
WORD_PARTNER_FIRST = ["Tunji", "Aoife", "Dariusz", "Nkechi", "Sunil", "Bryony", "Matteo"]
LOWER_FIRST = [
    "tayo", "bronwen", "kasia", "dmitri", "ciara", "ashok", "nuala", "femi", "giorgos",
    "kelis", "ruaridh", "shanelle", "bogdan", "yasmeen", "connor", "ifeanyi",
]  # fmt: skip
LOWER_LAST = [
    "o'sullivan", "mcdermott", "adeleye", "szabo", "khumalo", "rahman", "pinheiro",
    "oyelowo", "haughton", "o'driscoll", "macfarlane", "nowicki", "thorne", "iqbal",
    "mcgillivray", "antwi", "lindqvist",
]  # fmt: skip
HYPHEN = [
    "Olamide Bello-Osagie", "Sian Lloyd-Evans", "Jean-Baptiste Nkemdirim", "Kwame Owusu-Ansah",
    "Ana-Maria Stoica", "Oliver Heathcote-Drummond", "Lacey-Mae Brannigan",
    "Ellie-Louise Hutchins", "Yaa Asantewaa-Boateng", "Hyun-Woo Cho", "Nour Abi-Khalil",
    "Sarah-Jane Mottershead", "Tomos Parry-Williams", "Chidinma Okeke-Obi",
    "Rafael Sousa-Lima", "Mei-Xin Lau", "Kayode Ogunlesi-Adams", "Anne-Marie Ferrand",
    "Dominic Ashby-Crewe", "Leah Goldberg-Katz", "Jamal Abu-Bakr", "Marie-Therese Kearney",
]  # fmt: skip
FOREIGN = [
    "Oluwatobiloba Adeyinka", "Folasade Ogunleye", "Chiamaka Ezeobi", "Obinna Nwachukwu",
    "Hodan Cabdullahi Xasan", "Faadumo Warsame", "Thirumalai Ganeshalingam",
    "Kavitha Rajaratnam", "Harpreet Kaur Gill", "Gurdeep Singh Bains", "Nasrin Akhter",
    "Rafiqul Islam", "Małgorzata Kwiatkowska", "Grzegorz Wróblewski", "Andreea Ionescu",
    "Mihai Dumitrescu", "Gülşen Aydın", "Emre Çelik", "Rêzan Berzincî", "Shirin Rasul",
    "Trần Văn Hùng", "Lê Thị Hoa", "João Pedro Ferreira", "Conceição Almeida",
    "Pádraig Ó Súilleabháin", "Caoimhe Nic Giolla Phádraig", "Gruffudd ap Rhys",
    "Angharad Llwyd", "Zhang Wei", "Chen Meiling", "Wong Ka-yan", "Yousef Haddad",
    "Mariam El-Sayed", "Tesfalem Gebremedhin", "Arben Krasniqi", "Akosua Mensah",
    "Žydrūnas Jankauskas", "Eleni Christodoulou", "Íñigo Etxeberria", "Wanjiru Kamau",
    "Tendai Moyo", "Bishnu Gurung", "Maricel Dela Cruz", "Zeeshan Qureshi",
]  # fmt: skip
PARTICLES = {"ap", "ó", "nic", "dela"}

PLAIN_FRAMES = [
    "{x} plays drum and bass until four in the morning, every weekend.",
    "The man who spat at my mother was {x}.",
    "At the youth club {x} helps with the cooking on Fridays.",
    "Four bottles of vodka went in one afternoon, taken again by {x}.",
    "{x} has been waiting for the crossing outside the school since 2015.",
    "I asked the panel why nothing was done about {x}.",
    "The letter was written for me by {x} because my English is not good.",
    "Someone scrawled abuse on the door of {x} last week.",
    "Ask {x}, she has lived on the estate longer than anyone.",
    "{x} was banned from the shop in January and came back the next day.",
]
SECOND_FRAMES = [
    "{x} from the flat upstairs bangs on the ceiling when we complain.",
    "They called {x} a terrorist on the bus in front of everyone.",
    "{x} runs the homework club and is worn out.",
    "The lady they call {x} distracts me while her friend fills a bag.",
    "Our chair of governors asked {x} to speak to the parents.",
    "{x} stood up at the panel and said what we all think.",
    "{x} helped me to fill in this letter.",
    "The noise officer spoke to {x} but nothing changed.",
]
WORD_FRAMES = [
    "{x} in the corner flat has had her car windows smashed twice.",
    "Last month somebody pushed {x} off his bike by the canal.",
    "The boys shout at {x} every time she walks past the bookies.",
    "I caught {x} on camera with two packs of steak under his coat.",
    "Our caretaker {x} finds needles in the bin store most mornings.",
    "The panel minutes say {x} raised the same thing in November.",
]
LOWER_FRAMES = [
    "{x} blasts music at 3am and laughs when u knock",
    "{x} called my sister a p*ki at the bus stop",
    "{x} nicked 2 phone chargers yesterday",
    "told {x} to turn it down and got threatened",
    "the lads follow {x} home from the youth club",
    "{x} from the panel never gets a reply",
]
HYPHEN_FRAMES = [
    "{x} had eggs thrown at her door because of her headscarf.",
    "The noise comes from a party flat let out by {x}.",
    "{x} volunteers at the youth project on Tuesdays.",
    "I recognised {x}, who has been in three times this week.",
    "{x} is a parent at the school and was mugged at the gates.",
    "{x} translated for my neighbour at the panel.",
]
FOREIGN_FRAMES = [
    "{x} was told to go back to her own country on the 52 bus.",
    "The DJ upstairs, {x}, does not care about anyone.",
    "{x} was stabbed in the leg outside the chicken shop.",
    "{x} works the till in the evenings and is frightened.",
    "The mother of a pupil, {x}, was followed to her car.",
    "At the panel {x} asked about the closed police station.",
    "{x} from the Saturday school was spat at.",
    "I am writing for {x}, who does not read English.",
]
OFFICER_FRAMES = [
    "{x} told me loud music is a council matter, not a police one.",
    "The hate crime was recorded by {x} as a neighbour dispute.",
    "{x} used to come to the youth club, then got moved.",
    "I sent the CCTV to {x} and heard nothing back.",
    "At the school gate {x} gave out leaflets but no help.",
    "The panel was promised an answer by {x} at the next meeting.",
    "The interpreter was sent away by {x}.",
]
NUMBER_FRAMES = [
    "The officer who came was {x}.",
    "I took a note of {x}.",
    "Please investigate the attitude of {x}.",
    "The statement was taken by {x}.",
    "The form was signed off by {x}, nobody else.",
]
CHILD_FRAMES = [
    "{x} cannot sleep because of the bass through the wall.",
    "{x} was called names because of her hijab.",
    "{x} is one of the regulars at the youth club.",
    "{x} was used by the gang to carry bags out of the shop.",
    "{x} got chased from the school gate to our front door.",
]
CHILD2_FRAMES = [
    "I keep {x} indoors after six now.",
    "{x} has stopped going to the park.",
    "Even {x} knows the dealers by name.",
    "Somebody threw a bottle at {x} on the way home.",
    "{x} asked me why the police do not come.",
]
NI_FRAMES = [
    "N.I. no. {x}",
    "National Insurance: {x}",
    "my national insurance number {x} was on the form they stole",
    "The council asked for my NI number ({x}) before they would log the complaint.",
    "NI#{x}",
]
DOB_FRAMES = [
    "D.O.B.: {x}",
    "I was born {x}, so I remember when this street was safe.",
    "date of birth {x}",
    "(my birthday is {x})",
    "Born on {x} in Lagos, here since 1990.",
]
VEHICLE_FRAMES = [
    "The party guests park a silver Qashqai, {x}, across my gate.",
    "VRM: {x}",
    "They drove off in a car with the private plate {x}.",
    "reg no {x}",
    "The number plate read {x}, I wrote it on my hand.",
]
ADDRESS_FRAMES = [
    "I live at {x}.",
    "Address: {x}",
    "The noise is directly under {x}.",
    "Please send the reply to {x}.",
]
POSTCODE_FRAMES = [
    "Postcode {x}",
    "post code - {x}",
    "My post code is {x}.",
    "({x})",
]
PHONE_FRAMES = [
    "Phone: {x}",
    "Text or ring {x}.",
    "You can get me on {x} after six.",
    "tel no {x}",
]
EMAIL_FRAMES = [
    "Email me at {x}",
    "e-mail: {x}",
    "My email address is {x}.",
    "Reply to {x} please.",
]
FILLER = [
    "This has been going on since the autumn.",
    "Nobody seems to take it seriously.",
    "I am not the only one on the road who feels like this.",
    "We just want to live in peace.",
    "The council and the police blame each other.",
    "I have kept a diary of every incident.",
]


def _names(n: int, used: set[str]) -> tuple[str, str, tuple[str, ...], str]:
    """(a plain name, a second name in one of seven forms, the second name's probes, the
    writer's own name), none repeating a word of `used`."""
    probes: tuple[str, ...]
    plain = f"{_unused(PLAIN_FIRST, n, 1, used)} {_unused(PLAIN_LAST, n, 5, used)}"
    form = n % 7
    if form == 0:
        last = _unused(TITLED, n, 3, used)
        second, probes = f"{_rot(FAITH_AND_FAMILY, n // 7)} {last}", (last,)
    elif form == 1:
        first = _unused(PLAIN_FIRST, n, 3, used)
        second, probes = f"my neighbour {first}", (first,)
    elif form == 2:
        nick, last = _rot(NICKNAMES, n // 7, 3)
        used.update([nick.casefold(), last.casefold()])
        second, probes = f"{nick} {last}", (nick, last)
    elif form == 3:
        first, last = _unused(PLAIN_FIRST, n, 9, used), _unused(PLAIN_LAST, n, 7, used)
        second, probes = f"{last.upper()}, {first}", (last.upper(), first)
    elif form == 4:
        first, middle = _unused(PLAIN_FIRST, n, 11, used), _unused(PLAIN_FIRST, n, 13, used)
        last = _unused(PLAIN_LAST, n, 3, used)
        second, probes = f"{first} {middle} {last}", (first, middle, last)
    elif form == 5:
        first, last = _unused(PLAIN_FIRST, n, 17, used), _unused(PLAIN_LAST, n, 11, used)
        second, probes = f"{first} {last} {_rot(['Jnr', 'Snr', 'Junior'], n // 7)}", (first, last)
    else:
        first, last = _rot(DOUBLE, n // 7, 5)
        used.update([first.casefold(), *last.casefold().split()])
        second, probes = f"{first} {last}", (first, *last.split())
    first = _unused(PLAIN_FIRST, n, 7, used)
    signature = f"{first} {_unused(PLAIN_LAST, n, 13, used)}"
    return plain, second, probes, signature


def _word_name(n: int) -> tuple[str, tuple[str, ...]]:
    """A name made of ordinary words: a word first name with a surname, a first name with a
    word surname, or a word first name alone."""
    form = n % 3
    if form == 0:
        name = f"{_rot(WORD_FIRST, n // 3, 4)} {_rot(WORD_PARTNER_LAST, n, 3)}"
    elif form == 1:
        name = f"{_rot(WORD_PARTNER_FIRST, n, 2)} {_rot(WORD_LAST, n // 3, 3)}"
    else:
        name = _rot(WORD_FIRST, n // 3, 7, 5)
    return name, tuple(name.split())


def seventh_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The body sentences of unit `n` (one item of each kind, three names, two non-English
    names, two children) in shuffled order with eight look-alikes, and the values a written
    layout may move into its head or fields ({"name", "address", "postcode", "phone", "email"}
    and their sentences as "<kind>_sentence"); with `lower`, all in lower case."""
    first_item = len(out.items)

    low = f"{_rot(LOWER_FIRST, n, 3)} {_rot(LOWER_LAST, n, 5, 2)}"
    hyphen = _rot(HYPHEN, n, 5)
    foreign, foreign2 = _rot(FOREIGN, n, 7), _rot(FOREIGN, n, 7, 19)
    word_name, word_probes = _word_name(n)
    rank, rank_probes = officer(n)
    words = " ".join([low, hyphen, foreign, foreign2, word_name, *rank_probes])
    used = set(words.casefold().replace("-", " ").split())
    plain, second, second_probes, signature = _names(n, used)
    number, number_probe = officer_number(n)
    child_phrase, child, age_probe = child_with_age(n)
    used.add(child.casefold())
    child2 = _unused(CHILDREN, n, 13, used)
    ni_text, dob_text, plate = ni(n), dob(n), vehicle(n)
    home, home_probes = address(n)
    code, tel, mail = postcode(n), phone(n), email(n)

    def foreign_probes(name: str) -> tuple[str, ...]:
        return tuple(w for w in name.split() if w.casefold() not in PARTICLES)

    probes: list[tuple[str, tuple[str, ...]]] = [
        ("name", tuple(plain.split())),
        ("name", second_probes),
        ("name", tuple(signature.split())),
        ("name_word", word_probes),
        ("name_lower", tuple(low.split())),
        ("name_hyphen", (*hyphen.replace("-", " ").split(), hyphen)),
        ("name_foreign", foreign_probes(foreign)),
        ("name_foreign", foreign_probes(foreign2)),
        ("officer", rank_probes),
        ("officer_number", (number_probe,)),
        ("child", (child,)),
        ("age", (age_probe,)),
        ("child", (child2,)),
        ("ni", (ni_text,)),
        ("dob", (dob_text,)),
        ("vehicle", (plate,)),
        ("address", home_probes),
        ("postcode", (code,)),
        ("phone", (tel,)),
        ("email", (mail,)),
    ]
    out.items += [Planted(kind, where, p) for kind, p in probes]
    body = [
        (PLAIN_FRAMES, plain), (SECOND_FRAMES, second), (WORD_FRAMES, word_name),
        (LOWER_FRAMES, low), (HYPHEN_FRAMES, hyphen), (FOREIGN_FRAMES, foreign),
        (FOREIGN_FRAMES, foreign2), (OFFICER_FRAMES, rank), (NUMBER_FRAMES, number),
        (CHILD_FRAMES, child_phrase), (CHILD2_FRAMES, child2), (NI_FRAMES, ni_text),
        (DOB_FRAMES, dob_text), (VEHICLE_FRAMES, plate), (FILLER, ""),
    ]  # fmt: skip
    sentences = []
    for frames, value in body:
        choices = [f for f in frames if f.format(x=value) not in sentences]
        sentences.append(rng.choice(choices).format(x=value))
    movable = {"name": signature, "address": home, "postcode": code, "phone": tel, "email": mail}
    contact = [("address", ADDRESS_FRAMES), ("postcode", POSTCODE_FRAMES)]
    contact += [("phone", PHONE_FRAMES), ("email", EMAIL_FRAMES)]
    for kind, frames in contact:
        movable[f"{kind}_sentence"] = rng.choice(frames).format(x=movable[kind])
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, OFFICES, n * 5, lower=lower)
    kept += kept_for_unit(out, first_item, where, ORGANISATIONS, n * 7, lower=lower)
    kept += kept_for_unit(out, first_item, where, PLACES_AND_SAYINGS, n * 11, lower=lower)
    kept += kept_for_unit(out, first_item, where, CRIMES_DATES_NUMBERS, n * 3, lower=lower)
    order = [kept[0], kept[2], kept[4], kept[6], kept[1], kept[3], kept[5], kept[7]]
    lines: list[str] = []
    for k, sentence in enumerate(sentences):
        lines.append(sentence)
        if k % 2 == 1 and order:
            lines.append(order.pop(0))
    lines += order
    if lower:
        lines = lowered(out, first_item, lines)
        movable = {k: v.lower() for k, v in movable.items()}
    return lines, movable


LANGUAGES = ["Polish", "Somali", "Bengali", "Turkish", "Romanian", "Portuguese", "Tamil"]


def _written(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """A written response in one of seven layouts: a noise complaint forwarded from the council;
    a third-party hate-crime report; a youth worker's letter; a shopkeeper's shoplifting log; a
    parent governor's response; a ward panel transcript; a translated letter."""
    body, m = seventh_sentences(rng, n, where, out)
    layout = n % 7
    day = 3 + n % 20
    if layout == 0:
        out.kept.append((where, f"{day} Feb 2017"))
        return [
            "---------- Forwarded message ---------",
            f"From: {m['email']}",
            f"Date: {day} Feb 2017 at 08:12",
            "Subject: Noise from the flat below - council ref NC/2017/0412",
            "I am sending you the complaint I made to the council's noise team, because it is my "
            "answer to your question about antisocial behaviour.",
            "Dear Noise Team,",
            *body,
            f"{m['address_sentence']} {m['postcode_sentence']} {m['phone_sentence']}",
            "Regards,",
            m["name"],
        ]
    if layout == 1:
        out.kept.append((where, f"{day} February 2017"))
        return [
            "HATE CRIME THIRD-PARTY REPORTING FORM (passed on with the victim's consent)",
            f"Reported at the community centre on {day} February 2017",
            f"Victim's name: {m['name']}",
            f"Contact address: {m['address']}",
            f"Postcode: {m['postcode']}",
            f"Phone number: {m['phone']}",
            f"Email: {m['email']}",
            "What happened, in the victim's words:",
            " ".join(body[:10]),
            " ".join(body[10:]),
            "Consent to share with the police: YES",
        ]
    if layout == 2:
        out.kept.append((where, f"{day} February 2017"))
        return [
            m["address"],
            m["postcode"],
            m["phone"],
            m["email"],
            f"{day} February 2017",
            "To the Police and Crime Plan team",
            "Dear Sir or Madam,",
            "I have been a youth worker in the borough for eleven years and write in a personal "
            "capacity.",
            *body,
            "With best wishes,",
            m["name"],
            "Senior Youth Worker",
        ]
    if layout == 3:
        rows = []
        for k, s in enumerate(body):
            date = f"{1 + (k * 2 + n) % 28:02d}/01/17"
            rows.append(f"{date} | {10 + k % 9}:{(k * 13) % 60:02d} | {s}")
        out.kept.append((where, rows[0].split(" | ")[0]))
        return [
            "Shop log kept behind the counter, copied out for the consultation",
            f"Owner: {m['name']}, {m['address']}, {m['postcode']}",
            f"{m['phone_sentence']} {m['email_sentence']}",
            "DATE | TIME | WHAT HAPPENED",
            *rows,
        ]
    if layout == 4:
        return [
            "Response from a parent governor (a personal view, not the governing body's)",
            "1. Safety on the way to and from school",
            *body[: len(body) // 2],
            "2. What the police and the council should do",
            *body[len(body) // 2 :],
            m["name"],
            f"{m['address']}, {m['postcode']}",
            f"{m['phone_sentence']} {m['email_sentence']}",
        ]
    if layout == 5:
        out.kept.append((where, f"{day} February 2017"))
        speakers = ["CHAIR", "RESIDENT", "WARD SERGEANT", "RESIDENT", "CHAIR"]
        spoken = [f"{speakers[k % 5]}: {s}" for k, s in enumerate(body[1:])]
        return [
            "WARD PANEL MEETING - TRANSCRIPT OF RESIDENTS' QUESTIONS",
            f"Held at the community hall on {day} February 2017 at 7pm",
            f"{m['name']} (resident): {body[0]}",
            *spoken,
            "Contact for the question above:",
            f"{m['address_sentence']} {m['postcode_sentence']}",
            f"{m['phone_sentence']} {m['email_sentence']}",
        ]
    return [
        f"[Translated from {_rot(LANGUAGES, n)} by a volunteer interpreter. The original is held "
        "by MOPAC.]",
        "Respected Sirs,",
        *body,
        "With respect,",
        m["name"],
        f"address: {m['address']}, {m['postcode']}",
        f"telephone: {m['phone']}; e-mail: {m['email']}",
        "[Translator's note: the writer asks that the police contact her.]",
    ]


def _titled(out: PlantedSet, first_item: int, first_kept: int, parts: list[str]) -> list[str]:
    """A survey answer written in Title Case: its sentences, probes and look-alikes."""
    out.items[first_item:] = [
        Planted(i.kind, i.where, tuple(p.title() for p in i.probes)) for i in out.items[first_item:]
    ]
    out.kept[first_kept:] = [(w, p.title()) for w, p in out.kept[first_kept:]]
    return [s.title() for s in parts]


def _survey(rng: random.Random, n: int, where: str, out: PlantedSet, row: int) -> list[str]:
    """A survey answer in one of four styles (question and answer, bullets, semicolons, a
    quoted text message): a quarter in lower case, some in capitals, some in Title Case, some
    broken over lines."""
    first_item, first_kept = len(out.items), len(out.kept)
    body, m = seventh_sentences(rng, n, where, out, lower=row % 4 == 3)
    contact = [m["address_sentence"], m["postcode_sentence"], m["phone_sentence"]]
    contact.append(m["email_sentence"])
    style = row % 4
    if style == 0:
        parts = ["Q: what happened? A:", *body, "Q: contact? A:", *contact, f"- {m['name']}"]
    elif style == 1:
        parts = [f"* {s}" for s in body] + [f"* {s}" for s in contact] + [m["name"]]
    elif style == 2:
        parts = [f"{s.rstrip('.')};" for s in body] + [*contact, f"signed {m['name']}"]
    else:
        quoted = f'he texted me "{body[0]}"'
        parts = [f"from {m['name']}:", quoted, *body[1:], *contact]
    if row % 8 == 5:
        parts = _shouted(out, first_item, first_kept, parts)
    elif row % 9 == 2:
        parts = _titled(out, first_item, first_kept, parts)
    if row % 5 == 4:
        parts = [f"{s}\n" for s in parts]
    return parts


def generate_seventh(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 7707,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the seventh set's written responses and survey export; return what was planted."""
    return write_accounts(
        folder,
        consultation,
        _written,
        _survey,
        seed=seed,
        file_stem="seventh",
        survey_stem="V",
        dates=("2017-02-28", "2017-02-09"),
        per_format=per_format,
        survey_rows=survey_rows,
    )
