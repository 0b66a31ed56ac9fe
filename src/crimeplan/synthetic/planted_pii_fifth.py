"""A fifth planted set of personal data, written without sight of the detector (issue 15).

Its author read only the issue's list of kinds, the shared writer (`planted_pii`) and the fourth
set's plumbing (`planted_pii_fourth`: the unit, written and survey structure and its small
helpers), never the detector, its name lists, its decision record or its rule tests. Names,
sentence frames, contexts and look-alikes are new. It measures whether the detector's fixes
generalise; it must never be used to tune it.

Each unit is an account from a council estate meeting, a hate-crime report, a domestic abuse
account, a shop theft, an online fraud, a road-rage incident, a youth club or the school gate.
It plants the fourth set's kinds, 18 items per unit in shuffled order: three names of people (a
full name with no cue, some after a possessive, in quotes or in a list; a name with a title, Mr/Mrs/Ms/Dr/Rev, with initials, J. Okafor, or a
nickname, Gaz Pritchard; the writer's or reporter's own name), a lower-case full name, a
hyphenated or double-barrelled name, a non-English name (Welsh, Irish, West African, Eastern
European, Chinese, Turkish, Somali, Portuguese and Brazilian), an officer by rank (new forms:
D/Sgt, A/Insp, T/DS, Det Con, "Officer"), an officer by number only (shoulder, badge, warrant
and collar numbers), a child by first name with an age (ten new forms, one in words) and another
by first name alone, a National Insurance number, a date of birth, a vehicle registration
(Northern Irish and dateless shapes too), an address, a postcode (Welsh, Scottish and Northern
Irish too), a phone (Ofcom drama ranges) and an e-mail (one spelt out).

Written responses are minutes of a residents' meeting, an incident report with labelled fields,
a letter, or one long paragraph; survey answers are short, a quarter in lower case, some in
capitals, some broken over lines. Four look-alikes per unit must survive
(`planted_pii_fifth_kept`).
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
)
from crimeplan.synthetic.planted_pii_fifth_kept import OFFICES_AND_PLACES, ORGANISATIONS_AND_WORDS
from crimeplan.synthetic.planted_pii_fifth_values import (
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
from crimeplan.synthetic.planted_pii_fourth import _rot, _unused, write_accounts

PLAIN_FIRST = [
    "Gwilym", "Eirlys", "Hamish", "Morag", "Eoin", "Niamh", "Chidi", "Abena", "Errol", "Paulette",
    "Gurpreet", "Imran", "Radek", "Ilona", "Thiago", "Hodan", "Bronwen", "Callum", "Folake",
    "Cordelia", "Desmond", "Anjali", "Yaw", "Ailsa", "Cathal",
]  # fmt: skip
PLAIN_LAST = [
    "Pritchard", "Urquhart", "Gallagher", "Nwosu", "Bramwell", "Bains", "Chaudhry", "Sutherland",
    "Brannigan", "Owusu", "Hinds", "Raghavan", "Prosser", "Mulcahy", "Adeyemi", "Warsame",
    "Albuquerque", "Howells", "Devlin", "Darko", "Buchanan", "Gayle", "Bishop", "Archer", "Hart",
    "Steel",
]  # fmt: skip
TITLES = ["Mr", "Mrs", "Ms", "Dr", "Rev", "Mr.", "Mrs.", "Dr.", "Rev."]
TITLED_LAST = [
    "Okoro", "Szabo", "Bhattacharya", "Mensah", "Llewellyn", "Farquharson", "Adebayo", "Kowalski",
    "Mahmud", "Ferguson", "Ogundipe", "McGuinness", "Tsang", "Yeboah", "Rahimi", "Quigley",
]  # fmt: skip
NICKNAMES = [
    ("Gaz", "Pritchett"), ("Shaz", "Delaney"), ("Deano", "Hughes"), ("Big Kwame", "Asamoah"),
    ("Tel", "Harrington"), ("Mo", "Jalloh"), ("Baz", "Kinsey"), ("Jonno", "Murtagh"),
    ("Dev", "Chauhan"), ("Kaz", "Wozniak"),
]  # fmt: skip
LOWER_FIRST = [
    "kayleigh", "rhys", "jamal", "tariq", "connor", "chantelle", "aled", "kyle", "leanne", "demi",
    "tyrone", "shauna", "kofi", "priya", "marek", "bilal", "ayesha", "gino",
]  # fmt: skip
LOWER_LAST = [
    "mcbride", "gormley", "hussain", "jenkins", "oyelaran", "szymanski", "pereira", "mcdermott",
    "kaur", "dolan", "trelawney", "mackenzie", "adjei", "brathwaite", "kowalczyk", "rahman",
    "teixeira", "mcnulty", "lynch",
]  # fmt: skip
HYPHEN = [
    "Ffion Parry-Jones", "Ama Owusu-Ansah", "Marie-Claire Dubois", "Jean-Luc Ngoy",
    "Siân Lloyd-Evans", "Ewa Majewska-Lis", "Chukwuemeka Okeke-Ojiudu", "Ana-Maria Popa",
    "Li-Ying Chen", "Ji-Woo Kang", "Mohammed Al-Amin", "Ahmed El-Sayed", "Yasmin Ali-Khan",
    "Kerry-Ann Campbell", "Ruby-Rose Fairweather", "Harriet Fortescue-Brickdale",
    "Oluwaseun Bello-Osagie", "Gethin Rhys-Williams", "Aisling Nic an Bhaird",
    "Tomos ap Iorwerth", "Lucinda Bowes Lyon", "Kwabena Ofori-Atta",
]  # fmt: skip
FOREIGN = [
    "Radosław Wójcik", "Zsófia Szabó", "Trần Thu Hà", "Chen Xiaoming", "Liu Yang",
    "Mehmet Yılmaz", "Elif Şahin", "Abdirahman Warsame Farah", "Faadumo Xasan Cali",
    "João Magalhães", "Conceição Antunes", "Thiago Conceição Lopes", "Chiamaka Obi",
    "Oluwaseun Adébáyọ̀", "Dragoș Munteanu", "Miloš Jovanović", "Aurelija Kazlauskienė",
    "Tadeusz Grabowski", "Saoirse Ní Bhriain", "Gwenllian ferch Rhys", "Wong Ka Wai",
    "Nkechi Ugochukwu", "Krisztina Horváth", "Bülent Aydın",
]  # fmt: skip
# Particles of a name that are no probe by themselves.
PARTICLES = {"ap", "ferch", "Ní", "Nic", "an"}

PLAIN_FRAMES = [
    "At the estate meeting {p} stood up and said the lifts had been vandalised again.",
    "The man who keyed my car in the supermarket car park was {p}.",
    "{p} shouted racist abuse at my wife on the number 38 bus.",
    "He hit me in front of the kids, and {p} from the next flat heard it all.",
    "The shoplifter who threatened the cashier is {p}, and the whole parade knows it.",
    "A man calling himself {p} rang pretending to be from the bank.",
    "After the crash {p} got out of his van and punched the driver through the window.",
    "The youth club worker, {p}, has kept those boys out of trouble for years.",
    "At the school gate {p} was handing out leaflets about the attack.",
    "Somebody pushed dog mess through {p}'s letterbox after the meeting.",
    'The fraudster said her name was "{p}" and that she worked for HMRC.',
    "Witnesses: {p}; the bus driver; two schoolgirls.",
]
SECOND_FRAMES = [
    "{p} chaired the tenants' meeting and read out the list of break-ins.",
    "My neighbour {p} has been called names in the street because of her headscarf.",
    "The manager, {p}, says they lose two hundred pounds of stock a week.",
    "The scam e-mail was signed by a {p} from the fraud department.",
    "It was {p} who took the registration of the car that rammed us.",
    "We asked {p} at the youth club to speak to the lads.",
    "The head teacher told {p} not to come to the school gate again.",
    "I went to see {p} at the surgery about the bruises.",
    "(the shop's owner, {p}, has given up reporting it)",
    "Thank you to {p}; without her I would not have left him.",
]
LOWER_FRAMES = [
    "it was {p} who smashed the door entry panel",
    "my ex {p} keeps turning up at my work",
    "{p} and his mates nicked the charity box off the counter",
    "the lad who bumped my car and drove off was {p}",
    "i know for a fact {p} sold my details to the scammers",
    "nobody at the youth club will stand up to {p}",
]
HYPHEN_FRAMES = [
    "The secretary of the residents' association, {p}, wrote to the council twice.",
    "{p} had a brick through her window after the local paper ran her story.",
    "My support worker {p} helped me get the non-molestation order.",
    "The assistant at the pharmacy, {p}, had a knife pulled on her.",
    "Someone cloned the card of {p}, who is eighty-three.",
    "A cyclist, {p}, was knocked off by the driver who then sped away.",
]
FOREIGN_FRAMES = [
    "{p} who runs the corner shop was spat at and called a terrorist.",
    "The cleaner at the community centre, {p}, was followed home.",
    "Our neighbour {p} lost her savings to a fake investment website.",
    "{p} had his taxi windscreen smashed by a driver in a rage.",
    "The mother of one of the boys, {p}, came to every meeting.",
    "We raised money for {p} after the fire at the flat.",
]
OFFICER_FRAMES = [
    "{o} attended the hate crime and took it seriously, for once.",
    "The domestic abuse officer, {o}, rang me back within the hour.",
    "{o} looked at the shop's CCTV but said it was too grainy.",
    "We were told {o} would deal with the fraud but the file was closed.",
    "After the road rage {o} took both drivers' details.",
    "{o} came to the youth club and played pool with the kids.",
    "{o} stands at the school gate on Fridays.",
    "i complained about {o} and never heard back",
]
NUMBER_FRAMES = [
    "I only got his number: {x}.",
    "The officer's number was {x}, I wrote it on my hand.",
    "Please look into the conduct of {x}.",
    "{x} was the one who refused to take my statement.",
    "(officer {x} attended)",
]
CHILD_FRAMES = [
    "{c} was called a racist name at the school gate.",
    "They took the phone off {c} outside the youth club.",
    "{c} saw her dad hit me and now wets the bed.",
    "A man in a car tried to get {c} to come with him.",
    "{c} was groomed online by someone pretending to be a girl.",
]
CHILD2_FRAMES = [
    "Our {c} won't go to the youth club any more.",
    "I have to walk {c} to school now.",
    "{c} hid under the table when the shouting started.",
    "Even {c} knows not to open the door to strangers.",
    "Somebody threw an egg at {c} from a car.",
]
NI_FRAMES = [
    "NI no: {x}",
    "My National Insurance number ({x}) was used to open a bank account.",
    "they stole my nat ins number {x} and claimed benefits with it",
    "Insurance number - {x}.",
    "You will need my NI, which is {x}.",
]
DOB_FRAMES = [
    "b. {x}",
    "I am a pensioner, born {x}, and I do not go out after four.",
    "DOB: {x}",
    "(date of birth {x})",
    "The fraudsters had my birthday, {x}, and my mother's maiden name.",
    "My d.o.b. is {x} if you need to find the report.",
]
VEHICLE_FRAMES = [
    "The car that rammed us was {x}.",
    "Reg: {x}",
    "a white transit {x} drops the stolen stuff off at the garages",
    "The road-rage driver's plate was {x}, a grey Audi.",
    "They escaped in {x}.",
]
ADDRESS_FRAMES = [
    "I live at {x}.",
    "The meeting was held in my front room at {x}.",
    "Please send any letters to {x}, not my work.",
    "The fraudsters had a parcel delivered to {x}.",
]
POSTCODE_FRAMES = [
    "Postcode: {x}",
    "Our postcode, {x}, gets a bad insurance rating because of it.",
    "It was outside {x}, near the barber's.",
    "we are in {x}",
]
PHONE_FRAMES = [
    "Phone: {x}",
    "Please ring {x} after 7pm, not before.",
    "The scammers called me from {x} pretending to be the police.",
    "Text {x} and I will reply.",
    "Mobile {x}",
]
EMAIL_FRAMES = [
    "Email: {x}",
    "Please reply to {x}.",
    "the fake bank emails came to {x}",
    "I can be reached at {x} during the day.",
]
FILLER = [
    "This has gone on since the youth club closed.",
    "We are not a bad estate, we are just forgotten.",
    "I reported it online and got an automated reply.",
    "My daughter says I should move, but this is my home.",
    "The shop owners are at the end of their tether.",
    "Nobody from the council came to the meeting.",
]


def _names(n: int, used: set[str]) -> tuple[str, str, tuple[str, ...], str]:
    """(a plain name, a second name with a title, initials or a nickname, the second name's
    probes, the writer's own name), none repeating a word of `used`."""
    probes: tuple[str, ...]
    plain = f"{_unused(PLAIN_FIRST, n, 1, used)} {_unused(PLAIN_LAST, n, 5, used)}"
    form = n % 3
    if form == 0:
        last = _unused(TITLED_LAST, n, 3, used)
        second, probes = f"{_rot(TITLES, n // 3)} {last}", (last,)
    elif form == 1:
        last = _unused(TITLED_LAST, n, 7, used)
        initials = _rot(["J.", "A. K.", "T.", "M.J.", "S"], n)
        second, probes = f"{initials} {last}", (last,)
    else:
        nick, last = _rot(NICKNAMES, n, 3)
        used.update([*nick.casefold().split(), last.casefold()])
        second, probes = f"{nick} {last}", (nick.split()[-1], last)
    signature = f"{_unused(PLAIN_FIRST, n, 7, used)} {_unused(PLAIN_LAST, n, 11, used)}"
    return plain, second, probes, signature


def fifth_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The body sentences of unit `n` (one item of each kind, two children) in shuffled order
    with four look-alikes, and the values a written layout may move into its head or fields
    ({"name", "address", "postcode", "phone", "email"} and their sentences as "<kind>_sentence");
    with `lower`, all in lower case."""
    first_item = len(out.items)

    def pick(frames: list[str], **slots: str) -> str:
        return rng.choice(frames).format(**slots)

    low = f"{_rot(LOWER_FIRST, n, 5)} {_rot(LOWER_LAST, n, 7, 3)}"
    hyphen, foreign = _rot(HYPHEN, n, 7), _rot(FOREIGN, n, 5)
    rank, rank_probes = officer(n)
    # the other names' words, so that no plain name repeats one of them
    used = set(" ".join([low, hyphen, foreign, *rank_probes]).casefold().replace("-", " ").split())
    plain, second, second_probes, signature = _names(n, used)
    number, number_probe = officer_number(n)
    child_phrase, child, age_probe = child_with_age(n)
    used.add(child.casefold())
    child2 = _unused(CHILDREN, n, 11, used)
    ni_text, dob_text, plate = ni(n), dob(n), vehicle(n)
    home, home_probes = address(n)
    code, tel, mail = postcode(n), phone(n), email(n)
    out.items += [
        Planted("name", where, tuple(plain.split())),
        Planted("name", where, second_probes),
        Planted("name", where, tuple(signature.split())),
        Planted("name_lower", where, tuple(low.split())),
        Planted("name_hyphen", where, (*hyphen.replace("-", " ").split(), hyphen)),
        Planted("name_foreign", where, tuple(p for p in foreign.split() if p not in PARTICLES)),
        Planted("officer", where, rank_probes),
        Planted("officer_number", where, (number_probe,)),
        Planted("child", where, (child,)),
        Planted("age", where, (age_probe,)),
        Planted("child", where, (child2,)),
        Planted("ni", where, (ni_text,)),
        Planted("dob", where, (dob_text,)),
        Planted("vehicle", where, (plate,)),
        Planted("address", where, home_probes),
        Planted("postcode", where, (code,)),
        Planted("phone", where, (tel,)),
        Planted("email", where, (mail,)),
    ]
    sentences = [
        pick(PLAIN_FRAMES, p=plain),
        pick(SECOND_FRAMES, p=second),
        pick(LOWER_FRAMES, p=low),
        pick(HYPHEN_FRAMES, p=hyphen),
        pick(FOREIGN_FRAMES, p=foreign),
        pick(OFFICER_FRAMES, o=rank),
        pick(NUMBER_FRAMES, x=number),
        pick(CHILD_FRAMES, c=child_phrase),
        pick(CHILD2_FRAMES, c=child2),
        pick(NI_FRAMES, x=ni_text),
        pick(DOB_FRAMES, x=dob_text),
        pick(VEHICLE_FRAMES, x=plate),
        rng.choice(FILLER),
    ]
    movable = {
        "name": signature,
        "address": home,
        "postcode": code,
        "phone": tel,
        "email": mail,
        "address_sentence": pick(ADDRESS_FRAMES, x=home),
        "postcode_sentence": pick(POSTCODE_FRAMES, x=code),
        "phone_sentence": pick(PHONE_FRAMES, x=tel),
        "email_sentence": pick(EMAIL_FRAMES, x=mail),
    }
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, OFFICES_AND_PLACES, n * 7, lower=lower)
    kept += kept_for_unit(out, first_item, where, ORGANISATIONS_AND_WORDS, n * 5, lower=lower)
    lines = [
        kept[2],
        *sentences[:4],
        kept[0],
        *sentences[4:9],
        kept[3],
        *sentences[9:],
        kept[1],
    ]
    if lower:
        lines = lowered(out, first_item, lines)
        movable = {k: v.lower() for k, v in movable.items()}
    return lines, movable


def _written(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """A written response in one of four layouts: minutes of a residents' meeting (written by
    the secretary, signed at the foot); an incident report with labelled fields; a letter with
    the address block in its head; one long paragraph with the contact details run in."""
    body, m = fifth_sentences(rng, n, where, out)
    layout = n % 4
    if layout == 0:
        return [
            "Minutes of the residents' association meeting",
            "Item 1: crime and safety on the estate",
            *(f"- {s}" if where.endswith((".md", ".txt")) else s for s in body),
            "Item 2: any other business",
            m["phone_sentence"],
            m["email_sentence"],
            f"Minutes taken by {m['name']}, {m['address']}, {m['postcode']}",
        ]
    if layout == 1:
        return [
            "INCIDENT REPORT",
            f"Reported by: {m['name']}",
            f"Address: {m['address']}",
            f"Postcode: {m['postcode']}",
            f"Contact: {m['phone']} / {m['email']}",
            "What happened:",
            " ".join(body[:8]),
            " ".join(body[8:]),
        ]
    if layout == 2:
        return [
            m["name"],
            m["address"],
            m["postcode"],
            "Dear Commissioner,",
            *body,
            m["phone_sentence"],
            m["email_sentence"],
            "Kind regards,",
        ]
    run_in = [m["address_sentence"], m["postcode_sentence"], m["phone_sentence"]]
    return [" ".join([*body, *run_in, m["email_sentence"]]), f"({m['name']})"]


def _shouted(out: PlantedSet, first_item: int, first_kept: int, parts: list[str]) -> list[str]:
    """A survey answer written all in capitals: its sentences, probes and look-alikes."""
    out.items[first_item:] = [
        Planted(i.kind, i.where, tuple(p.upper() for p in i.probes)) for i in out.items[first_item:]
    ]
    out.kept[first_kept:] = [(w, p.upper()) for w, p in out.kept[first_kept:]]
    return [s.upper() for s in parts]


def _survey(rng: random.Random, n: int, where: str, out: PlantedSet, row: int) -> list[str]:
    """A survey answer: a quarter in lower case, one in seven in capitals, some broken over
    lines; the writer's contact details at the start or the end."""
    first_item, first_kept = len(out.items), len(out.kept)
    body, m = fifth_sentences(rng, n, where, out, lower=row % 4 == 1 and row % 7 != 3)
    contact = [m["address_sentence"], m["postcode_sentence"], m["phone_sentence"]]
    contact.append(m["email_sentence"])
    sign = f"- {m['name']}" if row % 2 else f"my name is {m['name']}"
    parts = [*contact, *body, sign] if row % 3 == 0 else [*body, *contact, sign]
    if row % 7 == 3:
        parts = _shouted(out, first_item, first_kept, parts)
    if row % 5 == 2:
        parts = [f"{s}\n" for s in parts]
    return parts


def generate_fifth(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 5505,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the fifth set's written responses and survey export; return what was planted."""
    return write_accounts(
        folder,
        consultation,
        _written,
        _survey,
        seed=seed,
        file_stem="fifth",
        survey_stem="F",
        dates=("2017-02-26", "2017-02-07"),
        per_format=per_format,
        survey_rows=survey_rows,
    )
