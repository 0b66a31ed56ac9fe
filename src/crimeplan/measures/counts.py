"""Aggregated counts of ingested records: the building block of every crime measure.

`counts(store, by=[...], source=...)` groups the records of one source by any of its
dimensions. police.uk records group by force, borough, ward, lsoa, month, quarter,
financial-year, crime-type and outcome; the Met's tables by borough, ward, lsoa, month, quarter,
financial-year, offence-group and offence, each geography from its own published table (no
geography: the borough table, London-wide).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ibis
import pandas as pd

from crimeplan.errors import CrimeplanError
from crimeplan.periods import Period, fy_label, fy_start_year, span_label

POLICE_UK_DIMS = (
    "force",
    "csp",
    "lad",
    "borough",
    "ward",
    "lsoa",
    "month",
    "quarter",
    "financial-year",
    "crime-type",
    "outcome",
)
MPS_DIMS = (
    "borough",
    "ward",
    "lsoa",
    "month",
    "quarter",
    "financial-year",
    "offence-group",
    "offence",
)


TIME_DIMS = ("month", "quarter", "financial-year")


def period_columns(months: pd.Series) -> pd.DataFrame:  # type: ignore[type-arg]
    """Month, quarter and financial-year labels for each month (`crimeplan.periods`, the one
    implementation of the financial year). A quarter or year the data covers only in part says
    so: `2025-26 (6 of 12 months: April to September 2025)`, never just `2025-26`."""
    periods = {d: Period.month(d) for d in sorted(set(months))}
    quarters = {d: Period.quarter(fy_start_year(d), (d.month - 4) % 12 // 3 + 1) for d in periods}
    years = {d: Period.financial_year(fy_start_year(d)) for d in periods}

    def labelled(of: dict[Any, Period]) -> dict[Any, str]:
        held: dict[Period, list[Any]] = {}
        for d, p in of.items():
            held.setdefault(p, []).append(d)
        out = {}
        for d, p in of.items():
            label = fy_label(p.start.year) if p.kind == "fy" else p.label
            n = len(held[p])
            if n < p.n_months:
                first, last = min(held[p]), max(held[p])
                label += f" ({n} of {p.n_months} months: {span_label(first, last)})"
            out[d] = label
        return out

    q, fy = labelled(quarters), labelled(years)
    return pd.DataFrame(
        {
            "month": [periods[d].label for d in months],
            "quarter": [q[d] for d in months],
            "financial_year": [fy[d] for d in months],
        },
        index=months.index,
    )


def counts(
    store: Any,
    by: list[str],
    source: str = "police-uk",
    *,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Counts of records grouped by `by` (in that column order), sorted, with a `count` column."""
    dims = POLICE_UK_DIMS if source == "police-uk" else MPS_DIMS
    if source not in ("police-uk", "mps-crime"):
        raise CrimeplanError(f"unknown source {source!r}; use police-uk or mps-crime")
    unknown = [d for d in by if d not in dims]
    if unknown or not by:
        raise CrimeplanError(
            f"cannot count {source} records by {', '.join(unknown) or 'nothing'}; "
            f"--by takes any of: {', '.join(dims)}"
        )
    areas = store.ibis.table("areas")
    names = areas.select(code="code", area_name="name")
    if source == "police-uk":
        t = store.ibis.table("police_uk_crimes")
        t = t.left_join(names, t.borough_code == names.code).drop("code")
        cols = {
            "force": t.falls_within,
            "csp": t.csp_code,
            "lad": t.lad_code,
            "borough": t.area_name,
            "ward": t.ward_code,
            "lsoa": t.lsoa_code,
            "crime-type": t.crime_type,
            "outcome": t.last_outcome,
        }
        value = None
    else:
        t = store.ibis.table("mps_crime")
        level = next((d for d in ("lsoa", "ward", "borough") if d in by), "borough")
        t = t.filter(t.level == level)
        t = t.left_join(names, t.borough_code == names.code).drop("code")
        cols = {
            "borough": t.area_name,
            "ward": t.area_code,
            "lsoa": t.area_code,
            "offence-group": t.offence_group,
            "offence": t.offence,
        }
        value = t["count"]
    if start:
        t = t.filter(t.month >= ibis.date(f"{start}-01"))
    if end:
        t = t.filter(t.month <= ibis.date(f"{end}-01"))
    names_out = [d.replace("-", "_") for d in by]
    keys = [cols[d].name(d.replace("-", "_")) for d in by if d not in TIME_DIMS]
    timed = any(d in TIME_DIMS for d in by)
    if timed:
        keys.append(t.month.name("_month"))
    agg = t.group_by(keys).aggregate(count=t.count() if value is None else value.sum())
    df = store.run(agg)
    if timed:
        months = pd.Series([date(m.year, m.month, 1) for m in df["_month"]], index=df.index)
        labels = period_columns(months)
        for d in by:
            if d in TIME_DIMS:
                df[d.replace("-", "_")] = labels[d.replace("-", "_")]
        df = df.groupby(names_out, as_index=False, dropna=False)["count"].sum()
    df = df[[*names_out, "count"]].sort_values(names_out, ignore_index=True)
    df["count"] = df["count"].astype("int64")
    return df
