"""A planted set of personal data for measuring redaction: every kind, every format, survey too.

`generate_planted(folder, consultation)` writes `written/` (six responses in each of .txt, .md,
.pdf, .docx and .eml, with manifest.csv) and `survey.csv` (open answers of 36 respondents) and
returns every planted item with its kind and the probe strings that must not survive redaction,
plus the non-personal phrases (places, organisations, office holders named in role) that must.

Kinds: name (full names in plain prose, no cue), name_lower, name_hyphen, name_foreign, officer
(rank and name), child (first name after a relation), age (attached to a named child), ni, dob,
vehicle, address, postcode, phone, email. The names are drawn so that no part of one is an
ordinary English word.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.synthetic.pdf import write_docx, write_eml, write_pdf

FIRST = [
    "Amara",
    "Bethany",
    "Callum",
    "Deepa",
    "Eamon",
    "Farah",
    "Gideon",
    "Harriet",
    "Imogen",
    "Jasper",
    "Kezia",
    "Leonie",
    "Marcus",
    "Nadia",
    "Oscar",
    "Priya",
    "Quentin",
    "Rosalind",
    "Tobias",
    "Ursula",
    "Vikram",
    "Wilhelmina",
    "Xander",
    "Yasmin",
    "Zachary",
]
LAST = [
    "Abernethy",
    "Brackenbury",
    "Chowdhury",
    "Delacroix",
    "Eastwood",
    "Fairbairn",
    "Gallagher",
    "Hargreaves",
    "Ingram",
    "Jefferies",
    "Kowalczyk",
    "Lindqvist",
    "Mortimer",
    "Nwachukwu",
    "Oyelaran",
    "Pemberton",
    "Quigley",
    "Rutherford",
    "Szymanska",
    "Thistlewood",
    "Underhill",
    "Vasquez",
    "Whitworth",
    "Yeboah",
    "Zielinski",
]
FOREIGN = [
    "Nguyen Van Minh",
    "Oluwaseun Adeyemi",
    "Zbigniew Wójcik",
    "Mehmet Yılmaz",
    "Siobhán Ní Bhriain",
    "Abdirahman Farah Warsame",
    "Ayşe Demirci",
    "Chukwuemeka Okonkwo",
    "Giedrė Kazlauskienė",
    "Rajinder Kaur Sandhu",
    "Thandiwe Mthembu",
    "Björn Åkesson",
    "Florin Popescu",
    "Kwabena Asante",
    "Fatoumata Diallo",
    "Jiang Xiaoming",
]
HYPHEN = [
    "Marie-Claire Dubois",
    "Jean-Luc Moreau",
    "Anna-Maria Kowalczyk",
    "Ellis Hartley-Whitworth",
    "Hattie Lowther-Pinkerton",
    "Kai Ashworth-Mensah",
    "Rhys Pryce-Jones",
    "Li-Ann Tan",
]
RANKS = [
    "PC",
    "DC",
    "Sgt",
    "DS",
    "Insp",
    "DI",
    "PCSO",
    "Sergeant",
    "Inspector",
    "Detective Sergeant",
]
CHILD = [
    "Ottilie",
    "Jayden",
    "Maisie",
    "Tyler",
    "Aaliyah",
    "Kofi",
    "Leila",
    "Mateusz",
    "Freya",
    "Reuben",
    "Niamh",
    "Ayaan",
    "Poppy",
    "Elijah",
    "Zainab",
    "Oskar",
]
RELATIONS = ["daughter", "son", "granddaughter", "nephew", "niece", "grandson"]
STREETS = [
    "Acacia Avenue",
    "Mulberry Close",
    "Hawthorn Road",
    "Kingfisher Way",
    "Larch Crescent",
    "Sedgemoor Gardens",
    "Ockendon Lane",
    "Pelham Street",
]
POSTCODES = [
    "RM1 3AB",
    "SE15 4QT",
    "N17 6RS",
    "E8 2LX",
    "SW9 7HE",
    "CR0 1NX",
    "HA8 5DD",
    "W10 6TH",
    "NW6 2BU",
    "EN3 4LP",
    "UB8 1QE",
    "IG1 4NH",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
# Not personal data: must survive redaction.
NON_PERSONAL = [
    "the Mayor, Sadiq Khan,",
    "Sadiq Khan",
    "Sophie Linden",
    "Sian Berry AM",
    "Commissioner Sir Mark Rowley",
    "Croydon",
    "Lambeth",
    "Tower Hamlets",
    "Romford",
    "Hackney",
    "Brixton",
    "Peckham",
    "Victim Support",
    "the Metropolitan Police",
    "MOPAC",
    "the Home Office",
    "Neighbourhood Watch",
    "Lewisham Council",
    "Age UK London",
    "London Cycling Campaign",
    "Unmesh Desai AM",
    "Transport for London",
    "Oxford Street",
    "Waltham Forest",
]
NON_PERSONAL_SENTENCES = [
    "I wrote to the Mayor, Sadiq Khan, about this and to the Deputy Mayor for Policing and "
    "Crime, Sophie Linden, as well.",
    "Sian Berry AM raised the same point, and Unmesh Desai AM asked about it in committee.",
    "Commissioner Sir Mark Rowley told the Assembly that neighbourhood teams would grow.",
    "The problem is the same in Croydon, Lambeth, Tower Hamlets and Waltham Forest.",
    "Buses from Romford to Hackney and on to Brixton and Peckham feel unsafe at night.",
    "Victim Support and Age UK London both told me the Metropolitan Police rarely call back.",
    "MOPAC and the Home Office should fund Neighbourhood Watch properly.",
    "Lewisham Council, Transport for London and the London Cycling Campaign agree.",
    "Shoplifting on Oxford Street is out of control.",
]


@dataclass(frozen=True)
class Planted:
    kind: str
    where: str  # file name or "survey:<respondent id>"
    probes: tuple[str, ...]  # none of these may appear in the redacted text


@dataclass
class PlantedSet:
    items: list[Planted] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (where, phrase) to survive
    written_files: list[str] = field(default_factory=list)
    survey_ids: list[str] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return sorted({i.kind for i in self.items})


def planted_sentences(rng: random.Random, n: int, where: str, out: PlantedSet) -> list[str]:
    """Sentences planting one item of each kind, rotating the templates by `n`."""
    first, last = FIRST[n % len(FIRST)], LAST[(n * 7 + 3) % len(LAST)]
    first2, last2 = FIRST[(n * 3 + 11) % len(FIRST)], LAST[(n * 5 + 1) % len(LAST)]
    foreign = FOREIGN[n % len(FOREIGN)]
    hyphen = HYPHEN[n % len(HYPHEN)]
    rank = RANKS[n % len(RANKS)]
    officer_last = LAST[(n * 11 + 6) % len(LAST)]
    child = CHILD[n % len(CHILD)]
    age = 11 + n % 7
    relation = RELATIONS[n % len(RELATIONS)]
    low_first, low_last = FIRST[(n + 5) % len(FIRST)].lower(), LAST[(n + 9) % len(LAST)].lower()
    street = f"{3 + n} {STREETS[n % len(STREETS)]}"
    postcode = POSTCODES[n % len(POSTCODES)]
    ni = (
        f"{'ABCEHJKLMPRSW'[n % 13]}{'ABCEHJKLMPRSW'[(n * 5) % 13]} {10 + n % 89:02d} "
        f"{(n * 37) % 100:02d} {(n * 53) % 100:02d} {'ABCD'[n % 4]}"
    )
    dob_date = rng.choice(
        [
            f"{1 + n % 28}/{1 + n % 12:02d}/19{50 + n % 45}",
            f"{1 + n % 28} {MONTHS[n % 6]} 19{60 + n % 39}",
        ]
    )
    vehicle = rng.choice(
        [
            f"{'LKYMBH'[n % 6]}{'ABCDEF'[n % 6]}{10 + n % 60:02d} {'XYZ'[n % 3]}{'KLM'[n % 3]}{'RST'[n % 3]}",
            f"{'PRTV'[n % 4]}{100 + n} {'GHJ'[n % 3]}{'KLM'[n % 3]}{'NPR'[n % 3]}",
        ]
    )
    phone = rng.choice([f"07700 900{n:03d}", f"020 7946 0{n:03d}", f"+44 161 496 0{n:03d}"])
    email = f"{first2.lower()}.{last2.lower()}{n}@example.net"
    age_form = [
        f"{child}, {age},",
        f"{child} ({age})",
        f"{child}, aged {age},",
        f"{age}-year-old {relation} {child}",
    ][n % 4]
    age_probe = [f", {age},", f"({age})", f"aged {age}", f"{age}-year-old"][n % 4]
    name_templates = [
        f"{first} {last} from across the road has been threatened twice.",
        f"Last week {first} {last} was pushed over outside the shop.",
        f"I went with {first} {last} to the ward panel.",
        f"Nobody helped {first} {last} when the car was broken into.",
    ]
    sentences = [
        name_templates[n % 4],
        f"The officer who came, {rank} {officer_last}, was polite but did nothing.",
        (
            f"My {age_form} was followed home from school."
            if n % 4 == 3
            else f"My {relation} {age_form} was followed home from school."
        ),
        f"{foreign} runs the café and has been robbed three times.",
        f"My friend {hyphen} saw the whole thing.",
        f"the man at number {n + 2}, {low_first} {low_last}, deals openly on the corner.",
        f"My National Insurance number is {ni} if you need it.",
        f"I was born on {dob_date} and have lived here all my life.",
        f"The same car, registration {vehicle}, parks there every night.",
        f"I live at {street} and nobody patrols it.",
        f"The postcode is {postcode} for your map.",
        f"Call me on {phone} any evening.",
        f"My e-mail is {email}.",
    ]
    out.items += [
        Planted("name", where, (first, last)),
        Planted("officer", where, (officer_last,)),
        Planted("child", where, (child,)),
        Planted("age", where, (age_probe,)),
        Planted("name_foreign", where, tuple(foreign.split())),
        Planted("name_hyphen", where, (*tuple(hyphen.replace("-", " ").split()), hyphen)),
        Planted("name_lower", where, (low_first, low_last)),
        Planted("ni", where, (ni, ni.replace(" ", ""))),
        Planted("dob", where, (dob_date,)),
        Planted("vehicle", where, (vehicle,)),
        Planted("address", where, (street,)),
        Planted("postcode", where, (postcode,)),
        Planted("phone", where, (phone,)),
        Planted("email", where, (email,)),
    ]
    kept = NON_PERSONAL_SENTENCES[n % len(NON_PERSONAL_SENTENCES)]
    out.kept += [(where, p) for p in NON_PERSONAL if p in kept]
    rng.shuffle(sentences)
    return [
        kept,
        *sentences[:7],
        NON_PERSONAL_SENTENCES[(n + 4) % len(NON_PERSONAL_SENTENCES)],
        *sentences[7:],
    ]


def words_of(text: str) -> set[str]:
    """The words of `text`, case-folded, without punctuation around them, possessives or hyphens."""
    return {w.casefold().strip('.,()"').removesuffix("'s") for w in text.replace("-", " ").split()}


def kept_for_unit(
    out: PlantedSet,
    first_item: int,
    where: str,
    pool: list[tuple[str, list[str]]],
    start: int,
    *,
    lower: bool = False,
) -> list[str]:
    """Two non-personal sentences from `pool` (sentence, phrases that must survive), taken in
    turn from `start`, that share no word with the probes of the unit's items (those from
    `first_item` on), so that a probe found in the text is a planted item left, not a place or
    an office holder's name; their phrases are added to `out.kept`."""
    probe_words = {w for i in out.items[first_item:] for p in i.probes for w in words_of(p)}
    rotated = [pool[(start + k) % len(pool)] for k in range(len(pool))]
    kept = [pair for pair in rotated if not probe_words & words_of(pair[0])][:2]
    for _, phrases in kept:
        out.kept += [(where, p.lower() if lower else p) for p in phrases]
    return [sentence for sentence, _ in kept]


def lowered(out: PlantedSet, first_item: int, lines: list[str]) -> list[str]:
    """A unit written all in lower case: its lines, and the probes of its items."""
    out.items[first_item:] = [
        Planted(i.kind, i.where, tuple(p.lower() for p in i.probes)) for i in out.items[first_item:]
    ]
    return [line.lower() for line in lines]


def write_response(path: Path, lines: list[str], sender: str) -> None:
    suffix = path.suffix
    if suffix in (".txt", ".md"):
        head = "# My response\n\n" if suffix == ".md" else ""
        path.write_text(head + "\n\n".join(lines) + "\n", encoding="utf-8")
    elif suffix == ".pdf":
        import textwrap

        wrapped = [w for line in lines for w in (textwrap.wrap(line, 85) or [""])]
        write_pdf(path, wrapped, title="Consultation response")
    elif suffix == ".docx":
        write_docx(path, lines)
    else:
        write_eml(path, f"{sender} <resident@example.com>", "\n\n".join(lines) + "\n")


# A unit of a planted set: (number, where, the set to add items to, survey row or None) -> the
# lines of a written response (row None) or the sentences of a survey answer (row given).
Unit = Callable[[int, str, PlantedSet, int | None], list[str]]


def write_planted_set(
    folder: str | Path,
    consultation: Consultation,
    unit: Unit,
    *,
    file_stem: str,
    survey_stem: str,
    received: str,
    submitted: str,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write `per_format` responses in each written format (`written/<file_stem>-NN.<ext>` with
    manifest.csv, private respondents, no names given, dated `received`) and `survey.csv` (`survey_rows` answers to
    the first open question, ids `<survey_stem>NNNN`, dated `submitted`), each from `unit`; return what was planted.
    Shared by the tuning, held-out and fresh planted sets."""
    folder = Path(folder)
    written = folder / "written"
    written.mkdir(parents=True, exist_ok=True)
    out = PlantedSet()
    private = next(c.code for c in consultation.respondent_categories if c.private)
    manifest = [("file", "respondent_name", "category", "organisation", "received")]
    n = 0
    for suffix in (".txt", ".md", ".pdf", ".docx", ".eml"):
        for _ in range(per_format):
            file = f"{file_stem}-{n + 1:02d}{suffix}"
            write_response(written / file, unit(n, file, out, None), "A resident")
            manifest.append((file, "", private, "", received))
            out.written_files.append(file)
            n += 1
    with (written / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(manifest)
    open_questions = [q.id for q in consultation.open_questions()]
    header = ["respondent_id", "submitted", "name", "category", "organisation", *open_questions]
    rows = []
    for r in range(survey_rows):
        rid = f"{survey_stem}{r + 1:04d}"
        text = " ".join(unit(n, f"survey:{rid}", out, r))
        n += 1
        rows.append([rid, submitted, "", private, "", text, *([""] * (len(open_questions) - 1))])
        out.survey_ids.append(rid)
    with (folder / "survey.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return out


def generate_planted(
    folder: str | Path,
    consultation: Consultation,
    *,
    seed: int = 15,
    per_format: int = 6,
    survey_rows: int = 36,
) -> PlantedSet:
    """Write the planted written responses and survey export; return what was planted."""
    rng = random.Random(seed)

    def unit(n: int, where: str, out: PlantedSet, row: int | None) -> list[str]:
        sentences = planted_sentences(rng, n, where, out)
        if row is not None:
            return sentences
        return ["Dear Deputy Mayor,", *sentences, "Yours sincerely,", "A resident"]

    return write_planted_set(
        folder,
        consultation,
        unit,
        file_stem="planted",
        survey_stem="P",
        received="2017-02-20",
        submitted="2017-02-01",
        per_format=per_format,
        survey_rows=survey_rows,
    )


def planted_texts(folder: Path, planted: PlantedSet, consultation: Consultation) -> dict[str, str]:
    """Every planted text as the system reads it: extracted from each written file, and the first
    open answer of each survey row ("survey:<id>")."""
    from crimeplan.consult.extract import extract_text

    texts = {f: extract_text(folder / "written" / f).text for f in planted.written_files}
    question = consultation.open_questions()[0].id
    with (folder / "survey.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts[f"survey:{row['respondent_id']}"] = row[question]
    return texts


@dataclass(frozen=True)
class RedactionScore:
    recall: dict[str, float]  # kind -> share of planted items with no probe left
    missed: list[Planted]
    kept_removed: float  # share of non-personal phrases damaged
    damaged: list[tuple[str, str]]
    items: int
    ordinary_removed: float  # share of the other words (neither planted nor labels) removed
    # Items none of whose probes is in the raw text as the system reads it (a PDF that lost a
    # letter): they cannot be scored and count in no recall figure.
    unscoreable: list[Planted] = field(default_factory=list)


WORD = re.compile(r"[^\W\d_]+")


def probe_pattern(probe: str) -> re.Pattern[str]:
    """`probe` as a whole word or phrase, any run of white space matching any other (a PDF line
    break inside a phone number). The word-boundary checks apply only at an end of the probe that
    is a word character: the probe ", 15," must still match in "Sophie, 15,"."""
    body = r"\s+".join(re.escape(p) for p in probe.split())
    before = r"(?<!\w)" if re.match(r"\w", probe) else ""
    after = r"(?!\w)" if re.search(r"\w$", probe) else ""
    return re.compile(before + body + after)


def probe_left(item: Planted, text: str) -> bool:
    """Is any of the item's probes in `text`?"""
    return any(probe_pattern(p).search(text) for p in item.probes)


def score(
    planted: PlantedSet, redacted: dict[str, str], raw: dict[str, str] | None = None
) -> RedactionScore:
    """Recall by kind, the share of non-personal phrases removed and (given the raw texts) the
    share of ordinary words removed. Given the raw texts, an item none of whose probes is in the
    raw text is set apart as unscoreable instead of counting as found."""
    found: dict[str, list[bool]] = {}
    missed = []
    unscoreable = []
    for item in planted.items:
        if raw is not None and not probe_left(item, raw[item.where]):
            unscoreable.append(item)
            continue
        ok = not probe_left(item, redacted[item.where])
        found.setdefault(item.kind, []).append(ok)
        if not ok:
            missed.append(item)
    damaged = [(w, p) for w, p in planted.kept if p not in redacted[w]]
    words = removed = 0
    for where, text in (raw or {}).items():
        personal = {
            w for i in planted.items if i.where == where for p in i.probes for w in WORD.findall(p)
        }
        left = set(WORD.findall(redacted[where]))
        ordinary = [w for w in WORD.findall(text) if w not in personal]
        words += len(ordinary)
        removed += sum(1 for w in ordinary if w not in left)
    return RedactionScore(
        recall={k: sum(v) / len(v) for k, v in sorted(found.items())},
        missed=missed,
        kept_removed=len(damaged) / max(len(planted.kept), 1),
        damaged=damaged,
        items=len(planted.items),
        ordinary_removed=removed / max(words, 1),
        unscoreable=unscoreable,
    )
