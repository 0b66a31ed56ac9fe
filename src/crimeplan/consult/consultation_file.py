"""Consultation files: load, validate, and the Consultation model.

A consultation file (YAML, format in docs/consultation-file.md) names the consultation, its
dates, its questions (closed, with an answer scale; open), the categories of respondent and the
demographic questions used to split results. Loading reports every problem at once, each with its
YAML line and field path, so a person can fix the file in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crimeplan.consult.errors import ConsultationError

# Column names the survey export reserves for the respondent; no question may use them.
RESERVED_COLUMNS = ("respondent_id", "name", "category", "organisation", "submitted")
CODE_PATTERN = r"^[A-Za-z0-9_+\-]+$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleOption(_Model):
    """One answer on a closed question's scale; `group` puts it in the agree or disagree total."""

    code: str = Field(pattern=CODE_PATTERN)
    label: str
    group: Literal["agree", "disagree"] | None = None


class Scale(_Model):
    label: str
    options: list[ScaleOption] = Field(min_length=2)


class Question(_Model):
    id: str = Field(pattern=CODE_PATTERN)
    number: str | None = None
    section: str | None = None
    text: str = Field(min_length=1)
    type: Literal["closed", "open"]
    scale: str | None = None


class RespondentCategory(_Model):
    """A kind of respondent; `private` ones are people whose names are never shown."""

    code: str = Field(pattern=CODE_PATTERN)
    label: str
    private: bool = False


class DemographicOption(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    label: str


class Demographic(_Model):
    id: str = Field(pattern=CODE_PATTERN)
    text: str
    options: list[DemographicOption] = Field(min_length=2)


class Meeting(_Model):
    """A stakeholder meeting held during the consultation ('You said, We did' lists them)."""

    date: date
    title: str
    organiser: str | None = None
    attendees: int | None = Field(default=None, ge=0)
class RedactionLists(_Model):
    """Per-consultation lists for personal-data redaction (consult/pii.py): `keep` names
    (office holders, organisations) are never removed, `redact` names always are."""

    keep: list[str] = Field(default_factory=list)
    redact: list[str] = Field(default_factory=list)


class Consultation(_Model):
    id: str = Field(pattern=CODE_PATTERN)
    title: str
    organisation: str | None = None
    opens: date
    closes: date
    source: str | None = None
    scales: dict[str, Scale] = Field(default_factory=dict)
    questions: list[Question] = Field(min_length=1)
    respondent_categories: list[RespondentCategory] = Field(min_length=1)
    demographics: list[Demographic] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)  # how people could respond, in words
    meetings: list[Meeting] = Field(default_factory=list)
    redaction: RedactionLists = Field(default_factory=RedactionLists)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def closed_questions(self) -> list[Question]:
        return [q for q in self.questions if q.type == "closed"]

    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.type == "open"]

    def scale_of(self, question: Question) -> Scale:
        if question.scale is None:
            raise KeyError(f"{question.id} is an open question and has no scale")
        return self.scales[question.scale]

    def category(self, code: str) -> RespondentCategory:
        for c in self.respondent_categories:
            if c.code == code:
                return c
        raise KeyError(code)

    def demographic(self, demographic_id: str) -> Demographic:
        for d in self.demographics:
            if d.id == demographic_id:
                return d
        raise KeyError(demographic_id)


class LoadedConsultation(_Model):
    """A validated consultation with where it came from (file name and sha256)."""

    consultation: Consultation
    source_file: str
    sha256: str


def _line_of(root: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    """The 1-based YAML line of the node at `path`, or of its deepest existing ancestor."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(
                (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part),
                None,
            )
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            found = node.value[part] if 0 <= part < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
        line = node.start_mark.line + 1
    return line


def _where(root: yaml.Node | None, path: Sequence[str | int]) -> str:
    dotted = ""
    for part in path:
        dotted += f"[{part}]" if isinstance(part, int) else (f".{part}" if dotted else str(part))
    line = _line_of(root, path)
    prefix = f"line {line}: " if line is not None else ""
    return f"{prefix}{dotted or '(top level)'}"


def _cross_problems(c: Consultation) -> list[tuple[list[str | int], str]]:
    """Rules pydantic cannot see: references, uniqueness, date order."""
    problems: list[tuple[list[str | int], str]] = []
    if c.closes < c.opens:
        problems.append((["closes"], f"closes {c.closes} is before opens {c.opens}"))
    seen: dict[str, str] = {}
    for i, q in enumerate(c.questions):
        if q.id in seen:
            problems.append((["questions", i, "id"], f"'{q.id}' is used twice"))
        seen[q.id] = "question"
        if q.id in RESERVED_COLUMNS:
            problems.append((["questions", i, "id"], f"'{q.id}' is reserved for the respondent"))
        if q.type == "closed" and q.scale is None:
            problems.append((["questions", i], "a closed question needs a scale"))
        if q.type == "closed" and q.scale is not None and q.scale not in c.scales:
            known = ", ".join(sorted(c.scales)) or "none defined"
            problems.append((["questions", i, "scale"], f"no scale '{q.scale}' (scales: {known})"))
        if q.type == "open" and q.scale is not None:
            problems.append((["questions", i, "scale"], "an open question takes no scale"))
    for i, d in enumerate(c.demographics):
        if d.id in seen or d.id in RESERVED_COLUMNS:
            problems.append((["demographics", i, "id"], f"'{d.id}' is already a column name"))
        seen[d.id] = "demographic"
        codes = [o.code for o in d.options]
        for j, code in enumerate(codes):
            if code in codes[:j]:
                problems.append(
                    (["demographics", i, "options", j, "code"], f"'{code}' is used twice")
                )
    for name, scale in c.scales.items():
        codes = [o.code for o in scale.options]
        for j, code in enumerate(codes):
            if code in codes[:j]:
                problems.append((["scales", name, "options", j, "code"], f"'{code}' twice"))
    cats = [cat.code for cat in c.respondent_categories]
    for i, code in enumerate(cats):
        if code in cats[:i]:
            problems.append((["respondent_categories", i, "code"], f"'{code}' is used twice"))
    return problems


def parse_consultation(text: str, file: str | Path = "consultation.yaml") -> Consultation:
    """Validate consultation YAML text; raise ConsultationError listing every problem."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConsultationError(file, [f"not valid YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise ConsultationError(file, ["line 1: the file must be a mapping of fields"])
    try:
        consultation = Consultation.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{_where(root, [p for p in err['loc'] if isinstance(p, str | int)])}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ConsultationError(file, problems) from exc
    cross = _cross_problems(consultation)
    if cross:
        raise ConsultationError(file, [f"{_where(root, path)}: {msg}" for path, msg in cross])
    return consultation


def load_consultation(path: str | Path) -> LoadedConsultation:
    """Read and validate a consultation file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConsultationError(path, [f"cannot read the file: {exc.strerror}"]) from exc
    consultation = parse_consultation(raw.decode("utf-8"), path)
    return LoadedConsultation(
        consultation=consultation, source_file=path.name, sha256=hashlib.sha256(raw).hexdigest()
    )
