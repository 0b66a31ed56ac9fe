"""The register's vocabulary and its input records, independent of files and the database.

`ExtractedRecommendation` is what a text extractor hands over (the committee-response parser
here, or issue 15's `crimeplan consult recommendations`); `RegisterRecord` is one row of a
register file (YAML or CSV, docs/scrutiny.md) with its body, report, response, links and
progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crimeplan.errors import ConcurrentEditError

RESPONSE_KINDS = ("accepted", "accepted_in_part", "not_accepted", "noted")
RESPONSE_LABELS = {
    "accepted": "Accepted",
    "accepted_in_part": "Accepted in part",
    "not_accepted": "Not accepted",
    "noted": "Noted",
    None: "Awaiting response",
}
STATUSES = ("open", "in_progress", "delivered", "closed")
STATUS_LABELS = {
    "open": "Open",
    "in_progress": "In progress",
    "delivered": "Delivered",
    "closed": "Closed without delivery",
}
BODY_KINDS = ("committee", "board", "group", "member")
LINK_KINDS = ("commitment", "measure")
# A category of respondent whose members are private individuals: never named (issue 6 rule).
PRIVATE_CATEGORY = "private_individual"
PRIVATE_BODY = ("private-individuals", "Private individuals (not named)", "group")

__all__ = ["ConcurrentEditError"]  # raised by register edits; defined with the other errors


@dataclass(frozen=True)
class ExtractedRecommendation:
    """A recommendation found in a text: its number, words, sub-points and where it sits.

    `start` and `end` are character offsets into the source text, so a reader can check it.
    """

    number: str
    text: str
    subpoints: list[str] = field(default_factory=list)
    addressee: str | None = None
    theme: str | None = None
    source_file: str | None = None
    start: int | None = None
    end: int | None = None
    respondent_category: str | None = None
    organisation: str | None = None
    response_kind: str | None = None
    response_text: str | None = None


@dataclass(frozen=True)
class ResponseRecord:
    kind: str
    text: str
    responder: str | None = None
    on: date | None = None


@dataclass(frozen=True)
class LinkRecord:
    plan: str
    kind: str  # commitment | measure
    target: str  # a measure id, or 'outcome-id#n' for the n-th commitment of an outcome
    area: str | None = None


@dataclass(frozen=True)
class ProgressRecord:
    on: date
    text: str
    status: str
    author: str


@dataclass(frozen=True)
class BodyRecord:
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class ReportRecord:
    key: str
    title: str
    published: date | None = None
    source_file: str | None = None


@dataclass(frozen=True)
class RegisterRecord:
    """One recommendation as a register file gives it, with what it belongs to."""

    body: BodyRecord
    report: ReportRecord
    recommendation: ExtractedRecommendation
    owner: str | None = None
    due: date | None = None
    status: str = "open"
    response: ResponseRecord | None = None
    links: list[LinkRecord] = field(default_factory=list)
    updates: list[ProgressRecord] = field(default_factory=list)


def response_label(kind: str | None) -> str:
    return RESPONSE_LABELS.get(kind, str(kind))


def is_overdue(due: date | None, status: str, today: date) -> bool:
    """A recommendation is overdue when its due date has passed and it is still open or in
    progress (delivered and closed ones are finished, whatever the date).

    >>> is_overdue(date(2024, 3, 31), "in_progress", date(2024, 4, 1))
    True
    >>> is_overdue(date(2024, 3, 31), "delivered", date(2025, 1, 1))
    False
    >>> is_overdue(None, "open", date(2025, 1, 1))
    False
    """
    return due is not None and due < today and status in ("open", "in_progress")
