"""The seventh planted set's personal values other than plain names (issue 15): officers by rank
and by number, children and ages, NI numbers, dates of birth, plates (cherished, dateless,
suffix, Northern Irish and Irish), addresses (rear of, named houses, rooms, basements),
postcodes, phones and e-mails, each in forms the sixth set does not use. Each function takes
the unit's number and is deterministic. Written without sight of the detector."""

from __future__ import annotations

from crimeplan.synthetic.planted_pii_fourth import _ordinal, _rot
from crimeplan.synthetic.planted_pii_sixth_values import named_officer

OFFICER_FIRST = ["Segun", "Morag", "Jaswinder", "Radek", "Bukola", "Eoin", "Lucja", "Cormac"]
OFFICER_LAST = [
    "Gathercole", "Ormerod", "Adewole", "Strudwick", "Kaminski", "Oyinlola", "Cresswell",
    "Duckworth", "Haslam", "Mulhern", "Nkemelu", "Prendergast", "Sandhar", "Twigg",
    "Wolstenholme", "Achterberg", "Blenkinsop", "Cheetham", "Oyebanji", "Rourke", "Tordoff",
]  # fmt: skip
# {f}: first name, {l}: surname, {ll}: surname in lower case, {L}: in capitals.
RANK_FORMS = [
    "DCI {l}", "D/Sgt {l}", "Ch Insp {f} {l}", "Chief Supt {l}", "A/Sgt {l}",
    "Acting Inspector {f} {l}", "T/DS {l}", "Constable {l}", "Police Constable {f} {l}",
    "WPC {l}", "Detective Chief Inspector {L}", "the sergeant, {f} {l},", "Inspector {l}'s",
    "PC {f}", "Det Sgt {l}", "Superintendent {l}", "police officer {f} {l}",
    "DS {l} of the Community Safety Unit", "sgt {ll}", "Det Con {l}", "T/Insp {l}",
    "pcso {f} {ll}", "neighbourhood officer {f} {l}",
]  # fmt: skip
# {d}: a shoulder number, {b}: a unit's letters, {w}: a staff or warrant number.
NUMBER_FORMS = [
    "epaulette number {d}", "badge {d}", "PC {d} {b}", "PCSO {d}{b}", "DC {d}{b}",
    "force ID {d}", "no. {d}{b}", "PC No {d}", "officer {d}{b}", "#{d}{b}",
    "PC {d}-{b}", "collar {b}{d}", "W/PC {d}", "warrant no. {w}", "staff number {w}",
]  # fmt: skip
BCU = ["EK", "NA", "SX", "WX", "KD", "PY", "CO", "HT", "LX", "RG"]
RESERVED = {"7946", "4960", "9018", "2018", "9600", "7700", "1632", "1570", "8081", "3069"}
CHILDREN = [
    "Tobiloba", "Ximena", "Zuzanna", "Ruqayyah", "Oisin", "Saoirse", "Teodor", "Anaya",
    "Ifeoluwa", "Mehmet", "Yusra", "Kallum", "Delphine", "Nnamdi", "Priyanka", "Marley",
    "Tiago", "Roksana", "Aurelia", "Kimani", "Brodie", "Elif", "Nikodem", "Sumaya", "Harpal",
    "Lennox", "Soraya", "Cosmin", "Wiktoria", "Jairo", "Tallis", "Daniyal", "Ezekiel",
]  # fmt: skip
RELATIONS = [
    "stepdaughter", "godson", "great-grandson", "middle one", "baby brother", "kid sister",
    "foster son", "granddaughter", "boy", "girl", "little lad", "oldest",
]  # fmt: skip
AGE_WORDS = {
    5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven",
    12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
}  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STREETS = [
    "Abbotswell Road", "Bevington Terrace", "Chalgrove Walk", "Dunsford Drive",
    "Elmscott Parade", "Fennimore Place", "Glengarry Row", "Haldane Rise", "Ivydale Vale",
    "Jutland Terrace", "Kylemore Walk", "Lorrimore Drive", "Malyons Place",
]  # fmt: skip
HOUSES = ["Fernleigh", "Ty Gwyn", "Tregarthen", "Oakdene", "Holmwood Lodge", "Braeside"]
BLOCKS = ["Carew House", "Lefevre Court", "Tulliver House", "Marlowe Court", "Wyndcliff House"]
OUTWARD = [
    "BT9", "CF24", "EH6", "G41", "AB10", "LL57", "SA1", "DD1", "KY1", "BS5", "L8", "S11",
    "NG7", "CV1", "OX4", "BN2", "SO14", "ME7", "DA1", "BR1", "KT1", "SM1", "WD6", "EN5",
    "W1W", "SW1V", "EC2A", "N16", "E13", "SE17", "NW1", "TW13",
]  # fmt: skip
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
NI_LETTERS = "ABCEGHJKLMNPRSTWXYZ"
NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
EMAIL_FIRST = ["kez", "dot", "wyn", "babs", "nell", "ifey", "stan", "lou", "mo", "vee"]
EMAIL_LAST = ["ogundipe", "varley", "kaur77", "vamos", "oduro", "macrae", "lyttle", "ansari"]
EMAIL_LOCAL = [
    "corner.shop.mgr", "quiet_life", "govnor.parent", "youthwork99", "noisy.neighbour.no",
    "panel.sec", "mum_of_4", "night.shift.nurse", "allotment.al", "e17.resident",
]  # fmt: skip


def officer(n: int) -> tuple[str, tuple[str, ...]]:
    form = _rot(RANK_FORMS, n, 5)
    return named_officer(form, _rot(OFFICER_FIRST, n, 3), _rot(OFFICER_LAST, n, 4))


def officer_number(n: int) -> tuple[str, str]:
    """An officer named only by number: the phrase and the number that must go."""
    form = _rot(NUMBER_FORMS, n, 7)
    k = n
    digits = f"{(k * 419 + 1307) % 5900 + 3100}"
    while digits in RESERVED or 1900 <= int(digits) <= 2030:
        k += 1
        digits = f"{(k * 419 + 1307) % 5900 + 3100}"
    if n % 3 == 0:
        digits = digits[:3]  # three-digit shoulder numbers too
    bcu = _rot(BCU, n, 3)
    staff = f"{(n * 7151 + 202019) % 700000 + 200000}"
    text = form.format(d=digits, b=bcu, w=staff)
    if "{w}" in form:
        return text, staff
    for joined in ("{d}{b}", "{b}{d}", "{d} {b}", "{d}-{b}"):
        if joined in form:
            return text, joined.format(d=digits, b=bcu)
    return text, digits


def child_with_age(n: int) -> tuple[str, str, str]:
    """(phrase, child's name, age probe) in one of twelve forms new to this set."""
    child, rel = _rot(CHILDREN, n, 8), _rot(RELATIONS, n, 5)
    age = 5 + (n * 5) % 12
    return [
        (f"{child} (age {age})", child, f"age {age}"),
        (f"{child}, age {age},", child, f"age {age}"),
        (f"{child}, who is {age} years of age,", child, f"{age} years of age"),
        (f"{child}, {age} and a half,", child, f"{age} and a half"),
        (f"{child} ({age} y/o)", child, f"{age} y/o"),
        (f"{child}, just gone {age},", child, f"just gone {age}"),
        (f"my {rel} {child}, {AGE_WORDS[age]} years old,", child, f"{AGE_WORDS[age]} years old"),
        (f"{child} ({age}yrs)", child, f"{age}yrs"),
        (f"{age}-yr-old {child}", child, f"{age}-yr-old"),
        (f"{child}, now {age},", child, f"now {age}"),
        (f"{child} who is nearly {age}", child, f"nearly {age}"),
        (f"our {rel} {child} - age: {age} -", child, f"age: {age}"),
    ][n % 12]


def ni(n: int) -> str:
    a, b = _rot(list(NI_LETTERS), n, 5, 3), _rot(list(NI_LETTERS), n, 13, 7)
    if f"{a}{b}" in NI_NEVER_ISSUED:
        a = "J"
    d = f"{(n * 69621 + 31337) % 1000000:06d}"
    s = "ABCD"[(n * 5 + 2) % 4]
    return [
        f"{a}{b}/{d[:2]}/{d[2:4]}/{d[4:]}/{s}",
        f"{a}{b}{d[:2]} {d[2:4]} {d[4:]}{s}",
        f"{a}{b} {d[:3]} {d[3:]} {s}",
        f"{a}{b}-{d}-{s}",
        f"{a}{b} {d[:2]}-{d[2:4]}-{d[4:]} {s}",
        f"{a.lower()}{b.lower()}{d}{s.lower()}",
        f"{a}{b}{d[:4]} {d[4:]}{s}",
    ][n % 7]


def dob(n: int) -> str:
    day, month, year = 1 + (n * 13) % 28, 1 + (n * 7) % 12, 1931 + (n * 11) % 70
    name = MONTHS[month - 1]
    weekday = DAYS[(n * 3) % 7]
    return [
        f"{day}.{month}.{str(year)[2:]}",
        f"{name} {day} {year}",
        f"{_ordinal(day)} of {name} {year}",
        f"{day:02d}-{month:02d}-{year}",
        f"{year}/{month:02d}/{day:02d}",
        f"{day} {name[:3]} '{str(year)[2:]}",
        f"{weekday} {day} {name} {year}",
        f"{_ordinal(day)} {name[:3]}. {year}",
        f"{name[:3].upper()}-{day:02d}-{year}",
        f"{day} {name[:3].lower()} {str(year)[2:]}",
        f"{year}{month:02d}{day:02d}",
    ][n % 11]


def vehicle(n: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXY"
    three = "".join(_rot(list(letters), n, k, k * 2) for k in (3, 11, 17))
    num = 100 + (n * 37) % 900
    suffix = _rot(list("ABCDEFGHJKLMNPRSTVWXY"), n, 7, 2)
    age = f"{[14, 64, 17, 67, 23, 73, 9, 59][n % 8]:02d}"
    area = f"{_rot(list('ABDEFGHKLMNOPRSVWY'), n, 3, 1)}{_rot(list(letters), n, 5, 3)}"
    cherished = ["S4 DIQ", "B16 BOS", "M4 RKS", "K11 RST", "T3 RRY", "A7 OKO", "R10 KWA"]
    return [
        f"{three} {num}{suffix}",
        f"{num % 90 + 10} {three[:2]}",
        _rot(cherished, n, 3),
        f"{three[:2]}Z {1000 + (n * 53) % 9000}",
        f"{10 + n % 14}-D-{10000 + (n * 271) % 90000}",
        f"{area}{age} {three}".lower().replace(" ", ""),
        f"{area}{age[0]} {age[1]}{three}",
        f"{three} {num}",
        f"{area}{age}  {three}",
    ][n % 9]


def address(n: int) -> tuple[str, tuple[str, ...]]:
    """An address and its probes (the whole address; the number and street alone)."""
    street, house, block = _rot(STREETS, n, 5), _rot(HOUSES, n, 1), _rot(BLOCKS, n, 3)
    num, flat = 3 + (n * 29) % 170, 1 + n % 15
    form = n % 8
    if form == 0:
        text = f"rear of {num} {street}"
        return text, (f"{num} {street}",)
    if form == 1:
        text = f"Ground Floor Flat, {num} {street}"
        return text, (text, f"{num} {street}")
    if form == 2:
        text = f"{house}, {street}"
        return text, (text, house)
    if form == 3:
        text = f"Flat {flat} {block}, {street}"
        return text, (f"Flat {flat} {block}", f"{flat} {block}")
    if form == 4:
        text = f"c/o {num} {street}"
        return text, (f"{num} {street}",)
    if form == 5:
        text = f"the basement flat at {num} {street}"
        return text, (f"{num} {street}",)
    if form == 6:
        text = f"Room {flat}, {num} {street}"
        return text, (text, f"{num} {street}")
    text = f"No.{num} {street}"
    return text, (text, f"{num} {street}")


def postcode(n: int) -> str:
    out = _rot(OUTWARD, n, 5)
    inward = f"{(n * 7) % 10}{_rot(list(INWARD), n, 3)}{_rot(list(INWARD), n, 11, 4)}"
    return [
        f"{out} {inward}",
        f"{out}{inward}".lower(),
        f"{out.title()} {inward.lower()}",
        f"{out}-{inward}",
        f"{out} {inward}",
    ][n % 5]


def phone(n: int) -> str:
    k = f"{(n * 61 + 23) % 1000:03d}"
    return [
        f"07700900{k}",
        f"+447700900{k}",
        f"0121 496 0{k}",
        f"0113-496-0{k}",
        f"(0117) 496 0{k}",
        f"0141 4960{k}",
        f"028 9018 0{k}",
        f"0808 157 0{k}",
        f"07700 900 {k}",
        f"+44 7700 900{k}",
        f"07700-900-{k}",
        f"0118 496 0{k} ext 2{k[:2]}",
        f"0131 496 0{k}",
    ][n % 13]


def email(n: int) -> str:
    first, last = _rot(EMAIL_FIRST, n, 3), _rot(EMAIL_LAST, n, 5)
    local = _rot(EMAIL_LOCAL, n, 7)
    return [
        f"{first}_{last}@example.com",
        f"{local} at example dot com",
        f"mailto:{first}-{last}@example.org",
        f"{n + 1970}{first}@example.net",
        f"{local}{{at}}example{{dot}}org",
        f"{first}.{last} @ example.co.uk",
        f"{first}{last}{n}@EXAMPLE.COM".upper(),
        f"{local}.{n}@mail.example.org",
    ][n % 8]
