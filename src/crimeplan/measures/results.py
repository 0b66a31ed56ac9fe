"""What the measures engine returns: one `MeasureResult` per measure, area and period.

This is the contract between `measures/` and everything that shows figures (CLI, reports,
dashboard, API). Every figure a person sees is a field here, computed in `measures/`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Rag = Literal["red", "amber", "green"]
Direction = Literal["better", "worse", "same"]


@dataclass(frozen=True)
class MeasureResult:
    """A measure's value for one area and period, with its comparisons and ratings.

    Percentages are in points (28.8 means 28.8%); changes in `*_pct_change` are percentages
    of the comparison value (+4.5 means 4.5% higher). `None` means not computable (no data,
    a zero base, or the measure has no target) and is shown as such, never as zero.
    """

    measure_id: str
    measure_title: str
    priority_id: str
    priority_title: str
    unit: str  # count | rate_per_1000 | percentage
    polarity: str  # lower_is_better | higher_is_better | neutral
    area_code: str
    area_name: str
    area_level: str  # force | borough | ward | lsoa
    period: str  # label as written: 2016-12, 2016-17-Q3, 2016-17, 2016-17-YTD
    source: str
    available: bool = True
    note: str | None = None  # why a value is missing, or a caveat a reader must see
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    population: float | None = None
    previous_period: str | None = None
    previous_value: float | None = None
    previous_pct_change: float | None = None
    last_year_period: str | None = None
    last_year_value: float | None = None
    last_year_pct_change: float | None = None
    ytd_period: str | None = None
    ytd_value: float | None = None
    ytd_last_year_value: float | None = None
    ytd_pct_change: float | None = None
    parent_code: str | None = None
    parent_name: str | None = None
    parent_value: float | None = None
    parent_last_year_pct_change: float | None = None
    parent_ytd_pct_change: float | None = None
    target: float | None = None
    tolerance: str | None = None  # as the plan states it, e.g. "2.5% of target"
    rated_value: float | None = None  # the value the RAG rating judged (FYTD by default)
    rag_basis: str | None = None  # ytd | period: which value `rated_value` is
    rag: Rag | None = None
    dot_short: Direction | None = None  # against the previous period
    dot_long: Direction | None = None  # against the same period last year
    vintage: str | None = None  # latest month of the data the figures came from (YYYY-MM)
    signal: str | None = None  # statistical signal code (see measures/signals)
    signal_sentence: str | None = None  # plain English, e.g. "no significant change"
    interval_lower: float | None = None  # survey measures: the 95% interval, in points
    interval_upper: float | None = None
    base: int | None = None  # survey measures: respondents behind the value (unweighted)
    synthetic: bool = False  # from synthetic data (the demo's survey, synthetic police.uk)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
