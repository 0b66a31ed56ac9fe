"""Why the sources and levels do not add up, shown side by side and never rescaled.

For one month, per offence group: the Met's borough, ward and LSOA table totals (each as
published), police.uk's Met records where a crime type maps to one offence group, and the
differences. The notes give the known reasons found in the data itself.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crimeplan.measures.periods import Period
from crimeplan.store import Store

# police.uk crime types that correspond to one Met offence group.
POLICE_UK_GROUPS = {
    "Burglary": "BURGLARY",
    "Robbery": "ROBBERY",
    "Drugs": "DRUG OFFENCES",
    "Possession of weapons": "POSSESSION OF WEAPONS",
    "Criminal damage and arson": "ARSON AND CRIMINAL DAMAGE",
    "Public order": "PUBLIC ORDER OFFENCES",
}


def reconcile(store: Store, month: str) -> tuple[pd.DataFrame, list[str]]:
    """(table, notes) for one month."""
    p = Period.parse(month)
    if p.kind != "month":
        from crimeplan.errors import CrimeplanError

        raise CrimeplanError(f"--month takes one month (YYYY-MM), not {month!r}")
    day = p.start
    t = store.ibis.table("mps_crime")
    t = t.filter(t.month == day)

    def total(cond: Any) -> Any:
        return t["count"].sum(where=cond)

    borough = t.level == "borough"
    levels = store.run(
        t.group_by("offence_group")
        .aggregate(
            borough_table=total(borough),
            ward_table=total(t.level == "ward"),
            lsoa_table=total(t.level == "lsoa"),
            borough_unknown_location=total(borough & (t.area_code == "MPS-UNKNOWN")),
            borough_airports=total(borough & (t.area_code == "MPS-AVIATION")),
        )
        .order_by("offence_group")
    )
    c = store.ibis.table("police_uk_crimes")
    c = c.filter((c.month == day) & (c.falls_within == "Metropolitan Police Service"))
    pu = list(
        store.run(c.group_by("crime_type").aggregate(n=c.count())).itertuples(
            index=False, name=None
        )
    )
    pu_by_group = {POLICE_UK_GROUPS[t]: n for t, n in pu if t in POLICE_UK_GROUPS}
    if levels.empty and not pu:
        from crimeplan.errors import NoDataError

        raise NoDataError(f"no data for {p.label} in any source")
    levels["police_uk"] = levels["offence_group"].map(pu_by_group).astype("Int64")
    for c in (
        "borough_table",
        "ward_table",
        "lsoa_table",
        "borough_unknown_location",
        "borough_airports",
    ):
        levels[c] = levels[c].astype("Int64")
    levels["ward_minus_borough"] = levels["ward_table"] - levels["borough_table"]
    levels["lsoa_minus_borough"] = levels["lsoa_table"] - levels["borough_table"]
    levels["police_uk_minus_borough"] = levels["police_uk"] - levels["borough_table"]
    total = levels.drop(columns=["offence_group"]).sum(numeric_only=True, min_count=1)
    # Differences in the TOTAL row are between totals over the groups each source has.
    both = levels["police_uk"].notna()
    total["police_uk_minus_borough"] = (
        levels.loc[both, "police_uk"].sum() - levels.loc[both, "borough_table"].sum()
        if both.any()
        else pd.NA
    )
    levels.loc[len(levels)] = {"offence_group": "TOTAL", **total.to_dict()}

    notes = []
    for level in ("ward_table", "lsoa_table"):
        missing = levels.loc[
            levels[level].isna() & (levels.offence_group != "TOTAL"), "offence_group"
        ]
        if len(missing) and levels[level].notna().any():
            notes.append(
                f"{level.replace('_', ' ')}: no figures published for "
                + ", ".join(missing)
                + " (suppressed at this level)"
            )
    unknown = int(
        levels.loc[levels.offence_group == "TOTAL", "borough_unknown_location"].fillna(0).iloc[0]
    )
    if unknown:
        notes.append(
            f"{unknown:,} offences in the borough table have no known location "
            "('Unknown'); finer tables cannot place them"
        )
    if pu_by_group:
        notes.append(
            "police.uk counts crimes by the month and place they are published for, "
            "after location anonymisation and with some records withheld; it is a "
            "separate publication and is not expected to equal the Met's tables"
        )
    notes.append("No level is rescaled to match another: each figure is as published.")
    return levels, notes
