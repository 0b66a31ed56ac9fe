"""A sixth planted set of personal data, written without sight of the detector (issue 15).

Its author read only the issue's list of kinds, the shared writer (`planted_pii`), the fourth
set's plumbing (`planted_pii_fourth`: `write_accounts`, `_rot`, `_unused`, `_ordinal`) and the
fifth set as a model of structure, never the detector, its name lists, its decision record,
its rule tests or any score. Names, sentence frames, contexts, number formats and look-alikes
are new. It measures whether the detector's fixes generalise; it must never be used to tune it.

Each unit is an account from a parking dispute between neighbours, a stalking, a scam on an
elderly parent, disorder around a football match, a landlord's harassment, a victim-support
follow-up or a street WhatsApp group. It plants 18 items per unit in shuffled order: three
names of people (a full name with no cue, at a sentence's start or after a verb; a second name
with a title (Prof, Fr, Sr, Mx, Miss, Dr), initials, a nickname in quotes, in capitals, with an
adult's age in brackets, or a first name with a possessive; the writer's own name), a lower-case
full name, a hyphenated or double-barrelled name, a non-English name, an officer by rank (new
forms: PS, Pc, W/PC, D.C., SC, TDC, DSU, first names alone after Sergeant, PCSO, Officer), an
officer by number only, a child by first name with an age (ten new forms, one in words) and
another by first name alone, a National Insurance number (hyphens, dots, spaced boxes), a date
of birth (ISO, 04MAR1982, in words), a vehicle registration (hyphen, extra or missing space),
an address, a postcode (lower case, no space, Channel Islands and Isle of Man), a phone
(+44 (0)20, dots, slashes, odd groups) and an e-mail (dots, plus tags, "[at]" and "(at)").

Written responses are a form with labelled fields, a pasted WhatsApp chat, a victim-support
follow-up reply with a case reference, or numbered complaint points with a P.S.; survey answers
are short, some in text-speak, a quarter in lower case, some in capitals, some broken over
lines. Four look-alikes per unit must survive (`planted_pii_sixth_kept`).
"""

from __future__ import annotations

import random
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.synthetic.planted_pii import Planted, PlantedSet, kept_for_unit, lowered
from crimeplan.synthetic.planted_pii_fifth import _shouted
from crimeplan.synthetic.planted_pii_fourth import _rot, _unused, write_accounts
from crimeplan.synthetic.planted_pii_sixth_kept import OFFICES_AND_PLACES, ORGANISATIONS_AND_WORDS
from crimeplan.synthetic.planted_pii_sixth_values import (
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
    "Roisin", "Lorcan", "Dwayne", "Tamsin", "Kieron", "Ezinne", "Kwesi", "Sunita", "Baljit",
    "Mirela", "Kacper", "Zofia", "Ifeoma", "Tunde", "Shona", "Fergus", "Ingrid", "Gracjan",
    "Marcia", "Delroy", "Sheree", "Jolene", "Lachlan", "Perpetua", "Ravinder", "Tallulah",
]  # fmt: skip
PLAIN_LAST = [
    "Quinlivan", "Tiernan", "Amankwah", "Whitlock", "Fairclough", "Ruddock", "Stanislawski",
    "Venkatesan", "Heneghan", "Marchetti", "Lindgren", "Abiodun", "Sowerby", "Cattermole",
    "Ellwood", "Nakamura", "Bukowski", "Thorogood", "Mulvaney", "Spurling", "Grimshaw",
    "Dunwoody", "Okonjo", "Pickering", "Rafferty", "Etherington",
]  # fmt: skip
TITLES = ["Prof", "Fr", "Sr", "Mx", "Miss", "Dr", "Prof.", "Mstr", "Lady"]
TITLED_LAST = [
    "Okwuosa", "Aldous", "Featherstone", "Kaczmarek", "Mbatha", "Lavelle", "Osei-Tutu",
    "Pomfret", "Hakimi", "Vardy", "Ruskin-Bell", "Treharne", "Ugwu", "Fitzmaurice",
]  # fmt: skip
NICKNAMES = [
    ("Darren", "Daz", "Whitbread"), ("Sharon", "Shaz", "Enright"), ("Terence", "Tel", "Pocock"),
    ("Kenneth", "Kenny K", "Adomako"), ("Stephen", "Stevo", "Mallinson"),
    ("Olumide", "Mide", "Bankole"), ("Gareth", "Gaz G", "Pendlebury"),
    ("Nicola", "Nicki", "Arkwright"), ("Bartholomew", "Barty", "Crossley"),
]  # fmt: skip
POSSESSED = ["missus", "lodger", "brother-in-law", "ex", "cousin", "landlord", "carer"]
LOWER_FIRST = [
    "jordan", "chelsea", "dexter", "kerry", "ricky", "shanice", "kwame", "liam", "stacey",
    "rashid", "nikolai", "ebony", "fabio", "tia", "declan", "sadia",
]  # fmt: skip
LOWER_LAST = [
    "mcgrath", "obi", "winterbottom", "papadopoulos", "hennessy", "osborne", "dhillon",
    "kilbride", "costa", "fagan", "ashworth", "ndlovu", "murray", "brennan", "okafor",
    "sutcliffe", "begum",
]  # fmt: skip
HYPHEN = [
    "Precious Addo-Mensah", "Ciaran Kelly-Byrne", "Anne-Sophie Lemaire", "Jo-Anne Pilkington",
    "Wei-Ling Soh", "Min-Jun Park", "Abdul-Rahman Haddad", "Fatima Al-Hashimi",
    "Tanisha Boateng-Clarke", "Isobel Vane-Tempest", "Kelechi Nwosu-Eze", "Ruth Mensah-Bonsu",
    "Gwyneth Price-Howell", "Mary-Kate Donnelly", "Ade Ojo-Williams", "Zsuzsa Kovács-Tóth",
    "Hugo Montagu-Scott", "Leigh-Ann Fraser", "Sung-Min Yoon", "Nur-Aisyah Ismail",
    "Eilidh MacLeod-Grant", "Camille Durand-Petit",
]  # fmt: skip
FOREIGN = [
    "Nguyễn Thị Lan", "Kim Ji-hoon", "Tanaka Hiroshi", "Jiří Dvořák", "Agnieszka Wiśniewska",
    "Rūta Petrauskaitė", "Ionela Bălan", "Hamse Cabdi Nuur", "Adaeze Okonkwo",
    "Kofi Boadu Antwi", "Yaw Ofori Boakye", "Dilnoza Yusupova", "Kateryna Shevchenko",
    "Gentiana Hoxha", "Dimitrios Papanikolaou", "Hêvîn Şêxo", "Selamawit Tesfaye",
    "Fernanda Gonçalves", "Sofía Martínez Ruiz", "Zoltán Nagy", "Ngozi Chukwu", "Anh Phạm",
    "Murugan Sivakumar", "Pradeep Wickramasinghe", "Malalai Karimi", "Björk Þórsdóttir",
]  # fmt: skip

PLAIN_FRAMES = [
    "{x} blocks my drive with his van every single morning.",
    "Saw {x} on my doorstep again at midnight, the fourth time this month.",
    "{x} rang my dad pretending to be from his bank and took eleven grand.",
    "After the final whistle {x} threw a bottle at the bus.",
    "The letting agent sent {x} round to change the locks while I was at work.",
    "Reported {x} for the threats but the case was closed.",
    "Him and his mate {x} let my tyres down over a parking space.",
    "It turned out {x} had put a tracker on my car.",
    "Dad gave {x} his card details over the phone.",
    "{x}, who manages the flats, cut off our hot water to force us out.",
    "He wouldn't leave me alone, said the note signed by {x}.",
    "Tell {x} to stop parking across the dropped kerb.",
]
SECOND_FRAMES = [
    "{x} from number twelve wrote nasty notes on my windscreen.",
    "The man following me turned out to be {x}, a friend of my ex.",
    "My mum's carer {x} noticed the money going out of her account.",
    "We were sat near {x} at the match when the seats started flying.",
    "The agent who lets the flat, {x}, comes in without knocking.",
    "I only know {x} from the WhatsApp group.",
    "(the caller said he was {x} from Action Fraud)",
    "Spoke to {x} who lives opposite, she saw the whole row.",
    "It was {x} that got the parking suspended for the skip.",
    "{x} keeps sending me flowers though I have blocked him.",
]
LOWER_FRAMES = [
    "tbh its {x} thats been keying the cars",
    "{x} been following me home from the gym",
    "the scammer said his name was {x} lol",
    "me and {x} got kicked out the ground for nothing",
    "the landlords son {x} keeps letting himself in",
    "asked {x} to move his car and got called every name going",
]
HYPHEN_FRAMES = [
    "{x} had her wing mirror snapped off after the parking row.",
    "The woman who stalked my sister is {x}, she has a court order against her now.",
    "{x} from the bank's fraud team was actually helpful, credit where it is due.",
    "A steward, {x}, got knocked over at the turnstiles.",
    "Our new landlord is {x} and he wants us out by spring.",
    "My caseworker {x} rang twice and then nothing.",
]
FOREIGN_FRAMES = [
    "{x} next door parks in my bay because the council painted it wrong.",
    "{x} was followed from the station every night for a month.",
    "The scammers told {x} her grandson was in a police cell.",
    "Away fans cornered {x} outside the chicken shop.",
    "{x} was threatened with a hammer for asking for the deposit back.",
    "{x} in the WhatsApp group posted the video first.",
]
OFFICER_FRAMES = [
    "{x} said a parking dispute was a civil matter, end of.",
    "Gave my statement about the stalking to {x}.",
    "{x} came round and told my mum she should have known better.",
    "At the ground {x} was filming the crowd, not stopping the fight.",
    "{x} refused to attend because the landlord 'had a right to enter'.",
    "I was promised a call back from {x} but it never came.",
    "The victim care letter was signed by {x}.",
    "dont bother with {x} he just laughs",
]
NUMBER_FRAMES = [
    "The one in charge had {x} on his shoulder.",
    "I wrote down {x} as he walked away.",
    "Complaint about {x}, who told me to stop wasting police time.",
    "On the bodycam it says {x}.",
    "{x} took the report; please ask them what happened to it.",
]
CHILD_FRAMES = [
    "{x} can't play out front any more because of the cars.",
    "Someone has been messaging {x} on Snapchat from a fake account.",
    "The scammer even knew about {x}.",
    "{x} was in the crush at the turnstile and had a panic attack.",
    "The landlord shouted at {x} on the stairs.",
]
CHILD2_FRAMES = [
    "I don't let {x} walk to the shop alone now.",
    "{x} was crying when we got home.",
    "Poor {x} is terrified of the man upstairs.",
    "Had to pick {x} up early from football.",
    "Nobody told {x}'s school.",
]
NI_FRAMES = [
    "National Ins No. {x}",
    "they even had my NI ({x}) from a fake HMRC form",
    "NINO: {x}",
    "My NI is {x} if that helps the investigation.",
    "The scammer read my Nat. Insurance no. back to me: {x}.",
]
DOB_FRAMES = [
    "Date of Birth: {x}",
    "Dad was born on {x} and lives alone.",
    "my dob is {x}",
    "I am a widow ({x}) and I live alone.",
    "The fake bank knew his birthday, {x}.",
    "Born {x}.",
]
VEHICLE_FRAMES = [
    "His van is {x}, it is always on the double yellows.",
    "Car reg {x}",
    "the car following me was a black golf {x}",
    "The minibus ({x}) brought the away fans.",
    "Landlord drives {x}, you can check.",
]
ADDRESS_FRAMES = [
    "My address is {x}.",
    "It happened right outside {x}.",
    "Please write to me at {x}.",
    "He has been sitting in his car opposite {x}.",
]
POSTCODE_FRAMES = [
    "Post code: {x}",
    "I'm in the {x} area.",
    "postcode is {x}",
    "Our postcode ({x}) covers the whole block.",
]
PHONE_FRAMES = [
    "Tel. {x}",
    "Best number is {x} (evenings).",
    "The scammer's number was {x}.",
    "Whatsapp me on {x}.",
    "mob: {x}",
]
EMAIL_FRAMES = [
    "E-mail address: {x}",
    "Can you reply to {x} please.",
    "He sends messages to my work address, {x}.",
    "my email is {x}",
]
FILLER = [
    "Its been going on for over a year now.",
    "I dont want to move but I might have to.",
    "Reported on the website, got a crime number, heard nothing.",
    "My nerves are shot.",
    "The whole road is sick of it.",
    "I recieved a letter saying no further action.",
]


def _names(n: int, used: set[str]) -> tuple[str, str, tuple[str, ...], str]:
    """(a plain name, a second name in one of six forms, the second name's probes, the
    writer's own name), none repeating a word of `used`."""
    probes: tuple[str, ...]
    plain = f"{_unused(PLAIN_FIRST, n, 1, used)} {_unused(PLAIN_LAST, n, 5, used)}"
    form = n % 6
    if form == 0:
        last = _unused(TITLED_LAST, n, 3, used)
        second, probes = f"{_rot(TITLES, n // 6)} {last}", (last,)
    elif form == 1:
        last = _unused(TITLED_LAST, n, 5, used)
        initials = _rot(["K.P.", "R", "T.J.", "B. A.", "E"], n // 6)
        second, probes = f"{initials} {last}", (last,)
    elif form == 2:
        first, nick, last = _rot(NICKNAMES, n // 6, 2)
        used.update([first.casefold(), *nick.casefold().split(), last.casefold()])
        second, probes = f'{first} "{nick}" {last}', (first, nick, last)
    elif form == 3:
        name = f"{_unused(PLAIN_FIRST, n, 3, used)} {_unused(PLAIN_LAST, n, 9, used)}"
        second, probes = name.upper(), tuple(name.upper().split())
    elif form == 4:
        name = f"{_unused(PLAIN_FIRST, n, 11, used)} {_unused(PLAIN_LAST, n, 13, used)}"
        second, probes = f"{name} ({23 + (n * 7) % 50})", tuple(name.split())
    else:
        first = _unused(PLAIN_FIRST, n, 17, used)
        second, probes = f"{first}'s {_rot(POSSESSED, n // 6)}", (first,)
    first = _unused(PLAIN_FIRST, n, 7, used)
    middle = f" {'JMSRA'[n % 5]}." if n % 3 == 1 else ""
    signature = f"{first}{middle} {_unused(PLAIN_LAST, n, 11, used)}"
    return plain, second, probes, signature


def sixth_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The body sentences of unit `n` (one item of each kind, two children) in shuffled order
    with four look-alikes, and the values a written layout may move into its head or fields
    ({"name", "address", "postcode", "phone", "email"} and their sentences as "<kind>_sentence");
    with `lower`, all in lower case."""
    first_item = len(out.items)

    low = f"{_rot(LOWER_FIRST, n, 3)} {_rot(LOWER_LAST, n, 5, 2)}"
    hyphen, foreign = _rot(HYPHEN, n, 5), _rot(FOREIGN, n, 7)
    rank, rank_probes = officer(n)
    used = set(" ".join([low, hyphen, foreign, *rank_probes]).casefold().replace("-", " ").split())
    plain, second, second_probes, signature = _names(n, used)
    number, number_probe = officer_number(n)
    child_phrase, child, age_probe = child_with_age(n)
    used.add(child.casefold())
    child2 = _unused(CHILDREN, n, 13, used)
    ni_text, dob_text, plate = ni(n), dob(n), vehicle(n)
    home, home_probes = address(n)
    code, tel, mail = postcode(n), phone(n), email(n)
    probes: list[tuple[str, tuple[str, ...]]] = [
        ("name", tuple(plain.split())),
        ("name", second_probes),
        ("name", tuple(w for w in signature.split() if not w.endswith("."))),
        ("name_lower", tuple(low.split())),
        ("name_hyphen", (*hyphen.replace("-", " ").split(), hyphen)),
        ("name_foreign", tuple(foreign.split())),
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
        (PLAIN_FRAMES, plain), (SECOND_FRAMES, second), (LOWER_FRAMES, low),
        (HYPHEN_FRAMES, hyphen), (FOREIGN_FRAMES, foreign), (OFFICER_FRAMES, rank),
        (NUMBER_FRAMES, number), (CHILD_FRAMES, child_phrase), (CHILD2_FRAMES, child2),
        (NI_FRAMES, ni_text), (DOB_FRAMES, dob_text), (VEHICLE_FRAMES, plate), (FILLER, ""),
    ]  # fmt: skip
    sentences = [rng.choice(frames).format(x=value) for frames, value in body]
    movable = {"name": signature, "address": home, "postcode": code, "phone": tel, "email": mail}
    contact = [("address", ADDRESS_FRAMES), ("postcode", POSTCODE_FRAMES)]
    contact += [("phone", PHONE_FRAMES), ("email", EMAIL_FRAMES)]
    for kind, frames in contact:
        movable[f"{kind}_sentence"] = rng.choice(frames).format(x=movable[kind])
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, OFFICES_AND_PLACES, n * 11, lower=lower)
    kept += kept_for_unit(out, first_item, where, ORGANISATIONS_AND_WORDS, n * 7, lower=lower)
    lines = [
        *sentences[:3],
        kept[0],
        *sentences[3:7],
        kept[2],
        kept[1],
        *sentences[7:11],
        kept[3],
        *sentences[11:],
    ]
    if lower:
        lines = lowered(out, first_item, lines)
        movable = {k: v.lower() for k, v in movable.items()}
    return lines, movable


def _chat(body: list[str], n: int, name: str) -> list[str]:
    """The body as a pasted WhatsApp chat between the writer ("Me") and the group."""
    senders = ["Me", "Them", "Me", "Me", "Them"]
    lines = [f"Pasted from the road's WhatsApp group (exported by {name}):"]
    for k, s in enumerate(body):
        minute = (n * 7 + k * 3) % 60
        lines.append(f"[{8 + k % 12:02d}/03/2017, 21:{minute:02d}] {senders[k % 5]}: {s}")
    return lines


def _written(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """A written response in one of four layouts: a form with labelled fields; a WhatsApp chat
    pasted in, with the contact details after it; a reply to a victim-support follow-up letter
    with the writer's details at its foot; numbered complaint points with a P.S."""
    body, m = sixth_sentences(rng, n, where, out)
    layout = n % 4
    if layout == 0:
        return [
            "CONSULTATION RESPONSE FORM",
            f"Full name: {m['name']}",
            f"Home address: {m['address']}",
            f"Post code: {m['postcode']}",
            f"Tel (day): {m['phone']}",
            f"E-mail: {m['email']}",
            "Please tell us about your experience of crime in your area:",
            " ".join(body[:9]),
            " ".join(body[9:]),
            "Tick if you are happy to be contacted: [x]",
        ]
    if layout == 1:
        return [
            *_chat(body, n, m["name"]),
            "That is what we are dealing with.",
            m["address_sentence"],
            m["postcode_sentence"],
            m["phone_sentence"],
            m["email_sentence"],
        ]
    if layout == 2:
        return [
            f"Re: your letter of 3 February, case reference 01/{40000 + n * 37}/17",
            "Dear Victim Care Officer,",
            "Thank you for following up. Since then:",
            *body,
            "Yours faithfully,",
            f"{m['name']}\n{m['address']}\n{m['postcode']}",
            f"{m['phone']} | {m['email']}",
        ]
    numbered = [f"{k + 1}) {s}" for k, s in enumerate(body)]
    return [
        "Complaint about policing on our road",
        *numbered,
        f"Signed {m['name']}",
        f"P.S. {m['address_sentence']} {m['postcode_sentence']}",
        f"P.P.S. {m['phone_sentence']} {m['email_sentence']}",
    ]


def _survey(rng: random.Random, n: int, where: str, out: PlantedSet, row: int) -> list[str]:
    """A survey answer: a quarter in lower case, one in nine in capitals, some broken over
    lines, some with text-speak joins; the writer's name at the start or the end."""
    first_item, first_kept = len(out.items), len(out.kept)
    body, m = sixth_sentences(rng, n, where, out, lower=row % 4 == 2 and row % 9 != 5)
    contact = [m["address_sentence"], m["postcode_sentence"], m["phone_sentence"]]
    contact.append(m["email_sentence"])
    if row % 3 == 0:
        parts = [f"{m['name']} here.", *body, *contact]
    elif row % 3 == 1:
        parts = [*body, *contact, f"thx, {m['name']}"]
    else:
        parts = [*contact, *body, f"({m['name']})"]
    if row % 9 == 5:
        parts = _shouted(out, first_item, first_kept, parts)
    if row % 5 == 3:
        parts = [f"{s}\n" for s in parts]
    elif row % 5 == 1:
        parts = [f"{s} ..." for s in parts]
    return parts


def generate_sixth(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 6606,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the sixth set's written responses and survey export; return what was planted."""
    return write_accounts(
        folder,
        consultation,
        _written,
        _survey,
        seed=seed,
        file_stem="sixth",
        survey_stem="S",
        dates=("2017-02-27", "2017-02-08"),
        per_format=per_format,
        survey_rows=survey_rows,
    )
