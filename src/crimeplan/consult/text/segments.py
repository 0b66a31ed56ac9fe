"""Split a written response's redacted text into sections, paragraphs and list items.

Pure: text in, spans out. Blocks are separated by blank lines; inside a block, lines starting
with a bullet (`-`, `*`, `•`) or a number (`1.`, `2)`, `a)`) are list items, each its own
segment; a short block without final punctuation (under 80 characters, under 12 words) is a
heading: it is not a segment but names the section of those that follow. A salutation or a
sign-off (`Dear ...`, `Yours sincerely`) and blocks under 4 words are left out. Offsets are
into the redacted text, so `text[start:end]` gives the segment back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

BLOCK = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\Z)", re.DOTALL)
ITEM = re.compile(r"^[ \t]*(?:[-*•▪‣]|\(?[0-9a-z]{1,2}[.)])[ \t]+", re.MULTILINE)
SKIP = re.compile(
    r"^(?:dear|hi|hello|yours|kind regards|best regards|regards|best wishes|many thanks|"
    r"thanks|sincerely|with thanks|from:|to:|subject:|date:|sent:)",
    re.IGNORECASE,
)
MIN_WORDS = 4


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # paragraph | item
    section: str | None


def _is_heading(block: str) -> bool:
    return (
        "\n" not in block
        and len(block) < 80
        and len(block.split()) < 12
        and not block.rstrip().endswith((".", "?", "!", ",", ";", ":"))
        and not SKIP.match(block)
    )


def split_written(text: str) -> list[Span]:
    """Spans of the segments of `text`, in order."""
    spans: list[Span] = []
    section: str | None = None
    for block in BLOCK.finditer(text):
        body = block.group(0)
        if _is_heading(body):
            section = body.strip().rstrip(":")
            continue
        items = list(ITEM.finditer(body))
        if items:
            cuts = [i.start() for i in items] + [len(body)]
            if cuts[0] > 0:
                _add(spans, text, block.start(), block.start() + cuts[0], "paragraph", section)
            for a, b in pairwise(cuts):
                _add(spans, text, block.start() + a, block.start() + b, "item", section)
        else:
            _add(spans, text, block.start(), block.end(), "paragraph", section)
    return spans


def _add(
    spans: list[Span], text: str, start: int, end: int, kind: str, section: str | None
) -> None:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    piece = text[start:end]
    if kind == "item":
        marker = ITEM.match(piece)
        if marker:
            start += marker.end()
            piece = text[start:end]
    first_line = piece.split("\n", 1)[0]
    if len(piece.split()) < MIN_WORDS or SKIP.match(first_line):
        return
    spans.append(Span(start, end, kind, section))
