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


def offence_group_plan(store: Store) -> Plan:
    groups = [
        g
        for (g,) in store.con.execute(
            "SELECT DISTINCT offence_group FROM mps_crime ORDER BY 1"
        ).fetchall()
    ]
    measures = []
    for g in groups:
        sel = Selection(offence_groups=[g])
        title = g.capitalize()
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
