"""Ingest survey microdata (one row per respondent) and published survey tables into the store.

Microdata columns: respondent_id, interview_date, borough (E09 code or name), optional ward (E05),
age_band, sex, ethnic_group, disability, sexual_orientation, weight, then one column per
question. Other layouts are read through a YAML mapping file (`survey_mapping.py`). Published
tables: area, period, measure, percentage, base (optional characteristic, group).

Every file is validated before anything is written (errors name file, line and field), loaded
inside one transaction (all or nothing), and re-ingesting replaces: respondents are keyed by
survey and respondent id, published figures by area, period, measure and group. Each file is
recorded in `ingest_files`. Documented in docs/survey-data.md.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from crimeplan.errors import IngestError
from crimeplan.geo import Geography
from crimeplan.ingest.decoding import check_header_unique, csv_rows, read_text
from crimeplan.ingest.files import register_file, sha256_of
from crimeplan.ingest.survey_mapping import (
    PUBLISHED_COLUMNS,
    PUBLISHED_OPTIONAL,
    REQUIRED_COLUMNS,
    STANDARD_COLUMNS,
    SurveyMapping,
    load_mapping,
)
from crimeplan.store.analytic import Store
from crimeplan.store.survey_schema import CHARACTERISTICS, SURVEY_SCHEMA_SQL

WARD_CODE = re.compile(r"^E05\d{6}$")
AREA_CODE = re.compile(r"^[EWSNK]\d{8}$")


@dataclass(frozen=True)
class SurveyIngestSummary:
    """What one ingest loaded."""

    file_id: int
    respondents: int
    answers: int
    questions: tuple[str, ...]
    vintage: str | None


def _column_name(name: str) -> str:
    """Header as a standard name: trimmed, lower case, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-]+", "_", name.strip()).lower()


def _read_csv(path: Path, delimiter: str = ",") -> pd.DataFrame:
    """A CSV file as text columns, after a strict pass: the encoding (UTF-8 or UTF-16), every
    row's field count, quoting and cell length, and no column named twice (pandas would pad a
    short row with blanks and rename a second `q1` to `q1.1` silently)."""
    if not path.is_file():
        raise IngestError(path, "file not found")
    text, _ = read_text(path)
    rows = csv_rows(path, text, delimiter)
    header = next(rows, (1, []))[1]
    if not any(h.strip() for h in header):
        raise IngestError(path, "the file is empty: no header row", line=1)
    check_header_unique(path, header)
    for _ in rows:  # every row is checked as it is read
        pass
    try:
        return pd.read_csv(
            io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, engine="c"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise IngestError(path, f"not a readable CSV file: {str(exc).splitlines()[0]}") from None


def _borough_codes(values: pd.Series) -> pd.Series:  # type: ignore[type-arg]
    """Each value as a London borough's E09 code: a known code as it is, a borough name (as
    the Met or ONS writes it) looked up in the shipped geography; None when neither."""
    geo = Geography.load()
    known = {a.code for a in geo.boroughs()}
    lookup: dict[str, str | None] = {}
    for value in values.dropna().unique():
        text = str(value)
        lookup[text] = text if text in known else geo.borough_code(text)
    return values.map(lambda v: lookup.get(v) if isinstance(v, str) else None)


def _fail_first(path: Path, frame: pd.DataFrame, bad: pd.Series, field: str, why: str) -> None:
    """Raise for the first row where `bad` holds (line = row + 2: the header is line 1)."""
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        value = frame[field].iloc[row]
        raise IngestError(path, f"{value!r}: {why}", line=row + 2, field=field)


def _prepare_microdata(path: Path, mapping: SurveyMapping) -> tuple[pd.DataFrame, list[str]]:
    """Read, rename, recode and validate a microdata file; return it and its question columns."""
    raw = _read_csv(path, mapping.delimiter)
    raw = raw.drop(columns=[c for c in mapping.ignore if c in raw.columns])
    raw = raw.rename(columns=mapping.columns)
    names = [_column_name(str(c)) for c in raw.columns]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise IngestError(path, f"two columns are named '{name}'", line=1, field=name)
        seen.add(name)
    frame = raw.set_axis(names, axis=1)
    for column in REQUIRED_COLUMNS:
        if column not in frame.columns:
            raise IngestError(
                path,
                "required column missing",
                line=1,
                field=column,
                hint="Rename it in a mapping file (docs/survey-data.md)",
            )
    if mapping.questions is not None:
        questions = [_column_name(q) for q in mapping.questions]
        for q in questions:
            if q not in frame.columns:
                raise IngestError(path, "question named in the mapping is not in the file", field=q)
    else:
        questions = [c for c in frame.columns if c not in STANDARD_COLUMNS]
    if not questions:
        raise IngestError(path, "no question columns: nothing to measure", line=1)
    frame = frame.apply(lambda col: col.str.strip())
    missing = set(mapping.missing)
    for column, codes in mapping.recode.items():
        name = _column_name(column)
        if name not in frame.columns:
            raise IngestError(path, "recoded column is not in the file", field=name)
        frame[name] = frame[name].map(lambda v, codes=codes: codes.get(v, v))
    frame = frame.mask(frame.isin(missing))

    _fail_first(path, frame, frame["respondent_id"].isna(), "respondent_id", "no respondent id")
    _fail_first(path, frame, frame["respondent_id"].duplicated(), "respondent_id", "appears twice")
    dates = pd.to_datetime(frame["interview_date"], format=mapping.date_format, errors="coerce")
    _fail_first(
        path,
        frame,
        dates.isna(),
        "interview_date",
        f"not a date in the format {mapping.date_format}",
    )
    boroughs = _borough_codes(frame["borough"])
    _fail_first(
        path, frame, boroughs.isna(), "borough", "not a London borough (a name or an E09 code)"
    )
    if "ward" in frame.columns:
        ward_bad = frame["ward"].notna() & ~frame["ward"].fillna("").str.match(WARD_CODE)
        _fail_first(path, frame, ward_bad, "ward", "not a ward code (ONS E05 code)")
    weight = pd.to_numeric(frame["weight"], errors="coerce")
    _fail_first(
        path, frame, ~(weight > 0) | ~weight.lt(float("inf")), "weight", "not a positive number"
    )
    frame["borough"] = boroughs
    frame["interview_date"] = dates.dt.date
    frame["month"] = dates.dt.to_period("M").dt.to_timestamp().dt.date
    frame["weight"] = weight
    return frame, questions


def _record_file(store: Store, path: Path, source: str, rows: int, vintage: str | None) -> int:
    return register_file(
        store.con, source=source, path=path, sha=sha256_of(path), rows=rows, vintage=vintage
    )


def ingest_survey_microdata(
    store: Store, path: str | Path, *, mapping: SurveyMapping | str | Path | None = None
) -> SurveyIngestSummary:
    """Load a survey microdata CSV; respondents already stored under the same ids are replaced."""
    path = Path(path)
    spec = mapping if isinstance(mapping, SurveyMapping) else load_mapping(mapping)
    frame, questions = _prepare_microdata(path, spec)
    respondents = pd.DataFrame(
        {
            "survey": spec.survey,
            "respondent_id": frame["respondent_id"],
            "interview_date": frame["interview_date"],
            "month": frame["month"],
            "borough_code": frame["borough"],
            "ward_code": frame["ward"] if "ward" in frame.columns else None,
            **{c: frame[c] if c in frame.columns else None for c in CHARACTERISTICS},
            "weight": frame["weight"],
        }
    )
    for c in ("ward_code", *CHARACTERISTICS):
        respondents[c] = respondents[c].astype("object")
    answers = (
        frame[["respondent_id", *questions]]
        .melt(id_vars="respondent_id", var_name="question", value_name="answer")
        .dropna(subset=["answer"])
    )
    answers.insert(0, "survey", spec.survey)
    vintage = max(frame["month"]).strftime("%Y-%m") if len(frame) else None
    store.con.execute(SURVEY_SCHEMA_SQL)
    store.con.register("new_respondents", respondents)
    store.con.register("new_answers", answers)
    try:
        with store.transaction() as con:
            file_id = _record_file(store, path, "survey", len(respondents), vintage)
            for table in ("survey_answers", "survey_respondents"):
                con.execute(
                    f"DELETE FROM {table} AS t USING new_respondents AS n "
                    "WHERE t.survey = n.survey AND t.respondent_id = n.respondent_id"
                )
            con.execute(
                "INSERT INTO survey_respondents SELECT survey, respondent_id, interview_date, "
                "month, borough_code, ward_code, age_band, sex, ethnic_group, disability, "
                "sexual_orientation, weight, ? FROM new_respondents",
                [file_id],
            )
            con.execute(
                "INSERT INTO survey_answers SELECT survey, respondent_id, question, answer "
                "FROM new_answers"
            )
    finally:
        store.con.unregister("new_respondents")
        store.con.unregister("new_answers")
    return SurveyIngestSummary(file_id, len(respondents), len(answers), tuple(questions), vintage)


def ingest_survey_published(store: Store, path: str | Path) -> SurveyIngestSummary:
    """Load a published survey table (area, period, measure, percentage, base [, characteristic,
    group]); a figure already stored for the same area, period, measure and group is replaced."""
    path = Path(path)
    raw = _read_csv(path)
    frame = raw.set_axis([_column_name(str(c)) for c in raw.columns], axis=1)
    for column in PUBLISHED_COLUMNS:
        if column not in frame.columns:
            raise IngestError(path, "required column missing", line=1, field=column)
    frame = frame.apply(lambda col: col.str.strip())
    for column in PUBLISHED_OPTIONAL:
        if column not in frame.columns:
            frame[column] = "all"
        frame[column] = frame[column].replace("", "all")
    _fail_first(path, frame, ~frame["area"].str.match(AREA_CODE), "area", "not an ONS area code")
    for column in ("period", "measure"):
        _fail_first(path, frame, frame[column] == "", column, "empty")
    pct = pd.to_numeric(frame["percentage"], errors="coerce")
    _fail_first(path, frame, ~pct.between(0, 100), "percentage", "not a percentage from 0 to 100")
    base = pd.to_numeric(frame["base"], errors="coerce")
    _fail_first(
        path, frame, ~(base >= 0) | (base % 1 != 0), "base", "not a whole number of respondents"
    )
    key = ["area", "period", "measure", "characteristic", "group"]
    _fail_first(path, frame, frame.duplicated(key), "measure", "this area, period and group again")
    store.con.execute(SURVEY_SCHEMA_SQL)
    table = pd.DataFrame(
        {
            "area_code": frame["area"],
            "period": frame["period"],
            "measure": frame["measure"],
            "characteristic": frame["characteristic"],
            "group_name": frame["group"],
            "percentage": pct,
            "base": base.astype("int64"),
        }
    )
    store.con.register("new_published", table)
    try:
        with store.transaction() as con:
            file_id = _record_file(store, path, "survey-published", len(table), None)
            con.execute(
                "INSERT OR REPLACE INTO survey_published SELECT area_code, period, measure, "
                "characteristic, group_name, percentage, base, ? FROM new_published",
                [file_id],
            )
    finally:
        store.con.unregister("new_published")
    return SurveyIngestSummary(file_id, len(table), 0, tuple(sorted(set(table["measure"]))), None)
