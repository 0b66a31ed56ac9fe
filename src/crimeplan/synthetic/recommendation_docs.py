"""Labelled documents for measuring recommendation extraction, written in different styles.

`generate_recommendation_docs(folder)` writes 24 documents (.txt, .md, .docx, .eml, .pdf) and
`labels.csv` (`file,text`: one row per recommendation, the format `crimeplan consult
evaluate-recommendations` reads). Styles: numbered list after a lead-in, bullets continuing a
lead-in sentence, prose paragraphs, "Recommendation N" headings with sub-point bullets and a
response under each, numbered items with lettered sub-points, a "Recommendations" section without
a lead-in, and letters mixing asks with sentences that only describe (the negatives).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from crimeplan.synthetic.planted_pii import write_response

ACTORS = ["The Mayor", "MOPAC", "The MPS", "The Home Office", "Councils", "The Commissioner"]
ASKS = [
    "fund youth clubs in every borough for at least five years",
    "publish stop and search figures by ward every month",
    "put two dedicated ward officers in every ward and keep them there",
    "set up a specialist unit for online fraud against older people",
    "train every front-line officer in mental health first aid",
    "protect specialist services for women escaping domestic abuse",
    "give Safer Neighbourhood Boards a budget for public meetings",
    "report hate crime by category on the public dashboard",
    "recruit more officers from black and minority ethnic communities",
    "fund victim support for every victim of burglary",
    "keep front counters open in the evenings",
    "pilot knife crime education in primary schools",
    "review the use of force by officers against children",
    "equip ward officers with bicycles",
    "set a target for answering 101 calls within five minutes",
    "work with TfL to make night buses safer for women",
    "share data on gang violence with the councils",
    "ask the Government to devolve probation to London",
    "consult young people on every change to local policing",
    "fund drug treatment places instead of short prison sentences",
    "give victims a named officer for the whole of their case",
    "publish how the plan's money is spent each year",
    "explain how local priorities are chosen in each borough",
    "set up an independent panel to scrutinise undercover policing",
    "treat misogyny as a hate crime across London",
    "fund neighbourhood watch coordinators",
    "end the closure of police stations until a review is done",
    "report response times for emergency calls by borough",
]
NEGATIVES = [
    "The draft plan was published in January and we read it with care.",
    "Burglary in our area has risen for three years in a row.",
    "Our members met twice to discuss the draft.",
    "Many residents told us they feel safer than five years ago.",
    "The ward panel meets on the first Tuesday of each month.",
    "We welcome the commitment to neighbourhood policing.",
    "Some residents asked whether the plan should cover fraud, which was a fair question?",
    "The previous plan should have been reviewed sooner.",
    "This response was agreed by our board.",
]


def _asks(rng: random.Random, n: int) -> list[str]:
    return rng.sample(ASKS, n)


def _doc(style: str, rng: random.Random, k: int) -> tuple[list[str], list[str]]:
    """Lines of one document and its gold recommendation texts."""
    actor = rng.choice(ACTORS)
    asks = _asks(rng, k)
    neg = rng.sample(NEGATIVES, 3)
    cap = [a[0].upper() + a[1:] for a in asks]
    if style == "numbered":
        lines = [
            "Response to the draft Police and Crime Plan",
            "",
            neg[0],
            "",
            f"We recommend that {actor.lower() if actor.startswith('The') else actor}:",
            "",
        ]
        lines += [f"{i}. {c}." for i, c in enumerate(cap, 1)] + ["", neg[1]]
        return lines, cap
    if style == "bullets":
        lines = [neg[0], "", f"Our recommendations are that {actor.replace('The', 'the')} should:"]
        lines += [f"- {a}" for a in asks] + ["", neg[1], "", neg[2]]
        return lines, asks
    if style == "prose":
        gold = [f"{rng.choice(ACTORS)} should {a}." for a in asks]
        lines = [neg[0], ""]
        for g, n in zip(gold, neg * 3, strict=False):
            lines += [f"{n} {g}", ""]
        return lines, gold
    if style == "headings":
        lines = ["# Committee response to the draft Police and Crime Plan", "", neg[0], ""]
        gold = []
        for i in range(1, len(cap) + 1):
            subs = _asks(rng, 2)
            text = f"{actor} should {asks[i - 1]}."
            lines += [
                f"## Recommendation {i}",
                "",
                text,
                "",
                *[f"- {s}" for s in subs],
                "",
                "**Mayor's response**",
                "",
                "The Mayor accepts this recommendation and will report on it in the final plan.",
                "",
            ]
            gold.append(text)
        return lines, gold
    if style == "lettered":
        lines = ["Summary of our asks", "", f"We call on {actor.replace('The', 'the')} to:", ""]
        gold = []
        for i, c in enumerate(cap, 1):
            lines += [
                f"{i}) {c}, including:",
                f"   a) {_asks(rng, 1)[0]}",
                f"   b) {_asks(rng, 1)[0]}",
            ]
            gold.append(f"{c}, including:")
        return [*lines, "", neg[1]], gold
    if style == "section":
        lines = ["## Background", "", neg[0], neg[1], "", "## Recommendations", ""]
        lines += [f"{i}. {c}." for i, c in enumerate(cap, 1)]
        about = [
            "## About us",
            "",
            "Our members include:",
            "",
            "- tenants' associations",
            "- local businesses",
            "- two youth clubs",
            "",
            neg[2],
        ]
        return [*lines, "", *about], cap
    # mixed: a letter with some asks in prose, a bulleted lead-in and negatives
    gold = [f"I would like to see {actor.replace('The', 'the')} {asks[0]}."]
    lines = [
        "Dear Deputy Mayor,",
        "",
        f"{neg[0]} {gold[0]} {neg[1]}",
        "",
        "In particular I ask that the plan should:",
    ]
    lines += [f"* {a}" for a in asks[1:]]
    gold += asks[1:]
    return [*lines, "", neg[2], "", "Yours sincerely,", "A resident"], gold


def generate_recommendation_docs(folder: str | Path, *, seed: int = 16, docs: int = 24) -> int:
    """Write the documents and labels.csv; return the number of gold recommendations."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    styles = ["numbered", "bullets", "prose", "headings", "lettered", "section", "mixed"]
    formats = [".txt", ".md", ".docx", ".eml", ".pdf"]
    rows = []
    for n in range(docs):
        lines, gold = _doc(styles[n % len(styles)], rng, 4 + n % 4)
        file = f"doc-{n + 1:02d}{formats[n % len(formats)]}"
        path = folder / file
        if path.suffix in (".txt", ".md"):
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            write_response(path, lines, "A respondent")
        rows += [(file, g) for g in gold]
    with (folder / "labels.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "text"])
        writer.writerows(rows)
    return len(rows)
