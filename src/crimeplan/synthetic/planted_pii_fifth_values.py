"""The fifth planted set's personal values other than plain names (issue 15): officers, children
and ages, NI numbers, dates of birth, plates, addresses, postcodes, phones, e-mails, each in
forms the other sets do not use. Each function takes the unit's number and is deterministic.
Written without sight of the detector."""

from __future__ import annotations

from crimeplan.synthetic.planted_pii_fourth import _ordinal, _rot

OFFICER_FIRST = ["Tegwen", "Obinna", "Kirsteen", "Lukasz", "Parminder", "Delphine", "Rory"]
OFFICER_LAST = [
    "Iwu", "Rowlands", "Mwangi", "Ashcroft", "Kilbane", "Sandoval", "Zielinski", "Tregear",
    "Oyediran", "Macaulay", "Sidhu", "Fennimore", "Gbadamosi", "Lindqvist", "Penrose",
    "Abercrombie", "Yeo", "Hegarty", "Olowe",
]  # fmt: skip
# {f}: first name, {l}: surname, {ll}: surname in lower case, {L}: in capitals.
RANK_FORMS = [
    "D/Sgt {l}", "A/Insp {l}", "T/DS {l}", "Det Con {l}", "Det. Sgt {f} {l}", "Officer {l}",
    "Police Constable {f} {l}", "PC {f} {l}", "sgt {ll}", "Detective Sergeant {l}",
    "DCI {f} {l}", "Chief Supt {l}", "Ch Insp {l}", "PCSO {L}", "Acting Sergeant {l}",
    "WDC {l}", "det insp {ll}", "Constable {l}", "Inspector {f} {l}",
]  # fmt: skip
NUMBER_FORMS = [
    "shoulder number {d}", "badge number {d}", "warrant number {w}", "PC {d}{b}", "PCSO {d}",
    "epaulette {d} {b}", "collar no. {d}{b}", "P.C. {d}",
]  # fmt: skip
BCU = ["KD", "HT", "JC", "EK", "TX", "PY", "RG", "ZD", "QK", "LX"]
CHILDREN = [
    "Tegan", "Osian", "Eilidh", "Ruairi", "Kwaku", "Jayden", "Keziah", "Aarav", "Zainab",
    "Wiktoria", "Yusra", "Mei", "Deniz", "Ayaan", "Leilani", "Caio", "Bethan", "Finlay", "Kayden",
    "Nyla", "Idris", "Amara", "Ffion", "Olamide", "Kemi", "Ishaan", "Blessing", "Honey", "Marley",
    "Sumaya", "Tiago", "Kacey",
]  # fmt: skip
RELATIONS = [
    "boy", "girl", "stepdaughter", "grandchild", "middle one", "god-daughter", "little brother",
    "kid sister", "teenage son", "baby girl", "cousin",
]  # fmt: skip
AGE_WORDS = {
    4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven",
    12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
}  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
STREETS = [
    "Penrhyn Avenue", "Kilbride Road", "Abercorn Close", "Macready Street", "Blenkinsop Way",
    "Okeover Road", "Carnoustie Drive", "Pengelly Close", "Rosslyn Crescent", "Tremadoc Road",
    "Ballantyne Grove", "Ogilby Street",
]  # fmt: skip
BLOCKS = [
    "Tregarth House", "Ashcombe Court", "Malvina Tower", "Ravensbury Point", "Boswell House",
    "Cadogan Heights", "Ebony House",
]  # fmt: skip
ESTATES = ["Kingsmead Estate", "Pembury Estate", "Gascoyne Estate", "Brandon Estate"]
OUTWARD = [
    "E14", "SE15", "N15", "W10", "NW6", "SW9", "E2", "CR0", "BR1", "HA0", "EN3", "KT2", "DA8",
    "SM4", "WC1X", "EC2M", "W1D", "CF10", "SA1", "LL57", "EH6", "G3", "BT9", "DD1", "NP20",
    "BD8", "L8", "OL11",
]  # fmt: skip
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
NI_LETTERS = "ABCEGHJKLMNPRSTWXYZ"
NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
EMAIL_LOCAL = [
    "kofi_asante", "mam.bevan", "cerisgrandad", "ladyhodan", "nanabee", "dragonlady", "t.albu",
    "the_vaughans", "bigmo", "rhondda.girl", "Paulie.H", "sunnyside",
]  # fmt: skip
EMAIL_DOMAINS = ["example.org", "example.com", "post.example.net", "EXAMPLE.ORG"]


def officer(n: int) -> tuple[str, tuple[str, ...]]:
    form = _rot(RANK_FORMS, n, 5)
    first, last = _rot(OFFICER_FIRST, n, 3), _rot(OFFICER_LAST, n, 7)
    text = form.format(f=first, l=last, ll=last.lower(), L=last.upper())
    if "{f}" in form:
        return text, (first, last)
    if "{ll}" in form:
        return text, (last.lower(),)
    return text, (last.upper(),) if "{L}" in form else (last,)


def officer_number(n: int) -> tuple[str, str]:
    """An officer named only by number: the phrase and the number that must go."""
    form = _rot(NUMBER_FORMS, n, 3)
    digits, bcu = f"{(n * 271 + 1234) % 8000 + 1000}", _rot(BCU, n, 7)
    warrant = f"{(n * 7331 + 20417) % 900000 + 100000}"
    text = form.format(d=digits, b=bcu, w=warrant)
    if "{w}" in form:
        return text, warrant
    if "{d}{b}" in form:
        return text, f"{digits}{bcu}"
    return text, f"{digits} {bcu}" if "{d} {b}" in form else digits


def child_with_age(n: int) -> tuple[str, str, str]:
    """(phrase, child's name, age probe) in one of ten forms."""
    child, rel = _rot(CHILDREN, n, 5), _rot(RELATIONS, n, 3)
    age = 4 + (n * 5) % 14
    return [
        (f"my {rel} {child}, {age} years of age,", child, f"{age} years of age"),
        (f"{child} (aged {age})", child, f"aged {age}"),
        (f"my {age}-yr-old {child}", child, f"{age}-yr-old"),
        (f"{child}, age {age},", child, f"age {age}"),
        (f"my {rel} {child} - just {age} -", child, f"just {age}"),
        (f"{child}, who'll be {age} in May,", child, f"be {age}"),
        (f"little {child}, barely {AGE_WORDS[age]},", child, f"barely {AGE_WORDS[age]}"),
        (f"{child} ({age}yrs)", child, f"{age}yrs"),
        (f"my {rel}, {child} ({age} y/o),", child, f"{age} y/o"),
        (f"{child}, who is in Year {max(age - 5, 1)} and {age},", child, f"and {age}"),
    ][n % 10]


def ni(n: int) -> str:
    a, b = _rot(list(NI_LETTERS), n, 5, 1), _rot(list(NI_LETTERS), n, 13, 8)
    if f"{a}{b}" in NI_NEVER_ISSUED:
        a = "J"
    d = f"{(n * 6151 + 31337) % 1000000:06d}"
    s = "ABCD"[(n * 5) % 4]
    return [
        f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}",
        f"{a}{b}{d}{s}".lower(),
        f"{a}{b} {d[:3]} {d[3:]} {s}",
        f"{a}{b}{d[:2]} {d[2:4]} {d[4:]}{s}",
        f"{a}{b}/{d[:2]}/{d[2:4]}/{d[4:]}/{s}",
    ][n % 5]


def dob(n: int) -> str:
    day, month, year = 1 + (n * 13) % 28, 1 + (n * 7) % 12, 1931 + (n * 11) % 80
    name = MONTHS[month - 1]
    return [
        f"{_ordinal(day)} {name[:3]} {year}",
        f"{day}.{month}.{str(year)[2:]}",
        f"{day:02d}-{month:02d}-{year}",
        f"{_ordinal(day)} of {name}, {year}",
        f"{name} {day} {year}",
        f"{_ordinal(day)} {name[:3]} '{str(year)[2:]}",
        f"{day} {name.upper()} {year}",
        f"{day:02d}/{month:02d}/{str(year)[2:]}",
    ][n % 8]


def vehicle(n: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXY"  # no I, Q or Z in a current plate's random letters
    area = f"{_rot(list('ABDEFGHKLMNOPRSVWY'), n, 7)}{_rot(list(letters), n, 5, 3)}"
    age = [18, 68, 7, 57, 23, 73, 12, 61, 3, 52][n % 10]
    tail = "".join(_rot(list(letters), n, k, k * 2) for k in (11, 17, 23))
    return [
        f"{area}{age:02d} {tail}",
        f"{area}{age:02d}{tail}".lower(),
        f"{tail[:2]}Z {1000 + (n * 379) % 9000}",
        f"{_rot(list('ABCDEFGHJKLMNPRSTVWXY'), n, 3)}{10 + (n * 41) % 990} {tail}",
        f"{tail} {100 + (n * 53) % 900}{_rot(list('ABCDEFGHJKLMNPRSTVWXY'), n, 5)}",
        f"{10 + (n * 7) % 89} {tail}",
    ][n % 6]


def address(n: int) -> tuple[str, tuple[str, ...]]:
    """An address and its probes (the whole address; a block or number and street alone)."""
    street, block, estate = _rot(STREETS, n, 5), _rot(BLOCKS, n, 3), _rot(ESTATES, n)
    num, flat = 3 + (n * 19) % 150, f"{1 + n % 30}{'ABC'[n % 3]}"
    form = n % 5
    if form == 0:
        text = f"Flat {flat} {block}"
        return text, (text, block)
    if form == 1:
        text = f"the basement flat at {num} {street}"
        return text, (f"{num} {street}",)
    if form == 2:
        text = f"{1 + n % 60} {block}, {estate}"
        return text, (text, block)
    if form == 3:
        text = f"Maisonette {1 + n % 8}, {num} {street}"
        return text, (text, f"{num} {street}")
    return f"{num} {street}".upper(), (f"{num} {street}".upper(),)


def postcode(n: int) -> str:
    out = _rot(OUTWARD, n, 5)
    inward = f"{(n * 7) % 10}{_rot(list(INWARD), n, 3)}{_rot(list(INWARD), n, 11, 4)}"
    return [
        f"{out} {inward}",
        f"{out}{inward}".lower(),
        f"{out[0]}{out[1:].lower()} {inward.lower()}",
        f"{out}  {inward}",
    ][n % 4]


def phone(n: int) -> str:
    k = f"{(n * 43 + 5) % 1000:03d}"
    return [
        f"07700-900-{k}",
        f"07700 900 {k}",
        f"0044 7700 900{k}",
        f"+447700900{k}",
        f"(0131) 496 0{k}",
        f"0141-496-0{k}",
        f"028 9018 0{k}",
        f"0113 4960{k}",
        f"0151 496 0{k}",
        f"+44 (0) 20 7946 0{k}",
    ][n % 10]


def email(n: int) -> str:
    local, domain = _rot(EMAIL_LOCAL, n, 5), _rot(EMAIL_DOMAINS, n, 3)
    if n % 9 == 4:
        return f"{local}{n} at {domain.replace('.', ' dot ')}"
    return f"{local}{n}@{domain}"
