"""Read a register file, YAML or CSV, into `RegisterRecord`s; every problem names its line.

YAML holds the whole register (bodies, their reports, each recommendation with its response,
links, owner, due date and progress); CSV holds one recommendation a row, in the columns
`crimeplan consult recommendations --format csv` writes, so that file imports unchanged.
Both formats are documented in docs/scrutiny.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crimeplan.consult.pii import redact
from crimeplan.errors import IngestError, PlanError
from crimeplan.plan.load import describe_errors, read_yaml_with_lines
from crimeplan.scrutiny.model import (
    PRIVATE_BODY,
    PRIVATE_CATEGORY,
    BodyRecord,
    ExtractedRecommendation,
    LinkRecord,
    ProgressRecord,
    RegisterRecord,
    ReportRecord,
    ResponseRecord,
)

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
ResponseKind = Literal["accepted", "accepted_in_part", "not_accepted", "noted"]
Status = Literal["open", "in_progress", "delivered", "closed"]

# The CSV columns a register import reads. `number` and `text` are required; the first ten
# are what issue 15's extractor writes; the rest are optional register fields.
CSV_COLUMNS = (
    "number",
    "text",
    "sub_points",
    "addressee",
    "theme",
    "source_file",
    "span_start",
    "span_end",
    "respondent_category",
    "organisation",
    "body",
    "body_kind",
    "report",
    "response_kind",
    "response_text",
    "responder",
    "responded_on",
    "owner",
    "due",
    "status",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseIn(_Strict):
    kind: ResponseKind
    text: str = Field(min_length=1)
    by: str | None = None
    day: date | None = Field(default=None, alias="date")


class LinkIn(_Strict):
    plan: str
    measure: str | None = None
    commitment: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*#[1-9][0-9]*$")
    area: str | None = None


class UpdateIn(_Strict):
    day: date = Field(alias="date")
    text: str = Field(min_length=1)
    status: Status
    by: str


class RecommendationIn(_Strict):
    number: str | int
    text: str = Field(min_length=1)
    sub_points: list[str] = Field(default_factory=list)
    addressee: str | None = None
    theme: str | None = None
    owner: str | None = None
    due: date | None = None
    status: Status = "open"
    response: ResponseIn | None = None
    links: list[LinkIn] = Field(default_factory=list)
    updates: list[UpdateIn] = Field(default_factory=list)


class ReportIn(_Strict):
    key: Key
    title: str = Field(min_length=1)
    published: date | None = None
    source_file: str | None = None
    recommendations: list[RecommendationIn] = Field(min_length=1)


class BodyIn(_Strict):
    key: Key
    name: str = Field(min_length=1)
    kind: Literal["committee", "board", "group", "member"]
    reports: list[ReportIn] = Field(min_length=1)


class RegisterIn(_Strict):
    bodies: list[BodyIn] = Field(min_length=1)


def read_register(path: str | Path) -> list[RegisterRecord]:
    """The records of a `.yaml`/`.yml` or `.csv` register file."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(path, "file not found", hint="Check the path")
    if path.suffix.lower() in (".yaml", ".yml"):
        return read_register_yaml(path)
    if path.suffix.lower() == ".csv":
        return read_register_csv(path.name, path.read_bytes())
    raise IngestError(path, "not a register file", hint="Give a .yaml or .csv file")


def read_register_yaml(path: Path) -> list[RegisterRecord]:
    try:
        data, lines = read_yaml_with_lines(path)
    except PlanError as exc:
        raise IngestError(path, "; ".join(exc.problems)) from None
    if not isinstance(data, dict) or "register" not in data:
        raise IngestError(path, "a register file starts with a 'register:' mapping", line=1)
    shifted = {k[1:]: v for k, v in lines.items() if k[:1] == ("register",)}
    try:
        register = RegisterIn.model_validate(data["register"])
    except ValidationError as exc:
        raise IngestError(path, "; ".join(describe_errors(exc, shifted))) from None
    records = []
    for b in register.bodies:
        body = BodyRecord(b.key, b.name, b.kind)
        for r in b.reports:
            report = ReportRecord(r.key, r.title, r.published, r.source_file)
            numbers = [str(x.number) for x in r.recommendations]
            twice = sorted({n for n in numbers if numbers.count(n) > 1})
            if twice:
                raise IngestError(path, f"report {r.key}: recommendation {twice[0]} given twice")
            records += [_record(body, report, x) for x in r.recommendations]
    return records


def _record(body: BodyRecord, report: ReportRecord, x: RecommendationIn) -> RegisterRecord:
    links = [
        LinkRecord(
            plan=k.plan,
            kind="measure" if k.measure else "commitment",
            target=k.measure or k.commitment or "",
            area=k.area,
        )
        for k in x.links
    ]
    if any(bool(k.measure) == bool(k.commitment) for k in x.links):
        raise IngestError(
            report.source_file or report.key,
            f"recommendation {x.number}: a link names a measure or a commitment, not both",
        )
    return RegisterRecord(
        body=body,
        report=report,
        recommendation=ExtractedRecommendation(
            number=str(x.number),
            text=x.text.strip(),
            subpoints=[s.strip() for s in x.sub_points],
            addressee=x.addressee,
            theme=x.theme,
            source_file=report.source_file,
        ),
        owner=x.owner,
        due=x.due,
        status=x.status,
        response=(
            ResponseRecord(x.response.kind, x.response.text.strip(), x.response.by, x.response.day)
            if x.response
            else None
        ),
        links=links,
        updates=[ProgressRecord(u.day, u.text.strip(), u.status, u.by) for u in x.updates],
    )


def slug(text: str) -> str:
    """A register key from a name: lower case, words joined by hyphens.

    >>> slug("Police and Crime Committee (London Assembly)")
    'police-and-crime-committee-london-assembly'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100] or "unnamed"


def split_sub_points(cell: str) -> list[str]:
    """Sub-points from a CSV cell: a JSON list, or one per line, or separated by ' | '.

    >>> split_sub_points('["a", "b"]'), split_sub_points("a | b"), split_sub_points("")
    (['a', 'b'], ['a', 'b'], [])
    """
    cell = cell.strip()
    if not cell:
        return []
    if cell.startswith("["):
        items = json.loads(cell)
        return [str(x).strip() for x in items if str(x).strip()]
    parts = cell.splitlines() if "\n" in cell else cell.split(" | ")
    return [p.strip().lstrip("-• ").strip() for p in parts if p.strip()]


def _date(value: str, file: str, line: int, column: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise IngestError(
            file, f"{value!r} is not a date (YYYY-MM-DD)", line=line, field=column
        ) from None


def _int(value: str, file: str, line: int, column: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise IngestError(file, f"{value!r} is not a character offset", line=line, field=column)
    return int(value)


def _choice(value: str, allowed: tuple[str, ...], file: str, line: int, column: str) -> str:
    v = value.strip().lower().replace(" ", "_")
    if v not in allowed:
        raise IngestError(
            file, f"{value!r} is not one of {', '.join(allowed)}", line=line, field=column
        )
    return v


def read_register_csv(file: str, data: bytes) -> list[RegisterRecord]:
    """One recommendation a row; the body is the `body` column, else the organisation, else
    'private individuals' (never named); the report is `report`, else the source file."""
    from crimeplan.scrutiny.model import RESPONSE_KINDS, STATUSES

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(file, f"not UTF-8 text (byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in ("number", "text") if c not in header]
    if missing:
        raise IngestError(file, f"no column {missing[0]!r}", line=1, hint="See docs/scrutiny.md")
    records = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(reader, start=2):
        cell = {c: (row.get(c) or "") for c in CSV_COLUMNS}
        if not cell["number"].strip() or not cell["text"].strip():
            raise IngestError(file, "a recommendation needs a number and a text", line=line)
        category = cell["respondent_category"].strip() or None
        organisation = cell["organisation"].strip() or None
        if cell["body"].strip():
            name = cell["body"].strip()
            body = BodyRecord(slug(name), name, cell["body_kind"].strip() or "group")
        elif organisation and category != PRIVATE_CATEGORY:
            body = BodyRecord(
                slug(organisation), organisation, cell["body_kind"].strip() or "group"
            )
        else:
            body = BodyRecord(*PRIVATE_BODY)
        report_title = cell["report"].strip() or cell["source_file"].strip() or file
        report = ReportRecord(
            slug(f"{body.key} {report_title}"),
            report_title,
            None,
            cell["source_file"].strip() or None,
        )
        number = cell["number"].strip()
        if (report.key, number) in seen:
            raise IngestError(
                file,
                f"recommendation {number} of {report_title!r} is also on line "
                f"{seen[(report.key, number)]}",
                line=line,
            )
        seen[(report.key, number)] = line
        response = None
        if cell["response_kind"].strip():
            kind = _choice(cell["response_kind"], RESPONSE_KINDS, file, line, "response_kind")
            response = ResponseRecord(
                kind,
                cell["response_text"].strip() or kind.replace("_", " ").capitalize(),
                cell["responder"].strip() or None,
                _date(cell["responded_on"], file, line, "responded_on"),
            )
        status = "open"
        if cell["status"].strip():
            status = _choice(cell["status"], STATUSES, file, line, "status")
        words, points = cell["text"].strip(), split_sub_points(cell["sub_points"])
        if category == PRIVATE_CATEGORY:
            # A private individual's name must not reach the register: redact it (and any
            # contact details) from their words, and keep no organisation for them.
            names = [organisation] if organisation else []
            words = redact(words, names).text
            points = [redact(p, names).text for p in points]
        rec = ExtractedRecommendation(
            number=number,
            text=words,
            subpoints=points,
            addressee=cell["addressee"].strip() or None,
            theme=cell["theme"].strip() or None,
            source_file=cell["source_file"].strip() or None,
            start=_int(cell["span_start"], file, line, "span_start"),
            end=_int(cell["span_end"], file, line, "span_end"),
            respondent_category=category,
            organisation=None if category == PRIVATE_CATEGORY else organisation,
        )
        records.append(
            RegisterRecord(
                body=body,
                report=report,
                recommendation=rec,
                owner=cell["owner"].strip() or None,
                due=_date(cell["due"], file, line, "due"),
                status=status,
                response=response,
            )
        )
    if not records:
        raise IngestError(file, "no recommendations in the file", line=2)
    return records
