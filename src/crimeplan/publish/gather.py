"""Shape a report's content from the figures the measures service computed.

Publish takes results, never the store: `crimeplan.measures.service.quarterly_figures` and
`force_figures` compute every figure (the same call the CLI, the dashboard and the API make),
and this module only arranges them into sections, trends and commentary. The checks that stop
a report that cannot be complete run in the service, before anything is written.
"""

from __future__ import annotations

from datetime import date

from crimeplan.measures.periods import Period, add_months, fy_label, month_label, period_label
from crimeplan.measures.service import (
    ForceFigures,
    QuarterlyFigures,
    ReportError,
    TrendValues,
    check_figures,
    check_sources,
)
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

__all__ = ["ReportError", "check_figures", "check_sources", "gather_force", "gather_quarterly"]


def gather_quarterly(
    figures: QuarterlyFigures,
    commentary: Commentary | None,
    *,
    produced_on: date | None = None,
) -> QuarterlyContent:
    """The quarterly report's sections, in plan order, from the service's figures."""
    plan, p = figures.scope.plan, figures.scope.period
    by_id = {r.measure_id: r for r in figures.results}
    sections = []
    for pr in plan.priorities:
        blocks = []
        for o in pr.outcomes:
            for m in o.measures:
                blocks.append(
                    MeasureBlock(
                        result=by_id[m.id],
                        measure=m,
                        trend=measure_trend(m, figures.trends[m.id], p),
                        commentary=commentary.for_measure(m.id)
                        if commentary
                        else MeasureCommentary(),
                        previous_rag=figures.previous_rags.get(m.id),
                    )
                )
        if blocks:
            sections.append(PrioritySection(pr.id, pr.title, pr.description, blocks))
    return QuarterlyContent(
        plan=plan,
        area_code=figures.area_code,
        area_name=figures.area_name,
        period=p.label,
        sections=sections,
        commentary=commentary,
        produced_on=produced_on or date.today(),
        vintage=latest_vintage(figures.results),
        period_note=figures.scope.period_note,
        period_words=period_label(p),
    )


def measure_trend(m: Measure, tv: TrendValues, p: Period) -> Trend:
    """A measure's trend chart: April to March of this financial year (up to the end of the
    quarter) against last year, by month, or by quarter where the data has no months."""
    fy = tv.fy
    values = tv.values
    if tv.step == "quarter":
        points = [
            TrendPoint(
                f"Q{q}", values.get(f"{fy_label(fy)}-Q{q}"), values.get(f"{fy_label(fy - 1)}-Q{q}")
            )
            for q in (1, 2, 3, 4)
        ]
    else:
        this_start, last_start = date(fy, 4, 1), date(fy - 1, 4, 1)
        points = []
        for i in range(12):
            this_m, last_m = add_months(this_start, i), add_months(last_start, i)
            this_v = values.get(month_label(this_m)) if this_m <= p.end else None
            points.append(
                TrendPoint(this_m.strftime("%b"), this_v, values.get(month_label(last_m)))
            )
    return Trend(
        measure_id=m.id,
        measure_title=m.title,
        unit=m.unit,
        this_year_label=fy_label(fy),
        last_year_label=fy_label(fy - 1),
        points=points,
        step=tv.step,
    )


def gather_force(figures: ForceFigures, *, produced_on: date | None = None) -> ForceContent:
    """Every borough's figures for each measure of the plan, with the force's own figure."""
    plan: Plan = figures.plan
    force_by_id = {r.measure_id: r for r in figures.force}
    measures, notes = [], []
    for m in plan.measures():
        rows = [r for r in figures.boroughs if r.measure_id == m.id]
        force = force_by_id[m.id]
        if force.value is None and not any(r.value is not None for r in rows):
            notes.append(f"{m.title}: no figure for any area ({force.note or m.source}).")
            continue
        measures.append(ForceMeasure(m, force, rows))
    all_results = figures.force + [r for fm in measures for r in fm.boroughs]
    return ForceContent(
        plan=plan,
        period=figures.period.label,
        measures=measures,
        produced_on=produced_on or date.today(),
        vintage=latest_vintage(all_results),
        notes=notes,
        period_note=figures.latest.sentence if figures.latest else None,
    )
