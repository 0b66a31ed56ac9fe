"""Read a committee's recommendations from a response document laid out as the seeds are.

The layout (the Police and Crime Committee's 2017 response to the draft plan and the Deputy
Mayor's reply; the Green Party group's bulleted list in ../shared/seeds): a heading line
"Recommendation N" (optionally followed on the same line by ':' and the text), the
recommendation's words, its sub-points as bullets ('•', '-', '*', '–' or 'a)'), then a line
"Response" (or "Mayor's response", "MOPAC response", "Response:") and the reply under it,
whose first words give its kind ("Accepted in part", "Not accepted", "Accepted", "Noted").

Each recommendation keeps the character span of its words in the text, so it can be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crimeplan.scrutiny.model import ExtractedRecommendation

HEADING = re.compile(r"^[ \t#*]*Recommendation\s+(\d+[a-z]?)\b[ \t.:*\-–]*(.*)$", re.I | re.M)
RESPONSE = re.compile(
    r"^[ \t#*]*(?:the\s+)?(?:(?:deputy\s+)?mayor'?s\s+|mopac\s+|government\s+)?response\b[ \t:*]*",
    re.I | re.M,
)
BULLET = re.compile(r"^[ \t]*(?:[•\-*–·]|\(?[a-z]\)|\(?[ivx]+\))[ \t]+(.*)$")
KINDS = (  # longest first: "Accepted in part" before "Accepted"
    (
        "accepted_in_part",
        re.compile(r"^(accepted in part|partially accepted|partly accepted)\b", re.I),
    ),
    ("not_accepted", re.compile(r"^(not accepted|rejected|not agreed)\b", re.I)),
    ("accepted", re.compile(r"^(accepted|agreed)\b", re.I)),
    ("noted", re.compile(r"^noted\b", re.I)),
)


@dataclass(frozen=True)
class ParsedResponse:
    kind: str | None
    text: str


def response_kind(text: str) -> str | None:
    """The kind of a reply from its first words, or None when it does not say.

    >>> response_kind("Accepted in part. The plan ..."), response_kind("Noted: this is ...")
    ('accepted_in_part', 'noted')
    >>> response_kind("We will consider it") is None
    True
    """
    start = text.strip()
    for kind, pattern in KINDS:
        if pattern.match(start):
            return kind
    return None


def _words(lines: list[str]) -> tuple[str, list[str]]:
    """The recommendation's own words and its bullet sub-points (a wrapped bullet continues)."""
    words: list[str] = []
    points: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        bullet = BULLET.match(line)
        if bullet:
            points.append(bullet.group(1).strip())
        elif points and line.startswith((" ", "\t")):
            points[-1] += " " + line.strip()
        elif points:
            words.append(line.strip())
        else:
            words.append(line.strip())
    return " ".join(words), points


def parse_committee_response(
    text: str, *, source_file: str | None = None, addressee: str | None = None
) -> list[ExtractedRecommendation]:
    """Every "Recommendation N" in the text, with sub-points, span and the reply under it."""
    headings = list(HEADING.finditer(text))
    found = []
    for i, h in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        block = text[h.end() : end]
        reply = RESPONSE.search(block)
        rec_end = h.end() + (reply.start() if reply else len(block))
        lines = [h.group(2), *text[h.end() : rec_end].splitlines()]
        words, points = _words(lines)
        response_text = " ".join(block[reply.end() :].split()) if reply else None
        found.append(
            ExtractedRecommendation(
                number=h.group(1),
                text=words,
                subpoints=points,
                addressee=addressee,
                source_file=source_file,
                start=h.start(),
                end=len(text[:rec_end].rstrip()),
                response_kind=response_kind(response_text) if response_text else None,
                response_text=response_text or None,
            )
        )
    return found
