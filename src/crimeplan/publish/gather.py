"""Gather a report's content from the measures engine: the only publish module that asks it.

Checks come first, so that nothing is written for a report that cannot be complete: a
measure with no data source, a measure with no figure for the period, or a period with no
data at all each stop the report with a message that says what to do.
"""

from __future__ import annotations

from datetime import date

from crimeplan.errors import CrimeplanError, NoDataError
from crimeplan.geo import FORCE_CODE, Geography
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
    p = engine.resolve_period(store, plan, period)
    if p.kind != "quarter":
        raise ReportError(
            f"period {period!r} is a {p.kind}; a quarterly report needs a quarter",
            hint="Write it like 2016-17-Q3",
        )
    check_sources(plan, allow_missing=allow_missing)
    code = Geography.load().resolve(area).code
    # the quarter and the one before in one engine call (as rate_plan computes each); the
    # previous quarter's ratings say what moved
    periods = [p, p.previous()]
    frame = engine.rate_frame(store, plan, plan.measures(), [code], periods)
    both = engine.results_from_frame(frame, plan, plan.measures(), [code], periods)
    results = [r for r in both if r.period == p.label]
    previous = {r.measure_id: r.rag for r in both if r.period == periods[1].label}
    check_figures(results, area, p.label, allow_missing=allow_missing)
    area_code, area_name = results[0].area_code, results[0].area_name

    by_id = {r.measure_id: r for r in results}
    trends = measure_trends(store, plan, plan.measures(), area_code, p)
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
                        trend=trends[m.id],
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


def measure_trends(
    store: Store, plan: Plan, measures: list[Measure], area_code: str, p: Period
) -> dict[str, Trend]:
    """Each measure month by month, April to March of this financial year (up to the end of
    the quarter) against last year; by quarter for measures whose data has no months (values
    given per quarter). Two engine calls in all, whatever the number of measures."""
    fy = fy_start_year(p.start)
    this_start, last_start = date(fy, 4, 1), date(fy - 1, 4, 1)
    months = [Period.month(add_months(last_start, i)) for i in range(12)]
    months += [Period.month(d) for d in Period(this_start, p.end, "ytd", "x").months()]
    monthly = _values_by_period(store, plan, measures, area_code, months)
    quarters = [Period.quarter(fy - 1, q) for q in (1, 2, 3, 4)]
    quarters += [Period.quarter(fy, q) for q in (1, 2, 3, 4) if Period.quarter(fy, q).end <= p.end]
    by_quarter: dict[str, dict[str, float | None]] = {}
    needs_quarters = [m for m in measures if not any(v is not None for v in monthly[m.id].values())]
    if needs_quarters:
        by_quarter = _values_by_period(store, plan, needs_quarters, area_code, quarters)
    trends = {}
    for m in measures:
        if m.id in by_quarter:
            values = by_quarter[m.id]
            points = [
                TrendPoint(
                    f"Q{q}",
                    values.get(f"{fy_label(fy)}-Q{q}"),
                    values.get(f"{fy_label(fy - 1)}-Q{q}"),
                )
                for q in (1, 2, 3, 4)
            ]
            step = "quarter"
        else:
            values = monthly[m.id]
            points = []
            for i in range(12):
                this_m, last_m = add_months(this_start, i), add_months(last_start, i)
                this_v = values.get(month_label(this_m)) if this_m <= p.end else None
                points.append(
                    TrendPoint(this_m.strftime("%b"), this_v, values.get(month_label(last_m)))
                )
            step = "month"
        trends[m.id] = Trend(
            measure_id=m.id,
            measure_title=m.title,
            unit=m.unit,
            this_year_label=fy_label(fy),
            last_year_label=fy_label(fy - 1),
            points=points,
            step=step,
        )
    return trends


def _values_by_period(
    store: Store, plan: Plan, measures: list[Measure], area_code: str, periods: list[Period]
) -> dict[str, dict[str, float | None]]:
    """measure id -> period label -> value, from one engine call."""
    computed = [m for m in measures if m.source in engine.COMPUTED_SOURCES]
    out: dict[str, dict[str, float | None]] = {m.id: {} for m in measures}
    if not computed:
        return out
    frame = engine.rate_frame(store, plan, computed, [area_code], periods)
    for r in engine.results_from_frame(frame, plan, computed, [area_code], periods):
        out[r.measure_id][r.period] = r.value
    return out


def gather_force(
    store: Store,
    plan: Plan,
    period: str,
    *,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> ForceContent:
    """Every borough's figures for each measure of the plan, with the force's own figure."""
    p = engine.resolve_period(store, plan, period)
    check_sources(plan, allow_missing=allow_missing)
    force_results = engine.rate_plan(store, plan, FORCE_CODE, p.label)
    check_figures(force_results, "London", p.label, allow_missing=allow_missing)
    force_by_id = {r.measure_id: r for r in force_results}
    rated = [m for m in plan.measures() if m.source in engine.COMPUTED_SOURCES]
    codes = [a.code for a in Geography.load().boroughs()]
    # one engine call for every measure and borough (rate_areas would make one per measure)
    frame = engine.rate_frame(store, plan, rated, codes, [p])
    borough_results = engine.results_from_frame(frame, plan, rated, codes, [p])
    measures, notes = [], []
    for m in plan.measures():
        rows = [r for r in borough_results if r.measure_id == m.id]
        force = force_by_id[m.id]
        if force.value is None and not any(r.value is not None for r in rows):
            notes.append(f"{m.title}: no figure for any area ({force.note or m.source}).")
            continue
        measures.append(ForceMeasure(m, force, rows))
    all_results = force_results + [r for fm in measures for r in fm.boroughs]
    return ForceContent(
        plan=plan,
        period=p.label,
        measures=measures,
        produced_on=produced_on or date.today(),
        vintage=latest_vintage(all_results),
        notes=notes,
    )
