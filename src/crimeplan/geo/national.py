"""England and Wales: every 2021 LSOA with its ward, local authority, Community Safety
Partnership (CSP) and Police Force Area (PFA), its Census 2021 population, and the 2011 -> 2021
LSOA best-fit lookup for older police.uk files.

Shipped gzip-compressed in `crimeplan/data/geo/` (built by scripts/build_national_geo.py from
the ONS lookups; see ATTRIBUTION.md and docs/methods/national.md). Levels added to the London
geography: `force` (the 43 PFAs), `csp`, `lad` (local authorities outside London; London's are
the `borough` level), and the wards and LSOAs outside London.
"""

from __future__ import annotations

import csv
import gzip
from functools import cache
from typing import Any

NATIONAL_LSOA = "national-lsoa.csv.gz"
NATIONAL_LSOA11 = "national-lsoa11.csv.gz"
# police.uk files begin to use 2021 LSOA codes during 2023; a code that is both a 2011 and a
# 2021 code is read as a 2011 code in months before this one.
LSOA21_FROM = "2023-01"

# Each PFA as police.uk's "Falls within" names its force (and its files: the slug).
FORCE_NAMES = {
    "E23000001": "Metropolitan Police Service",
    "E23000002": "Cumbria Constabulary",
    "E23000003": "Lancashire Constabulary",
    "E23000004": "Merseyside Police",
    "E23000005": "Greater Manchester Police",
    "E23000006": "Cheshire Constabulary",
    "E23000007": "Northumbria Police",
    "E23000008": "Durham Constabulary",
    "E23000009": "North Yorkshire Police",
    "E23000010": "West Yorkshire Police",
    "E23000011": "South Yorkshire Police",
    "E23000012": "Humberside Police",
    "E23000013": "Cleveland Police",
    "E23000014": "West Midlands Police",
    "E23000015": "Staffordshire Police",
    "E23000016": "West Mercia Police",
    "E23000017": "Warwickshire Police",
    "E23000018": "Derbyshire Constabulary",
    "E23000019": "Nottinghamshire Police",
    "E23000020": "Lincolnshire Police",
    "E23000021": "Leicestershire Police",
    "E23000022": "Northamptonshire Police",
    "E23000023": "Cambridgeshire Constabulary",
    "E23000024": "Norfolk Constabulary",
    "E23000025": "Suffolk Constabulary",
    "E23000026": "Bedfordshire Police",
    "E23000027": "Hertfordshire Constabulary",
    "E23000028": "Essex Police",
    "E23000029": "Thames Valley Police",
    "E23000030": "Hampshire Constabulary",
    "E23000031": "Surrey Police",
    "E23000032": "Kent Police",
    "E23000033": "Sussex Police",
    "E23000034": "City of London Police",
    "E23000035": "Devon & Cornwall Police",
    "E23000036": "Avon and Somerset Constabulary",
    "E23000037": "Gloucestershire Constabulary",
    "E23000038": "Wiltshire Police",
    "E23000039": "Dorset Police",
    "W15000001": "North Wales Police",
    "W15000002": "Gwent Police",
    "W15000003": "South Wales Police",
    "W15000004": "Dyfed-Powys Police",
}
FORCE_CODES = {name: code for code, name in FORCE_NAMES.items()}


def force_slug(name: str) -> str:
    """The force's part of a police.uk file name ('Devon & Cornwall Police' ->
    'devon-and-cornwall')."""
    import re

    short = re.sub(r"\s+(Police Service|Police|Constabulary)$", "", name.replace("&", "and"))
    return re.sub(r"[^a-z0-9]+", "-", short.lower()).strip("-")


@cache
def lsoa_rows() -> tuple[dict[str, str], ...]:
    """Every 2021 LSOA in England and Wales with its areas and population."""
    from crimeplan.geo.areas import data_dir

    with gzip.open(data_dir() / "geo" / NATIONAL_LSOA, "rt", encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def national_areas(known: set[str]) -> tuple[list[Any], dict[str, int]]:
    """Areas (and populations) of England and Wales that the London geography lacks."""
    from crimeplan.geo.areas import Area

    areas: dict[str, Any] = {}
    pop: dict[str, int] = {}
    for r in lsoa_rows():
        n = int(r["population"])
        lad_level = "borough" if r["lad_code"].startswith("E09") else "lad"
        for code, name, level, parent in (
            (r["force_code"], FORCE_NAMES[r["force_code"]], "force", None),
            (r["csp_code"], r["csp_name"], "csp", r["force_code"]),
            (r["lad_code"], r["lad_name"], lad_level, r["force_code"]),
            (r["ward_code"], r["ward_name"], "ward", r["lad_code"]),
            (r["lsoa_code"], r["lsoa_name"], "lsoa", r["ward_code"]),
        ):
            if code not in known and code not in areas:
                areas[code] = Area(code, name, level, parent)
            pop[code] = pop.get(code, 0) + n
    return list(areas.values()), pop
