"""The one service every face calls: the CLI, the web's cache and the reports.

Plan, area and period are resolved once, at the edge, into typed values (`Area`, `Period`);
everything below takes those and never parses a label again. Every figure any face shows
comes from here: values, rated values, RAG, direction of travel, statistical signals, survey
figures with their intervals and bases, series, rankings and the content of reports. The
faces only format what they are given, so the report, the dashboard, the API and the CLI
cannot drift apart (issue 11: a report once said "No survey data is loaded" beside a
dashboard showing the figures).

    scope = resolve(store, plan, "Havering", "latest")
    results = plan_results(store, scope)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from crimeplan.errors import CrimeplanError, NoDataError
from crimeplan.geo import FORCE_CODE, Area, Geography
from crimeplan.measures import engine
from crimeplan.measures.latest import LatestPeriod, latest_complete
from crimeplan.measures.other_force import OtherForceFigures, other_force_figures
from crimeplan.measures.periods import Period, fy_start_year, month_periods
from crimeplan.measures.results import MeasureResult
from crimeplan.plan.model import Measure, Plan

if TYPE_CHECKING:
    from crimeplan.store import Store

LEVELS = ("borough", "ward")


class ReportError(CrimeplanError):
    """A report that cannot be produced complete; nothing has been written."""


@dataclass(frozen=True)
class Scope:
    """A plan, an area and a period, resolved once at the edge."""

    plan: Plan
    area: Area
    period: Period
    latest: LatestPeriod | None = None  # set when the period was asked for as `latest`

    @property
    def period_note(self) -> str | None:
        """What `latest` meant, in words, where the period was asked for that way."""
        return self.latest.sentence if self.latest else None


# --- resolution at the edge -----------------------------------------------------------------
def resolve_area(plan: Plan, text: str | None) -> Area:
    """An area by name or ONS code; none means the plan's own area."""
    geo = Geography.load()
    return geo.resolve(text) if text and text.strip() else geo.area(plan.area)


def resolve_period(
    store: Store, plan: Plan, text: str | None
) -> tuple[Period, LatestPeriod | None]:
    """A period label read against the data: `latest` (or nothing) is the latest quarter for
    which the plan's main source is complete; an open year to date ends at the data's last
    month; a period outside the data is an error that says where the data runs."""
    span = engine.data_months(store, plan)
    if span is None:
        raise NoDataError(
            f"the store holds no data for plan {plan.id}",
            hint="Load some with `crimeplan ingest mps-crime PATH` or `crimeplan demo`",
        )
    label = (text or "").strip()
    if not label or label.lower() == "latest":
        latest = latest_complete(store, plan)
        return latest.period, latest
    p = Period.parse(label, latest_month=span[1])
    if p.end > span[1] or p.end < span[0]:
        raise NoDataError(
            f"no data for period {p.label}: the data runs from {span[0]:%Y-%m} to {span[1]:%Y-%m}"
        )
    return p, None


def resolve(
    store: Store, plan: Plan, area: str | Area | None, period: str | Period | None
) -> Scope:
    """Plan, area and period as typed values, once (a `Period` given is taken as read)."""
    a = area if isinstance(area, Area) else resolve_area(plan, area)
    if isinstance(period, Period):
        return Scope(plan, a, period)
    p, latest = resolve_period(store, plan, period)
    return Scope(plan, a, p, latest)


def latest_period(store: Store, plan: Plan, kind: str = "quarter") -> str:
    """The latest complete quarter (or month) of the plan's main source, as a label."""
    latest = latest_complete(store, plan)
    return Period.month(latest.last_month).label if kind == "month" else latest.period.label


# --- figures ----------------------------------------------------------------------------------
def plan_results(store: Store, scope: Scope, *, signals: bool = True) -> list[MeasureResult]:
    """Every measure of the plan for the scope's area and period, in plan order: computed
    values with comparisons and ratings, survey figures with intervals, and signals."""
    return _plan_results(store, scope.plan, scope.area, [scope.period], signals=signals)


def _plan_results(
    store: Store, plan: Plan, area: Area, periods: list[Period], *, signals: bool = True
) -> list[MeasureResult]:
    """The plan for one area over several periods in one engine call; signals (when asked)
    for the first period only, the one shown (the others are what it is compared with)."""
    measures = plan.measures()
    df = engine.rate_frame(store, plan, measures, [area.code], periods)
    results = engine.results_from_frame(df, plan, measures, [area.code], periods, store=store)
    if not signals:
        return results
    shown = [r for r in results if r.period == periods[0].label]
    rest = [r for r in results if r.period != periods[0].label]
    return engine.add_count_signals(store, plan, shown, area.code, periods[0]) + rest


def rate_plan(
    store: Store, plan: Plan, area: str | Area | None, period: str | Period | None
) -> list[MeasureResult]:
    """`plan_results` from names as a person writes them (the CLI's and the tests' door)."""
    return plan_results(store, resolve(store, plan, area, period))


def area_results(
    store: Store,
    plan: Plan,
    measure_id: str,
    level: str,
    period: Period,
    within: Area | None = None,
) -> list[MeasureResult]:
    """One measure for every borough (or every ward, optionally within a borough)."""
    geo = Geography.load()
    m = plan.measure(measure_id)
    if level == "borough":
        areas = geo.boroughs()
    elif level == "ward":
        areas = geo.wards(within.code if within else None)
    else:
        raise CrimeplanError(f"no area level {level!r}; use one of: {', '.join(LEVELS)}")
    codes = [a.code for a in areas]
    df = engine.rate_frame(store, plan, [m], codes, [period])
    return engine.results_from_frame(df, plan, [m], codes, [period], store=store)


def rate_areas(
    store: Store,
    plan: Plan,
    measure_id: str,
    level: str,
    period: str | Period,
    within: str | Area | None = None,
) -> list[MeasureResult]:
    """`area_results` from names as a person writes them."""
    p = period if isinstance(period, Period) else resolve_period(store, plan, period)[0]
    w = within if isinstance(within, Area) or within is None else Geography.load().resolve(within)
    return area_results(store, plan, measure_id, level, p, w)


def series_results(
    store: Store,
    plan: Plan,
    measures: list[Measure],
    area: Area,
    periods: list[Period],
    *,
    survey: bool = True,
) -> list[MeasureResult]:
    """Measures for one area over a run of periods (months or quarters), in one engine call
    for the computed ones; survey measures (the rolling year to each period's end) unless
    `survey` is False."""
    chosen = [
        m
        for m in measures
        if m.source in engine.COMPUTED_SOURCES or (survey and m.source == "survey")
    ]
    if not chosen:
        return []
    df = engine.rate_frame(store, plan, chosen, [area.code], periods)
    return engine.results_from_frame(df, plan, chosen, [area.code], periods, store=store)


def measure_series(
    store: Store, plan: Plan, measure_id: str, area: str | Area, start: str, end: str
) -> list[MeasureResult]:
    """One measure for one area, month by month from `start` to `end` (YYYY-MM)."""
    a = area if isinstance(area, Area) else Geography.load().resolve(area)
    months = month_periods(Period.parse(start).start, Period.parse(end).end)
    return series_results(store, plan, [plan.measure(measure_id)], a, months)


# --- report content ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TrendValues:
    """A measure's values for the trend chart of a report: this financial year and last, by
    month, or by quarter where its data has no months (figures given per quarter)."""

    measure_id: str
    step: str  # month | quarter
    fy: int  # the calendar year in which this financial year starts
    values: dict[str, float | None]  # period label -> value


@dataclass(frozen=True)
class QuarterlyFigures:
    """Everything the quarterly report for one area shows, computed here."""

    scope: Scope
    results: list[MeasureResult]
    previous_rags: dict[str, str | None]
    trends: dict[str, TrendValues]

    @property
    def area_code(self) -> str:
        return self.scope.area.code

    @property
    def area_name(self) -> str:
        return self.scope.area.name


@dataclass(frozen=True)
class ForceFigures:
    """Every borough's figures for each measure, with the force's own."""

    plan: Plan
    period: Period
    force: list[MeasureResult]
    boroughs: list[MeasureResult]
    latest: LatestPeriod | None = None
    notes: list[str] = field(default_factory=list)


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


def quarterly_figures(
    store: Store,
    plan: Plan,
    area: str | Area,
    period: str | Period,
    *,
    allow_missing: bool = False,
) -> QuarterlyFigures:
    """The quarterly report's figures: the plan rated for the area and quarter exactly as the
    CLI, the dashboard and the API rate it (survey figures and signals included), the previous
    quarter's ratings (what moved) and each measure's trend."""
    scope = resolve(store, plan, area, period)
    p = scope.period
    if p.kind != "quarter":
        raise ReportError(
            f"period {p.label!r} is a {p.kind}; a quarterly report needs a quarter",
            hint="Write it like 2016-17-Q3",
        )
    check_sources(plan, allow_missing=allow_missing)
    # the quarter and the one before in one engine call; the previous quarter's ratings say
    # what moved
    both = _plan_results(store, plan, scope.area, [p, p.previous()])
    results = [r for r in both if r.period == p.label]
    check_figures(results, scope.area.name, p.label, allow_missing=allow_missing)
    return QuarterlyFigures(
        scope=scope,
        results=results,
        previous_rags={r.measure_id: r.rag for r in both if r.period != p.label},
        trends=trend_values(store, plan, plan.measures(), scope.area, p),
    )


def trend_values(
    store: Store, plan: Plan, measures: list[Measure], area: Area, p: Period
) -> dict[str, TrendValues]:
    """Each measure month by month, April of last financial year to the end of the quarter;
    by quarter for measures whose data has no months. Two engine calls in all."""
    fy = fy_start_year(p.start)
    months = month_periods(date(fy - 1, 4, 1), p.end)
    monthly: dict[str, dict[str, float | None]] = {m.id: {} for m in measures}
    for r in series_results(store, plan, measures, area, months, survey=False):
        monthly[r.measure_id][r.period] = r.value
    needs = [m for m in measures if not any(v is not None for v in monthly[m.id].values())]
    quarterly: dict[str, dict[str, float | None]] = {m.id: {} for m in needs}
    quarters = [Period.quarter(fy - 1, q) for q in (1, 2, 3, 4)]
    quarters += [Period.quarter(fy, q) for q in (1, 2, 3, 4) if Period.quarter(fy, q).end <= p.end]
    for r in series_results(store, plan, needs, area, quarters, survey=False):
        quarterly[r.measure_id][r.period] = r.value
    return {
        m.id: TrendValues(m.id, "quarter", fy, quarterly[m.id])
        if m.id in quarterly
        else TrendValues(m.id, "month", fy, monthly[m.id])
        for m in measures
    }


def force_figures(
    store: Store, plan: Plan, period: str | Period, *, allow_missing: bool = False
) -> ForceFigures:
    """The whole-force view's figures: the force rated as everywhere else, and every borough
    for each computed measure in one engine call."""
    scope = resolve(store, plan, FORCE_CODE, period)
    check_sources(plan, allow_missing=allow_missing)
    force = plan_results(store, scope)
    check_figures(force, "London", scope.period.label, allow_missing=allow_missing)
    with_value = {r.measure_id for r in force if r.value is not None}
    # every borough for every measure with a figure (survey ones too: with survey data loaded,
    # a survey measure with a London figure and no boroughs once crashed the force view)
    rated = [
        m
        for m in plan.measures()
        if m.source in engine.COMPUTED_SOURCES or (m.source == "survey" and m.id in with_value)
    ]
    codes = [a.code for a in Geography.load().boroughs()]
    frame = engine.rate_frame(store, plan, rated, codes, [scope.period])
    boroughs = engine.results_from_frame(frame, plan, rated, codes, [scope.period], store=store)
    return ForceFigures(plan, scope.period, force, boroughs, scope.latest)


def area_force_figures(store: Store, area: Area, period: Period) -> OtherForceFigures | None:
    """For an area another force polices (the City of London): that force's recorded crime by
    police.uk crime type for the periods the pages show, or what to load to see it
    (`measures/other_force.py`); None for an area the Met polices. The page, the API's area
    record and `crimeplan area-police` all call this."""
    return other_force_figures(store, area.code, period)
