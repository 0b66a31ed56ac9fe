"""England and Wales pages: every force, a page per force and per community safety partnership.

Shown when the store holds police.uk records (`crimeplan ingest police-uk`), with the national
measure set (`measures.offence_groups.police_uk_plan`: each police.uk crime type as a count and
per 1,000 residents, and all records). Every figure comes from the service the CLI's
`crimeplan national` commands call (`measures/service.py`, `measures/national.py`) through
`Figures`; this module only picks, shapes and renders. Forces whose records are not loaded are
listed and say so: nothing is shown as 0 for want of data.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from crimeplan.errors import NotFoundError
from crimeplan.geo import Area, Geography
from crimeplan.measures.periods import Period, period_label
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.rules import no_targets_note
from crimeplan.plan import Plan
from crimeplan.web import charts, tables
from crimeplan.web.figures import Figures
from crimeplan.web.pages import (
    MeasureQ,
    PeriodQ,
    by_priority,
    cached_page,
    labelled,
    sparklines,
    trend_window,
)
from crimeplan.web.rendering import NATIONAL_NAV_ITEM, render_page

router = APIRouter(include_in_schema=False)

NATIONAL_MEASURE = "all-records-rate"
"""The measure the national pages open on: all police.uk records per 1,000 residents (forces
differ in size, so counts alone mislead); `police_uk_plan` always holds it."""

NATIONAL_NAV = NATIONAL_NAV_ITEM[0]


def _fig(request: Request) -> Figures:
    fig: Figures = request.app.state.figures
    return fig


def area_of_level(fig: Figures, code: str, level: str, words: str) -> Area:
    """The force or partnership a page address names (code or name), or a 404 that says
    what the address is instead."""
    a = fig.geo.resolve(code, level)
    if a.level != level:
        raise NotFoundError(
            f"{a.name} ({a.code}) is a {a.level}, not a {words}; the list of forces is at /national"
        )
    return a


def national_scope(
    fig: Figures, measure: str | None, period: str | None
) -> tuple[Plan, Any, Period, Any]:
    """The national plan, the chosen measure (default `NATIONAL_MEASURE`), the period read
    against the police.uk data and what `latest` meant."""
    plan = fig.national_plan()
    m = plan.measure(measure or NATIONAL_MEASURE)
    label, latest = fig.resolved(plan, period)
    return plan, m, label, latest


def national_latest(fig: Figures, named: dict[str, str]) -> Period:
    """The period the national pages show by default: the latest complete quarter of the
    police.uk records."""
    return fig.period(fig.national_plan(), None)


page_cached = cached_page(national_latest)


def area_context(
    fig: Figures, plan: Plan, area: Area, label: Period, measure: Any
) -> dict[str, Any]:
    """What a force page and a partnership page share: the area's measures by priority with
    sparklines, and the chosen measure's trend against last year (chart and table)."""
    results = fig.rate_plan(plan, area, label)
    start, end = trend_window(label)
    series = fig.series(plan, measure.id, area, start, end)
    trend = tables.series_table(series, f"{measure.title} in {area.name}, {start} to {end}")
    return {
        "groups": by_priority(results),
        "sparks": sparklines(fig, plan, area.code, results, label),
        "synthetic": any(r.synthetic for r in results),
        "has_figures": any(r.value is not None for r in results),
        "trend": trend,
        "trend_spec": charts.trend_spec(trend.rows, labelled(measure.title, series), measure.unit),
        "measures": plan.measures(),
        "no_targets": no_targets_note(plan),
    }


@router.get("/national", response_class=HTMLResponse)
@page_cached
def national(request: Request, measure: MeasureQ = None, period: PeriodQ = None) -> HTMLResponse:
    fig = _fig(request)
    loaded = fig.forces_loaded()
    context: dict[str, Any] = {"loaded": loaded, "forces": fig.geo.of_level("force")}
    if loaded:
        plan, m, label, latest = national_scope(fig, measure, period)
        results = fig.rate_level(plan, m.id, "force", label)
        table = tables.forces_table(results, loaded, m.title)
        context |= {
            "national_plan": plan,
            "measure": m,
            "period": label.label,
            "period_words": period_label(label),
            "period_note": latest.sentence if latest else None,
            "periods": fig.period_choices(plan, label),
            "table": table,
            "spec": charts.bar_spec(table.rows, labelled(m.title, results), m.unit, "area"),
            "synthetic": any(r.synthetic for r in results),
        }
    return render_page(request, "national.html", nav=NATIONAL_NAV, **context)


@router.get("/force/{code}", response_class=HTMLResponse)
@page_cached
def force_page(
    request: Request, code: str, measure: MeasureQ = None, period: PeriodQ = None
) -> HTMLResponse:
    fig = _fig(request)
    force = area_of_level(fig, code, "force", "police force")
    loaded = fig.forces_loaded()
    partnerships = fig.geo.of_level("csp", force.code)
    context: dict[str, Any] = {"area": force, "partnerships": partnerships, "loaded": loaded}
    if loaded:
        plan, m, label, latest = national_scope(fig, measure, period)
        csp_results = fig.rate_level(plan, m.id, "csp", label, within=force)
        every_force = fig.rate_level(plan, m.id, "force", label)
        frame, definition = fig.similar(plan, m.id, force, label)
        similar = tables.similar_table(
            frame,
            f"{m.title}: {force.name} and its most similar forces, {label.label}",
            m.unit,
            any(r.synthetic for r in every_force),
        )
        mean = next((r["group_mean"] for r in similar.rows), None)
        context |= area_context(fig, plan, force, label, m) | {
            "national_plan": plan,
            "measure": m,
            "period": label.label,
            "period_words": period_label(label),
            "period_note": latest.sentence if latest else None,
            "csp_table": tables.ranking_table(csp_results, None, m.title, "Partnership"),
            "similar": similar,
            "similar_definition": definition,
            "similar_spec": charts.bar_spec(
                similar.rows,
                labelled(f"{m.title}: most similar forces", every_force),
                m.unit,
                "force",
                highlight=force.code,
                mean=mean,
            ),
        }
    return render_page(request, "force.html", nav=NATIONAL_NAV, **context)


@router.get("/partnership/{code}", response_class=HTMLResponse)
@page_cached
def partnership_page(
    request: Request, code: str, measure: MeasureQ = None, period: PeriodQ = None
) -> HTMLResponse:
    fig = _fig(request)
    csp = area_of_level(fig, code, "csp", "community safety partnership")
    force = fig.geo.area(csp.parent_code or "")
    loaded = fig.forces_loaded()
    context: dict[str, Any] = {"area": csp, "force": force, "loaded": loaded}
    if loaded:
        plan, m, label, latest = national_scope(fig, measure, period)
        others: list[MeasureResult] = fig.rate_level(plan, m.id, "csp", label, within=force)
        context |= area_context(fig, plan, csp, label, m) | {
            "national_plan": plan,
            "measure": m,
            "period": label.label,
            "period_words": period_label(label),
            "period_note": latest.sentence if latest else None,
            "csp_table": tables.ranking_table(others, None, m.title, "Partnership"),
        }
    return render_page(request, "partnership.html", nav=NATIONAL_NAV, **context)


def national_addresses(geo: Geography) -> list[str]:
    """Every national page the warm-up renders: the list of forces, each force's page and
    each partnership's page (of every force, loaded or not: each says what it has)."""
    out = ["/national"]
    out += [f"/force/{f.code}" for f in geo.of_level("force")]
    out += [f"/partnership/{c.code}" for c in geo.of_level("csp")]
    return out


def warm_national(fig: Figures) -> tuple[list[str], float]:
    """Compute the national pages' figures in a few batched queries (`Figures.warm_national`)
    where police.uk records are loaded; returns the addresses to render and the seconds."""
    t0 = time.perf_counter()
    if not fig.forces_loaded():
        return ["/national"], 0.0
    plan, m, label, _latest = national_scope(fig, None, None)
    fig.warm_national(plan, label, trend_window(label), m.id)
    return national_addresses(fig.geo), time.perf_counter() - t0
