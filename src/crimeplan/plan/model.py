"""The plan: priorities -> outcomes -> measures and commitments, as written in a plan file.

The format is documented in docs/plan-file.md; `crimeplan.plan.load_plan` reads and validates it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Source = Literal["mps-crime", "police-uk", "values", "survey", "unavailable"]
Unit = Literal["count", "rate_per_1000", "percentage"]
Polarity = Literal["lower_is_better", "higher_is_better", "neutral"]
Aggregation = Literal["sum", "ratio"]
Level = Literal["force", "borough", "ward", "lsoa"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(_Strict):
    """How far off target still counts as on target (Havering: the 'target tolerance').

    `relative: 0.025` is 2.5% of the target; `absolute: 3` is 3 units of the measure (for a
    percentage measure, 3 percentage points).
    """

    relative: float | None = Field(default=None, ge=0, le=1)
    absolute: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_kind(self) -> Tolerance:
        if (self.relative is None) == (self.absolute is None):
            raise ValueError("give exactly one of 'relative' (a fraction) or 'absolute'")
        return self

    def allowance(self, target: Any) -> Any:
        """The distance from the target still within tolerance: one target, or an array of
        them (the engine rates whole columns). The one implementation of the rule."""
        if self.relative is not None:
            return abs(target) * self.relative
        assert self.absolute is not None
        return self.absolute

    def describe(self, unit: str) -> str:
        if self.relative is not None:
            return f"{self.relative * 100:g}% of target"
        points = " points" if unit == "percentage" else ""
        return f"±{self.absolute:g}{points}"


class Target(_Strict):
    """A target: one value for every period, a value per period label, or a change on last year.

    `vs_last_year: 0` means "no higher than the same period last year" (for a lower-is-better
    measure); `vs_last_year: -0.05` means 5% below it.
    """

    value: float | None = None
    by_period: dict[str, float] | None = None
    vs_last_year: float | None = Field(default=None, ge=-1, le=10)

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        given = [x for x in (self.value, self.by_period, self.vs_last_year) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'value', 'by_period' or 'vs_last_year'")
        return self


class Selection(_Strict):
    """Which records a crime measure counts. Empty lists mean every group/type."""

    offence_groups: list[str] = Field(default_factory=list)
    offences: list[str] = Field(default_factory=list)
    crime_types: list[str] = Field(default_factory=list)

    @field_validator("offence_groups", "offences")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        return [x.strip().upper() for x in v]


class Measure(_Strict):
    """One measure: what is counted, from which source, in which unit, and how it is rated."""

    id: Slug
    title: str = Field(min_length=1)
    description: str = ""
    source: Source
    unit: Unit = "count"
    polarity: Polarity = "lower_is_better"
    aggregation: Aggregation | None = None
    select: Selection = Field(default_factory=Selection)
    values_key: str | None = None  # for source 'values': the `measure` column (default: id)
    question: str | None = None  # for source 'survey'
    positive: list[str] = Field(default_factory=list)  # for source 'survey'
    respondents: dict[str, list[str]] = Field(default_factory=dict)  # survey: who is asked
    exclude: list[str] = Field(default_factory=list)  # survey: answers left out of the base
    target: Target | None = None
    tolerance: Tolerance | None = None
    rag_on: Literal["ytd", "period"] = "ytd"
    breakdowns: list[str] = Field(default_factory=lambda: ["force", "borough"])
    method: str = ""
    caveats: list[str] = Field(default_factory=list)
    reason: str | None = None  # for source 'unavailable': why no figure can be given

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.source == "unavailable" and not self.reason:
            raise ValueError("a measure with source 'unavailable' needs a 'reason'")
        if self.source == "survey" and (not self.question or not self.positive):
            raise ValueError("a survey measure needs 'question' and 'positive' answers")
        if self.unit == "percentage" and self.source in ("mps-crime", "police-uk"):
            raise ValueError("a crime measure is a count or a rate_per_1000, not a percentage")
        if self.tolerance is not None and self.target is None:
            raise ValueError("'tolerance' needs a 'target'")
        return self

    @property
    def agg(self) -> Aggregation:
        """How values combine over time: counts add up; percentages are ratios of sums."""
        if self.aggregation is not None:
            return self.aggregation
        return "ratio" if self.unit == "percentage" else "sum"

    @property
    def key(self) -> str:
        return self.values_key or self.id


class Commitment(_Strict):
    text: str = Field(min_length=1)
    lead: str | None = None


class Outcome(_Strict):
    id: Slug
    title: str = Field(min_length=1)
    measures: list[Measure] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)


class Priority(_Strict):
    id: Slug
    title: str = Field(min_length=1)
    description: str = ""
    outcomes: list[Outcome] = Field(min_length=1)


class Plan(_Strict):
    """A Police and Crime Plan (or a partnership's performance framework) as a file states it."""

    id: Slug
    title: str = Field(min_length=1)
    area: str = "E23000001"  # the force area the plan covers; London-wide context
    source_document: str = ""
    priorities: list[Priority] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        seen: set[str] = set()
        for m in self.measures():
            if m.id in seen:
                raise ValueError(f"measure id {m.id!r} is used twice")
            seen.add(m.id)
        return self

    def measures(self) -> list[Measure]:
        return [m for p in self.priorities for o in p.outcomes for m in o.measures]

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures():
            if m.id == measure_id:
                return m
        from crimeplan.errors import NotFoundError

        known = ", ".join(m.id for m in self.measures())
        raise NotFoundError(f"plan {self.id} has no measure {measure_id!r}; it has: {known}")

    def priority_of(self, measure_id: str) -> Priority:
        for p in self.priorities:
            for o in p.outcomes:
                if any(m.id == measure_id for m in o.measures):
                    return p
        raise KeyError(measure_id)
