"""Each measure's figures per area, summed into the periods asked for, from its source.

The figures of a source come in two tables, each one row per area and one column per period
(`PeriodColumns`: the periods asked for and those they are compared with):
- coverage (`cov_id, area_code, level, c0.., v0..`): how many months of each period the source
  covers for the area (`c`), and the latest vintage among them (`v`). An area-month the source
  covers counts even where it has no record a measure selects (that measure's count is 0 there,
  not missing); a month the source does not cover is missing, so the period is incomplete;
- amounts (`sel_id, area_code, n0.., d0..`): the summed numerator and denominator of one
  selection (the records a measure counts: a count and its rate share one) in each period.
`WideFacts.meta` names each measure's coverage and selection, and `blocked` the levels whose
table does not publish a measure's offences at all (never 0: "not published at this level").

Each level comes from its own published table and is never rescaled to agree with another: the
force from the Met's borough table (every borough row, the airports and unknown locations
included), boroughs from the borough table, wards from the ward table, LSOAs from the LSOA
table. police.uk records are summed into the periods first (one pass over the records, one
count per crime type and LSOA-fine area), then counted up from their LSOA to ward, local
authority, CSP and force, and only then mapped to measures ("all records" is the sum of the
types), so no step holds a row per measure, area and month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ibis
import pandas as pd

from crimeplan.geo import FORCE_CODE
from crimeplan.geo.national import FORCE_CODES
from crimeplan.measures.periods import Period, add_months
from crimeplan.plan.model import Measure
from crimeplan.store import Store

POLICE_UK_FORCES = {**FORCE_CODES, "Metropolitan Police Service": FORCE_CODE}


@dataclass(frozen=True)
class PeriodColumns:
    """The periods a frame needs, in a fixed order: period `i`'s figures are columns `c{i}`,
    `v{i}`, `n{i}`, `d{i}`. A source fact (a month, an April-aligned quarter or a financial
    year, from `start` for `n_months`) counts towards a period only if it lies wholly inside."""

    periods: tuple[Period, ...]

    @property
    def wide(self) -> bool:
        """A column per period (a few periods), or a row per period (`_i`: many, as the
        months of a signal's history or of every month loaded)."""
        return len(self.periods) <= MANY_PERIODS

    @property
    def keys(self) -> list[str]:
        """The key that names the period: none when wide, `_i` when long."""
        return [] if self.wide else ["_i"]

    def names(self, prefix: str) -> list[str]:
        """The columns of one figure: `{prefix}{i}` for every period, or `prefix` (long)."""
        return [f"{prefix}{i}" for i in range(len(self.periods))] if self.wide else [prefix]

    @property
    def first(self) -> date:
        return min(p.start for p in self.periods)

    @property
    def last(self) -> date:
        return max(p.end for p in self.periods)

    def index(self, label: str) -> int:
        return [p.label for p in self.periods].index(label)

    def inside(self, i: int, start: Any, n_months: Any = None) -> Any:
        """Whether a fact (`start`, `n_months`; months only when `n_months` is None) lies
        wholly inside period `i` (as `engine.membership` lists them)."""
        p = self.periods[i]
        months = p.months()
        if n_months is None:  # a period is a run of whole months
            return (start >= p.start) & (start <= p.end)
        quarters = [m for m in months if (m.month - 4) % 3 == 0 and add_months(m, 2) <= p.end]
        years = [m for m in months if m.month == 4 and add_months(m, 11) <= p.end]
        parts = [(n_months == 1) & start.isin(months)]
        if quarters:
            parts.append((n_months == 3) & start.isin(quarters))
        if years:
            parts.append((n_months == 12) & start.isin(years))
        return ibis.or_(*parts)

    def within(self, t: Any, column: str = "month") -> Any:
        """Rows of `t` whose month lies in the span of these periods (first, cheap filter)."""
        return t.filter((t[column] >= self.first) & (t[column] <= self.last))

    def membership(self, months_only: bool) -> Any:
        """(`_start`, `_n`, `_i`): each source fact lying wholly inside period `_i`."""
        rows = []
        for i, p in enumerate(self.periods):
            for m in p.months():
                rows.append((m, 1, i))
                if months_only:
                    continue
                if (m.month - 4) % 3 == 0 and add_months(m, 2) <= p.end:
                    rows.append((m, 3, i))
                if m.month == 4 and add_months(m, 11) <= p.end:
                    rows.append((m, 12, i))
        df = pd.DataFrame(rows, columns=["_start", "_n", "_i"])
        df["_start"] = pd.to_datetime(df["_start"])
        mem = ibis.memtable(df.astype({"_n": "int32", "_i": "int32"}))
        return mem.mutate(_start=mem._start.cast("date"))

    def by_period(
        self,
        t: Any,
        by: list[str],
        *,
        sums: dict[str, str],
        maxes: dict[str, str] | None = None,
        start: str = "month",
        n_months: str | None = None,
    ) -> Any:
        """Per `by`, the columns named in `sums` summed (and in `maxes`, their maximum) over
        the facts inside each period `i`: as columns `{name}{i}` (None where none is) when
        `wide`, else as one row per period `_i` holding any.

        Wide: one pass with a conditional aggregate per period. Long: each fact joined to the
        periods it lies in and summed once per period (a conditional aggregate per period and
        fact would cost periods x facts)."""
        maxes = maxes or {}
        k = range(len(self.periods))
        if len(self.periods) <= MANY_PERIODS:
            inside = [self.inside(i, t[start], t[n_months] if n_months else None) for i in k]

            def only(c: str, i: int) -> Any:
                # CASE, not an aggregate's FILTER: the same figure (None where no fact is
                # inside), and DuckDB sums a CASE about three times as fast (150 sums x
                # 746,497 rows: 0.85 s against 2.45 s)
                return ibis.cases((inside[i], t[c]))

            return t.group_by(by).aggregate(
                **{f"{nm}{i}": only(c, i).sum() for nm, c in sums.items() for i in k},
                **{f"{nm}{i}": only(c, i).max() for nm, c in maxes.items() for i in k},
            )
        mem = self.membership(months_only=n_months is None)
        on = [t[start] == mem._start] + ([t[n_months] == mem._n] if n_months else [])
        j = t.join(mem, on)
        return j.group_by([*by, "_i"]).aggregate(
            **{nm: j[c].sum() for nm, c in sums.items()},
            **{nm: j[c].max() for nm, c in maxes.items()},
        )


MANY_PERIODS = 12
"""Above this many periods, facts are joined to their periods rather than tested for each."""


def coverage_by_period(long: Any, cols: PeriodColumns) -> Any:
    """From coverage rows (`cov_id, area_code, level, start, n_months, vintage`): months
    covered (`c{i}`) and the latest vintage (`v{i}`) of each period, per area."""
    return cols.by_period(
        long,
        ["cov_id", "area_code", "level"],
        sums={"c": "n_months"},
        maxes={"v": "vintage"},
        start="start",
        n_months="n_months",
    )


@dataclass
class WideFacts:
    """A source's (or all sources') coverage and amounts by period (module docstring)."""

    cover: Any
    amount: Any
    meta: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(measure_id, cov_id, sel_id, unit)"""
    blocked: list[tuple[str, str]] = field(default_factory=list)
    """(measure_id, level): the level's table does not publish the measure's offences."""


def _vintages(store: Store) -> Any:
    return store.ibis.table("ingest_files").select("file_id", "vintage")


Meta = tuple[str, str, str, str]
"""(measure_id, cov_id, sel_id, unit)"""


def _selections(
    measures: list[Measure], keys_of: Any, prefix: str
) -> tuple[list[Meta], list[tuple[str, str]]]:
    """Measures that select the same source keys share one selection (a count and its rate):
    returns the meta rows (measure_id, cov_id, sel_id, unit) and (sel_id, key) rows."""
    sel_ids: dict[tuple[str, ...], str] = {}
    meta: list[Meta] = []
    rows: list[tuple[str, str]] = []
    for m in measures:
        keys = tuple(sorted(keys_of(m)))
        if not keys:
            continue
        if keys not in sel_ids:
            sel_ids[keys] = f"{prefix}{len(sel_ids)}"
            rows.extend((sel_ids[keys], k) for k in keys)
        meta.append((m.id, prefix, sel_ids[keys], str(m.unit)))
    return meta, rows


def _summed(t: Any, by: list[str], value: str, cols: PeriodColumns) -> Any:
    """Column `value` summed into each period (`n{i}`, as float64) per `by` (months only)."""
    s = cols.by_period(t, by, sums={"n": value})
    return s.mutate(**{n: s[n].cast("float64") for n in cols.names("n")})


def _no_denominator(t: Any, cols: PeriodColumns) -> Any:
    none = ibis.null().cast("float64")
    return t.mutate(**{d: none for d in cols.names("d")})


def _covered_months(base: Any, store: Store, cov_id: str) -> Any:
    """Coverage rows of a record source: each (area, level, month) it has rows for, with the
    latest vintage of the files that gave them."""
    j = base.join(_vintages(store), "file_id")
    covered = j.group_by(["area_code", "level", "month"]).aggregate(vintage=j.vintage.max())
    return covered.select(
        cov_id=ibis.literal(cov_id).cast("string"),
        area_code=covered.area_code,
        level=covered.level,
        start=covered.month,
        n_months=ibis.literal(1).cast("int32"),
        vintage=covered.vintage,
    )


def mps_crime_facts(
    store: Store, measures: list[Measure], levels: set[str], cols: PeriodColumns
) -> WideFacts | None:
    """Counts for crime measures from the Met's tables, at the levels asked for."""
    if not measures:
        return None
    t = store.ibis.table("mps_crime")
    found = store.run(t.select("offence_group", "offence").distinct())
    offences = list(found.itertuples(index=False, name=None))
    meta, sel_rows = _selections(
        measures, lambda m: [f"{g}\x1f{o}" for g, o in offences if selects(m, g, o)], "mps"
    )
    if not meta:
        return None
    published = published_levels(store, measures)
    blocked = [
        (m.id, lv)
        for m in measures
        for lv in ("force", *PUBLISHED_LEVELS)
        if (m.id, lv) not in published
    ]
    t = cols.within(t)
    parts = []
    table_levels = {"borough", "ward", "lsoa"} & levels
    if table_levels:
        parts.append(
            t.filter(t.level.isin(sorted(table_levels))).select(
                "area_code", "level", "offence_group", "offence", "month", "count", "file_id"
            )
        )
    if "force" in levels:
        b = t.filter(t.level == "borough")
        parts.append(
            b.select(
                area_code=ibis.literal(FORCE_CODE).cast("string"),
                level=ibis.literal("force").cast("string"),
                offence_group=b.offence_group,
                offence=b.offence,
                month=b.month,
                count=b["count"],
                file_id=b.file_id,
            )
        )
    if not parts:
        return None
    base = (
        parts[0]
        if len(parts) == 1
        else parts[0].union(parts[1].cast(parts[0].schema()), distinct=False)
    )
    sel = ibis.memtable(pd.DataFrame(sel_rows, columns=["sel_id", "key"]))
    keyed = base.mutate(key=base.offence_group.concat("\x1f", base.offence))
    j = keyed.join(sel, "key")
    amount = _no_denominator(_summed(j, ["sel_id", "area_code"], "count", cols), cols)
    cover = coverage_by_period(_covered_months(base, store, "mps"), cols)
    return WideFacts(cover, amount, meta, blocked)


def drop_right_keys(t: Any) -> Any:
    """Drop the right-hand copies of join keys that an Ibis left join keeps."""
    extra = [c for c in t.columns if c.endswith("_right")]
    return t.drop(*extra) if extra else t


def police_uk_facts(
    store: Store,
    measures: list[Measure],
    levels: set[str],
    cols: PeriodColumns,
    keep: Any,
) -> WideFacts | None:
    """Counts of police.uk records, counted up from LSOA to ward, local authority (London
    borough), Community Safety Partnership and force (the force that published).

    `keep` (`Store.scratch`) computes the one pass over the records into a table that the
    counts and the months covered then read (six levels each), instead of the records."""
    if not measures:
        return None
    t = store.ibis.table("police_uk_crimes")
    types = list(store.run(t.select("crime_type").distinct())["crime_type"])
    meta, sel_rows = _selections(
        measures,
        lambda m: [ct for ct in types if not m.select.crime_types or ct in m.select.crime_types],
        "pu",
    )
    if not meta:
        return None
    t = cols.within(t)
    # One pass over the records: per month, file and place, a count of each crime type any
    # measure selects (a column each), grouped by the few columns that fix the place: the
    # ward, local authority and CSP are columns of the same 2021 LSOA row that gives
    # `lsoa21_code` at ingest (`ingest/police_uk.py`), so they are functions of it and are
    # carried, not grouped by. The borough also follows the LSOA name of a row no lookup
    # places, and the force is the publisher's: both stay in the key. A row per month, file
    # and place (not per crime type too) is a seventh of the rows, and it is also the months
    # each place is covered in: one pass gives both.
    used = sorted({ct for _, ct in sel_rows})
    k = {ct: f"k{j}" for j, ct in enumerate(used)}
    g = t.group_by(["month", "file_id", *PLACE_KEYS]).aggregate(
        **{k[ct]: t.count(where=t.crime_type == ct) for ct in used},
        **{c: t[c].arbitrary() for c in PLACE_CARRIED},
    )
    g = keep(g)
    # Each level's code is made from the grouped rows (the force's name -> its code,
    # London's authorities left out).
    level_cols = {
        "force": g.falls_within,
        "csp": g.csp_code,
        "lad": g.lad_code,
        "borough": g.borough_code,
        "ward": g.ward_code,
        "lsoa": g.lsoa21_code.fill_null(g.lsoa_code),
    }
    keys = {f"a_{lv}": level_cols[lv].cast("string") for lv in sorted(levels) if lv in level_cols}
    # Each selection (the crime types a measure counts) is the sum of its types' columns,
    # summed into each period per area of every level (LSOA-fine), then counted up.
    sels: dict[str, list[str]] = {}
    for sel_id, ct in sel_rows:
        sels.setdefault(sel_id, []).append(k[ct])
    s = {f"s{j}": sel_id for j, sel_id in enumerate(sels)}
    g = g.mutate(**keys)
    g = g.mutate(**{c: _total(g, sels[sel_id]) for c, sel_id in s.items()})
    summed = [f"{c}_{n[1:]}" for c in s for n in cols.names("n")]
    span = _span_months(cols)
    if span is None:  # a row per period (`_i`), or a span too long for a flag per month
        fine = cols.by_period(g, list(keys), sums={f"{c}_": c for c in s})
        flags: list[str] = []
    else:
        # With the counts, in the same pass: a flag for each month of the span the place has
        # a record in, and each period's latest vintage (of the files that gave its rows).
        # Summed up each level, the flags are the months the area is covered in.
        # (a left join: a row whose file is not listed is counted, but not covered, as in
        # `_covered_months`)
        files = _vintages(store).mutate(_listed=ibis.literal(1))
        g = drop_right_keys(g.left_join(files, "file_id"))
        flags = [f"m{j}" for j in range(len(span))]
        fine = g.group_by(list(keys)).aggregate(
            **{
                f"{c}_{i}": _when(cols.inside(i, g.month), g[c]).sum()
                for c in s
                for i in range(len(cols.periods))
            },
            **{
                f: _when((g.month == m) & g._listed.notnull(), 1).max()
                for f, m in zip(flags, span, strict=True)
            },
            **{
                f"v{i}": _when(cols.inside(i, g.month), g.vintage).max()
                for i in range(len(cols.periods))
            },
        )
    vintages = cols.names("v") if flags else []
    up = _levels_up(_level_codes(fine), list(keys), [*cols.keys, *summed, *flags, *vintages])
    per_area = up.group_by(["area_code", "level", *cols.keys]).aggregate(
        **{c: up[c].sum() for c in summed},
        **{c: up[c].max() for c in (*flags, *vintages)},
    )
    # (kept too: one row per area, read once per selection and for the coverage)
    per_area = keep(per_area)
    # One row per selection and area: each area's row once per selection (a cross join
    # with the short list), its columns picked by CASE (a union of a part per selection took
    # Spark minutes to plan).
    chosen = pd.DataFrame({"sel_id": list(s.values()), "_sel": range(len(s))})
    x = per_area.cross_join(ibis.memtable(chosen.astype({"_sel": "int64"})))
    amount = x.select(
        sel_id=x.sel_id.cast("string"),
        area_code=x.area_code,
        **{k_: x[k_] for k_ in cols.keys},
        **{
            n: ibis.cases(*[(x._sel == j, x[f"{c}_{n[1:]}"]) for j, c in enumerate(s)]).cast(
                "float64"
            )
            for n in cols.names("n")
        },
    )
    if span is not None:
        per_area = per_area.mutate(**{f: per_area[f].fill_null(0) for f in flags})
        covered = {
            f"c{i}": _total(
                per_area, [f for f, m in zip(flags, span, strict=True) if p.start <= m <= p.end]
            )
            for i, p in enumerate(cols.periods)
        }
        cover = per_area.select(
            cov_id=ibis.literal("pu").cast("string"),
            area_code=per_area.area_code,
            level=per_area.level,
            # no month covered: None, as a sum over no fact
            **{c: n.nullif(0).cast("int64") for c, n in covered.items()},
            **{v: per_area[v] for v in vintages},
        )
    else:
        months = _level_codes(g.select("month", "file_id", *keys).distinct())
        cover = coverage_by_period(
            _covered_months(_levels_up(months, list(keys), ["month", "file_id"]), store, "pu"),
            cols,
        )
    # (on Spark, kept: each is analysed and computed once, not within every later plan)
    amount = keep(_no_denominator(amount, cols), in_query=True)
    return WideFacts(keep(cover, in_query=True), amount, meta, [])


MANY_MONTHS = 36
"""Up to this many months between the first and last period's, a place's months covered are
a flag per month, summed up with its counts; beyond, a second pass gives them."""


def _span_months(cols: PeriodColumns) -> list[date] | None:
    """Every month from the first period's to the last's, when the periods are few (a
    column each) and the span short; else None."""
    if not cols.wide:
        return None
    months = [cols.first]
    while months[-1] < cols.last and len(months) <= MANY_MONTHS:
        months.append(add_months(months[-1], 1))
    return months if len(months) <= MANY_MONTHS else None


def _when(condition: Any, value: Any) -> Any:
    """`value` where `condition` holds, else None (summed or maxed: CASE, which DuckDB
    aggregates about three times as fast as an aggregate's FILTER)."""
    return ibis.cases((condition, value))


def _total(t: Any, columns: list[str]) -> Any:
    """The sum of these count columns of `t` (each row's)."""
    out = t[columns[0]]
    for c in columns[1:]:
        out = out + t[c]
    return out


PLACE_KEYS = ("falls_within", "lsoa_code", "lsoa21_code", "borough_code")
"""The columns of a police.uk record that fix its place at every level (with those carried)."""
PLACE_CARRIED = ("ward_code", "lad_code", "csp_code")
"""Columns of the 2021 LSOA (`lsoa21_code`) a record is placed in: the same for each."""


def _level_codes(t: Any) -> Any:
    """The force's code from its name; a London borough is not also a local authority."""
    fix = {}
    if "a_force" in t.columns:
        fix["a_force"] = ibis.cases(
            *[(t.a_force == name, code) for name, code in POLICE_UK_FORCES.items()],
            else_=t.a_force,
        )
    if "a_lad" in t.columns:
        fix["a_lad"] = ibis.ifelse(t.a_lad.startswith("E09"), ibis.null().cast("string"), t.a_lad)
    return t.mutate(**fix) if fix else t


def _levels_up(fine: Any, keys: list[str], carried: list[str]) -> Any:
    """One row per level from each LSOA-fine row: `area_code`, `level` and the carried
    columns. A code that two levels share (North and West Northamptonshire are both a local
    authority and a partnership) is counted once, at the first of them."""
    parts = []
    for k, key in enumerate(keys):
        keep = fine[key].notnull()
        for earlier in keys[:k]:
            keep &= (fine[key] != fine[earlier]).fill_null(True)
        f = fine.filter(keep)
        parts.append(
            f.select(
                area_code=f[key],
                level=ibis.literal(key[2:]).cast("string"),
                **{c: f[c] for c in carried},
            )
        )
    base = parts[0]
    for p in parts[1:]:
        base = base.union(p.cast(base.schema()), distinct=False)
    return base


def selects(m: Measure, group: str, offence: str) -> bool:
    """Whether a crime measure counts the Met's (offence group, offence)."""
    groups, names = set(m.select.offence_groups), set(m.select.offences)
    return (not groups or group in groups) and (not names or offence in names)


PUBLISHED_LEVELS = ("borough", "ward", "lsoa")
"""The Met's tables; the force is summed from the borough table."""


def published_levels(store: Store, measures: list[Measure]) -> set[tuple[str, str]]:
    """(measure_id, level) pairs where the level's table publishes at least one of the
    measure's offences. The Met publishes zero rows for offences with none, so an offence group
    absent from a level's table altogether is not published at that level (the LSOA table has
    no sexual offences, rape or fraud), not zero."""
    t = store.ibis.table("mps_crime")
    found = store.run(t.select("level", "offence_group", "offence").distinct())
    rows = list(found.itertuples(index=False, name=None))
    out: set[tuple[str, str]] = set()
    for m in measures:
        for level, group, offence in rows:
            if selects(m, group, offence):
                out.add((m.id, level))
                if level == "borough":
                    out.add((m.id, "force"))
    return out


def not_published_note(store: Store, m: Measure, level: str) -> str | None:
    """'Not published at this level: ...' when the Met's table at `level` holds data but none
    of the measure's offences; None otherwise (also when the level has no data at all)."""
    if m.source != "mps-crime":
        return None
    table_level = "borough" if level == "force" else level
    t = store.ibis.table("mps_crime")
    if not store.run(t.filter(t.level == table_level).limit(1).count()):
        return None
    if (m.id, level) in published_levels(store, [m]):
        return None
    what = ", ".join(m.select.offences or m.select.offence_groups).lower() or "these offences"
    return (
        f"Not published at this level: the Metropolitan Police does not publish {what} by "
        f"{table_level.upper() if table_level == 'lsoa' else table_level}."
    )


def values_facts(store: Store, measures: list[Measure], cols: PeriodColumns) -> WideFacts | None:
    """Figures from the values table, each at the grain it was given (month, quarter, year):
    each measure is its own coverage and selection (a figure given is covered)."""
    if not measures:
        return None
    keys = {m.key: m.id for m in measures}
    v = store.ibis.table("measure_values")
    v = v.filter(v.measure.isin(list(keys))).join(_vintages(store), "file_id")
    src = ["measure", "area_code", "period", "numerator", "denominator", "vintage"]
    rows = []
    for key, area, label, num, den, vintage in store.run(v.select(*src)).itertuples(
        index=False, name=None
    ):
        p = Period.parse(label)
        rows.append((keys[key], area, p.start, p.n_months, num, den, vintage))
    if not rows:
        return None
    df = pd.DataFrame(
        rows,
        columns=["cov_id", "area_code", "start", "n_months", "n", "d", "vintage"],
    )
    df["start"] = pd.to_datetime(df["start"])
    df["n_months"] = df["n_months"].astype("int32")
    df["d"] = df["d"].astype("float64")
    long = ibis.memtable(df)
    long = long.mutate(start=long.start.cast("date"), level=ibis.null().cast("string"))
    cover = coverage_by_period(long, cols)
    amount = cols.by_period(
        long.mutate(sel_id=long.cov_id),
        ["sel_id", "area_code"],
        sums={"n": "n", "d": "d"},
        start="start",
        n_months="n_months",
    )
    meta: list[Meta] = [
        (m.id, m.id, m.id, str(m.unit)) for m in measures if m.id in set(df["cov_id"])
    ]
    return WideFacts(cover, amount, meta, [])


def measure_facts(
    store: Store,
    measures: list[Measure],
    levels: set[str],
    cols: PeriodColumns,
    keep: Any,
) -> WideFacts | None:
    """All sources' coverage and amounts for these measures (None when no source has any);
    `keep` as in `police_uk_facts`."""
    by_source: dict[str, list[Measure]] = {}
    for m in measures:
        by_source.setdefault(m.source, []).append(m)
    parts = [
        x
        for x in (
            mps_crime_facts(store, by_source.get("mps-crime", []), levels, cols),
            police_uk_facts(store, by_source.get("police-uk", []), levels, cols, keep),
            values_facts(store, by_source.get("values", []), cols),
        )
        if x is not None
    ]
    if not parts:
        return None
    keys = {k: "int32" for k in cols.keys}

    def cover(t: Any) -> Any:
        return t.select(
            cov_id=t.cov_id.cast("string"),
            area_code=t.area_code.cast("string"),
            level=t.level.cast("string"),
            **{k: t[k].cast(ty) for k, ty in keys.items()},
            **{c: t[c].cast("int64") for c in cols.names("c")},
            **{v: t[v].cast("string") for v in cols.names("v")},
        )

    def amount(t: Any) -> Any:
        return t.select(
            sel_id=t.sel_id.cast("string"),
            area_code=t.area_code.cast("string"),
            **{k: t[k].cast(ty) for k, ty in keys.items()},
            **{c: t[c].cast("float64") for c in (*cols.names("n"), *cols.names("d"))},
        )

    out = WideFacts(cover(parts[0].cover), amount(parts[0].amount), [], [])
    for p in parts[1:]:
        out.cover = out.cover.union(cover(p.cover), distinct=False)
        out.amount = out.amount.union(amount(p.amount), distinct=False)
    for p in parts:
        out.meta += p.meta
        out.blocked += p.blocked
    return out
