"""Every offence group in the Met's tables as a measure: counts and rates per 1,000 residents.

A plan built from the data itself, so that a reader sees all of recorded crime, not only what a
plan file names.
"""

from __future__ import annotations

import re

from crimeplan.plan.model import Measure, Outcome, Plan, Priority, Selection
from crimeplan.store import Store


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Initialisms in the Met's offence names, kept in capitals when a name is put in sentence case
# ("NFIB FRAUD" is "NFIB fraud": fraud recorded by the National Fraud Intelligence Bureau).
INITIALISMS = frozenset({"NFIB", "ASB", "HMRC", "CPS", "UK"})


def group_title(group: str) -> str:
    """A Met offence group, as published in capitals, in sentence case with initialisms kept."""
    out = [w.upper() if w.upper() in INITIALISMS else w.lower() for w in group.split()]
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def offence_group_plan(store: Store) -> Plan:
    t = store.ibis.table("mps_crime")
    groups = sorted(store.run(t.select("offence_group").distinct())["offence_group"])
    measures = []
    for g in groups:
        sel = Selection(offence_groups=[g])
        title = group_title(g)
        measures.append(
            Measure(
                id=_slug(g),
                title=title,
                source="mps-crime",
                unit="count",
                select=sel,
                method=f"Offences in the group '{g}'.",
            )
        )
        measures.append(
            Measure(
                id=_slug(g) + "-rate",
                title=f"{title} per 1,000 residents",
                source="mps-crime",
                unit="rate_per_1000",
                select=sel,
                method=f"Offences in the group '{g}' per 1,000 residents (Census 2021).",
            )
        )
    measures.append(
        Measure(
            id="all-offences",
            title="All offence groups",
            source="mps-crime",
            unit="count",
            method="Every offence in every group.",
        )
    )
    measures.append(
        Measure(
            id="all-offences-rate",
            title="All offence groups per 1,000 residents",
            source="mps-crime",
            unit="rate_per_1000",
            method="Every offence per 1,000 residents (Census 2021).",
        )
    )
    return Plan(
        id="offence-groups",
        title="Recorded crime by offence group",
        priorities=[
            Priority(
                id="recorded-crime",
                title="Recorded crime",
                outcomes=[Outcome(id="all", title="All", measures=measures)],
            )
        ],
    )


def police_uk_plan(store: Store) -> Plan:
    """Every police.uk crime type in the store as a measure (count and rate per 1,000
    residents), and all records: the national measure set for any force, partnership, local
    authority, ward or LSOA."""
    t = store.ibis.table("police_uk_crimes")
    types = sorted(store.run(t.select("crime_type").distinct())["crime_type"])
    measures = []
    for ct in [*types, None]:
        sel = Selection(crime_types=[ct] if ct else [])
        title = ct or "All police.uk records"
        slug = _slug(ct) if ct else "all-records"
        what = f"police.uk records of '{ct}'" if ct else "All police.uk records (crime and ASB)"
        measures.append(
            Measure(id=slug, title=title, source="police-uk", unit="count", select=sel, method=what)
        )
        measures.append(
            Measure(
                id=slug + "-rate",
                title=f"{title} per 1,000 residents",
                source="police-uk",
                unit="rate_per_1000",
                select=sel,
                method=f"{what} per 1,000 residents (Census 2021).",
            )
        )
    return Plan(
        id="police-uk",
        title="police.uk street-level records by crime type",
        priorities=[
            Priority(
                id="police-uk",
                title="police.uk records",
                outcomes=[Outcome(id="all", title="All", measures=measures)],
            )
        ],
    )
