"""The versioned JSON API: plans, measures, areas and measure values with their ratings.

Each route resolves its parameters through `Figures` (which calls the engine and caches) and
returns pydantic models. Bad parameters raise `CrimeplanError`s, which the app's handler turns
into 400/404 answers with a sentence saying what to change (see `app.py`).
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from crimeplan.errors import CrimeplanError
from crimeplan.measures.latest import LatestPeriod
from crimeplan.measures.other_force import force_of
from crimeplan.measures.periods import Period
from crimeplan.measures.results import MeasureResult
from crimeplan.web.figures import Figures
from crimeplan.web.models import (
    API_PREFIX,
    MAX_PAGE_SIZE,
    AreaOut,
    AreaRecord,
    ErrorOut,
    MeasureOut,
    OtherForceOut,
    PlanOut,
    ValuesPage,
)

ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut, "description": "A parameter cannot be read (a malformed period)"},
    404: {"model": ErrorOut, "description": "No such plan, measure or area, or no data"},
}

router = APIRouter(prefix=API_PREFIX, tags=["api"])

PlanParam = Annotated[
    str | None, Query(max_length=80, description="Plan ID (default: the first plan served)")
]


def figures(request: Request) -> Figures:
    fig: Figures = request.app.state.figures
    return fig


@router.get("/plans", response_model=list[PlanOut], summary="The plans this dashboard serves")
def list_plans(request: Request) -> list[PlanOut]:
    return [PlanOut.of(p) for p in figures(request).plans.values()]


@router.get(
    "/measures",
    response_model=list[MeasureOut],
    responses=ERRORS,
    summary="A plan's measures, in plan order",
)
def list_measures(request: Request, plan: PlanParam = None) -> list[MeasureOut]:
    p = figures(request).plan(plan)
    return [MeasureOut.of(p, m) for m in p.measures()]


@router.get(
    "/areas",
    response_model=list[AreaOut],
    responses=ERRORS,
    summary="Areas: the force, boroughs (E09) and wards (E05)",
)
def list_areas(
    request: Request,
    level: Annotated[
        Literal["force", "borough", "ward"] | None, Query(description="Only this level")
    ] = None,
    within: Annotated[
        str | None, Query(max_length=100, description="Only wards within this borough")
    ] = None,
) -> list[AreaOut]:
    fig = figures(request)
    geo = fig.geo
    if within is not None:
        parent = geo.resolve(within)
        areas = geo.wards(parent.code) if level in (None, "ward") else []
    else:
        force = geo.area(geo.force_code)
        areas = []
        if level in (None, "force"):
            areas.append(force)
        if level in (None, "borough"):
            areas.extend(geo.boroughs())
        if level in (None, "ward"):
            areas.extend(geo.wards())
    return [AreaOut.of(a) for a in areas]


@router.get(
    "/areas/{code}",
    response_model=AreaRecord,
    responses=ERRORS,
    summary="One area: who polices it and, for the City of London, its own force's figures",
)
def area_record(
    request: Request,
    code: str,
    plan: PlanParam = None,
    period: Annotated[
        str | None, Query(max_length=40, description="Period label (default: latest quarter)")
    ] = None,
) -> AreaRecord:
    fig = figures(request)
    p = fig.plan(plan)
    a = fig.geo.resolve(code)
    label, _latest = fig.resolved(p, period)
    other = fig.area_force(a, label)
    return AreaRecord(
        **AreaOut.of(a).model_dump(),
        policed_by=force_of(a.code, a.parent_code),
        period=label.label,
        other_force=OtherForceOut.of(other) if other else None,
    )


@router.get(
    "/values",
    response_model=ValuesPage,
    responses=ERRORS,
    summary="Measure values with comparisons, targets, RAG and direction of travel",
    description=(
        "Without `level`: every measure of the plan (or only `measure`) for one `area` "
        "(default: the plan's area, London). With `level=borough` or `level=ward`: one "
        "`measure` for every area of that level (wards `within` a borough given as `area`). "
        "`period` is a label such as 2024-25-Q2, 2024-25-Q2-YTD, 2024-09 or `latest`."
    ),
)
def list_values(
    request: Request,
    plan: PlanParam = None,
    measure: Annotated[str | None, Query(max_length=80, description="Measure ID")] = None,
    area: Annotated[
        str | None, Query(max_length=100, description="Area name or ONS code (default London)")
    ] = None,
    level: Annotated[
        Literal["borough", "ward"] | None,
        Query(description="Every area of this level (needs `measure`)"),
    ] = None,
    period: Annotated[
        str | None, Query(max_length=40, description="Period label (default: latest quarter)")
    ] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")] = 1,
    page_size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Values per page, 1-{MAX_PAGE_SIZE}")
    ] = 100,
) -> ValuesPage:
    fig = figures(request)
    p = fig.plan(plan)
    label, latest = fig.resolved(p, period)
    if level is None:
        results = fig.rate_plan(p, fig.area(area, p), label)
        if measure is not None:
            p.measure(measure)
            results = [r for r in results if r.measure_id == measure]
    else:
        if measure is None:
            raise CrimeplanError(f"level={level} needs a measure; add measure=<measure ID>")
        within = fig.area(area, p) if area else None
        results = fig.rate_areas(p, measure, level, label, within=within)
    return values_page(fig, p.id, results, label, latest, page, page_size)


def values_page(
    fig: Figures,
    plan_id: str,
    results: list[MeasureResult],
    period: Period,
    latest: LatestPeriod | None,
    page: int,
    page_size: int,
) -> ValuesPage:
    """One page of `results` with the period, its note and the paging (both APIs)."""
    start = (page - 1) * page_size
    return ValuesPage(
        plan=plan_id,
        period=period.label,
        period_note=latest.sentence if latest else None,
        synthetic=any(r.synthetic for r in results),
        data_version=fig.data_version,
        total=len(results),
        page=page,
        page_size=page_size,
        pages=max(1, math.ceil(len(results) / page_size)),
        items=results[start : start + page_size],
    )
