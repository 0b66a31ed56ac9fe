"""The commentary file officers edit: commentary and corrective action for each measure.

The format is documented in docs/commentary-file.md. The Havering report's rule: "Where
performance is more than the 'target tolerance' off the quarter target and the RAG rating is
'Red', 'Corrective Action' is included in the report" (Crime & Disorder Sub-Committee,
January 2017, agenda item 9). A Red measure without one is flagged, never hidden.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crimeplan.errors import CrimeplanError
from crimeplan.measures.results import MeasureResult


class CommentaryError(CrimeplanError):
    """A commentary file that cannot be read or does not fit the report it is used for."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MeasureCommentary(_Strict):
    """What the officer says about one measure this period."""

    commentary: str = ""
    corrective_action: str = ""
    owner: str = ""  # who leads the corrective action


class Commentary(_Strict):
    """A period's commentary for one area: an overview and a block per measure id."""

    area: str = Field(min_length=1)  # name or ONS code, as the report's --area
    period: str = Field(min_length=1)  # 2016-17-Q3
    author: str = ""
    overview: str = ""
    measures: dict[str, MeasureCommentary] = Field(default_factory=dict)

    def for_measure(self, measure_id: str) -> MeasureCommentary:
        return self.measures.get(measure_id, MeasureCommentary())


_QUOTED = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?%)")
#: The figures of a result a commentary may quote: counts and values, and changes in per cent.
_VALUE_FIELDS = (
    "value",
    "rated_value",
    "previous_value",
    "last_year_value",
    "ytd_value",
    "ytd_last_year_value",
    "parent_value",
    "target",
)
_CHANGE_FIELDS = (
    "previous_pct_change",
    "last_year_pct_change",
    "ytd_pct_change",
    "parent_last_year_pct_change",
    "parent_ytd_pct_change",
)


def stale_quotes(text: str, result: MeasureResult) -> list[str]:
    """The figures a commentary quotes (numbers with a thousands comma, and percentages) that
    are none of the measure's figures in today's data, at the precision quoted.

    Rationale: a commentary written when the report was first produced quotes the figures as
    published then; where the data have since been revised, a reader must see that at the
    paragraph, not in a footnote elsewhere (issue 11).

    >>> from crimeplan.measures.results import MeasureResult as R
    >>> r = R("tno", "TNO", "p", "P", "count", "lower_is_better", "E09000016", "Havering",
    ...       "borough", "2016-17-Q3", "mps-crime", ytd_value=13014.0, ytd_pct_change=4.49)
    >>> stale_quotes("13,143 so far, up 4.5% on the year; 13,014 now", r)
    ['13,143']
    """
    values = [v for f in _VALUE_FIELDS if (v := getattr(result, f)) is not None]
    changes = [abs(c) for f in _CHANGE_FIELDS if (c := getattr(result, f)) is not None]
    if result.unit == "percentage":
        changes += values
    out = []
    for quoted in _QUOTED.findall(text):
        if quoted.endswith("%"):
            number = quoted[:-1]
            places = len(number.split(".")[1]) if "." in number else 0
            pool = changes
        else:
            number, places, pool = quoted.replace(",", ""), 0, values
        if not any(abs(round(v, places) - float(number)) < 1e-9 for v in pool):
            out.append(quoted)
    return list(dict.fromkeys(out))


def load_commentary(path: Path) -> Commentary:
    """Read and validate a commentary file; errors name the file and the key at fault."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommentaryError(f"{path}: no such commentary file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise CommentaryError(f"{path.name}{where}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise CommentaryError(f"{path.name}: expected keys area, period and measures")
    try:
        return Commentary.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"'{'.'.join(str(p) for p in err['loc'])}': {err['msg']}" for err in exc.errors()
        ]
        raise CommentaryError(f"{path.name}: " + "; ".join(problems)) from None


def check_commentary(
    commentary: Commentary,
    *,
    source: str,
    area_names: set[str],
    period: str,
    measure_ids: list[str],
) -> None:
    """Refuse a commentary written for another area, period or plan.

    `area_names` holds the report area's name and code; `source` names the file in errors.
    """
    wanted = {_fold(a) for a in area_names}
    if _fold(commentary.area) not in wanted:
        raise CommentaryError(
            f"{source}: written for area {commentary.area!r}, "
            f"but the report is for {sorted(area_names)[0]!r}"
        )
    if commentary.period.strip() != period:
        raise CommentaryError(
            f"{source}: written for period {commentary.period!r}, but the report is for {period!r}"
        )
    unknown = [m for m in commentary.measures if m not in measure_ids]
    if unknown:
        raise CommentaryError(
            f"{source}: 'measures' names {', '.join(map(repr, unknown))}, not in the plan; "
            f"the plan's measures are: {', '.join(measure_ids)}"
        )


def default_commentary_path(plan_path: Path, area_name: str, period: str) -> Path:
    """Where a plan's commentary lives by convention: `commentary/<area>-<period>.yaml`
    beside the plan file (plans/commentary/havering-2016-17-Q3.yaml)."""
    return plan_path.parent / "commentary" / f"{_slug(area_name)}-{period}.yaml"


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
