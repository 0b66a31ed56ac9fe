"""Names people read in place of the identifiers the plan files and the store use.

A public page or report says "Metropolitan Police Service crime data", not `mps-crime`, and
"ethnic group", not `ethnic_group`. An identifier with no label here is shown tidied (dashes
and underscores as spaces) rather than raw.
"""

from __future__ import annotations

SOURCE_LABELS = {
    "mps-crime": "Metropolitan Police Service crime data (borough and ward tables)",
    "police-uk": "police.uk street-level crime data",
    "values": "figures supplied to the commissioner's office",
    "survey": "Public Attitude Survey",
    "unavailable": "no data source yet",
}

BREAKDOWN_LABELS = {
    "force": "London as a whole",
    "borough": "borough",
    "ward": "ward",
    "lsoa": "neighbourhood (LSOA)",
    "ethnic_group": "ethnic group",
    "age_band": "age group",
    "sex": "sex",
}

UNIT_LABELS = {
    "count": "number of crimes",
    "rate_per_1000": "rate per 1,000 residents",
    "percentage": "percentage of people",
}


def tidy(identifier: str) -> str:
    return identifier.replace("_", " ").replace("-", " ")


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, tidy(source))


def breakdown_label(breakdown: str) -> str:
    return BREAKDOWN_LABELS.get(breakdown, tidy(breakdown))


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, tidy(unit))
