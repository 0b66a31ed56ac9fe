"""Aggregated counts of ingested records: the building block of every crime measure.

`counts(store, by=[...], source=...)` groups the records of one source by any of its
dimensions. police.uk records group by force, borough, ward, lsoa, month, quarter,
financial-year, crime-type and outcome; the Met's tables by borough, ward, lsoa, month, quarter,
financial-year, offence-group and offence, each geography from its own published table (no
geography: the borough table, London-wide).
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from crimeplan.errors import CrimeplanError

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


def _fy(month: Any) -> Any:
    year = month.year()
    return ibis.ifelse(month.month() >= 4, year, year - 1)


def fy_label(month: Any) -> Any:
    fy = _fy(month)
    nxt = ((fy + 1) % 100).cast("string").lpad(2, "0")
    return fy.cast("string") + "-" + nxt


def quarter_label(month: Any) -> Any:
    q = ((month.month() + 8) % 12) // 3 + 1
    return fy_label(month) + "-Q" + q.cast("string")


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
    cols.update(
        {
            "month": t.month.strftime("%Y-%m"),
            "quarter": quarter_label(t.month),
            "financial-year": fy_label(t.month),
        }
    )
    if start:
        t = t.filter(t.month >= ibis.date(f"{start}-01"))
    if end:
        t = t.filter(t.month <= ibis.date(f"{end}-01"))
    names_out = [d.replace("-", "_") for d in by]
    grouped = t.group_by([cols[d].name(n) for d, n in zip(by, names_out, strict=True)])
    agg = grouped.aggregate(count=t.count() if value is None else value.sum())
    df = store.run(agg.order_by(names_out))
    df["count"] = df["count"].astype("int64")
    return df
