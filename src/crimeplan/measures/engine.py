"""The measures engine: each measure by period and area, with comparisons and ratings.

The numbers are computed with Ibis over the store (DuckDB today; the same expressions run on a
distributed engine), in four steps:
1. facts: numerator/denominator per measure, area and source period (`measures/facts.py`);
2. period values: each requested period, and the periods it is compared with (previous, same
   period last year, financial year to date and the year to date before), sums the facts it
   wholly contains; a period is complete only when every month is covered;
3. values: counts as they are, rates per 1,000 residents (Census 2021), percentages as the
   ratio of summed numerators to summed denominators;
4. comparisons joined side by side, with the force (London-wide) beside every area.
The ratings (RAG with tolerance, direction of travel) are then applied to whole columns by the
rules in `measures/rules.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ibis
import numpy as np
import pandas as pd

from crimeplan.errors import CrimeplanError, NoDataError
from crimeplan.geo import FORCE_CODE, RATE_CAVEATS, Geography
from crimeplan.measures.facts import drop_right_keys, measure_facts
from crimeplan.measures.periods import Period, add_months, latest_complete_quarter
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.rules import DECIMALS, direction_of_travel, pct_change, rag_rating
from crimeplan.plan.model import Measure, Plan
from crimeplan.store import Store

COMPUTED_SOURCES = ("mps-crime", "police-uk", "values")
RELATIONS = ("prev", "ly", "ytd", "ytd_ly")


def related_periods(p: Period) -> dict[str, Period]:
    """The periods a period is compared with."""
    return {
        "prev": p.previous(),
        "ly": p.same_last_year(),
        "ytd": p.ytd(),
        "ytd_ly": p.ytd().same_last_year(),
    }


def membership(periods: list[Period]) -> pd.DataFrame:
    """Which source periods (months, FY quarters, FYs) lie wholly inside each period."""
    rows = []
    for p in periods:
        for m in p.months():
            rows.append((p.label, m, 1))
            if (m.month - 4) % 3 == 0 and add_months(m, 2) <= p.end:
                rows.append((p.label, m, 3))
            if m.month == 4 and add_months(m, 11) <= p.end:
                rows.append((p.label, m, 12))
    df = pd.DataFrame(rows, columns=["period", "start", "n_months"])
    df["start"] = pd.to_datetime(df["start"])
    df["n_months"] = df["n_months"].astype("int32")
    return df


def data_months(store: Store, plan: Plan) -> tuple[date, date] | None:
    """The first and last month any of the plan's sources holds."""
    sources = {m.source for m in plan.measures()}
    queries = []
    if "mps-crime" in sources:
        queries.append("SELECT min(month), max(month) FROM mps_crime")
    if "police-uk" in sources:
        queries.append("SELECT min(month), max(month) FROM police_uk_crimes")
    lo: date | None = None
    hi: date | None = None
    for q in queries:
        a, b = store.con.execute(q).fetchone() or (None, None)
        if a is not None:
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
    if "values" in sources:
        keys = [m.key for m in plan.measures() if m.source == "values"]
        marks = ", ".join("?" for _ in keys)
        for (label,) in store.con.execute(
            f"SELECT DISTINCT period FROM measure_values WHERE measure IN ({marks})", keys
        ).fetchall():
            p = Period.parse(label)
            lo = p.start if lo is None else min(lo, p.start)
            hi = p.end if hi is None else max(hi, p.end)
    return (lo, hi) if lo is not None and hi is not None else None


def resolve_period(store: Store, plan: Plan, text: str) -> Period:
    """A period label, with `latest` and open year-to-date read against the data."""
    span = data_months(store, plan)
    if span is None:
        raise NoDataError(
            f"the store holds no data for plan {plan.id}",
            hint="Load some with `crimeplan ingest mps-crime PATH` or `crimeplan demo`",
        )
    if text.strip().lower() == "latest":
        return latest_complete_quarter(span[1])
    p = Period.parse(text, latest_month=span[1])
    if p.end > span[1] or p.end < span[0]:
        raise NoDataError(
            f"no data for period {p.label}: the data runs from {span[0]:%Y-%m} to {span[1]:%Y-%m}"
        )
    return p


def rate_frame(
    store: Store,
    plan: Plan,
    measures: list[Measure],
    area_codes: list[str],
    periods: list[Period],
) -> pd.DataFrame:
    """Every computed measure x area x period, with comparisons and ratings, as one frame."""
    computed = [m for m in measures if m.source in COMPUTED_SOURCES]
    geo = Geography.load()
    codes = sorted(set(area_codes) | {FORCE_CODE})
    levels = {geo.area(c).level for c in codes}
    facts = measure_facts(store, computed, levels)
    if facts is None:
        return pd.DataFrame()
    facts = facts.filter(facts.area_code.isin(codes))

    rel_rows, all_periods = [], {p.label: p for p in periods}
    for p in periods:
        rel = related_periods(p)
        all_periods.update({r.label: r for r in rel.values()})
        rel_rows.append((p.label, *(rel[k].label for k in RELATIONS)))
    mem = ibis.memtable(membership(list(all_periods.values())))
    plen = ibis.memtable(
        pd.DataFrame(
            [(lbl, p.n_months) for lbl, p in all_periods.items()], columns=["period", "p_months"]
        )
    )
    meta = ibis.memtable(
        pd.DataFrame([(m.id, m.unit) for m in computed], columns=["measure_id", "unit"])
    )
    pop = store.ibis.table("population").select(area_code="code", population="population")

    j = facts.join(mem, ["start", "n_months"])
    agg = j.group_by(["measure_id", "area_code", "period"]).aggregate(
        numerator=j.numerator.sum(),
        denominator=j.denominator.sum(),
        covered=j.n_months.sum(),
        vintage=j.vintage.max(),
    )
    v = agg.join(plen, "period").join(meta, "measure_id").left_join(pop, "area_code")
    complete = v.covered == v.p_months
    value = ibis.cases(
        (v.unit == "count", v.numerator),
        (v.unit == "rate_per_1000", v.numerator / v.population.cast("float64") * 1000.0),
        (v.unit == "percentage", v.numerator / v.denominator * 100.0),
    )
    vals = v.select(
        "measure_id",
        "area_code",
        "period",
        "numerator",
        "denominator",
        "vintage",
        population=v.population.cast("float64"),
        value=ibis.ifelse(complete, value, ibis.null().cast("float64")),
    )

    rel = ibis.memtable(pd.DataFrame(rel_rows, columns=["period", *RELATIONS]))
    base = vals.filter(vals.area_code.isin(sorted(set(area_codes)))).join(rel, "period")
    out = base
    for k in RELATIONS:
        side = vals.select("measure_id", "area_code", **{k: vals.period, f"{k}_value": vals.value})
        out = drop_right_keys(out.left_join(side, ["measure_id", "area_code", k]))
    force = vals.filter(vals.area_code == FORCE_CODE)
    for k in ("period", "ly", "ytd", "ytd_ly"):
        side = force.select("measure_id", **{k: force.period, f"parent_{k}_value": force.value})
        out = drop_right_keys(out.left_join(side, ["measure_id", k]))
    df = store.run(out)
    return apply_ratings(df, plan, computed, all_periods)


def apply_ratings(
    df: pd.DataFrame, plan: Plan, measures: list[Measure], periods: dict[str, Period]
) -> pd.DataFrame:
    """Add percentage changes, the rated value and target, RAG and direction of travel."""
    if df.empty:
        return df
    by_id = {m.id: m for m in measures}
    mid = df["measure_id"].astype(object)
    period = df["period"].astype(object)
    df["polarity"] = mid.map({i: m.polarity for i, m in by_id.items()})
    df["previous_pct_change"] = pct_change(df["value"], df["prev_value"])
    df["last_year_pct_change"] = pct_change(df["value"], df["ly_value"])
    df["ytd_pct_change"] = pct_change(df["ytd_value"], df["ytd_ly_value"])
    df["parent_last_year_pct_change"] = pct_change(df["parent_period_value"], df["parent_ly_value"])
    df["parent_ytd_pct_change"] = pct_change(df["parent_ytd_value"], df["parent_ytd_ly_value"])

    short = {lbl: p.kind in ("month", "quarter") for lbl, p in periods.items()}
    on_ytd = mid.map({i: m.rag_on == "ytd" for i, m in by_id.items()}).astype(bool) & period.map(
        short
    ).astype(bool)
    # Where the year to date is incomplete (figures given only for this quarter), the rating
    # falls back to the period itself rather than giving no rating.
    on_ytd = on_ytd & df["ytd_value"].notna()
    df["rag_basis"] = np.where(on_ytd, "ytd", "period")
    df["rated_value"] = np.where(on_ytd, df["ytd_value"], df["value"])
    rated_ly = np.where(on_ytd, df["ytd_ly_value"], df["ly_value"]).astype(np.float64)

    target = np.full(len(df), np.nan)
    allowance = np.zeros(len(df))
    for m in measures:
        if m.target is None:
            continue
        rows = (mid == m.id).to_numpy()
        t = m.target
        if t.value is not None:
            target[rows] = t.value
        elif t.by_period is not None:
            target[rows] = period[rows].map(t.by_period).astype(np.float64).to_numpy()
        elif t.vs_last_year is not None:
            target[rows] = rated_ly[rows] * (1.0 + t.vs_last_year)
        if m.tolerance is not None:
            if m.tolerance.relative is not None:
                allowance[rows] = np.abs(target[rows]) * m.tolerance.relative
            else:
                allowance[rows] = m.tolerance.allowance(0.0)
    df["target"] = target
    df["rag"] = rag_rating(df["rated_value"], target, allowance, rated_ly, df["polarity"])
    places = mid.map({i: DECIMALS[m.unit] for i, m in by_id.items()})
    df["dot_short"] = direction_of_travel(df["value"], df["prev_value"], df["polarity"], places)
    df["dot_long"] = direction_of_travel(df["value"], df["ly_value"], df["polarity"], places)
    return df


def _num(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _str(x: Any) -> Any:
    return None if x is None or (isinstance(x, float) and pd.isna(x)) else x


def results_from_frame(
    df: pd.DataFrame,
    plan: Plan,
    measures: list[Measure],
    area_codes: list[str],
    periods: list[Period],
    store: Store | None = None,
) -> list[MeasureResult]:
    """One MeasureResult per measure, area and period, in plan order; gaps stated plainly."""
    geo = Geography.load()
    force = geo.area(FORCE_CODE)
    index = {(r.measure_id, r.area_code, r.period): r for r in df.itertuples()} if len(df) else {}
    out = []
    for p in periods:
        rel = related_periods(p)
        for code in area_codes:
            area = geo.area(code)
            for m in measures:
                r = index.get((m.id, code, p.label))
                out.append(_result(m, plan, area, p, rel, r, force, store))
    return out


def _result(
    m: Measure,
    plan: Plan,
    area: Any,
    p: Period,
    rel: dict[str, Period],
    r: Any,
    force: Any,
    store: Store | None = None,
) -> MeasureResult:
    prio = plan.priority_of(m.id)
    common: dict[str, Any] = dict(
        measure_id=m.id,
        measure_title=m.title,
        priority_id=prio.id,
        priority_title=prio.title,
        unit=m.unit,
        polarity=m.polarity,
        area_code=area.code,
        area_name=area.name,
        area_level=area.level,
        period=p.label,
        source=m.source,
        target=None,
        tolerance=m.tolerance.describe(m.unit) if m.tolerance else None,
    )
    if m.source == "unavailable":
        return MeasureResult(**common, available=False, note=f"Not available: {m.reason}")
    if m.source == "survey":
        return _survey_result(store, m, area, p, common)
    if m.source not in COMPUTED_SOURCES:
        return MeasureResult(**common, available=False, note=f"No {m.source} data is loaded")
    if r is not None and m.unit == "rate_per_1000" and _num(r.population) is None:
        why = RATE_CAVEATS.get(area.code, f"{area.name} has no resident population")
        return MeasureResult(**common, available=False, note=f"No rate: {why}")
    if r is None or _num(r.value) is None:
        why = "no data" if r is None else "the data does not cover the whole period"
        return MeasureResult(
            **common, available=False, note=f"No figure: {why} for {area.name} in {p.label}"
        )
    note = RATE_CAVEATS.get(area.code) if m.unit == "rate_per_1000" else None
    common["target"] = _num(r.target)
    return MeasureResult(
        **common,
        note=note,
        value=_num(r.value),
        numerator=_num(r.numerator),
        denominator=_num(r.denominator),
        population=_num(r.population),
        previous_period=rel["prev"].label,
        previous_value=_num(r.prev_value),
        previous_pct_change=_num(r.previous_pct_change),
        last_year_period=rel["ly"].label,
        last_year_value=_num(r.ly_value),
        last_year_pct_change=_num(r.last_year_pct_change),
        ytd_period=rel["ytd"].label,
        ytd_value=_num(r.ytd_value),
        ytd_last_year_value=_num(r.ytd_ly_value),
        ytd_pct_change=_num(r.ytd_pct_change),
        parent_code=force.code,
        parent_name="London (Metropolitan Police)",
        parent_value=_num(r.parent_period_value),
        parent_last_year_pct_change=_num(r.parent_last_year_pct_change),
        parent_ytd_pct_change=_num(r.parent_ytd_pct_change),
        rated_value=_num(r.rated_value),
        extra={"rag_basis": r.rag_basis},
        rag=_str(r.rag),
        dot_short=_str(r.dot_short),
        dot_long=_str(r.dot_long),
        vintage=_str(r.vintage),
    )


def _survey_result(
    store: Store | None, m: Measure, area: Any, p: Period, common: dict[str, Any]
) -> MeasureResult:
    """A survey measure: the rolling year to the period's end, with its interval and signal."""
    from crimeplan.measures.survey_measure import split_breakdowns

    if store is None or not _has_survey(store):
        return MeasureResult(**common, available=False, note="No survey data is loaded")
    _levels, chars = split_breakdowns(m.breakdowns)
    try:
        figures = _survey_figures(store, m, area, p, chars)
    except CrimeplanError as e:  # e.g. no respondents in this area
        return MeasureResult(**common, available=False, note=f"No survey figure: {e}")
    return MeasureResult(**common, **figures.result_fields())


def _survey_figures(store: Store, m: Measure, area: Any, p: Period, chars: Any) -> Any:
    from crimeplan.measures.survey_result import survey_figures

    assert m.question is not None
    return survey_figures(
        store,
        m.question,
        m.positive,
        area_code=area.code,
        area_level=area.level,
        end_month=f"{p.end:%Y-%m}",
        characteristics=chars,
        exclude_answers=m.exclude,
        subgroup=m.respondents or None,
    )


def _has_survey(store: Store) -> bool:
    row = store.con.execute("SELECT count(*) FROM survey_answers").fetchone()
    return bool(row and row[0])


def signal_months(p: Period) -> list[Period]:
    """The months a count signal reads: the 36 months before the period, and the period's."""
    start = add_months(p.start, -36)
    return [Period.month(d) for d in Period(start, p.end, "r12", "x").months()]


def add_count_signals(
    store: Store,
    plan: Plan,
    results: list[MeasureResult],
    area_code: str,
    p: Period,
    monthly: pd.DataFrame | None = None,
) -> list[MeasureResult]:
    """Fill `signal` for count measures: the change test against the same period last year
    (exact Poisson, or negative binomial where 24+ months of history are overdispersed) and
    NHS Making Data Count SPC on the monthly values (measures/signals.py). `monthly`, when
    given, is a `rate_frame` over `signal_months(p)` already computed for many areas at once
    (the dashboard's warm-up, measures/batch.py)."""
    from dataclasses import replace

    from crimeplan.measures.signals import count_signal

    counts = [
        r
        for r in results
        if r.unit == "count" and r.value is not None and r.last_year_value is not None
    ]
    if not counts:
        return results
    if monthly is None:
        measures = [plan.measure(r.measure_id) for r in counts]
        df = rate_frame(store, plan, measures, [area_code], signal_months(p))
    else:
        wanted = {r.measure_id for r in counts}
        df = monthly[(monthly["area_code"] == area_code) & monthly["measure_id"].isin(wanted)]
    series: dict[str, list[float]] = {}
    if not df.empty:
        df = df.sort_values("period")
        for mid, g in df.groupby("measure_id"):
            series[str(mid)] = [float(v) for v in g["value"] if not pd.isna(v)]
    out = []
    for r in results:
        if r not in counts:
            out.append(r)
            continue
        monthly = series.get(r.measure_id, [])
        history = monthly[: max(0, len(monthly) - p.n_months)]
        sig = count_signal(
            int(r.value or 0),
            int(r.last_year_value or 0),
            history=history,
            months=p.n_months,
            monthly_values=monthly,
            polarity=r.polarity,  # type: ignore[arg-type]
            target=None,
        )
        out.append(
            replace(
                r,
                signal=sig.signal,
                signal_sentence=sig.sentence,
                extra={**r.extra, "signal": sig.extra},
            )
        )
    return out


# --- the service layer: what the CLI, the reports and the web call --------------------------
def rate_plan(store: Store, plan: Plan, area: str, period: str) -> list[MeasureResult]:
    """Every measure of the plan for one area and period, in plan order."""
    a = Geography.load().resolve(area)
    p = resolve_period(store, plan, period)
    measures = plan.measures()
    df = rate_frame(store, plan, measures, [a.code], [p])
    results = results_from_frame(df, plan, measures, [a.code], [p], store=store)
    return add_count_signals(store, plan, results, a.code, p)


def rate_areas(
    store: Store, plan: Plan, measure_id: str, level: str, period: str, within: str | None = None
) -> list[MeasureResult]:
    """One measure for every borough (or every ward, optionally within a borough)."""
    geo = Geography.load()
    m = plan.measure(measure_id)
    p = resolve_period(store, plan, period)
    if level == "borough":
        areas = geo.boroughs()
    elif level == "ward":
        areas = geo.wards(geo.resolve(within).code if within else None)
    else:
        raise ValueError(f"level must be borough or ward, not {level!r}")
    codes = [a.code for a in areas]
    df = rate_frame(store, plan, [m], codes, [p])
    return results_from_frame(df, plan, [m], codes, [p], store=store)


def measure_series(
    store: Store, plan: Plan, measure_id: str, area: str, start: str, end: str
) -> list[MeasureResult]:
    """One measure for one area, month by month from `start` to `end` (YYYY-MM)."""
    m = plan.measure(measure_id)
    a = Geography.load().resolve(area)
    first, last = Period.parse(start), Period.parse(end)
    months = [Period.month(d) for d in Period(first.start, last.end, "r12", "x").months()]
    df = rate_frame(store, plan, [m], [a.code], months)
    return results_from_frame(df, plan, [m], [a.code], months, store=store)


def latest_period(store: Store, plan: Plan, kind: str = "quarter") -> str:
    """The latest complete quarter (or month) in the plan's data."""
    span = data_months(store, plan)
    if span is None:
        raise NoDataError(f"the store holds no data for plan {plan.id}")
    if kind == "month":
        return Period.month(span[1]).label
    return latest_complete_quarter(span[1]).label
