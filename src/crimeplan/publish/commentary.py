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
