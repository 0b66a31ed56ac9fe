"""A realistic synthetic consultation with known answers, for the demo and the tests.

`generate_consultation(folder, consultation)` writes
- `survey.csv` and `survey.xlsx`: the same online-survey export in the standard layout
  (docs/consultation-data.md), one row per respondent;
- `written/`: written responses in every supported format (.txt, .md, .pdf, .docx, .eml) and
  their `manifest.csv`;
and returns `KnownFigures`: the exact counts it wrote, per question and per demographic group,
and every item of personal data it planted, so tests can check that the published figures
equal what went in and that no planted item comes out.

Headline figures are set by quota, not by chance, echoing MOPAC's 2017 report: 85% of those
answering think the priorities are right (q2), and on q1 women agree more than men, 74% vs 61%.
Everything else is drawn from a seeded random generator, so a seed gives the same files.
"""

from __future__ import annotations

import csv
import random
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.errors import CrimeplanError
from crimeplan.synthetic.pdf import write_docx, write_eml, write_pdf

FIRST = [
    "Amara",
    "Bethany",
    "Callum",
    "Deepa",
    "Eamon",
    "Farah",
    "Gideon",
    "Hollis",
    "Imogen",
    "Jasper",
    "Kiran",
    "Lorcan",
    "Marisol",
    "Nnamdi",
    "Orla",
    "Priyanka",
    "Quentin",
    "Rosalind",
    "Sefton",
    "Tamsin",
    "Ulrika",
    "Vashti",
    "Wendell",
    "Yusra",
    "Zebedee",
]
LAST = [
    "Abernethy",
    "Brackenbury",
    "Chowdhury",
    "Delacroix",
    "Ekwueme",
    "Featherstone",
    "Gallagher",
    "Hollingworth",
    "Iwobi",
    "Jankowski",
    "Kettleborough",
    "Lindqvist",
    "Mwangi",
    "Northcote",
    "Okonkwo",
    "Pemberton",
    "Quarshie",
    "Rasmussen",
    "Szymanska",
    "Thistlewood",
    "Umeadi",
    "Vasquez",
    "Whitcombe",
    "Yeboah",
    "Zielinski",
]
STREETS = ["Acacia Avenue", "Mulberry Close", "Hawthorn Road", "Kingfisher Way", "Larch Crescent"]
# Names of people writing for organisations (public in that role): no part is shared with the
# private names above, so a kept public name never looks like a leaked private one.
PUBLIC_NAMES = [
    "Hortense Blackwood",
    "Ignatius Farrow",
    "Leopoldine Marsh",
    "Augustin Prewett",
    "Cordelia Vance",
    "Barnaby Quill",
    "Ottoline Greaves",
    "Septimus Hale",
    "Winifred Ashdown",
    "Percival Knox",
]
POSTCODES = ["RM1 3AB", "SE15 4QT", "N17 6RS", "E8 2LX", "SW9 7HE", "CR0 1NX", "HA8 5DD"]
COMMENTS = [
    "More visible police on the streets in the evening would make a real difference.",
    "The plan should say more about how knife crime will be prevented, not just punished.",
    "Victims of fraud need better support and someone to talk to.",
    "Ward officers should stay in post long enough to know the area.",
    "Please fund youth services, they are the best crime prevention we have.",
    "Reporting antisocial behaviour online is too hard and nobody replies.",
]
ORGANISATIONS = {
    "organisation": ["Victim Support London", "London Cycling Campaign", "Age UK London"],
    "local_authority": ["London Borough of Havering", "London Borough of Camden"],
    "safer_neighbourhood_board": ["Lambeth Safer Neighbourhood Board"],
    "councillor": ["Cllr Petra Lindgren, Hackney Council"],
    "mp_or_am": ["Green Party group on the London Assembly"],
}


@dataclass
class KnownFigures:
    """What the generator wrote: exact counts, the respondents, and the planted personal data."""

    respondents: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # question -> code -> n
    no_answer: Counter[str] = field(default_factory=Counter)  # question -> respondents
    # (question, demographic) -> group code -> answer code -> n
    split_counts: dict[tuple[str, str], dict[str, Counter[str]]] = field(default_factory=dict)
    planted: list[str] = field(default_factory=list)  # every planted personal-data string
    private_names: list[str] = field(default_factory=list)
    organisations: dict[str, list[str]] = field(default_factory=dict)  # category -> names
    written_files: list[str] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)  # all respondents, both channels

    def agree_percent(
        self, question: str, agree_codes: set[str], group: tuple[str, str] | None = None
    ) -> float:
        """100 × agree / answered, from the counts written (an oracle for the summary)."""
        counts = (
            self.counts[question]
            if group is None
            else self.split_counts[(question, group[0])][group[1]]
        )
        answered = sum(counts.values())
        return 100 * sum(counts[c] for c in agree_codes) / answered


def _quota(rng: random.Random, spec: list[tuple[str | None, int]]) -> list[str | None]:
    values = [code for code, n in spec for _ in range(n)]
    rng.shuffle(values)
    return values


@dataclass
class _Person:
    id: str
    name: str | None
    category: str
    organisation: str | None
    demographics: dict[str, str | None]
    codes: dict[str, str | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def _people(rng: random.Random, consultation: Consultation, known: KnownFigures) -> list[_Person]:
    # Gender by quota: 100 women, 100 men, 10 in another way, 5 prefer not to say, 5 blank.
    genders: list[str | None] = [
        *["female"] * 100,
        *["male"] * 100,
        *["other"] * 10,
        *["prefer_not_to_say"] * 5,
        *[None] * 5,
    ]
    people = []
    for i, gender in enumerate(genders, start=1):
        demo: dict[str, str | None] = {"gender": gender}
        for d in consultation.demographics:
            if d.id != "gender":
                demo[d.id] = rng.choice([o.code for o in d.options] + [None])
        people.append(_Person(f"R{i:04d}", None, "private_individual", None, demo))
    # The last two survey rows are organisations answering the survey.
    for p, org in zip(people[-2:], ORGANISATIONS["organisation"][:2], strict=True):
        p.category, p.organisation = "organisation", org
        known.organisations.setdefault("organisation", []).append(org)
    return people


def _assign_closed(rng: random.Random, people: list[_Person], consultation: Consultation) -> None:
    q1_by_gender: dict[str | None, list[tuple[str | None, int]]] = {
        "female": [
            ("strongly_agree", 40),
            ("tend_to_agree", 34),
            ("neither", 10),
            ("tend_to_disagree", 8),
            ("strongly_disagree", 4),
            ("dont_know", 4),
        ],
        "male": [
            ("strongly_agree", 30),
            ("tend_to_agree", 31),
            ("neither", 15),
            ("tend_to_disagree", 12),
            ("strongly_disagree", 8),
            ("dont_know", 4),
        ],
        "other": [("tend_to_agree", 5), ("strongly_disagree", 5)],
        "prefer_not_to_say": [("strongly_agree", 3), ("neither", 2)],
        None: [("tend_to_agree", 2), (None, 3)],
    }
    for gender, spec in q1_by_gender.items():
        members = [p for p in people if p.demographics["gender"] == gender]
        for p, code in zip(members, _quota(rng, spec), strict=True):
            p.codes["q1_safer_city"] = code
    # q2: 170 yes, 20 no, 10 not sure, 20 no answer -> 85% of those answering say yes.
    q2 = _quota(rng, [("yes", 170), ("no", 20), ("not_sure", 10), (None, 20)])
    for p, code in zip(people, q2, strict=True):
        p.codes["q2_priorities"] = code
    for q in consultation.closed_questions():
        if q.id in ("q1_safer_city", "q2_priorities"):
            continue
        options = [o.code for o in consultation.scale_of(q).options]
        chapter = q.section != "Consultation questions"
        for p in people:
            # Chapter questions were skipped by most respondents: non-response is the norm.
            skip = rng.random() < (0.7 if chapter else 0.1)
            p.codes[q.id] = None if skip else rng.choice(options)


def _plant_survey_pii(rng: random.Random, people: list[_Person], known: KnownFigures) -> None:
    for i, p in enumerate(people[:40]):
        p.texts["q2_comments"] = rng.choice(COMMENTS)
        if i % 4 == 0:
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
            p.name = name
            known.private_names.append(name)
            known.planted.append(name)
            email = f"{name.split()[0].lower()}.{name.split()[1].lower()}@example.org"
            phone = f"07700 900{100 + i:03d}"
            postcode = POSTCODES[i % len(POSTCODES)]
            known.planted += [email, phone, postcode]
            p.texts["q6_emphasis"] = (
                f"I am {name} and I would like a reply to {email} or on {phone}. "
                f"Burglaries near {postcode} are not followed up."
            )


def _record(people: list[_Person], consultation: Consultation, known: KnownFigures) -> None:
    known.respondents = len(people)
    for q in consultation.closed_questions():
        known.counts[q.id] = Counter(c for p in people if (c := p.codes.get(q.id)))
        known.no_answer[q.id] = sum(1 for p in people if not p.codes.get(q.id))
        for d in consultation.demographics:
            table: dict[str, Counter[str]] = {}
            for o in d.options:
                members = [p for p in people if p.demographics[d.id] == o.code]
                table[o.code] = Counter(c for p in members if (c := p.codes.get(q.id)))
            known.split_counts[(q.id, d.id)] = table
    known.categories.update(p.category for p in people)


def _write_survey(folder: Path, people: list[_Person], consultation: Consultation) -> None:
    from openpyxl import Workbook

    header = ["respondent_id", "submitted", "name", "category", "organisation"]
    header += [q.id for q in consultation.questions] + [d.id for d in consultation.demographics]
    labels = {
        q.id: {o.code: o.label for o in consultation.scale_of(q).options}
        for q in consultation.closed_questions()
    }
    rows = []
    for n, p in enumerate(people):
        row: list[str] = [
            p.id,
            f"2017-0{1 + n % 2}-{1 + n % 28:02d}",
            p.name or "",
            p.category,
            p.organisation or "",
        ]
        for q in consultation.questions:
            code = p.codes.get(q.id)
            if q.type == "open":
                row.append(p.texts.get(q.id, ""))
            elif code is None:
                row.append("")
            else:
                # Half the rows give labels, half give codes: both are valid in the export.
                row.append(labels[q.id][code] if n % 2 else code)
        row += [p.demographics[d.id] or "" for d in consultation.demographics]
        rows.append(row)
    with (folder / "survey.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Responses"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(folder / "survey.xlsx")


def _letter(
    rng: random.Random, writer: str, org: str | None, known: KnownFigures, private: bool, n: int
) -> list[str]:
    street = f"{10 + n} {STREETS[n % len(STREETS)]}"
    postcode = POSTCODES[(n + 3) % len(POSTCODES)]
    phone = f"020 7946 0{n:03d}"
    email = f"{writer.split()[-1].lower()}{n}@example.net"
    neighbour = LAST[(n * 3 + 5) % len(LAST)]
    body = [
        "Dear Deputy Mayor,",
        "",
        f"I am writing {'on behalf of ' + org if org else 'as a resident'} about the draft"
        " Police and Crime Plan.",
        *textwrap.wrap(" ".join(rng.sample(COMMENTS, 3)), 90),
        f"My neighbour Mrs {neighbour} was burgled twice last year and waited weeks for a visit.",
        f"You can write to me at {street}, Romford {postcode}, e-mail {email}",
        f"or telephone {phone}.",
        "",
        "Yours sincerely,",
        writer,
    ]
    known.planted += [street, postcode, phone, email, neighbour]
    if private:
        known.planted.append(writer)
    return body


def _write_written(rng: random.Random, folder: Path, known: KnownFigures) -> None:
    written = folder / "written"
    written.mkdir(parents=True, exist_ok=True)
    senders: list[tuple[str, str, str | None]] = []  # (name, category, organisation)
    for n in range(5):
        senders.append(
            (f"{FIRST[(n * 5 + 2) % 25]} {LAST[(n * 11 + 3) % 25]}", "private_individual", None)
        )
    for org_category, orgs in ORGANISATIONS.items():
        for org_name in orgs:
            senders.append((PUBLIC_NAMES[len(senders) - 5], org_category, org_name))
    formats = [".txt", ".md", ".pdf", ".docx", ".eml"]
    manifest: list[tuple[str, ...]] = [
        ("file", "respondent_name", "category", "organisation", "received")
    ]
    for n, (name, cat, org) in enumerate(senders):
        private = cat == "private_individual"
        if private:
            known.private_names.append(name)
        else:
            known.organisations.setdefault(cat, []).append(org or name)
        lines = _letter(rng, name, org, known, private, n)
        suffix = formats[n % len(formats)]
        file = f"response-{n + 1:02d}{suffix}"
        path = written / file
        if suffix in (".txt", ".md"):
            path.write_text(
                ("# Response\n\n" if suffix == ".md" else "") + "\n".join(lines) + "\n",
                encoding="utf-8",
            )
        elif suffix == ".pdf":
            write_pdf(path, lines, title="Consultation response")
        elif suffix == ".docx":
            write_docx(path, lines)
        else:
            sender = f"{name} <{name.split()[0].lower()}@example.com>"
            write_eml(path, sender, "\n".join(lines) + "\n")
            known.planted.append(f"{name.split()[0].lower()}@example.com")
        known.written_files.append(file)
        known.categories[cat] += 1
        manifest.append((file, name, cat, org or "", f"2017-02-{10 + n:02d}"))
    with (written / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(manifest)


def generate_consultation(
    folder: str | Path, consultation: Consultation, *, seed: int = 2017
) -> KnownFigures:
    """Write a synthetic survey export and written responses under `folder`; return the truth."""
    needed = {"q1_safer_city", "q2_priorities", "q2_comments", "q6_emphasis", "gender"}
    present = {q.id for q in consultation.questions} | {d.id for d in consultation.demographics}
    if not needed <= present:
        raise CrimeplanError(
            f"the synthetic consultation follows the 2017 file; '{consultation.id}' lacks "
            + ", ".join(sorted(needed - present)),
            hint="Use consultations/london-2017-draft-plan.yaml",
        )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    known = KnownFigures()
    people = _people(rng, consultation, known)
    _assign_closed(rng, people, consultation)
    _plant_survey_pii(rng, people, known)
    _record(people, consultation, known)
    _write_survey(folder, people, consultation)
    _write_written(rng, folder, known)
    return known
