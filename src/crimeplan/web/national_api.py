"""The JSON API of the England and Wales pages: forces, their values, partnerships and most
similar forces, and each community safety partnership's values (`/api/v1/forces...`,
`/api/v1/partnerships/...`).

The same `Figures` calls as the pages (web/national.py), so a page and its API answer hold the
same figures; values are `MeasureResult`s of the national measure set (`plan` is `police-uk`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from crimeplan.strict_json import json_safe
from crimeplan.web.api import ERRORS, values_page
from crimeplan.web.figures import Figures
from crimeplan.web.models import (
    API_PREFIX,
    MAX_PAGE_SIZE,
    AreaOut,
    ForceOut,
    SimilarOut,
    SimilarRow,
    ValuesPage,
)
from crimeplan.web.national import NATIONAL_MEASURE, area_of_level, national_scope

router = APIRouter(prefix=API_PREFIX, tags=["england-and-wales"])

ForcePath = Annotated[
    str, Path(max_length=100, description="A force: PFA code (E23000010) or name")
]
CspPath = Annotated[
    str, Path(max_length=100, description="A partnership: CSP code (E22000345) or name")
]
MeasureParam = Annotated[
    str | None,
    Query(
        max_length=80, description=f"Measure ID of the national set (default {NATIONAL_MEASURE})"
    ),
]
AllMeasuresParam = Annotated[
    str | None, Query(max_length=80, description="Only this measure (default: every measure)")
]
PeriodParam = Annotated[
    str | None, Query(max_length=40, description="Period label (default: latest quarter)")
]
PageParam = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
PageSizeParam = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Values per page, 1-{MAX_PAGE_SIZE}")
]


def figures(request: Request) -> Figures:
    fig: Figures = request.app.state.figures
    return fig


@router.get(
    "/forces",
    response_model=list[ForceOut],
    summary="The 43 police forces of England and Wales, with the records loaded of each",
)
def list_forces(request: Request) -> list[ForceOut]:
    fig = figures(request)
    loaded = fig.forces_loaded()
    csps: dict[str | None, list[AreaOut]] = {}
    for c in fig.geo.of_level("csp"):
        csps.setdefault(c.parent_code, []).append(AreaOut.of(c))
    return [
        ForceOut(
            code=f.code,
            name=f.name,
            loaded=f.code in loaded,
            records=loaded.get(f.code, 0),
            partnerships=csps.get(f.code, []),
        )
        for f in fig.geo.of_level("force")
    ]


@router.get(
    "/forces/values",
    response_model=ValuesPage,
    responses=ERRORS,
    summary="One measure for every force (forces with no records loaded: no value)",
)
def forces_values(
    request: Request,
    measure: MeasureParam = None,
    period: PeriodParam = None,
    page: PageParam = 1,
    page_size: PageSizeParam = 100,
) -> ValuesPage:
    fig = figures(request)
    plan, m, label, latest = national_scope(fig, measure, period)
    results = fig.rate_level(plan, m.id, "force", label)
    return values_page(fig, plan.id, results, label, latest, page, page_size)


@router.get(
    "/forces/{force}/values",
    response_model=ValuesPage,
    responses=ERRORS,
    summary="Every measure of the national set (or one) for a force",
)
def force_values(
    request: Request,
    force: ForcePath,
    measure: AllMeasuresParam = None,
    period: PeriodParam = None,
    page: PageParam = 1,
    page_size: PageSizeParam = 100,
) -> ValuesPage:
    fig = figures(request)
    area = area_of_level(fig, force, "force", "police force")
    plan, m, label, latest = national_scope(fig, measure, period)
    results = fig.rate_plan(plan, area, label)
    if measure is not None:
        results = [r for r in results if r.measure_id == m.id]
    return values_page(fig, plan.id, results, label, latest, page, page_size)


@router.get(
    "/forces/{force}/partnerships",
    response_model=ValuesPage,
    responses=ERRORS,
    summary="One measure for every community safety partnership of a force",
)
def force_partnerships(
    request: Request,
    force: ForcePath,
    measure: MeasureParam = None,
    period: PeriodParam = None,
    page: PageParam = 1,
    page_size: PageSizeParam = 100,
) -> ValuesPage:
    fig = figures(request)
    area = area_of_level(fig, force, "force", "police force")
    plan, m, label, latest = national_scope(fig, measure, period)
    results = fig.rate_level(plan, m.id, "csp", label, within=area)
    return values_page(fig, plan.id, results, label, latest, page, page_size)


@router.get(
    "/forces/{force}/similar",
    response_model=SimilarOut,
    responses=ERRORS,
    summary="A force beside its most similar forces: values, the group mean and ranks",
    description=(
        "The group is the documented default (the 7 forces nearest in Census 2021 size and "
        "urban make-up; see `definition`), as `crimeplan national similar` gives it."
    ),
)
def force_similar(
    request: Request, force: ForcePath, measure: MeasureParam = None, period: PeriodParam = None
) -> SimilarOut:
    fig = figures(request)
    area = area_of_level(fig, force, "force", "police force")
    plan, m, label, _latest = national_scope(fig, measure, period)
    frame, definition = fig.similar(plan, m.id, area, label)
    every_force = fig.rate_level(plan, m.id, "force", label)
    rows = [SimilarRow(**json_safe(rec)) for rec in frame.to_dict("records")]
    return SimilarOut(
        force_code=area.code,
        force=area.name,
        measure=m.id,
        period=label.label,
        definition=definition,
        synthetic=any(r.synthetic for r in every_force),
        data_version=fig.data_version,
        rows=rows,
    )


@router.get(
    "/partnerships/{partnership}/values",
    response_model=ValuesPage,
    responses=ERRORS,
    summary="Every measure of the national set (or one) for a community safety partnership",
)
def partnership_values(
    request: Request,
    partnership: CspPath,
    measure: AllMeasuresParam = None,
    period: PeriodParam = None,
    page: PageParam = 1,
    page_size: PageSizeParam = 100,
) -> ValuesPage:
    fig = figures(request)
    area = area_of_level(fig, partnership, "csp", "community safety partnership")
    plan, m, label, latest = national_scope(fig, measure, period)
    results = fig.rate_plan(plan, area, label)
    if measure is not None:
        results = [r for r in results if r.measure_id == m.id]
    return values_page(fig, plan.id, results, label, latest, page, page_size)
