"""Mapping files: how to read a survey file laid out differently from the standard columns.

A YAML file renames columns to the standard names, recodes values (codes to labels) and says
which columns are questions. See docs/survey-data.md for the format and an example.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crimeplan.errors import IngestError
from crimeplan.store.survey_schema import CHARACTERISTICS

STANDARD_COLUMNS = (
    "respondent_id",
    "interview_date",
    "borough",
    "ward",
    *CHARACTERISTICS,
    "weight",
)
"""Respondent columns of a survey microdata file; every other column is a question."""
REQUIRED_COLUMNS = ("respondent_id", "interview_date", "borough", "weight")
PUBLISHED_COLUMNS = ("area", "period", "measure", "percentage", "base")
PUBLISHED_OPTIONAL = ("characteristic", "group")


class SurveyMapping(BaseModel):
    """A survey file's layout: renames, recodes, date format and which columns are questions."""

    model_config = ConfigDict(extra="forbid")

    survey: str = "pas"
    columns: dict[str, str] = Field(default_factory=dict)
    """File column -> standard column name (or a question's name)."""
    recode: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Standard column or question -> {value in file: value to store}; unlisted values kept."""
    delimiter: str = ","
    """Field separator of the CSV file (e.g. ';')."""
    date_format: str = "%Y-%m-%d"
    """strftime format of interview_date, e.g. '%d/%m/%Y'."""
    questions: list[str] | None = None
    """Question columns (after renaming); default: every column that is not a standard one."""
    ignore: list[str] = Field(default_factory=list)
    """File columns to leave out (neither respondent data nor questions)."""
    missing: list[str] = Field(default_factory=lambda: ["", "NA", "N/A", "-99"])
    """Values that mean no answer (not stored)."""


def load_mapping(path: str | Path | None) -> SurveyMapping:
    """Read a mapping file, or the standard layout when `path` is None."""
    if path is None:
        return SurveyMapping()
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(path, f"cannot read the mapping file: {exc}") from exc
    try:
        return SurveyMapping.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise IngestError(
            path, problems, hint="See docs/survey-data.md for the mapping file's keys"
        ) from exc
