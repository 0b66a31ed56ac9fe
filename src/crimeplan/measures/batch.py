"""Every area's figures for one period in a few queries: the dashboard's warm-up.

`service.plan_results`, `area_results` and `series_results` answer for one area (or one measure) at a
time; a dashboard that shows London, 33 boroughs and their wards would call them hundreds of
times. The functions here run the same `engine.rate_frame` once over many areas and split the
answer, so each returns exactly what the per-area call returns (tests/measures/test_batch.py
compares them), in a few seconds for the whole force area instead of minutes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from crimeplan.geo import Geography
from crimeplan.measures import engine
from crimeplan.measures.periods import Period, month_periods
from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Plan
from crimeplan.store import Store


@dataclass(frozen=True)
class ManyAreas:
    """One period's figures for many areas from one engine call: `by_area`, each area's plan
    with its signals (`service.plan_results`), and `rows`, the same figures without signals
    keyed by (measure, area code): exactly the rows `service.area_results` returns, so a
    borough's or a ward's table needs no second engine call."""

    by_area: dict[str, list[MeasureResult]]
    rows: dict[tuple[str, str], MeasureResult]


def plan_many(store: Store, plan: Plan, area_codes: list[str], p: Period) -> ManyAreas:
    """`service.plan_results` and `service.area_results` rows for every area code and `p`."""
    measures = plan.measures()
    df = engine.rate_frame(store, plan, measures, area_codes, [p])
    results = engine.results_from_frame(df, plan, measures, area_codes, [p], store=store)
    by_area: dict[str, list[MeasureResult]] = defaultdict(list)
    for r in results:
        by_area[r.area_code].append(r)
    counts = [m for m in measures if m.unit == "count" and m.source in engine.COMPUTED_SOURCES]
    monthly = (
        engine.rate_frame(store, plan, counts, area_codes, engine.signal_months(p))
        if counts
        else None
    )
    # Split the monthly frame by area once: filtering the whole frame for each of hundreds of
    # wards would cost time in proportion to the square of their number.
    parts = (
        {str(code): part for code, part in monthly.groupby("area_code", observed=True)}
        if monthly is not None and len(monthly)
        else {}
    )
    empty = monthly.iloc[0:0] if monthly is not None else None
    signalled = {
        code: engine.add_count_signals(
            store, plan, by_area[code], code, p, monthly=parts.get(code, empty)
        )
        for code in area_codes
    }
    return ManyAreas(signalled, {(r.measure_id, r.area_code): r for r in results})


def rate_plan_many(
    store: Store, plan: Plan, area_codes: list[str], p: Period
) -> dict[str, list[MeasureResult]]:
    """`service.plan_results` for every area code and period `p`, keyed by code."""
    return plan_many(store, plan, area_codes, p).by_area


def rate_areas_many(
    store: Store, plan: Plan, measure_ids: list[str], area_codes: list[str], p: Period
) -> dict[tuple[str, str], MeasureResult]:
    """`service.area_results` rows for many measures and areas, keyed by (measure, area
    code); callers pick the areas of a level (or a borough's wards) in the order they want."""
    measures = [plan.measure(m) for m in measure_ids]
    df = engine.rate_frame(store, plan, measures, area_codes, [p])
    results = engine.results_from_frame(df, plan, measures, area_codes, [p], store=store)
    return {(r.measure_id, r.area_code): r for r in results}


def wards_by_borough(
    store: Store,
    plan: Plan,
    measure_ids: list[str],
    period: Period,
    geo: Geography,
    rows: dict[tuple[str, str], MeasureResult] | None = None,
) -> dict[tuple[str, str], list[MeasureResult]]:
    """`service.area_results(..., "ward", period, within=borough)` for every measure and
    borough, keyed by (measure, borough code); from `rows` (`plan_many(...).rows` over every
    ward) when given, else from one engine call."""
    boroughs = geo.boroughs()
    wards = {b.code: [w.code for w in geo.wards(b.code)] for b in boroughs}
    every = [code for codes in wards.values() for code in codes]
    if rows is None:
        rows = rate_areas_many(store, plan, measure_ids, every, period)
    return {
        (m, b): [rows[(m, code)] for code in codes]
        for m in measure_ids
        for b, codes in wards.items()
    }


def series_many(
    store: Store,
    plan: Plan,
    pairs: list[tuple[str, str]],
    start: Period,
    end: Period,
) -> dict[tuple[str, str], list[MeasureResult]]:
    """`service.series_results` of one measure and area, months `start` to `end`, for every
    (measure, area code) pair, keyed by the pair; one frame over all the pairs."""
    if not pairs:
        return {}
    months = month_periods(start.start, end.end)
    measure_ids = sorted({m for m, _ in pairs})
    codes = sorted({a for _, a in pairs})
    measures = [plan.measure(m) for m in measure_ids]
    df = engine.rate_frame(store, plan, measures, codes, months)
    out: dict[tuple[str, str], list[MeasureResult]] = {pair: [] for pair in pairs}
    for m in measures:
        frame = df[df["measure_id"] == m.id] if len(df) else df
        mine = sorted({a for mid, a in pairs if mid == m.id})
        for r in engine.results_from_frame(frame, plan, [m], mine, months, store=store):
            out[(m.id, r.area_code)].append(r)
    return out
