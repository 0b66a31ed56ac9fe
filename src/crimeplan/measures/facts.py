"""Each measure's facts: numerator and denominator per area and source period, from its source.

A fact is `(measure_id, area_code, start, n_months, numerator, denominator, vintage)`: a
count for one month from a crime table, or a figure for a month, quarter or year from the
values table. Each level comes from its own published table and is never rescaled to agree with
another: the force from the Met's borough table (every borough row, the airports and unknown
locations included), boroughs from the borough table, wards from the ward table, LSOAs from the
LSOA table. police.uk records are counted up from their LSOA to ward, borough and force.
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from crimeplan.geo import FORCE_CODE
from crimeplan.geo.national import FORCE_CODES
from crimeplan.plan.model import Measure
from crimeplan.store import Store

FACT_COLUMNS = [
    "measure_id",
    "area_code",
    "start",
    "n_months",
    "numerator",
    "denominator",
    "vintage",
]
POLICE_UK_FORCES = {**FORCE_CODES, "Metropolitan Police Service": FORCE_CODE}


def _vintages(store: Store) -> Any:
    return store.ibis.table("ingest_files").select("file_id", "vintage")


def mps_crime_facts(store: Store, measures: list[Measure], levels: set[str]) -> Any | None:
    """Monthly counts for crime measures from the Met's tables, at the levels asked for."""
    if not measures:
        return None
    t = store.ibis.table("mps_crime")
    found = store.run(t.select("offence_group", "offence").distinct())
    offences = list(found.itertuples(index=False, name=None))
    rows = []
    for m in measures:
        for group, offence in offences:
            if selects(m, group, offence):
                rows.append((m.id, group, offence))
    if not rows:
        return None
    published = published_levels(store, measures)
    sel = ibis.memtable(pd.DataFrame(rows, columns=["measure_id", "offence_group", "offence"]))
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
    j = base.join(sel, ["offence_group", "offence"])
    summed = j.group_by(["measure_id", "area_code", "month"]).aggregate(
        numerator=j["count"].sum().cast("float64")
    )
    return _zero_filled(store, base, summed, measures, published)


def drop_right_keys(t: Any) -> Any:
    """Drop the right-hand copies of join keys that an Ibis left join keeps."""
    extra = [c for c in t.columns if c.endswith("_right")]
    return t.drop(*extra) if extra else t


def _zero_filled(
    store: Store,
    base: Any,
    summed: Any,
    measures: list[Measure],
    published: set[tuple[str, str]] | None = None,
) -> Any:
    """Facts for every area and month the source published, zero where none were selected.

    An area-month the table covers but with no row for a measure's offences counted none of
    them: zero, not missing. An area-month the source does not cover stays missing, and so does
    a measure at a level whose table does not publish its offences at all (`published`: the
    Met's LSOA table has no sexual offences or fraud; those cells are "not published at this
    level", never 0).
    """
    with_vintage = base.join(_vintages(store), "file_id")
    covered = with_vintage.group_by(["area_code", "level", "month"]).aggregate(
        vintage=with_vintage.vintage.max()
    )
    ids = ibis.memtable(pd.DataFrame({"measure_id": [m.id for m in measures]}))
    grid = covered.cross_join(ids)
    if published is not None:
        pub = ibis.memtable(
            pd.DataFrame(sorted(published), columns=["measure_id", "level"]).astype(str)
        )
        grid = drop_right_keys(grid.join(pub, ["measure_id", "level"]))
    filled = drop_right_keys(grid.left_join(summed, ["measure_id", "area_code", "month"]))
    return filled.select(
        "measure_id",
        "area_code",
        start=filled.month,
        n_months=ibis.literal(1),
        numerator=filled.numerator.fill_null(0.0),
        denominator=ibis.null().cast("float64"),
        vintage=filled.vintage,
    )


def police_uk_facts(store: Store, measures: list[Measure], levels: set[str]) -> Any | None:
    """Monthly counts of police.uk records, counted up from LSOA to ward, local authority
    (London borough), Community Safety Partnership and force (the force that published)."""
    if not measures:
        return None
    rows = []
    t = store.ibis.table("police_uk_crimes")
    types = list(store.run(t.select("crime_type").distinct())["crime_type"])
    for m in measures:
        for ct in types:
            if not m.select.crime_types or ct in m.select.crime_types:
                rows.append((m.id, ct))
    if not rows:
        return None
    sel = ibis.memtable(pd.DataFrame(rows, columns=["measure_id", "crime_type"]))
    force = ibis.cases(
        *[(t.falls_within == name, code) for name, code in POLICE_UK_FORCES.items()],
        else_=t.falls_within,
    )
    level_cols = {
        "force": force,
        "csp": t.csp_code,
        # London's local authorities are the borough level (borough_code), counted once.
        "lad": ibis.ifelse(t.lad_code.startswith("E09"), ibis.null().cast("string"), t.lad_code),
        "borough": t.borough_code,
        "ward": t.ward_code,
        "lsoa": t.lsoa21_code.fill_null(t.lsoa_code),
    }
    # One pass over the records: a count per crime type, month, file and area of every level
    # (LSOA-fine); each level then sums those counts, never the records themselves.
    keys = {f"a_{lv}": level_cols[lv].cast("string") for lv in sorted(levels) if lv in level_cols}
    fine = t.group_by(crime_type=t.crime_type, month=t.month, file_id=t.file_id, **keys).aggregate(
        n=t.count()
    )
    parts = [
        fine.select(
            area_code=fine[key],
            level=ibis.literal(key[2:]).cast("string"),
            crime_type=fine.crime_type,
            month=fine.month,
            file_id=fine.file_id,
            n=fine.n,
        )
        for key in keys
    ]
    base = parts[0]
    for p in parts[1:]:
        base = base.union(p.cast(base.schema()), distinct=False)
    base = base.filter(base.area_code.notnull())
    j = base.join(sel, "crime_type")
    summed = j.group_by(["measure_id", "area_code", "month"]).aggregate(
        numerator=j.n.sum().cast("float64")
    )
    return _zero_filled(store, base, summed, measures)


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


def values_facts(store: Store, measures: list[Measure]) -> Any | None:
    """Figures from the values table, each at the grain it was given (month, quarter, year)."""
    if not measures:
        return None
    from crimeplan.measures.periods import Period

    keys = {m.key: m.id for m in measures}
    v = store.ibis.table("measure_values")
    v = v.filter(v.measure.isin(list(keys))).join(_vintages(store), "file_id")
    cols = ["measure", "area_code", "period", "numerator", "denominator", "vintage"]
    rows = list(store.run(v.select(*cols)).itertuples(index=False, name=None))
    if not rows:
        return None
    out = []
    for key, area, label, num, den, vintage in rows:
        p = Period.parse(label)
        out.append((keys[key], area, p.start, p.n_months, num, den, vintage))
    df = pd.DataFrame(out, columns=FACT_COLUMNS)
    df["start"] = pd.to_datetime(df["start"])
    df["denominator"] = df["denominator"].astype("float64")
    return ibis.memtable(df)


def measure_facts(store: Store, measures: list[Measure], levels: set[str]) -> Any | None:
    """All facts for these measures, one Ibis table (None when no source has any)."""
    by_source: dict[str, list[Measure]] = {}
    for m in measures:
        by_source.setdefault(m.source, []).append(m)
    parts = [
        x
        for x in (
            mps_crime_facts(store, by_source.get("mps-crime", []), levels),
            police_uk_facts(store, by_source.get("police-uk", []), levels),
            values_facts(store, by_source.get("values", [])),
        )
        if x is not None
    ]
    if not parts:
        return None
    cast = [
        p.select(
            measure_id=p.measure_id.cast("string"),
            area_code=p.area_code.cast("string"),
            start=p.start.cast("date"),
            n_months=p.n_months.cast("int32"),
            numerator=p.numerator.cast("float64"),
            denominator=p.denominator.cast("float64"),
            vintage=p.vintage.cast("string"),
        )
        for p in parts
    ]
    out = cast[0]
    for p in cast[1:]:
        out = out.union(p.cast(out.schema()), distinct=False)
    return out
