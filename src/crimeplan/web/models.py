"""Pydantic response models of the JSON API (`/api/v1/`), as published in `/openapi.json`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from crimeplan.geo import Area
from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Measure, Plan

API_PREFIX = "/api/v1"
MAX_PAGE_SIZE = 500


class ErrorOut(BaseModel):
    """What went wrong, in words a person can act on."""

    detail: str = Field(
        examples=["no area called 'Narnia'; give a borough or ward name or an ONS code"]
    )


class PriorityOut(BaseModel):
    id: str
    title: str
    measures: list[str] = Field(description="The priority's measure IDs, in plan order")


class PlanOut(BaseModel):
    id: str
    title: str
    area: str = Field(description="ONS code of the area the plan covers (E23000001: London)")
    source_document: str
    priorities: list[PriorityOut]

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        return cls(
            id=plan.id,
            title=plan.title,
            area=plan.area,
            source_document=plan.source_document,
            priorities=[
                PriorityOut(
                    id=p.id,
                    title=p.title,
                    measures=[m.id for o in p.outcomes for m in o.measures],
                )
                for p in plan.priorities
            ],
        )


class MeasureOut(BaseModel):
    id: str
    title: str
    description: str
    priority_id: str
    priority_title: str
    source: str
    unit: str
    polarity: str
    target: dict[str, Any] | None
    tolerance: str | None
    breakdowns: list[str]
    method: str
    caveats: list[str]

    @classmethod
    def of(cls, plan: Plan, m: Measure) -> MeasureOut:
        priority = plan.priority_of(m.id)
        return cls(
            id=m.id,
            title=m.title,
            description=m.description,
            priority_id=priority.id,
            priority_title=priority.title,
            source=m.source,
            unit=m.unit,
            polarity=m.polarity,
            target=m.target.model_dump(exclude_none=True) if m.target else None,
            tolerance=m.tolerance.describe(m.unit) if m.tolerance else None,
            breakdowns=list(m.breakdowns),
            method=m.method,
            caveats=list(m.caveats),
        )


class AreaOut(BaseModel):
    code: str
    name: str
    level: str
    parent_code: str | None

    @classmethod
    def of(cls, a: Area) -> AreaOut:
        return cls(code=a.code, name=a.name, level=a.level, parent_code=a.parent_code)


class ValuesPage(BaseModel):
    """One page of measure values, each with its comparisons and ratings."""

    plan: str
    period: str
    period_note: str | None = Field(
        default=None, description="What `latest` meant, where the period was asked that way"
    )
    synthetic: bool = Field(
        default=False,
        description="True when any item comes from synthetic data (each item says which)",
    )
    data_version: int = Field(description="Increases with every ingest; figures are as of it")
    total: int = Field(description="Values matching the filters, over all pages")
    page: int
    page_size: int
    pages: int
    items: list[MeasureResult]


class ForceOut(BaseModel):
    """A police force of England and Wales and whether its police.uk records are loaded."""

    code: str = Field(description="Police force area code (E23..., W15...)")
    name: str
    loaded: bool = Field(description="False: no police.uk records of this force are loaded")
    records: int = Field(description="police.uk records of this force in the store")
    partnerships: list[AreaOut] = Field(description="Its community safety partnerships")


class SimilarRow(BaseModel):
    code: str
    force: str
    is_force: bool = Field(description="True for the force compared; False for its group")
    value: float | None
    last_year_value: float | None
    last_year_pct_change: float | None
    ytd_value: float | None
    ytd_pct_change: float | None
    group_mean: float | None = Field(description="Mean of the other forces' values")
    difference_from_group_mean: float | None
    rank: int | None = Field(description="1 is the best (the lowest where lower is better)")


class SimilarOut(BaseModel):
    """A force beside its most similar forces for one measure and period."""

    force_code: str
    force: str
    measure: str
    period: str
    definition: str = Field(description="Whose group this is and how it was defined")
    synthetic: bool = Field(description="True when the figures come from synthetic data")
    data_version: int
    rows: list[SimilarRow]
