"""The measures engine: each measure by period and area, with comparisons and ratings.

The numbers are computed with Ibis over the store (DuckDB, or Spark: `store/engines.py`), in
four steps:
1. facts (`measures/facts.py`): each source's records summed into every period needed (each
   period asked for, and those it is compared with: previous, same period last year,
   financial year to date and the year to date before), per area and source key (a crime
   type, a Met offence), before they are mapped to measures; and the months of each period
   the source covers per area (a period is complete only when every month is covered);
2. period values (`period_values`): per measure and area, zero where the source covers the
   area but has no record the measure selects; counts as they are, rates per 1,000 residents
   (Census 2021), percentages as the ratio of summed numerators to summed denominators;
3. comparisons (`compared`): each period asked for beside its related periods and the force
   (London-wide): with a few periods, each period is a column of one row per measure and area,
   and the comparisons are picked from the same row; with many (a signal's months), a row per
   period, and the comparisons are joined;
4. the ratings (RAG with tolerance, direction of travel) on whole columns (numpy, on integer
   codes) by the rules in `measures/rules.py`.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import ibis
import numpy as np
import pandas as pd

from crimeplan.errors import CrimeplanError
from crimeplan.geo import FORCE_CODE, RATE_CAVEATS, Geography
from crimeplan.measures.facts import (
    PeriodColumns,
    WideFacts,
    drop_right_keys,
    measure_facts,
    not_published_note,
)
from crimeplan.measures.periods import Period, add_months, month_periods
from crimeplan.measures.rate_notes import population_note
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.rules import (
    DECIMALS,
    DOT_LABELS,
    RAG_LABELS,
    better_sign,
    direction_code,
    pct_change,
    rag_code,
)
from crimeplan.measures.small_numbers import counts_instead, mask_small_base
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
    tables = [
        t
        for s, t in (("mps-crime", "mps_crime"), ("police-uk", "police_uk_crimes"))
        if s in sources
    ]
    lo: date | None = None
    hi: date | None = None
    for name in tables:
        t = store.ibis.table(name)
        row = store.run(t.aggregate(lo=t.month.min(), hi=t.month.max()))
        a, b = _day(row["lo"].iloc[0]), _day(row["hi"].iloc[0])
        if a is not None and b is not None:
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
    if "values" in sources:
        keys = [m.key for m in plan.measures() if m.source == "values"]
        v = store.ibis.table("measure_values")
        for label in store.run(v.filter(v.measure.isin(keys)).select("period").distinct())[
            "period"
        ]:
            p = Period.parse(label)
            lo = p.start if lo is None else min(lo, p.start)
            hi = p.end if hi is None else max(hi, p.end)
    return (lo, hi) if lo is not None and hi is not None else None


def _day(x: Any) -> date | None:
    """A date from whatever an engine returns for a DATE (date, Timestamp, NaT, None)."""
    if x is None or pd.isna(x):
        return None
    if isinstance(x, date) and not isinstance(x, datetime):
        return x
    day: date = pd.Timestamp(x).date()
    return day


def only_areas(t: Any, codes: list[str]) -> Any:
    """Rows of these areas: an IN list for a few, a semi-join for many (national: every LSOA,
    where a 40,000-item IN list is slow to plan, on Spark above all)."""
    if len(codes) <= 500:
        return t.filter(t.area_code.isin(codes))
    keep = ibis.memtable(pd.DataFrame({"area_code": codes}))
    return t.semi_join(keep, "area_code")


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
    all_periods = {p.label: p for p in periods}
    for p in periods:
        all_periods.update({r.label: r for r in related_periods(p).values()})
    cols = PeriodColumns(tuple(all_periods.values()))
    scratch = getattr(store, "scratch", None)
    with scratch() if scratch is not None else nullcontext(_as_it_is) as keep:
        facts = measure_facts(store, computed, levels, cols, keep)
        if facts is None:
            return pd.DataFrame()
        # `wide` is read twice (the areas, and the force beside them): DuckDB computes such
        # a part of one query once (a materialised CTE); Spark computes it twice, from the
        # kept amounts and coverage (kept itself, its 1.3 million rows took the memory the
        # answer's 2.6 million needed in local mode: "TaskResultLost" at 2M records).
        wide = period_values(store, facts, area_codes, cols)
        got = store.arrow(compared(wide, area_codes, periods, cols, facts))
    df = _frame(got, [m[0] for m in facts.meta], sorted(set(area_codes)), periods)
    return apply_ratings(df, plan, computed, all_periods)


def _as_it_is(expr: Any, in_query: bool = False) -> Any:
    """`Store.scratch`'s function for a store without one: the expression as it is."""
    return expr


def _label_array(codes: Any, labels: list[Any]) -> Any:
    """An Arrow string array from integer codes into `labels` (a code < 0: missing), built
    by Arrow from the small list, not string by string."""
    import pyarrow as pa

    codes = np.asarray(codes)
    indices = pa.array(codes, mask=codes < 0) if (codes < 0).any() else pa.array(codes)
    # decoding a dictionary array: about 15 ms for 2.6 million labels, where `take` took
    # 160 to 450 ms (with a null mask)
    dictionary = pa.array(labels, pa.large_string())
    return pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()


def _labels(codes: Any, labels: list[Any]) -> pd.Series:
    """`_label_array` as a `str` column."""
    return _label_array(codes, labels).to_pandas()


def _frame(
    got: Any, measure_ids: list[str], codes: list[str], periods: list[Period]
) -> pd.DataFrame:
    """The engine's answer (codes and figures, as Arrow) as the frame `rate_frame` returns:
    the labels are taken from short lists by code, and Arrow builds the frame."""
    import pyarrow as pa

    p_ix = got["p_ix"].to_numpy()
    rel = [related_periods(p) for p in periods]
    labels = {
        "measure_id": _label_array(got["m_ix"].to_numpy(), measure_ids),
        "area_code": _label_array(got["a_ix"].to_numpy(), codes),
        "period": _label_array(p_ix, [p.label for p in periods]),
        **{k: _label_array(p_ix, [r[k].label for r in rel]) for k in RELATIONS},
    }
    order = ["measure_id", "area_code", "period", *FIGURES[:5], *RELATIONS, *FIGURES[5:]]
    cols = [labels[c] if c in labels else got[c] for c in order]
    return pa.table(cols, names=order).to_pandas()


FIGURES = (
    "numerator",
    "denominator",
    "vintage",
    "population",
    "value",
    "prev_value",
    "ly_value",
    "ytd_value",
    "ytd_ly_value",
    "parent_period_value",
    "parent_ly_value",
    "parent_ytd_value",
    "parent_ytd_ly_value",
)


def period_values(
    store: Store, facts: WideFacts, area_codes: list[str], cols: PeriodColumns
) -> Any:
    """One row per measure and area (these areas and the force): for each period `i`, the
    numerator `n{i}`, denominator `d{i}`, vintage `v{i}`, months covered `c{i}` and the value
    `x{i}` (None unless every month is covered): counts as they are, rates per 1,000
    residents (Census 2021), percentages as the ratio of summed numerators to summed
    denominators. The measure and area are also codes: `m_ix` into `facts.meta`, `a_ix` into
    the sorted area codes (-1: the force, when not asked for)."""
    meta = pd.DataFrame(facts.meta, columns=["measure_id", "cov_id", "sel_id", "unit"])
    meta = ibis.memtable(meta.astype(str).reset_index(names="m_ix"))
    asked = sorted(set(area_codes))
    codes = sorted(set(asked) | {FORCE_CODE})
    where = {c: i for i, c in enumerate(asked)}
    areas = ibis.memtable(
        pd.DataFrame({"area_code": codes, "a_ix": [where.get(c, -1) for c in codes]})
    )
    # Each area's code and population joined once per area, not once per measure and area.
    pop = store.ibis.table("population").select(area_code="code", population="population")
    areas = drop_right_keys(areas.left_join(pop, "area_code"))
    grid = drop_right_keys(facts.cover.join(areas, "area_code")).join(meta, "cov_id")
    if facts.blocked:
        blocked = ibis.memtable(
            pd.DataFrame(facts.blocked, columns=["measure_id", "level"]).astype(str)
        )
        grid = grid.anti_join(blocked, ["measure_id", "level"])
    # An area-month the source covers with no record a measure selects counts 0 (a left join).
    keys = ["sel_id", "area_code", *cols.keys]
    # (with many areas the left join itself keeps the amounts of the areas asked for)
    amount = facts.amount if len(codes) > 500 else only_areas(facts.amount, codes)
    g = drop_right_keys(grid.left_join(amount, keys))
    if cols.wide:
        each = [(str(i), ibis.literal(p.n_months)) for i, p in enumerate(cols.periods)]
    else:
        lengths = pd.DataFrame({"_i": range(len(cols.periods))}).astype("int32")
        lengths["p_months"] = [p.n_months for p in cols.periods]
        g = g.join(ibis.memtable(lengths), "_i")
        each = [("", g.p_months)]
    population = g.population.cast("float64")
    out: dict[str, Any] = {}
    for i, p_months in each:
        n, d = g[f"n{i}"].fill_null(0.0), g[f"d{i}"]
        value = ibis.cases(
            (g.unit == "count", n),
            (g.unit == "rate_per_1000", n / population * 1000.0),
            (g.unit == "percentage", n / d * 100.0),
        )
        out.update(
            {
                f"n{i}": n,
                f"d{i}": d,
                f"v{i}": g[f"v{i}"],
                f"c{i}": g[f"c{i}"],
                f"x{i}": ibis.ifelse(g[f"c{i}"] == p_months, value, ibis.null().cast("float64")),
            }
        )
    return g.select(
        "measure_id", "area_code", "m_ix", "a_ix", *cols.keys, population=population, **out
    )


def compared(
    w: Any, area_codes: list[str], periods: list[Period], cols: PeriodColumns, facts: WideFacts
) -> Any:
    """Each period asked for beside the periods it is compared with and the force's figures:
    one row per measure, area and period the source covers at least one month of, with the
    measure, area and period as codes (`m_ix` into `facts.meta`, `a_ix` into the sorted area
    codes, `p_ix` into `periods`)."""
    if not cols.wide:
        return _compared_long(w, area_codes, periods, cols, facts)
    n = len(cols.periods)
    # The force's figures, summed from `w` by measure (a filter on the force's code would
    # be pushed down and have the engine compute `w` a second time).
    is_force = w.area_code == FORCE_CODE
    force = w.group_by("m_ix").aggregate(
        **{f"f{i}": w[f"x{i}"].max(where=is_force) for i in range(n)}
    )
    asked = ibis.memtable(pd.DataFrame({"p_ix": range(len(periods))}))
    # (`w` itself is joined, so that it stays one part read twice: the force's row is left
    # out, when not asked for, by the last filter)
    t = drop_right_keys(w.left_join(force, "m_ix")).cross_join(asked)
    index = [
        {
            "period": cols.index(p.label),
            **{k: cols.index(r.label) for k, r in related_periods(p).items()},
        }
        for p in periods
    ]

    def pick(prefix: str, key: str = "period") -> Any:
        """Column `{prefix}{i}` of the period `key` of the period asked for."""
        cases = [(t.p_ix == k, t[f"{prefix}{ix[key]}"]) for k, ix in enumerate(index)]
        return cases[0][1] if len(cases) == 1 else ibis.cases(*cases)

    out = t.select(
        "m_ix",
        "a_ix",
        "p_ix",
        numerator=pick("n"),
        denominator=pick("d"),
        vintage=pick("v"),
        population=t.population,
        value=pick("x"),
        covered=pick("c"),
        prev_value=pick("x", "prev"),
        ly_value=pick("x", "ly"),
        ytd_value=pick("x", "ytd"),
        ytd_ly_value=pick("x", "ytd_ly"),
        parent_period_value=pick("f"),
        parent_ly_value=pick("f", "ly"),
        parent_ytd_value=pick("f", "ytd"),
        parent_ytd_ly_value=pick("f", "ytd_ly"),
    )
    return out.filter((out.covered > 0) & (out.a_ix >= 0)).drop("covered")


def _compared_long(
    w: Any, area_codes: list[str], periods: list[Period], cols: PeriodColumns, facts: WideFacts
) -> Any:
    """`compared` for a frame with a row per period (`_i`): the comparisons are joined."""
    rows = []
    for k, p in enumerate(periods):
        rel = related_periods(p)
        rows.append((k, cols.index(p.label), *(cols.index(rel[r].label) for r in RELATIONS)))
    asked = ibis.memtable(
        pd.DataFrame(rows, columns=["p_ix", "_i", *(f"{r}_i" for r in RELATIONS)]).astype("int32")
    )
    t = drop_right_keys(w.filter((w.c > 0) & (w.a_ix >= 0)).join(asked, "_i"))
    for r in RELATIONS:
        side = w.select("measure_id", "area_code", **{f"{r}_i": w._i, f"{r}_value": w.x})
        t = drop_right_keys(t.left_join(side, ["measure_id", "area_code", f"{r}_i"]))
    force = w.filter(w.area_code == FORCE_CODE)
    for r, name in (("", "period"), ("ly_", "ly"), ("ytd_", "ytd"), ("ytd_ly_", "ytd_ly")):
        on = f"{r}i" if r else "_i"
        side = force.select("measure_id", **{on: force._i, f"parent_{name}_value": force.x})
        t = drop_right_keys(t.left_join(side, ["measure_id", on]))
    return t.select(
        "m_ix",
        "a_ix",
        p_ix=t.p_ix.cast("int64"),
        numerator=t.n,
        denominator=t.d,
        vintage=t.v,
        population=t.population,
        value=t.x,
        **{c: t[c] for c in FIGURES[5:]},
    )


def apply_ratings(
    df: pd.DataFrame, plan: Plan, measures: list[Measure], periods: dict[str, Period]
) -> pd.DataFrame:
    """Add percentage changes, the rated value and target, RAG and direction of travel.

    Whole columns at once: each measure's and period's properties are looked up by integer
    code (numpy), never row by row."""
    if df.empty:
        return df
    by_id = {m.id: m for m in measures}
    m_code, m_ids = pd.factorize(df["measure_id"])
    p_code, p_labels = pd.factorize(df["period"])
    ms = [by_id[str(i)] for i in m_ids]

    def per_measure(f: Any, dtype: Any = object) -> Any:
        return np.asarray([f(m) for m in ms], dtype=dtype)[m_code]

    polarities = sorted({m.polarity for m in ms})
    polarity_code = per_measure(lambda m: polarities.index(m.polarity), np.int64)
    df["polarity"] = _labels(polarity_code, polarities)
    sign = better_sign(np.asarray(polarities, dtype=object))[polarity_code]
    value, prev, ly = (df[c].to_numpy(np.float64) for c in ("value", "prev_value", "ly_value"))
    ytd, ytd_ly = df["ytd_value"].to_numpy(np.float64), df["ytd_ly_value"].to_numpy(np.float64)
    df["previous_pct_change"] = pct_change(value, prev)
    df["last_year_pct_change"] = pct_change(value, ly)
    df["ytd_pct_change"] = pct_change(ytd, ytd_ly)
    df["parent_last_year_pct_change"] = pct_change(df["parent_period_value"], df["parent_ly_value"])
    df["parent_ytd_pct_change"] = pct_change(df["parent_ytd_value"], df["parent_ytd_ly_value"])

    short = np.asarray([periods[str(lbl)].kind in ("month", "quarter") for lbl in p_labels])
    # No fallback between periods: a measure rated on the year to date whose year to date is
    # incomplete (figures given only for this quarter) is not rated, and says why (issue 12).
    on_ytd = per_measure(lambda m: m.rag_on == "ytd", bool) & short[p_code]
    df["rag_basis"] = _labels(on_ytd.astype(np.int64), ["period", "ytd"])
    rated = np.where(on_ytd, ytd, value)
    df["rated_value"] = rated
    rated_ly = np.where(on_ytd, ytd_ly, ly).astype(np.float64)

    target = np.full(len(df), np.nan)
    allowance = np.zeros(len(df))
    for k, m in enumerate(ms):
        if m.target is None:
            continue
        rows = m_code == k
        t = m.target
        if t.value is not None:
            target[rows] = t.value
        elif t.by_period is not None:
            by_p = np.asarray([t.by_period.get(str(lbl), np.nan) for lbl in p_labels], np.float64)
            target[rows] = by_p[p_code[rows]]
        elif t.vs_last_year is not None:
            target[rows] = rated_ly[rows] * (1.0 + t.vs_last_year)
        if m.tolerance is not None:
            allowance[rows] = m.tolerance.allowance(target[rows])
    df["target"] = target
    df["rag"] = _labels(rag_code(rated, target, allowance, rated_ly, sign), list(RAG_LABELS))
    is_count = per_measure(lambda m: m.unit == "count", bool)
    for col, base in (
        ("previous_pct_change", prev),
        ("last_year_pct_change", ly),
        ("ytd_pct_change", ytd_ly),
    ):
        df[col] = mask_small_base(df[col], base, is_count)
    places = per_measure(lambda m: DECIMALS[m.unit], np.int64)
    dots = list(DOT_LABELS)
    df["dot_short"] = _labels(direction_code(value, prev, sign, places), dots)
    df["dot_long"] = _labels(direction_code(value, ly, sign, places), dots)
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
    unpublished: dict[tuple[str, str], str | None] = {}
    if store is not None:
        for level in {geo.area(c).level for c in area_codes}:
            for m in measures:
                unpublished[(m.id, level)] = not_published_note(store, m, level)
    synthetic = synthetic_sources(store, measures)
    out = []
    for p in periods:
        rel = related_periods(p)
        for code in area_codes:
            area = geo.area(code)
            for m in measures:
                r = index.get((m.id, code, p.label))
                note = unpublished.get((m.id, area.level))
                if r is None and note:
                    out.append(_unpublished(m, plan, area, p, note))
                    continue
                res = _result(m, plan, area, p, rel, r, force, store)
                drawn = m.source in synthetic and res.value is not None
                out.append(replace(res, synthetic=True) if drawn else res)
    return out


SOURCE_TABLES = {"police-uk": "police_uk_crimes", "mps-crime": "mps_crime"}


def synthetic_sources(store: Store | None, measures: list[Measure]) -> set[str]:
    """The record sources of these measures that hold rows from files marked synthetic (SYNTHETIC
    national police.uk data ingested with `--synthetic`): every figure counted from such a
    source is labelled synthetic, as the demo's survey figures are."""
    if store is None:
        return set()
    sources = {m.source for m in measures} & set(SOURCE_TABLES)
    return {s for s in sources if store.holds_synthetic_source(s, SOURCE_TABLES[s])}


def _unpublished(m: Measure, plan: Plan, area: Any, p: Period, note: str) -> MeasureResult:
    """A cell the publisher does not publish at this level: no figure, never 0."""
    prio = plan.priority_of(m.id)
    return MeasureResult(
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
        available=False,
        note=note,
        extra={"not_published": True},
    )


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
    note = _result_note(m, area, p, rel, r)
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
        rag_basis=_str(r.rag_basis),
        extra={"rag_basis": r.rag_basis, **_counts_instead(m, r)},
        rag=_str(r.rag),
        dot_short=_str(r.dot_short),
        dot_long=_str(r.dot_long),
        vintage=_str(r.vintage),
    )


def _counts_instead(m: Measure, r: Any) -> dict[str, Any]:
    """For a count whose percentage change is withheld on a small base: the two counts to
    show in its place ("1 against 0"), keyed by the change they replace."""
    if m.unit != "count":
        return {}
    shown = {
        key: counts_instead(_num(cur), _num(base))
        for key, cur, base in (
            ("previous_pct_change", r.value, r.prev_value),
            ("last_year_pct_change", r.value, r.ly_value),
            ("ytd_pct_change", r.ytd_value, r.ytd_ly_value),
        )
    }
    shown = {k: v for k, v in shown.items() if v}
    return {"counts_instead": shown} if shown else {}


def _result_note(m: Measure, area: Any, p: Period, rel: dict[str, Period], r: Any) -> str | None:
    """Caveats a reader must see beside the figure: the rate's population and its caveat, a
    rating that cannot be made on the year to date, changes on small counts (issue 12)."""
    notes: list[str] = []
    if m.unit == "rate_per_1000":
        notes.append(population_note(area.code, p))
    if r.rag_basis == "ytd" and _num(r.ytd_value) is None and m.target is not None:
        notes.append(
            f"Not rated: this measure is rated on the year to date ({rel['ytd'].label}), which "
            "has no complete figure; the period's own figure is not rated in its place."
        )
    if m.unit == "count":
        for label, cur, base in (
            ("On last year", r.value, r.ly_value),
            ("Year to date on last year", r.ytd_value, r.ytd_ly_value),
        ):
            shown = counts_instead(_num(cur), _num(base))
            if shown:
                notes.append(f"{label}: {shown} (too few for a percentage change).")
    return " ".join(notes) or None


def _survey_result(
    store: Store | None, m: Measure, area: Any, p: Period, common: dict[str, Any]
) -> MeasureResult:
    """A survey measure: the rolling year to the period's end, with its interval and signal."""
    from crimeplan.measures.survey_measure import split_breakdowns

    if store is None:
        raise ValueError("survey measures need the store; call measures.service")
    if not _has_survey(store):
        return MeasureResult(**common, available=False, note="No survey data is loaded")
    common["synthetic"] = store.holds_synthetic("survey_respondents")
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
    t = store.ibis.table("survey_answers")
    return bool(store.run(t.limit(1).count()))


def signal_months(p: Period) -> list[Period]:
    """Every month `add_count_signals` may read for period `p`, whichever period it tests
    (the period or its year to date): the warm-up computes these once for all areas."""
    from crimeplan.measures.noise import HISTORY_MONTHS
    from crimeplan.measures.signals import SPC_MONTHS

    first = min(p.start, p.ytd().start)
    start = min(add_months(first, -HISTORY_MONTHS), add_months(p.end, 1 - SPC_MONTHS))
    return month_periods(start, p.end)


def tested_period(r: MeasureResult, p: Period) -> tuple[Period, float | None, float | None]:
    """The period a count's signal tests: the one that is rated and shown (the year to date
    when the measure is rated on it, else the period itself), with its two counts."""
    if r.extra.get("rag_basis") == "ytd" and r.ytd_value is not None:
        return p.ytd(), r.ytd_value, r.ytd_last_year_value
    return p, r.value, r.last_year_value


def add_count_signals(
    store: Store,
    plan: Plan,
    results: list[MeasureResult],
    area_code: str,
    p: Period,
    monthly: pd.DataFrame | None = None,
) -> list[MeasureResult]:
    """Fill `signal` for count measures: one verdict and one sentence (measures/signals.py).

    The change test is run on the period that is rated and shown (`tested_period`), its noise
    estimated from exactly the 36 months before that period (measures/noise.py), and the MDC
    SPC chart on exactly the 24 months ending with the period: the same numbers always give the
    same verdict, whatever else is loaded. `monthly`, when given, is a `rate_frame` of months
    already computed for many areas at once (the dashboard's warm-up, measures/batch.py),
    covering at least `signal_months(p)`; only this area's rows for these months are read."""
    from crimeplan.measures.noise import HISTORY_MONTHS
    from crimeplan.measures.signals import SPC_MONTHS, count_signal

    counts = [r for r in results if r.unit == "count" and r.value is not None]
    if not counts:
        return results
    tested = {r.measure_id: tested_period(r, p) for r in counts}
    first = min(t.start for t, _, _ in tested.values())
    start = min(add_months(first, -HISTORY_MONTHS), add_months(p.end, 1 - SPC_MONTHS))
    months = month_periods(start, p.end)
    measures = [plan.measure(r.measure_id) for r in counts]
    if monthly is None:
        df = rate_frame(store, plan, measures, [area_code], months)
    else:
        df = monthly[
            (monthly["area_code"] == area_code)
            & monthly["measure_id"].isin({m.id for m in measures})
            & monthly["period"].isin({m.label for m in months})
        ]
    series: dict[str, dict[date, float]] = {}
    if not df.empty:
        for row in df.itertuples():
            if not pd.isna(row.value):
                series.setdefault(str(row.measure_id), {})[Period.parse(row.period).start] = float(
                    row.value
                )
    out = []
    for r in results:
        if r not in counts:
            out.append(r)
            continue
        period, current, comparison = tested[r.measure_id]
        monthly = series.get(r.measure_id, {})
        if comparison is None:
            out.append(r)
            continue
        sig = count_signal(
            int(current or 0),
            int(comparison),
            period_label=period.label,
            comparison_label=period.same_last_year().label,
            history=_run_before(monthly, period.start, HISTORY_MONTHS),
            months=period.n_months,
            monthly_values=_run_before(monthly, add_months(p.end, 1), SPC_MONTHS),
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


def _run_before(monthly: dict[date, float], end: date, n: int) -> list[float]:
    """The unbroken run of monthly values before `end` (exclusive), oldest first, at most n:
    a gap ends the run, so a missing month is never bridged."""
    run: list[float] = []
    d = add_months(end, -1)
    while len(run) < n and d in monthly:
        run.append(monthly[d])
        d = add_months(d, -1)
    return run[::-1]
