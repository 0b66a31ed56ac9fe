"""Build the labelled theme evaluation set from hand-written phrases, seeded.

The phrases (consultations/eval/theme-phrases.yaml) were written by hand for 12 themes in the
voice of answers to the 2017 London consultation. Each segment is composed, with a seeded
`random.Random`, as one of: a short answer (one phrase), a long answer (two or three phrases of
one theme, often with an aside), a multi-theme answer (two or three themes), an off-topic
answer (no theme), or on-topic text with an off-topic aside. Openers, joiners, closers, slot
values, misspellings (a dictionary of common ones plus random letter swaps and drops) and case
changes vary the surface. Labels are the themes whose phrases went in, so they are right by
construction; what this set cannot show is how well the coder copes with wording that none of
its phrases resembles (see docs/themes.md, "Evaluation set").
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[4]
PHRASES = ROOT / "consultations" / "eval" / "theme-phrases.yaml"
EVAL_CSV = ROOT / "consultations" / "eval" / "themes-eval.csv"
UNSEEN_CSV = ROOT / "consultations" / "eval" / "themes-eval-unseen.csv"
UNSEEN_SHARE = 0.25
SLOT = re.compile(r"\{(\w+)\}")
KINDS = (("short", 0.34), ("long", 0.2), ("multi", 0.26), ("off_topic", 0.1), ("aside", 0.1))


@dataclass(frozen=True)
class Phrasebook:
    slots: dict[str, list[str]]
    themes: dict[str, list[str]]
    labels: dict[str, str]
    openers: list[str]
    joiners: list[str]
    closers: list[str]
    off_topic: list[str]
    misspellings: dict[str, list[str]]


def load_phrasebook(path: Path = PHRASES) -> Phrasebook:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Phrasebook(
        slots=raw["slots"],
        themes={k: v["phrases"] for k, v in raw["themes"].items()},
        labels={k: v["label"] for k, v in raw["themes"].items()},
        openers=raw["openers"],
        joiners=raw["joiners"],
        closers=raw["closers"],
        off_topic=raw["off_topic"],
        misspellings=raw["misspellings"],
    )


def _fill(rng: random.Random, book: Phrasebook, text: str) -> str:
    return SLOT.sub(lambda m: rng.choice(book.slots[m.group(1)]), text)


def _typos(rng: random.Random, book: Phrasebook, text: str, rate: float) -> str:
    words = text.split(" ")
    out = []
    for word in words:
        key = word.lower().strip(",.!;")
        if key in book.misspellings and rng.random() < 0.5:
            word = word.replace(key, rng.choice(book.misspellings[key]))
        elif len(word) > 4 and rng.random() < rate:
            i = rng.randrange(1, len(word) - 1)
            word = (
                word[:i] + word[i + 1 :]
                if rng.random() < 0.5
                else word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
            )
        out.append(word)
    return " ".join(out)


def _surface(rng: random.Random, book: Phrasebook, parts: list[str]) -> str:
    text = rng.choice(book.openers) + parts[0]
    for part in parts[1:]:
        text += rng.choice(book.joiners) + part
    text = _fill(rng, book, text + rng.choice(book.closers)).replace("..", ".")
    style = rng.random()
    if style < 0.3:
        text = _typos(rng, book, text, 0.06)
    if style > 0.93:
        text = text.upper() if style > 0.97 else text.lower()
    elif text[:1].islower() and rng.random() < 0.7:
        text = text[:1].upper() + text[1:]
    return text


def generate(n: int = 720, seed: int = 14, book: Phrasebook | None = None) -> list[dict[str, Any]]:
    """`n` labelled segments as rows {'id', 'text', 'kind', <theme>: 0/1 ...}."""
    book = book or load_phrasebook()
    rng = random.Random(seed)
    names = sorted(book.themes)
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    rows: list[dict[str, Any]] = []
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        themes: list[str] = []
        if kind == "short":
            themes = [rng.choice(names)]
            parts = [rng.choice(book.themes[themes[0]])]
        elif kind == "long":
            themes = [rng.choice(names)]
            parts = rng.sample(book.themes[themes[0]], rng.choice((2, 2, 3)))
        elif kind == "multi":
            themes = rng.sample(names, rng.choice((2, 2, 2, 3)))
            parts = [rng.choice(book.themes[t]) for t in themes]
        elif kind == "aside":
            themes = [rng.choice(names)]
            parts = [rng.choice(book.themes[themes[0]]), rng.choice(book.off_topic)]
            rng.shuffle(parts)
        else:
            parts = [rng.choice(book.off_topic)]
        row: dict[str, Any] = {"id": f"s{i + 1:04d}", "text": _surface(rng, book, parts)}
        row["kind"] = kind
        row.update({t: int(t in themes) for t in names})
        rows.append(row)
    return rows


def split_phrasebook(book: Phrasebook, seed: int) -> tuple[Phrasebook, Phrasebook]:
    """(seen, unseen): a seeded quarter of each theme's phrases and of the off-topic ones held
    back, so that a test set can use wording the coder never trained on."""
    rng = random.Random(seed)

    def cut(items: list[str]) -> tuple[list[str], list[str]]:
        shuffled = sorted(items)
        rng.shuffle(shuffled)
        k = max(1, round(len(items) * UNSEEN_SHARE))
        return shuffled[k:], shuffled[:k]

    halves = {name: cut(phrases) for name, phrases in book.themes.items()}
    off_seen, off_unseen = cut(book.off_topic)
    seen = replace(book, themes={k: v[0] for k, v in halves.items()}, off_topic=off_seen)
    unseen = replace(book, themes={k: v[1] for k, v in halves.items()}, off_topic=off_unseen)
    return seen, unseen


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_eval_csvs(seed: int = 14) -> tuple[Path, Path]:
    """themes-eval.csv (720 segments from the seen phrases) and themes-eval-unseen.csv (240
    segments from the held-back phrases only)."""
    seen, unseen = split_phrasebook(load_phrasebook(), seed)
    _write(EVAL_CSV, generate(720, seed, seen))
    rows = generate(240, seed + 1, unseen)
    for row in rows:
        row["id"] = "u" + row["id"][1:]
    _write(UNSEEN_CSV, rows)
    return EVAL_CSV, UNSEEN_CSV


if __name__ == "__main__":
    print(*write_eval_csvs())
