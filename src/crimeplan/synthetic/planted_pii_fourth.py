"""A fourth planted set of personal data, written without sight of the detector (issue 15).

The tuning, held-out and fresh sets have all guided changes to the redactor. This set was written
by someone who never read the detector, its name lists or its decision record: only the issue's
list of kinds and the shared writer (`planted_pii.write_planted_set`). Its names, sentence frames
and look-alikes are new. It measures whether the detector's fixes generalise; it must never be
used to tune it.

Each unit (a written response or a survey answer) is a resident's account: neighbours, antisocial
behaviour, a burglary, a bullied child, a named PCSO, a stop and search. It plants, in shuffled
order: two names of people with no cue (one plain; the other with an apostrophe, O'Neill, or
shouted in capitals), a lower-case full name, a hyphenated or double-barrelled name, a non-English
name, an officer by rank (twenty-one forms, lower case included), an officer by collar number
(kind `officer_number`), a child by first name with an age (ten forms, one in words) and another
child by first name alone, a National Insurance number (five spacings), a date of birth (nine
forms), a vehicle registration (current, prefix and suffix styles, spaced or not, lower case), an
address (flats in named blocks, house names, numbers with letters), a postcode (all six UK
shapes, some outside London, spaced, unspaced, lower case), a phone (Ofcom drama ranges: mobile,
London and other landlines, +44, brackets, hyphens) and an e-mail (some with capitals).
Written responses are letters with the writer's address, phone and signature in the
head and foot (a third name), paragraphs, bullet or numbered lists, or short e-mails; survey
answers are short, some all in lower case, some with line breaks.

Four non-personal sentences per unit must survive (`PlantedSet.kept`): office holders named in
role (the Mayor of London, Commissioner Cressida Dick, MPs, Assembly Members, council leaders and
borough mayors), places that look like surnames (Gladstone Park, Russell Square, Bruce Grove
ward, Milton Keynes), organisations named after people (the Ben Kinsella Trust, John Lewis,
Harris Academy Peckham), crime types, and common words that are also first names (at dawn, to be
frank, rose bushes).

`generate_fourth(folder, consultation)` writes the same layout as the other sets and returns a
`PlantedSet`; score it with `planted_pii.score` (`scripts/score_redaction.py --sets fourth`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from crimeplan.consult.consultation_file import Consultation
from crimeplan.synthetic.planted_pii import (
    Planted,
    PlantedSet,
    kept_for_unit,
    lowered,
    write_planted_set,
)

PLAIN_FIRST = [
    "Glenys", "Rupert", "Shona", "Alistair", "Lionel", "Tanisha", "Dwayne", "Shanice", "Kelvin",
    "Precious", "Ravi", "Sunita", "Fergus", "Moira", "Terence", "Hyacinth", "Delroy", "Marcia",
    "Jermaine", "Kirsty", "Lorna", "Gareth",
]  # fmt: skip
PLAIN_LAST = [
    "Okafor", "Bancroft", "Whitlock", "Cartwright", "Ellery", "Pickering", "Dunmore", "Marchetti",
    "Ferreira", "Boateng", "Redfern", "Pinnock", "Gutteridge", "Lockhart", "Mahoney", "McAllister",
    "Bellamy", "Crowther", "Baker", "Fox", "Marsh", "Shepherd", "Fletcher",
]  # fmt: skip
# (first name, prefix, surname after the apostrophe): written with ' or ’.
APOSTROPHE = [
    ("Siobhan", "O", "Neill"), ("Declan", "O", "Driscoll"), ("Aoife", "O", "Sullivan"),
    ("Tommy", "D", "Souza"), ("Marco", "D", "Angelo"), ("Renée", "D", "Arcy"),
    ("Kevin", "O", "Hare"), ("Bernadette", "O", "Keeffe"), ("Liam", "O", "Rourke"),
    ("Cheryl", "D", "Costa"), ("Padraig", "O", "Loughlin"), ("Nuala", "O", "Flaherty"),
]  # fmt: skip
LOWER_FIRST = [
    "darren", "shaz", "lisa", "tony", "jas", "becky", "wayne", "kerry", "danny", "michelle",
    "craig", "stacey", "lee", "tina", "gavin", "jade", "ricky", "nikki",
]  # fmt: skip
LOWER_LAST = [
    "pike", "maynard", "carvalho", "sandhu", "begum", "tolley", "hendricks", "mcgrath", "rowntree",
    "kowal", "sturgess", "ogunleye", "peacock", "briggs", "lomas", "fairclough", "doyle", "tierney",
    "quinlan",
]  # fmt: skip
HYPHEN = [
    "Gemma Wentworth-Osei", "Anne-Sophie Lefebvre", "Jean-Baptiste Kouassi", "Mary-Kate Lennon",
    "Abdul-Rahman Siddiqui", "Tom Cholmondeley-Barnes", "Kwame Agyeman-Duah",
    "Louise Heathcote-Amory", "Rhiannon Vaughan-Thomas", "Joanna Drummond-Hay",
    "Zara Mensah-Bonsu", "Sean Tyrrell-Ward", "Hye-Jin Park", "Lily-Mae Hopkins",
    "Rosie Ashby-Clarke", "Ben Ogilvy-Grant",
    # double-barrelled without a hyphen
    "Felicity Wynne Jones", "Camilla Kerr Wilson", "Hugo Brett Mercer",
]  # fmt: skip
FOREIGN = [
    "Dariusz Kamiński", "Nguyễn Thị Lan", "Oksana Shevchenko", "Jolanta Wiśniewska",
    "Tariq Mahmood Qureshi", "Ngozi Eze", "Samira Benali", "Eleftheria Papadopoulou",
    "Rasa Petrauskaitė", "Gheorghe Ionescu", "Yusuf Abdullahi Hassan", "Tendai Moyo", "Zhang Wei",
    "Ahmet Öztürk", "Bogdan Ciobanu", "Efua Ampofo", "Luiz Gonçalves", "Iñaki Etxeberria",
    "Kateryna Bondarenko", "Sipho Ndlovu", "Mariam Osman Ali", "Anh Tran", "Sigríður Jónsdóttir",
]  # fmt: skip
OFFICER_FIRST = ["Tilly", "Rowena", "Gus", "Femi", "Ewan", "Harpreet", "Moses", "Carys"]
OFFICER_LAST = [
    "Lomax", "Brennan", "Achebe", "Hendry", "Gulliver", "Tasker", "Okonjo", "Penhaligon", "Stride",
    "Halloran", "Quarshie", "Kaczmarek", "Villiers", "Nowak", "Dhillon", "Carew", "Aldous",
    "Bhatti", "Prothero",
]  # fmt: skip
# {f}: the officer's first name, {l}: surname, {ll}: surname in lower case.
RANK_FORMS = [
    "PC {l}", "P.C. {l}", "pc {ll}", "WPC {l}", "DC {l}", "Detective Constable {f} {l}", "Sgt {l}",
    "Sgt. {l}", "Sergeant {f} {l}", "PS {l}", "DS {l}", "Insp. {l}", "Inspector {l}", "DI {f} {l}",
    "DCI {l}", "Chief Inspector {l}", "Superintendent {l}", "PCSO {f} {l}", "PCSO {l}",
    "Special Constable {l}", "police constable {ll}",
]  # fmt: skip
BCU = ["CW", "SE", "NE", "NA", "SN", "EA", "AW", "CE", "SW", "WA", "NW"]
CHILDREN = [
    "Rafferty", "Esme", "Kian", "Lola", "Dexter", "Alfie", "Hana", "Iqra", "Tadhg", "Ruby",
    "Amelia", "Ibrahim", "Sienna", "Archie", "Fatima", "Theo", "Nia", "Ezra", "Willow", "Harvey",
    "Maryam", "Kacper", "Emre", "Zuri", "Bodhi", "Summer", "Hunter", "Isla", "Oluwadamilare",
]  # fmt: skip
RELATIONS = [
    "son", "daughter", "stepson", "granddaughter", "grandson", "lad", "little girl", "youngest",
    "eldest", "foster son", "nephew", "niece",
]  # fmt: skip
AGE_WORDS = {
    5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve",
    13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
}  # fmt: skip
NI_FIRST = "ABCEGHJKLMNPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
STREETS = [
    "Ravenscourt Terrace", "Beechwood Lane", "Devonport Street", "Quilter Road", "Wharfside Mews",
    "Coppice Way", "Alderney Grove", "Tennison Walk", "Brambledown Close", "Foxglove Rise",
    "Marlowe Parade", "Holbeach Row", "Sandringham Drive",
]  # fmt: skip
BLOCKS = [
    "Cressfield House", "Tarrant Court", "Lydgate Tower", "Pennethorne House", "Carrow Point",
    "Saxby Lodge", "Windrush Court",
]  # fmt: skip
HOUSE_NAMES = ["Rosemount", "The Laurels", "Highcroft", "Tall Trees", "Hillview", "Bryn Teg"]
# Outward codes by shape: A9, A99, A9A, AA9, AA99, AA9A (the last lines outside London).
OUTWARD = [
    "E5", "N4", "W3", "E17", "N22", "W12", "W1T", "E1W", "N1C", "SE5", "NW3", "SW2", "TW7", "RM9",
    "SE18", "SW16", "NW10", "IG11", "UB10", "EC1N", "SW1V", "WC2E", "EC4A",
    "M14", "B29", "LS6", "BS5", "CF24", "G42",
]  # fmt: skip
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
EMAIL_LOCAL = [
    "mo.patel", "jd_reynolds", "lindy-lou", "Bigdave", "r.ashworth", "coachman", "tinkerbell",
    "k.ferdinand", "mrsmiggins", "p.quartey", "hollyhock", "the.wrights", "Sam_Oduya",
]  # fmt: skip
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "Example.COM"]

PLAIN_FRAMES = [
    "{p} next door plays music until four in the morning most weekends.",
    "Ever since {p} moved into the upstairs flat there has been a stream of visitors at all hours.",
    "The lady opposite, {p}, had her handbag snatched in broad daylight.",
    "I reported {p} to the housing officer over the dog mess and nothing happened.",
    "Twice now {p} has threatened my husband over the parking.",
    "My elderly neighbour {p} is too frightened to go out after dark.",
    "It was {p} who found the burglar in our back garden.",
    "The ringleader, as everyone on the estate knows, is {p}.",
]
SECOND_FRAMES = [
    "{p} at the corner shop has been robbed at knifepoint twice this year.",
    "We only got anywhere when {p} from the tenants' association rang the council.",
    "{p} in the end house keeps a baseball bat by the door, which frightens everyone.",
    "Ask {p}, she saw the whole thing from her balcony.",
]
SHOUT_FRAMES = [
    "I AM SICK OF {p} AND HIS FRIENDS DEALING OUTSIDE MY DOOR.",
    "NOBODY DOES ANYTHING ABOUT {p}!!",
    "WHY IS {p} STILL ALLOWED NEAR THE PLAYGROUND?",
]
LOWER_FRAMES = [
    "the lad who did it is {p}, everyone knows it.",
    "i told them {p} was the one with the knife but they did nothing",
    "Went round to complain to {p} and got a mouthful of abuse.",
    "{p} from the flats keeps setting fire to the bins",
    "me and {p} both saw it happen.",
]
HYPHEN_FRAMES = [
    "{p}, who runs the residents' group, has collected forty signatures about the lighting.",
    "A woman called {p} was mugged at the bus stop last month.",
    "My carer {p} won't visit after 6pm any more.",
    "Could someone please get back to {p} about the CCTV?",
]
FOREIGN_FRAMES = [
    "{p} who owns the launderette has had the window smashed three times.",
    "Our neighbour {p} doesn't speak much English and did not know how to report it.",
    "The bus driver, {p}, was assaulted by a passenger on the night route.",
    "I was with my friend {p} when they tried to take her phone.",
    "They kicked in the door of {p}'s shop on Christmas Eve.",
]
OFFICER_FRAMES = [
    "{o} came round two days after the burglary and took a statement.",
    "We were told {o} is our new ward officer but we never see anyone.",
    "I have to say {o} from the Safer Neighbourhood Team was brilliant with my mum.",
    "The stop and search on my son was done by {o}, who would not give a reason.",
    "Please pass my thanks to {o}.",
    "the only one who ever listens is {o}",
]
COLLAR_FRAMES = [
    "The officer who searched him would only give his number, {x}.",
    "I wrote down the collar number: {x}.",
    "It was {x} who turned up, an hour late.",
    "(the officer was {x})",
]
CHILD_FRAMES = [
    "{c} is being bullied on the way home from school and the school says it is a police matter.",
    "They pushed {c} off the bike and took it.",
    "Since the break-in {c} won't sleep in the back bedroom.",
    "A gang on the bridge made {c} hand over the phone.",
]
CHILD2_FRAMES = [
    "Our {c} was chased by a group on bikes.",
    "I won't let {c} walk to the bus stop on their own now.",
    "{c} knows who did it but is scared to say.",
    "Even little {c} has noticed the needles in the stairwell.",
]
NI_FRAMES = [
    "My NI number is {x}.",
    "National Insurance: {x}",
    "I gave them my national insurance no. ({x}) and heard nothing back.",
    "ni {x}",
    "For your records, NINO {x}.",
]
DOB_FRAMES = [
    "I was born on {x} and have never known it this bad.",
    "D.O.B. {x}",
    "Date of birth: {x}.",
    "My mum (born {x}) is housebound and terrified.",
    "My DOB is {x} in case you need to check who I am.",
]
VEHICLE_FRAMES = [
    "A silver Astra, reg {x}, does doughnuts in the car park.",
    "{x} is the van they use for the fly-tipping.",
    "the black BMW ({x}) parks across my drive every night",
    "I took a photo of the number plate: {x}.",
    "Can you check {x}? It has no tax and no MOT.",
]
ADDRESS_FRAMES = [
    "I live at {x} and have done for twenty years.",
    "Our address is {x}.",
    "They broke into {x} while we were at the hospital.",
    "Anyone can walk in to {x} because the door entry has been broken since March.",
]
POSTCODE_FRAMES = [
    "Postcode {x}.",
    "It happens right outside {x} most nights.",
    "(my postcode is {x})",
    "we're in {x}, near the parade.",
]
PHONE_FRAMES = [
    "Ring me on {x}.",
    "My number is {x} (evenings only).",
    "You can text me: {x}",
    "Tel {x}",
    "mob. {x}",
]
EMAIL_FRAMES = [
    "My email is {x}",
    "Reply to {x} please.",
    "E: {x}",
    "write to me at {x} if you want more details",
]
FILLER = [
    "It has been going on for two years.",
    "I have lived on this road since 1998.",
    "Nobody answers 101 after midnight.",
    "The street lights have been out since the autumn.",
    "We feel abandoned.",
    "Things were better when there was a police base on the high street.",
]

# Non-personal sentences that must survive, with the phrases that are checked.
PLACES_AND_OFFICES = [
    ("I have written to the Mayor of London, Sadiq Khan, and to Florence Eshalomi MP twice.",
     ["Sadiq Khan", "Florence Eshalomi MP"]),
    ("Len Duvall AM came to our meeting in Greenwich and promised to raise it at City Hall.",
     ["Len Duvall AM", "Greenwich", "City Hall"]),
    ("The Commissioner, Cressida Dick, said every ward would keep its dedicated officers.",
     ["Cressida Dick"]),
    ("Cllr Peter John, the leader of Southwark Council, knows all about the Walworth Road.",
     ["Peter John", "Southwark Council", "Walworth Road"]),
    ("John Biggs, the Mayor of Tower Hamlets, walked round Bow Church and Devons Road with us.",
     ["John Biggs", "Bow Church", "Devons Road"]),
    ("Philip Glanville, the Mayor of Hackney, has been good on this, and so has Diane Abbott MP.",
     ["Philip Glanville", "Diane Abbott MP"]),
    ("The Home Secretary, Amber Rudd, should visit Stonebridge ward and see it for herself.",
     ["Amber Rudd", "Stonebridge ward"]),
    ("David Lammy MP has spoken about knife crime in Tottenham for years.",
     ["David Lammy MP", "Tottenham"]),
    ("Caroline Pidgeon AM asked about the night buses at the Police and Crime Committee.",
     ["Caroline Pidgeon AM", "Police and Crime Committee"]),
    ("Steve O'Connell AM said the same when he chaired the committee.", ["Steve O'Connell AM"]),
    ("The Victims' Commissioner for London, Claire Waxman, has said the same.", ["Claire Waxman"]),
    ("Gareth Bacon AM and Andrew Dismore AM both raised Barnet at City Hall.",
     ["Gareth Bacon AM", "Andrew Dismore AM", "Barnet"]),
    ("We walk the dog in Gladstone Park and along Cromwell Road and nobody feels safe.",
     ["Gladstone Park", "Cromwell Road"]),
    ("From Russell Square to Warren Street the phone snatchers are on bikes.",
     ["Russell Square", "Warren Street"]),
    ("It's the same at Mornington Crescent, Lancaster Gate and Preston Road.",
     ["Mornington Crescent", "Lancaster Gate", "Preston Road"]),
    ("Bruce Grove ward and Tollington ward both lost their police bases.",
     ["Bruce Grove ward", "Tollington ward"]),
    ("Kennington, Tufnell Park and Colliers Wood all need more patrols.",
     ["Kennington", "Tufnell Park", "Colliers Wood"]),
    ("My sister in Luton and my brother in Milton Keynes say it is no better there.",
     ["Luton", "Milton Keynes"]),
    ("The late trains from Watford and Stevenage empty out at Euston.",
     ["Watford", "Stevenage", "Euston"]),
    ("Stanley Road and Nelson Square are where the fighting starts.",
     ["Stanley Road", "Nelson Square"]),
    ("Wellington Road in Enfield and Shakespeare Road in Brixton have the same dealers.",
     ["Wellington Road", "Enfield", "Shakespeare Road", "Brixton"]),
    ("Norbury, Thornton Heath and Mitcham have been left behind.",
     ["Norbury", "Thornton Heath", "Mitcham"]),
    ("The Chelmsford and Brighton lines bring the county lines runners in.",
     ["Chelmsford", "Brighton"]),
    ("Kilburn High Road and Stamford Hill are dark after nine.",
     ["Kilburn High Road", "Stamford Hill"]),
    ("The Deputy Mayor for Policing and Crime, Sophie Linden, visited Bexleyheath once.",
     ["Sophie Linden", "Bexleyheath"]),
    ("Jeremy Corbyn MP held a surgery about it in Islington North.",
     ["Jeremy Corbyn MP", "Islington North"]),
    ("Keith Prince AM and Susan Hall AM both backed more officers for Havering.",
     ["Keith Prince AM", "Susan Hall AM", "Havering"]),
    ("Hackney Wick, Pudding Mill Lane and Mudchute have no staff late at night.",
     ["Hackney Wick", "Pudding Mill Lane", "Mudchute"]),
    ("Sudbury Hill and Burnt Oak feel forgotten.", ["Sudbury Hill", "Burnt Oak"]),
    ("Orpington and Stanmore are at opposite ends of London with the same problem.",
     ["Orpington", "Stanmore"]),
    ("The leader of Croydon Council, Tony Newman, promised more wardens.",
     ["Tony Newman", "Croydon Council"]),
    ("Kingsland Road, Mare Street and Clapton Pond need cameras.",
     ["Kingsland Road", "Mare Street", "Clapton Pond"]),
]  # fmt: skip
ORGANISATIONS_AND_WORDS = [
    ("Refuge and the Samaritans helped my sister when nobody else would.",
     ["Refuge", "the Samaritans"]),
    ("Barnardo's and the NSPCC run a project at the school.", ["Barnardo's", "the NSPCC"]),
    ("Redthread youth workers at King's College Hospital see the stab victims.",
     ["Redthread", "King's College Hospital"]),
    ("The Ben Kinsella Trust and the Jimmy Mizen Foundation do brilliant work with young people.",
     ["Ben Kinsella Trust", "Jimmy Mizen Foundation"]),
    ("Citizens Advice Camden sent me to the Crown Prosecution Service.",
     ["Citizens Advice Camden", "Crown Prosecution Service"]),
    ("Shoplifting at the John Lewis in Brent Cross and the Marks & Spencer in Kingston is constant.",
     ["John Lewis", "Brent Cross", "Marks & Spencer", "Kingston"]),
    ("Lads hang about outside Greggs, McDonald's and the Lidl every evening.",
     ["Greggs", "McDonald's", "Lidl"]),
    ("British Transport Police and the City of London Police should work together on this.",
     ["British Transport Police", "City of London Police"]),
    ("Millwall and Crystal Palace match days bring trouble to the high street.",
     ["Millwall", "Crystal Palace"]),
    ("The Prince's Trust and Catch22 offer apprenticeships to the boys on the corner.",
     ["The Prince's Trust", "Catch22"]),
    ("Harris Academy Peckham and the Whittington Hospital have both had knife incidents.",
     ["Harris Academy Peckham", "Whittington Hospital"]),
    ("Burglary, robbery and moped-enabled theft are what people here worry about.",
     ["Burglary", "robbery", "moped-enabled theft"]),
    ("Catalytic converter theft, fly-tipping and graffiti are constant.",
     ["Catalytic converter theft", "fly-tipping", "graffiti"]),
    ("Hate crime and domestic abuse go unreported.", ["Hate crime", "domestic abuse"]),
    ("I will keep reporting it, and I hope someone listens this time.",
     ["will keep reporting", "hope someone listens"]),
    ("We were up at dawn sweeping up the broken glass.", ["up at dawn"]),
    ("To be frank, the council tax bill goes up and the service goes down.",
     ["To be frank", "council tax bill"]),
    ("There is a mark on the door where they tried to jimmy it open.",
     ["a mark on the door", "jimmy it open"]),
    ("By the grace of God nobody was hurt, and the rose bushes took the worst of it.",
     ["By the grace of God", "rose bushes"]),
    ("Joy riders race up and down in stolen cars.", ["Joy riders"]),
    ("It was a warm summer evening when the fight broke out.", ["warm summer evening"]),
    ("Faith groups, the mosque and St Mary's Church run the food bank.",
     ["Faith groups", "St Mary's Church"]),
    ("Crimestoppers told me to ring 101 instead.", ["Crimestoppers"]),
    ("Mind and Crisis both say the cuts have hurt.", ["Mind and Crisis"]),
    ("Operation Trident and the Violent Crime Taskforce should come back here.",
     ["Operation Trident", "Violent Crime Taskforce"]),
    ("Amazon and Deliveroo riders get robbed for their bikes.", ["Amazon", "Deliveroo"]),
    ("Tesco and Morrisons have security guards on the doors now.", ["Tesco", "Morrisons"]),
    ("The Salvation Army and the Royal British Legion hall was broken into.",
     ["Salvation Army", "Royal British Legion"]),
    ("Stop and search should be fair, and body-worn video should always be on.",
     ["Stop and search", "body-worn video"]),
    ("The lights on the crossing stay on amber for ages and the cars just go.", ["on amber"]),
    ("Sweet Peas Nursery and Little Acorns play group both had their buggies stolen.",
     ["Sweet Peas Nursery", "Little Acorns"]),
]  # fmt: skip


T = TypeVar("T")


def _rot(pool: list[T], n: int, step: int = 1, shift: int = 0) -> T:
    """The entry of `pool` at `n * step + shift`, wrapping round."""
    return pool[(n * step + shift) % len(pool)]


def _ni(n: int) -> str:
    a, b = _rot(list(NI_FIRST), n, 7, 2), _rot(list(NI_SECOND), n, 11, 5)
    d = f"{(n * 7919 + 4242) % 1000000:06d}"
    s = "ABCD"[(n * 3) % 4]
    return [
        f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}",
        f"{a}{b}{d}{s}",
        f"{a}{b} {d} {s}".lower(),
        f"{a}{b}-{d[:2]}-{d[2:4]}-{d[4:]}-{s}",
        f"{a}{b} {d[:2]} {d[2:4]} {d[4:]}{s}",
    ][n % 5]


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _dob(n: int) -> str:
    day, month, year = 1 + (n * 11) % 28, 1 + (n * 5) % 12, 1938 + (n * 7) % 66
    name = MONTHS[month - 1]
    return [
        f"{day:02d}/{month:02d}/{year}",
        f"{_ordinal(day)} {name} {year}",
        f"{day}-{name[:3]}-{str(year)[2:]}",
        f"{_ordinal(day)} of {name} '{str(year)[2:]}",
        f"{name} {_ordinal(day)}, {year}",
        f"{day:02d}.{month:02d}.{year}",
        f"{day}/{month}/{str(year)[2:]}",
        f"{year}/{month:02d}/{day:02d}",
        f"{day} {name[:3]} {year}",
    ][n % 9]


def _vehicle(n: int) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    area = f"{_rot(list('ABCDEFGHKLMNOPRSVWY'), n, 5)}{_rot(list(letters), n, 3, 7)}"
    age = [17, 66, 9, 58, 21, 71, 14, 62, 5, 53][n % 10]
    tail = "".join(_rot(list(letters), n, k, k * 4) for k in (13, 17, 19))
    return [
        f"{area}{age:02d} {tail}",
        f"{area}{age:02d}{tail}",
        f"{area}{age:02d} {tail}".lower(),
        f"{'ABCDEFGHJKLMNPRSTVWXY'[n % 21]}{100 + (n * 37) % 900} {tail}",
        f"{tail} {10 + (n * 29) % 990}{'ABCDEFGHJKLMNPRSTVWXY'[(n * 5) % 21]}",
        f"{'PRSTV'[n % 5]}{(n * 13) % 99 + 1}{tail}",
    ][n % 6]


def _address(n: int) -> tuple[str, tuple[str, ...]]:
    """An address and its probes (the whole address; a house or block name alone too)."""
    street, block, house = _rot(STREETS, n, 5), _rot(BLOCKS, n, 3), _rot(HOUSE_NAMES, n)
    num = 2 + (n * 17) % 140
    form = n % 6
    if form == 0:
        return f"Flat {1 + n % 40}, {block}", (f"Flat {1 + n % 40}, {block}", block)
    if form == 1:
        return f"{num}{'abc'[n % 3]} {street}", (f"{num}{'abc'[n % 3]} {street}",)
    if form == 2:
        return f"{house}, {street}", (f"{house}, {street}", house)
    if form == 3:
        text = f"Flat {1 + n % 25}, {block}, {num} {street}"
        return text, (text, block, f"{num} {street}")
    if form == 4:
        return f"{num} {street}", (f"{num} {street}",)
    return f"Apartment {1 + n % 9}, {num} {street}", (f"Apartment {1 + n % 9}, {num} {street}",)


def _postcode(n: int) -> str:
    outward = _rot(OUTWARD, n, 7)
    inward = (
        f"{(n * 3) % 10}{_rot(list(INWARD_LETTERS), n, 7)}{_rot(list(INWARD_LETTERS), n, 3, 9)}"
    )
    return [f"{outward} {inward}", f"{outward}{inward}", f"{outward} {inward}".lower()][n % 3]


def _phone(n: int) -> str:
    k = f"{(n * 37) % 1000:03d}"
    return [
        f"07700 900{k}",
        f"07700900{k}",
        f"+44 7700 900{k}",
        f"+44 (0)7700 900 {k}",
        f"(020) 7946 0{k}",
        f"020-7946-0{k}",
        f"0121 496 0{k}",
        f"01632 960{k}",
        f"0117 496 0{k}",
        f"029 2018 0{k}",
        f"+44 20 7946 0{k}",
        f"0114 4960{k}",
    ][n % 12]


def _email(n: int) -> str:
    return f"{_rot(EMAIL_LOCAL, n, 5)}{n}@{_rot(EMAIL_DOMAINS, n, 3)}"


def _child_with_age(n: int) -> tuple[str, str, str]:
    """(phrase, child's name, age probe) in one of ten forms."""
    child, rel = _rot(CHILDREN, n, 7), _rot(RELATIONS, n, 5)
    age = 5 + (n * 7) % 12
    return [
        (f"my {rel} {child} ({age})", child, f"({age})"),
        (f"my {rel}, {child}, who is {age},", child, f"who is {age}"),
        (f"{child}, my {age} year old,", child, f"{age} year old"),
        (f"my {rel} {child} aged {age}", child, f"aged {age}"),
        (f"{child} (age {age})", child, f"age {age}"),
        (f"my {rel} {child}, {age},", child, f", {age},"),
        (f"our {child} who's just turned {age}", child, f"turned {age}"),
        (f"{child} - {age} years old -", child, f"{age} years old"),
        (f"my {rel} {child}, {AGE_WORDS[age]},", child, f", {AGE_WORDS[age]},"),
        (f"{child}, who's only {age},", child, f"only {age}"),
    ][n % 10]


def _officer(n: int) -> tuple[str, tuple[str, ...]]:
    form = _rot(RANK_FORMS, n, 4)
    first, last = _rot(OFFICER_FIRST, n, 3), _rot(OFFICER_LAST, n, 7)
    text = form.format(f=first, l=last, ll=last.lower())
    probes = (first, last) if "{f}" in form else (last.lower(),) if "{ll}" in form else (last,)
    return text, probes


def _collar(n: int) -> tuple[str, str]:
    num = f"{(n * 173 + 91) % 7000 + 100}"
    bcu = _rot(BCU, n, 5)
    return [
        (f"PC {num}{bcu}", f"{num}{bcu}"),
        (f"PC {num} {bcu}", f"{num} {bcu}"),
        (f"collar number {num}{bcu}", f"{num}{bcu}"),
        (f"Sgt {num}{bcu.lower()}", f"{num}{bcu.lower()}"),
    ][n % 4]


def _unused(pool: list[str], n: int, step: int, used: set[str]) -> str:
    """The entry of `pool` at `n * step`, or the next one whose words are not in `used`."""
    for k in range(len(pool)):
        entry = _rot(pool, n, step, k)
        if not used & set(entry.casefold().split()):
            used.update(entry.casefold().split())
            return entry
    raise ValueError("pool exhausted")


def fourth_sentences(
    rng: random.Random, n: int, where: str, out: PlantedSet, *, lower: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The body sentences of unit `n` (one of each kind, two children) in shuffled order with
    four non-personal sentences, and the head items a letter may move (address, postcode, phone,
    a signature name) as {kind: text}; with `lower`, all in lower case."""
    first_item = len(out.items)

    def pick(frames: list[str], **slots: str) -> str:
        return rng.choice(frames).format(**slots)

    used: set[str] = set()
    plain = f"{_unused(PLAIN_FIRST, n, 1, used)} {_unused(PLAIN_LAST, n, 5, used)}"
    items: list[Planted] = [Planted("name", where, tuple(plain.split()))]
    sentences = [pick(PLAIN_FRAMES, p=plain)]
    if n % 3 == 2:
        shout_first = _unused(PLAIN_FIRST, n, 3, used)
        shout_last = _unused(PLAIN_LAST, n, 7, used)
        shout = f"{shout_first} {shout_last}".upper()
        sentences.append(pick(SHOUT_FRAMES, p=shout))
        items.append(Planted("name", where, tuple(shout.split())))
    else:
        first, prefix, rest = _rot(APOSTROPHE, n, 5)
        mark = "'" if n % 2 else "\u2019"
        sentences.append(pick(SECOND_FRAMES, p=f"{first} {prefix}{mark}{rest}"))
        items.append(Planted("name", where, (first, rest, f"{prefix}{mark}{rest}")))
    low = f"{_rot(LOWER_FIRST, n, 5)} {_rot(LOWER_LAST, n, 7, 3)}"
    sentences.append(pick(LOWER_FRAMES, p=low))
    items.append(Planted("name_lower", where, tuple(low.split())))
    hyphen = _rot(HYPHEN, n, 7)
    sentences.append(pick(HYPHEN_FRAMES, p=hyphen))
    items.append(Planted("name_hyphen", where, (*hyphen.replace("-", " ").split(), hyphen)))
    foreign = _rot(FOREIGN, n, 5)
    sentences.append(pick(FOREIGN_FRAMES, p=foreign))
    items.append(Planted("name_foreign", where, tuple(p for p in foreign.split() if len(p) > 1)))
    officer, officer_probes = _officer(n)
    sentences.append(pick(OFFICER_FRAMES, o=officer))
    items.append(Planted("officer", where, officer_probes))
    collar, collar_probe = _collar(n)
    sentences.append(pick(COLLAR_FRAMES, x=collar))
    items.append(Planted("officer_number", where, (collar_probe,)))
    child_phrase, child, age_probe = _child_with_age(n)
    frame = rng.choice(CHILD_FRAMES).format(c=child_phrase)
    sentences.append(frame[0].upper() + frame[1:])
    items += [Planted("child", where, (child,)), Planted("age", where, (age_probe,))]
    used.add(child.casefold())
    child2 = _unused(CHILDREN, n, 11, used)
    sentences.append(pick(CHILD2_FRAMES, c=child2))
    items.append(Planted("child", where, (child2,)))
    ni, dob, vehicle = _ni(n), _dob(n), _vehicle(n)
    sentences += [pick(NI_FRAMES, x=ni), pick(DOB_FRAMES, x=dob), pick(VEHICLE_FRAMES, x=vehicle)]
    items += [
        Planted("ni", where, (ni,)),
        Planted("dob", where, (dob,)),
        Planted("vehicle", where, (vehicle,)),
    ]
    address, address_probes = _address(n)
    postcode, phone, email = _postcode(n), _phone(n), _email(n)
    signature = f"{_unused(PLAIN_FIRST, n, 7, used)} {_unused(PLAIN_LAST, n, 11, used)}"
    head = {"address": address, "postcode": postcode, "phone": phone, "name": signature}
    items += [
        Planted("address", where, address_probes),
        Planted("postcode", where, (postcode,)),
        Planted("phone", where, (phone,)),
        Planted("email", where, (email,)),
        Planted("name", where, tuple(signature.split())),
    ]
    body_tail = {
        "address": pick(ADDRESS_FRAMES, x=address),
        "postcode": pick(POSTCODE_FRAMES, x=postcode),
        "phone": pick(PHONE_FRAMES, x=phone),
    }
    sentences.append(pick(EMAIL_FRAMES, x=email))
    sentences.append(rng.choice(FILLER))
    out.items += items
    rng.shuffle(sentences)
    kept = kept_for_unit(out, first_item, where, PLACES_AND_OFFICES, n * 5, lower=lower)
    kept += kept_for_unit(out, first_item, where, ORGANISATIONS_AND_WORDS, n * 3, lower=lower)
    lines = [
        *sentences[:3],
        kept[0],
        *sentences[3:7],
        kept[2],
        *sentences[7:11],
        kept[1],
        *sentences[11:],
        kept[3],
    ]
    if lower:
        lines = lowered(out, first_item, lines)
        head = {k: v.lower() for k, v in head.items()}
        body_tail = {k: v.lower() for k, v in body_tail.items()}
    return lines, {**head, **{f"{k}_sentence": v for k, v in body_tail.items()}}


def _written(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """A written response in one of four layouts: a letter with the writer's address, postcode
    and phone in its head and a signature; paragraphs; a bullet or numbered list (in .md and .txt
    files; paragraphs elsewhere); a short e-mail."""
    body, head = fourth_sentences(rng, n, where, out)
    tail = [head["address_sentence"], head["postcode_sentence"], head["phone_sentence"]]
    layout = n % 4
    if layout == 0:
        return [
            f"{head['address']}\nLondon\n{head['postcode']}",
            f"Tel: {head['phone']}",
            "Dear Sir or Madam,",
            *body,
            "Yours faithfully,",
            head["name"],
        ]
    signed = [*tail, f"Regards, {head['name']}"] if n % 2 else [*tail, f"-- {head['name']}"]
    if layout == 2 and where.endswith((".md", ".txt")):
        if where.endswith(".md"):
            return ["My concerns:", *(f"{k + 1}. {s}" for k, s in enumerate(body)), *signed]
        return ["What is happening on our road:", *(f"* {s}" for s in body), *signed]
    if layout == 3:
        return ["Hi,", " ".join(body[:9]), " ".join(body[9:]), *signed, "Sent from my phone"]
    return [" ".join(body[:5]), " ".join(body[5:11]), " ".join(body[11:]), *signed]


def _survey(rng: random.Random, n: int, where: str, out: PlantedSet, row: int) -> list[str]:
    """A survey answer: a quarter in lower case, some with line breaks in the answer."""
    body, head = fourth_sentences(rng, n, where, out, lower=row % 4 == 1)
    tail = [head["address_sentence"], head["postcode_sentence"], head["phone_sentence"]]
    sentences = [*body, *tail, f"thanks, {head['name']}" if row % 3 == 0 else head["name"]]
    if row % 5 == 2:
        sentences = [f"{s}\n" for s in sentences]
    return sentences


def generate_fourth(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 4404,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the fourth set's written responses and survey export; return what was planted."""
    return write_accounts(
        folder,
        consultation,
        _written,
        _survey,
        seed=seed,
        file_stem="fourth",
        survey_stem="Q",
        dates=("2017-02-24", "2017-02-05"),
        per_format=per_format,
        survey_rows=survey_rows,
    )


# A written response (rng, unit number, file name, set) and a survey answer (the same and row).
Written = Callable[[random.Random, int, str, PlantedSet], list[str]]
Answer = Callable[[random.Random, int, str, PlantedSet, int], list[str]]


def write_accounts(
    folder: str | Path,
    consultation: Consultation,
    written: Written,
    answer: Answer,
    *,
    seed: int,
    file_stem: str,
    survey_stem: str,
    dates: tuple[str, str],
    per_format: int,
    survey_rows: int,
) -> PlantedSet:
    """Write a set whose units are `written` responses and survey `answer`s drawn with one
    seeded generator (received and submitted on `dates`); return what was planted, without the
    look-alikes a PDF's line wrap split. Shared by the fourth and fifth sets."""
    rng = random.Random(seed)

    def unit(n: int, where: str, out: PlantedSet, row: int | None) -> list[str]:
        return written(rng, n, where, out) if row is None else answer(rng, n, where, out, row)

    out = write_planted_set(
        folder,
        consultation,
        unit,
        file_stem=file_stem,
        survey_stem=survey_stem,
        received=dates[0],
        submitted=dates[1],
        per_format=per_format,
        survey_rows=survey_rows,
    )
    return _without_split_look_alikes(Path(folder), out)


def _without_split_look_alikes(folder: Path, out: PlantedSet) -> PlantedSet:
    """Drop the look-alikes that a PDF's line wrap split ("Faith\ngroups"): the scorer looks
    for each one as written, so it would count as damaged though nothing removed it."""
    from crimeplan.consult.extract import extract_text

    texts = {
        f: extract_text(folder / "written" / f).text
        for f in out.written_files
        if f.endswith(".pdf")
    }
    out.kept = [(w, p) for w, p in out.kept if w not in texts or p in texts[w]]
    return out
