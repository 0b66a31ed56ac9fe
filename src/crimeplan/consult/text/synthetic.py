"""A synthetic consultation with themed free text and known labels, for tests, demos and bench.

Writes `survey.csv` (respondent_id, category and the open questions of the 2017 file, each
answer a segment from `crimeplan.consult.text.evalset`) and `written/` (letters with a heading,
paragraphs and a bulleted list, one theme per block, and manifest.csv). `truth` maps each
survey locator (`survey/<respondent>/<question>`) and each written block's text to its themes.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import ingest_survey, ingest_written, init_consultation
from crimeplan.consult.text.evalset import ROOT, generate, load_phrasebook
from crimeplan.store.appdb import AppDB

CODEBOOK_2017 = ROOT / "consultations" / "eval" / "codebook-2017.yaml"
OPEN_QUESTIONS = ("q2_comments", "q3_comments", "q4_comments", "q7_anything_else")
CATEGORIES = (
    ("private_individual", 0.85),
    ("organisation", 0.07),
    ("safer_neighbourhood_board", 0.04),
    ("councillor", 0.04),
)


@dataclass
class ThemedConsultation:
    themes: list[str]
    answers: int = 0
    truth: dict[str, set[str]] = field(default_factory=dict)


def write_themed_consultation(
    folder: Path, respondents: int = 300, letters: int = 6, seed: int = 14
) -> ThemedConsultation:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    book = load_phrasebook()
    themes = sorted(book.themes)
    pool = generate(respondents * len(OPEN_QUESTIONS), seed=seed, book=book)
    known = ThemedConsultation(themes)
    codes = [c for c, _ in CATEGORIES]
    weights = [w for _, w in CATEGORIES]
    with (folder / "survey.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["respondent_id", "category", *OPEN_QUESTIONS])
        taken = 0
        for n in range(respondents):
            rid = f"R{n + 1:06d}"
            cells = []
            for question in OPEN_QUESTIONS:
                if rng.random() < 0.55 or question == OPEN_QUESTIONS[0]:
                    row = pool[taken % len(pool)]
                    taken += 1
                    cells.append(row["text"])
                    known.truth[f"survey/{rid}/{question}"] = {t for t in themes if row[t]}
                    known.answers += 1
                else:
                    cells.append("")
            writer.writerow([rid, rng.choices(codes, weights)[0], *cells])
    written = folder / "written"
    written.mkdir(exist_ok=True)
    with (written / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", "respondent_name", "category", "organisation", "received"])
        for n in range(letters):
            name = f"letter-{n + 1:02d}.txt"
            picked = rng.sample(themes, 3)
            blocks = ["Dear Deputy Mayor,", "Our response to the draft plan"]
            for theme in picked[:2]:
                text = (
                    ". ".join(rng.sample(book.themes[theme], 2)).replace("{", "").replace("}", "")
                )
                blocks.append(text[:1].upper() + text[1:] + ".")
                known.truth[blocks[-1]] = {theme}
            items = []
            for phrase in rng.sample(book.themes[picked[2]], 2):
                item = phrase.replace("{", "").replace("}", "")
                items.append(f"- {item}")
                known.truth[item] = {picked[2]}
            blocks.append("What we ask for\n\n" + "\n".join(items))
            blocks.append("Yours sincerely,\nA Resident")
            (written / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
            writer.writerow([name, f"Writer {n}", "private_individual", "", "2017-02-20"])
    return known


def load_themed_consultation(db: AppDB, loaded: LoadedConsultation, folder: Path) -> None:
    """Set up the 2017 consultation and ingest the folder's survey and letters (real intake)."""
    init_consultation(db, loaded, "setup")
    ingest_survey(db, folder / "survey.csv", "setup")
    ingest_written(db, folder / "written", "setup")
