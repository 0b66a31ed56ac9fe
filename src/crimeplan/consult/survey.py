"""Read an online-survey export (CSV or XLSX, one row per respondent) into survey rows.

The standard layout (docs/consultation-data.md): `respondent_id`, optional `submitted`, `name`,
`category`, `organisation`, then one column per question id and per demographic id of the
consultation file. A closed answer may be the option's code or its label (any case); a blank
cell is no answer. Another layout is read through a mapping file (YAML) that renames columns,
recodes values and names columns to skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from crimeplan.consult.consultation_file import Consultation
from crimeplan.errors import IngestError
from crimeplan.ingest.archives import check_zip, reason
from crimeplan.ingest.decoding import check_header_unique, csv_rows, read_text

MAX_XLSX_BYTES = 512 << 20  # uncompressed: a 200,000-respondent export is about 100 MB

PRIVATE_DEFAULT = "private_individual"


class SurveyMapping(BaseModel):
    """How a non-standard export maps onto the standard columns (docs/consultation-data.md)."""

    model_config = ConfigDict(extra="forbid")
    sheet: str | None = None
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    skip_columns: list[str] = []


@dataclass(frozen=True)
class SurveyRow:
    line: int
    respondent_id: str
    submitted: date | None
    name: str | None
    category: str
    organisation: str | None
    codes: dict[str, str] = field(default_factory=dict)  # closed and demographic answers
    texts: dict[str, str] = field(default_factory=dict)  # open answers


def load_mapping(path: str | Path) -> SurveyMapping:
    path = Path(path)
    try:
        text, _ = read_text(path)
        data = yaml.safe_load(text) or {}
        return SurveyMapping.model_validate(data)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        line = mark.line + 1 if mark is not None else None
        raise IngestError(path, f"cannot read the mapping file: {problem}", line=line) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise IngestError(path, err["msg"], field=where) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    text, _ = read_text(path)
    for line, row in csv_rows(path, text):
        yield line, [c.strip() for c in row]


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    check_zip(path, max_total=MAX_XLSX_BYTES, what=".xlsx workbook")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and its own errors
        raise IngestError(path, f"not a readable .xlsx workbook ({reason(exc)})") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise IngestError(path, f"no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    try:
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, [_cell(v) for v in row]
    except Exception as exc:  # a damaged sheet fails while it is read, not when opened
        raise IngestError(path, f"a damaged .xlsx sheet ({reason(exc)})") from None
    finally:
        book.close()


def _parse_date(text: str, path: Path, line: int, column: str) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(text[:19], fmt).date()
        except ValueError:
            continue
    raise IngestError(path, f"'{text}' is not a date (use 2017-02-23)", line=line, field=column)


class _Coder:
    """Turns a cell into a code for one closed or demographic question."""

    def __init__(self, consultation: Consultation, mapping: SurveyMapping) -> None:
        self.options: dict[str, dict[str, str]] = {}
        for q in consultation.closed_questions():
            opts = consultation.scale_of(q).options
            self.options[q.id] = _lookup([(o.code, o.label) for o in opts])
        for d in consultation.demographics:
            self.options[d.id] = _lookup([(o.code, o.label) for o in d.options])
        self.recode = {
            key: {k.casefold(): v for k, v in table.items()}
            for key, table in mapping.values.items()
        }

    def code(self, column: str, value: str, path: Path, line: int) -> str:
        recoded = self.recode.get(column, {}).get(value.casefold())
        recoded = recoded or self.recode.get("*", {}).get(value.casefold()) or value
        found = self.options[column].get(recoded.casefold())
        if found is None:
            allowed = ", ".join(sorted(set(self.options[column].values())))
            raise IngestError(
                path,
                f"'{value}' is not an answer to this question (answers: {allowed})",
                line=line,
                field=column,
                hint="Recode it in a mapping file (--mapping)",
            )
        return found


def _lookup(pairs: list[tuple[str, str]]) -> dict[str, str]:
    table = {label.casefold(): code for code, label in pairs}
    table.update({code.casefold(): code for code, _ in pairs})
    return table


def read_survey(
    path: str | Path, consultation: Consultation, mapping: SurveyMapping | None = None
) -> list[SurveyRow]:
    """Every respondent row of a survey export, validated against the consultation."""
    path = Path(path)
    mapping = mapping or SurveyMapping()
    suffix = path.suffix.lower()
    if not path.is_file():
        raise IngestError(path, "the file does not exist")
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path, mapping.sheet)
    else:
        raise IngestError(path, f"cannot read '{suffix}' survey exports", hint="Use .csv or .xlsx")
    try:
        _, header = next(rows)
    except StopIteration:
        raise IngestError(path, "the file is empty", line=1) from None
    columns = [mapping.columns.get(h, h) for h in header]
    check_header_unique(path, columns)
    closed = {q.id for q in consultation.closed_questions()} | {
        d.id for d in consultation.demographics
    }
    open_ids = {q.id for q in consultation.open_questions()}
    known = closed | open_ids | {"respondent_id", "submitted", "name", "category", "organisation"}
    for raw, col in zip(header, columns, strict=True):
        if col not in known and raw not in mapping.skip_columns and raw:
            raise IngestError(
                path,
                "unknown column: not a question or demographic of "
                f"'{consultation.id}' nor a respondent column",
                line=1,
                field=raw,
                hint="Map or skip it in a mapping file (--mapping)",
            )
    if "respondent_id" not in columns:
        raise IngestError(path, "no 'respondent_id' column", line=1, field="respondent_id")
    coder = _Coder(consultation, mapping)
    categories = _lookup([(c.code, c.label) for c in consultation.respondent_categories])
    seen: dict[str, int] = {}
    result: list[SurveyRow] = []
    for line, cells in rows:
        if not any(cells):
            continue
        if any(cells[len(columns) :]):
            raise IngestError(
                path, f"{len(cells)} cells in a row under {len(columns)} columns", line=line
            )
        record = dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=False))
        rid = record.get("respondent_id", "")
        if not rid:
            raise IngestError(path, "empty respondent id", line=line, field="respondent_id")
        if rid in seen:
            raise IngestError(
                path,
                f"respondent '{rid}' is also on line {seen[rid]:,}",
                line=line,
                field="respondent_id",
            )
        seen[rid] = line
        category_text = record.get("category", "") or PRIVATE_DEFAULT
        category = categories.get(category_text.casefold())
        if category is None:
            raise IngestError(
                path,
                f"'{category_text}' is not a respondent category (categories: "
                + ", ".join(c.code for c in consultation.respondent_categories)
                + ")",
                line=line,
                field="category",
            )
        codes = {
            col: coder.code(col, value, path, line)
            for col, value in record.items()
            if col in closed and value
        }
        texts = {col: value for col, value in record.items() if col in open_ids and value}
        result.append(
            SurveyRow(
                line=line,
                respondent_id=rid,
                submitted=_parse_date(record.get("submitted", ""), path, line, "submitted"),
                name=record.get("name") or None,
                category=category,
                organisation=record.get("organisation") or None,
                codes=codes,
                texts=texts,
            )
        )
    return result
