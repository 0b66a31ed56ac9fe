"""The sixth planted set's personal values other than plain names (issue 15): officers by rank
and by number, children and ages, NI numbers, dates of birth, plates, addresses, postcodes,
phones, e-mails, each in forms the earlier sets do not use. Each function takes the unit's
number and is deterministic. Written without sight of the detector."""

from __future__ import annotations

from crimeplan.synthetic.planted_pii_fourth import _ordinal, _rot

OFFICER_FIRST = ["Dele", "Kirsty", "Mandeep", "Bogdan", "Olufemi", "Caitriona", "Dominik", "Yvette"]
OFFICER_LAST = [
    "Trevithick", "Kerrigan", "Ogunbanjo", "Hollingsworth", "Szczepanski", "Balogun", "Carmody",
    "Raikes", "Fenwick", "Nuttall", "Oduya", "Przybylski", "Gilchrist", "Ahluwalia", "McAteer",
    "Vowles", "Tremlett", "Onwuachi", "Brazier", "Loughlin", "Iheanacho",
]  # fmt: skip
# {f}: first name, {l}: surname, {ll}: surname in lower case, {L}: in capitals. Forms with {f}
# alone name the officer by first name only.
RANK_FORMS = [
    "PS {l}", "Pc {l}", "W/PC {l}", "D.C. {l}", "Det Insp {f} {l}", "Supt {l}", "Sgt. {f} {l}",
    "SC {l}", "Special Constable {f} {l}", "TDC {l}", "Chief Inspector {l}", "Police Sergeant {l}",
    "Sergeant {f}", "PC {L}", "PCSO {f}", "detective {ll}", "DS {f} {l} from CID",
    "Officer {f}", "pc {ll}", "DSU {l}", "Insp. {l}", "Det. Constable {l}",
]  # fmt: skip
# {d}: a shoulder number, {b}: a unit's letters, {w}: a warrant number.
NUMBER_FORMS = [
    "officer number {d}", "PC{d}{b}", "PS {d}{b}", "ID no. {d}", "warrant card no {w}",
    "pcso #{d}", "Pc {d}", "number {d}/{b}", "P.S. {d}", "shoulder no {d}", "PC {b}{d}",
    "collar number {d}",
]  # fmt: skip
BCU = ["NE", "CE", "SN", "AW", "EA", "SE", "NW", "CW", "SW", "WA"]
# Four-digit groups of the phone ranges and years of birth that a shoulder number must not equal.
RESERVED = {"7946", "4960", "9018", "2018", "9600", "7700", "1632", "1570", "8081", "3069"}
CHILDREN = [
    "Ezra", "Imani", "Lyra", "Tomasz", "Safiya", "Remi", "Inaaya", "Mabel", "Arlo", "Esme",
    "Kobe", "Hafsa", "Aniela", "Emeka", "Bodhi", "Nia", "Kairo", "Iqra", "Thea", "Lottie",
    "Reggie", "Sade", "Oluchi", "Yahya", "Elodie", "Fenella", "Ishbel", "Cian", "Dara", "Mylo",
    "Rhianna", "Jaxon", "Kenzie", "Alesha", "Bartek",
]  # fmt: skip
RELATIONS = [
    "lad", "lass", "youngest", "eldest", "stepson", "grandson", "foster daughter", "twin",
    "nephew", "little one", "big sister", "son",
]  # fmt: skip
AGE_WORDS = {
    4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven",
    12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
}  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
    "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth",
]  # fmt: skip
UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = {3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
STREETS = [
    "Lydgate Road", "Quennell Close", "Tenniswood Road", "Cressingham Grove", "Hazelbourne Road",
    "Wickersley Road", "Pargeter Street", "Bramcote Grove", "Ossory Road", "Cheverton Road",
    "Mablethorpe Street", "Tolworth Close", "Ruskington Road",
]  # fmt: skip
SHORT = {"Road": "Rd", "Street": "St", "Close": "Cl", "Grove": "Gr"}
MEWS = ["Kestrel Mews", "Cobbold Mews", "Farrier's Yard", "Lanyard Court", "Threlkeld Mews"]
OUTWARD = [
    "SE5", "N1C", "E20", "SW11", "NW10", "W12", "E17", "N19", "SE28", "IG11", "RM9", "TW3",
    "UB1", "CR4", "SE9", "E1W", "W2", "EC1V", "WC2H", "TR18", "IV2", "PE13", "LS11", "M14",
    "B21", "NE4", "PL4", "JE2", "GY1", "IM1",
]  # fmt: skip
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
NI_LETTERS = "ABCEGHJKLMNPRSTWXYZ"
NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
EMAIL_FIRST = ["jan", "bev", "tunde", "marg", "sunny", "des", "fliss", "raj", "col", "mags"]
EMAIL_LAST = ["okoye", "pilling", "adjaye", "mcgowan", "sharrock", "doyle", "bhatt", "pybus"]
EMAIL_LOCAL = [
    "bluebell.lady", "nan_of_six", "parkingwars", "spurs4ever", "the.oldies", "mum2three",
    "kettle.on", "eastender_67", "lonestar.cab", "dog.walker.77",
]  # fmt: skip
EMAIL_TAGS = ["police", "mopac", "consult", "scam", "council"]


def named_officer(form: str, first: str, last: str) -> tuple[str, tuple[str, ...]]:
    """An officer by rank in `form` ({f}: first name, {l}: surname, {ll}: in lower case, {L}:
    in capitals): the phrase and the names that must go. Shared with the seventh set."""
    text = form.format(f=first, l=last, ll=last.lower(), L=last.upper())
    probes: tuple[str, ...] = ()
    if "{f}" in form:
        probes += (first,)
    if "{l}" in form:
        probes += (last,)
    if "{ll}" in form:
        probes += (last.lower(),)
    if "{L}" in form:
        probes += (last.upper(),)
    return text, probes


def officer(n: int) -> tuple[str, tuple[str, ...]]:
    form = _rot(RANK_FORMS, n, 5)
    return named_officer(form, _rot(OFFICER_FIRST, n, 3), _rot(OFFICER_LAST, n, 4))


def officer_number(n: int) -> tuple[str, str]:
    """An officer named only by number: the phrase and the number that must go."""
    form = _rot(NUMBER_FORMS, n, 5)
    k = n
    digits = f"{(k * 337 + 2113) % 6800 + 2100}"
    while digits in RESERVED or 1900 <= int(digits) <= 2030:
        k += 1
        digits = f"{(k * 337 + 2113) % 6800 + 2100}"
    bcu = _rot(BCU, n, 3)
    warrant = f"{(n * 6733 + 310417) % 800000 + 150000}"
    text = form.format(d=digits, b=bcu, w=warrant)
    if "{w}" in form:
        return text, warrant
    if form.startswith("PC{"):
        return text, text  # run together with the rank, the whole is the number
    for joined in ("{d}{b}", "{b}{d}", "{d}/{b}"):
        if joined in form:
            return text, joined.format(d=digits, b=bcu)
    return text, digits


def child_with_age(n: int) -> tuple[str, str, str]:
    """(phrase, child's name, age probe) in one of ten forms."""
    child, rel = _rot(CHILDREN, n, 8), _rot(RELATIONS, n, 5)
    age = 4 + (n * 3) % 14
    return [
        (f"{child} who's {age}", child, f"who's {age}"),
        (f"my {age}yo {child}", child, f"{age}yo"),
        (f"{child} - {age} yrs old -", child, f"{age} yrs old"),
        (f"{child}, only {AGE_WORDS[age]},", child, f"only {AGE_WORDS[age]}"),
        (f"{child} [{age}]", child, f"[{age}]"),
        (f"my {rel} ({age}) {child}", child, f"({age})"),
        (f"{child}, {age} next month,", child, f"{age} next month"),
        (f"our {rel} {child} aged {age}yrs", child, f"aged {age}yrs"),
        (f"{child}, who turned {age} at Christmas,", child, f"turned {age}"),
        (f"{child}, a {age} year old,", child, f"{age} year old"),
    ][n % 10]


def ni(n: int) -> str:
    a, b = _rot(list(NI_LETTERS), n, 7, 2), _rot(list(NI_LETTERS), n, 11, 5)
    if f"{a}{b}" in NI_NEVER_ISSUED:
        a = "W"
    d = f"{(n * 48271 + 90210) % 1000000:06d}"
    s = "ABCD"[(n * 3 + 1) % 4]
    return [
        f"{a}{b}-{d[:2]}-{d[2:4]}-{d[4:]}-{s}",
        f"{a}{b}.{d[:2]}.{d[2:4]}.{d[4:]}.{s}",
        f"{a}{b} {d}{s}",
        " ".join(f"{a}{b}{d}{s}"),
        f"{a}{b.lower()} {d[:2]} {d[2:4]} {d[4:]} {s.lower()}",
    ][n % 5]


def _year_words(year: int) -> str:
    tens, units = divmod(year % 100, 10)
    if tens == 0:
        return f"nineteen oh {UNITS[units]}"
    if tens == 1:
        return "nineteen " + ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                              "sixteen", "seventeen", "eighteen", "nineteen"][units]  # fmt: skip
    return f"nineteen {TENS[tens]}" + (f"-{UNITS[units]}" if units else "")


def dob(n: int) -> str:
    day, month, year = 1 + (n * 17) % 28, 1 + (n * 5) % 12, 1933 + (n * 7) % 67
    name = MONTHS[month - 1]
    return [
        f"{year}-{month:02d}-{day:02d}",
        f"{day:02d}.{month:02d}.{year}",
        f"{day}/{month}/{str(year)[2:]}",
        f"{name[:3]} {_ordinal(day)}, {year}",
        f"{day}-{name[:3]}-{year}",
        f"{day:02d}{name[:3].upper()}{year}",
        f"the {ORDINAL_WORDS[day - 1]} of {name}, {_year_words(year)}",
        f"{_ordinal(day)} {name.lower()} {year}",
        f"{day} {name} {year}",
        f"{day:02d} / {month:02d} / {year}",
    ][n % 10]


def vehicle(n: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXY"  # no I, Q or Z in a current plate's random letters
    area = f"{_rot(list('ABDEFGHKLMNOPRSVWY'), n, 5, 2)}{_rot(list(letters), n, 7, 1)}"
    age = [19, 69, 8, 58, 24, 74, 13, 62, 5, 55, 21, 71][n % 12]
    tail = "".join(_rot(list(letters), n, k, k * 3) for k in (13, 19, 29))
    prefix = _rot(list("ABCDEFGHJKLMNPRSTVWXY"), n, 5, 4)
    return [
        f"{area}{age:02d}-{tail}",
        f"{area} {age:02d} {tail}",
        f"{area}{age:02d}{tail}",
        f"{prefix} {100 + (n * 61) % 900} {tail}",
        f"{area.lower()}{age:02d} {tail.lower()}",
        f"{area}{age:02d} {tail}",
    ][n % 6]


def address(n: int) -> tuple[str, tuple[str, ...]]:
    """An address and its probes (the whole address; the number and street alone)."""
    street, mews = _rot(STREETS, n, 5), _rot(MEWS, n, 3)
    num, flat = 2 + (n * 23) % 180, 1 + n % 12
    road, kind = street.rsplit(" ", 1)
    short = f"{road} {SHORT[kind]}"
    form = n % 7
    if form == 0:
        text = f"Flat {flat}, {num} {street}"
        return text, (text, f"{num} {street}")
    if form == 1:
        text = f"{num}a {street}"
        return text, (text,)
    if form == 2:
        text = f"no. {num} {short}"
        return text, (f"{num} {short}",)
    if form == 3:
        text = f"{num}, {street}"
        return text, (text,)
    if form == 4:
        text = f"{num} {street}".lower()
        return text, (text,)
    if form == 5:
        text = f"Unit {flat}, {mews}"
        return text, (text,)
    text = f"the top flat, {num} {short}"
    return text, (f"{num} {short}",)


def postcode(n: int) -> str:
    out = _rot(OUTWARD, n, 7)
    inward = f"{(n * 3) % 10}{_rot(list(INWARD), n, 7)}{_rot(list(INWARD), n, 13, 5)}"
    return [
        f"{out} {inward}",
        f"{out} {inward}".lower(),
        f"{out}{inward}",
        f"{out} {inward.lower()}",
    ][n % 4]


def phone(n: int) -> str:
    k = f"{(n * 47 + 11) % 1000:03d}"
    return [
        f"+44 (0)20 7946 0{k}",
        f"+44(0)7700 900{k}",
        f"07700.900.{k}",
        f"07700/900{k}",
        f"0207 946 0{k}",
        f"020-7946-0{k}",
        f"01632 960{k}",
        f"029 2018 0{k}",
        f"0044 (0)161 496 0{k}",
        f"077 00 900 {k}",
        f"+44-7700-900-{k}",
        f"(07700) 900{k}",
    ][n % 12]


def email(n: int) -> str:
    first, last = _rot(EMAIL_FIRST, n, 3), _rot(EMAIL_LAST, n, 5)
    local, tag = _rot(EMAIL_LOCAL, n, 7), _rot(EMAIL_TAGS, n)
    return [
        f"{first}.{last}+{tag}@example.com",
        f"{local}{n}@mail.example",
        f"{first.title()}.{last.title()}{n}@Example.org",
        f"{local}+{tag}@example.net",
        f"{local}{n}[at]example[dot]com",
        f"{first}.{n}.{last}@lists.example.org",
        f"{local}{n} (at) example (dot) org",
        f"{first[0]}.{last}{n}@example.co.example",
    ][n % 8]
