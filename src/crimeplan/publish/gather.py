"""Gather a report's content from the measures engine: the only publish module that asks it.

Checks come first, so that nothing is written for a report that cannot be complete: a
measure with no data source, a measure with no figure for the period, or a period with no
data at all each stop the report with a message that says what to do.
"""

from __future__ import annotations

from datetime import date

from crimeplan.errors import CrimeplanError, NoDataError
from crimeplan.measures import engine
from crimeplan.measures.periods import Period, add_months, fy_label, fy_start_year, month_label
from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Measure, Plan
from crimeplan.publish.charts import Trend, TrendPoint
from crimeplan.publish.commentary import Commentary, MeasureCommentary
from crimeplan.publish.content import (
    ForceContent,
    ForceMeasure,
    MeasureBlock,
    PrioritySection,
    QuarterlyContent,
    latest_vintage,
)
from crimeplan.store import Store


class ReportError(CrimeplanError):
    """A report that cannot be produced complete; nothing has been written."""


def check_sources(plan: Plan, *, allow_missing: bool) -> None:
    """Refuse a plan with a measure that has no data source (`source: unavailable`)."""
    if allow_missing:
        return
    missing = [m for m in plan.measures() if m.source == "unavailable"]
    if missing:
        listed = "; ".join(f"'{m.id}' ({m.reason})" for m in missing)
        raise ReportError(
            f"plan {plan.id}: {len(missing)} measure(s) have no data source, so the report "
            f"would have gaps: {listed}",
            hint="Give each a source in the plan file, or pass --allow-missing to report "
            "them as 'no figure'",
        )


def check_figures(
    results: list[MeasureResult], area: str, period: str, *, allow_missing: bool
) -> None:
    """Refuse a period with no figures at all, and (unless allowed) any measure without one."""
    if not results or all(r.value is None for r in results):
        raise NoDataError(
            f"no data for {area} in {period}: no measure has a figure for that period",
            hint="Check the period (e.g. 2016-17-Q3) against the data loaded with "
            "`crimeplan ingest`, or load the data for it",
        )
    if allow_missing:
        return
    empty = [r for r in results if r.value is None]
    if empty:
        listed = "; ".join(
            f"'{r.measure_id}' (source {r.source}{': ' + r.note if r.note else ''})" for r in empty
        )
        raise NoDataError(
            f"{len(empty)} measure(s) have no figure for {area} in {period}: {listed}",
            hint="Load the missing figures (values: `crimeplan ingest values FILE`), or pass "
            "--allow-missing to report them as 'no figure'",
        )


def gather_quarterly(
    store: Store,
    plan: Plan,
    area: str,
    period: str,
    commentary: Commentary | None,
    *,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> QuarterlyContent:
    """Rate the plan for the area and quarter, its previous quarter, and each measure's trend."""
    p = Period.parse(period)
    if p.kind != "quarter":
        raise ReportError(
            f"period {period!r} is a {p.kind}; a quarterly report needs a quarter",
            hint="Write it like 2016-17-Q3",
        )
    check_sources(plan, allow_missing=allow_missing)
    results = engine.rate_plan(store, plan, area, p.label)
    check_figures(results, area, p.label, allow_missing=allow_missing)
    previous = _previous_ratings(store, plan, area, p)
    area_code, area_name = results[0].area_code, results[0].area_name

    by_id = {r.measure_id: r for r in results}
    sections = []
    for pr in plan.priorities:
        blocks = []
        for o in pr.outcomes:
            for m in o.measures:
                r = by_id[m.id]
                blocks.append(
                    MeasureBlock(
                        result=r,
                        measure=m,
                        trend=measure_trend(store, plan, m, area_code, p),
                        commentary=commentary.for_measure(m.id)
                        if commentary
                        else MeasureCommentary(),
                        previous_rag=previous.get(m.id),
                    )
                )
        if blocks:
            sections.append(PrioritySection(pr.id, pr.title, pr.description, blocks))
    return QuarterlyContent(
        plan=plan,
        area_code=area_code,
        area_name=area_name,
        period=p.label,
        sections=sections,
        commentary=commentary,
        produced_on=produced_on or date.today(),
        vintage=latest_vintage(results),
    )


def _previous_ratings(store: Store, plan: Plan, area: str, p: Period) -> dict[str, str | None]:
    """Each measure's RAG one quarter earlier; empty when the data does not reach back."""
    try:
        return {
            r.measure_id: r.rag for r in engine.rate_plan(store, plan, area, p.previous().label)
        }
    except NoDataError:
        return {}


def measure_trend(store: Store, plan: Plan, measure: Measure, area: str, p: Period) -> Trend:
    """April to March of this financial year (up to the quarter's end) against last year."""
    fy = fy_start_year(p.start)
    this_start, last_start = date(fy, 4, 1), date(fy - 1, 4, 1)
    try:
        series = engine.measure_series(
            store, plan, measure.id, area, month_label(last_start), month_label(p.end)
        )
    except NoDataError:
        series = []
    by_month = {r.period: r.value for r in series}
    points = []
    for i in range(12):
        this_m, last_m = add_months(this_start, i), add_months(last_start, i)
        this_v = by_month.get(month_label(this_m)) if this_m <= p.end else None
        points.append(TrendPoint(this_m.strftime("%b"), this_v, by_month.get(month_label(last_m))))
    return Trend(
        measure_id=measure.id,
        measure_title=measure.title,
        unit=measure.unit,
        this_year_label=fy_label(fy),
        last_year_label=fy_label(fy - 1),
        points=points,
    )


def gather_force(
    store: Store,
    plan: Plan,
    period: str,
    *,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> ForceContent:
    """Every borough's figures for each measure of the plan, with the force's own figure."""
    p = Period.parse(period)
    check_sources(plan, allow_missing=allow_missing)
    force_results = engine.rate_plan(store, plan, plan.area, p.label)
    check_figures(force_results, plan.area, p.label, allow_missing=allow_missing)
    force_by_id = {r.measure_id: r for r in force_results}
    measures = []
    for m in plan.measures():
        if m.source == "unavailable":
            continue
        boroughs = engine.rate_areas(store, plan, m.id, "borough", p.label)
        measures.append(ForceMeasure(m, force_by_id[m.id], boroughs))
    all_results = force_results + [r for fm in measures for r in fm.boroughs]
    return ForceContent(
        plan=plan,
        period=p.label,
        measures=measures,
        produced_on=produced_on or date.today(),
        vintage=latest_vintage(all_results),
    )
