"""Areas with their ONS codes and the lookups between them: LSOA -> ward -> borough -> force.

Shipped in `crimeplan/data/geo/` (built by scripts/build_extracts.py from ONS files): every
London borough (E09), 2025 electoral ward (E05, which includes every 2022 ward code the Met
publishes), 2021 LSOA (E01, with its best-fit ward), the Metropolitan Police force area
(E23000001, London-wide context: the 32 boroughs it polices) and City of London Police
(E23000034). Two pseudo-boroughs hold the Met's counts that have no borough: Heathrow and
London City airports (`MPS-AVIATION`) and unknown locations (`MPS-UNKNOWN`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from crimeplan.errors import NotFoundError

FORCE_CODE = "E23000001"
CITY_FORCE_CODE = "E23000034"
CITY_BOROUGH_CODE = "E09000001"
AVIATION_CODE = "MPS-AVIATION"
UNKNOWN_CODE = "MPS-UNKNOWN"
# Names resolve in this order: "Croydon" is the borough before the partnership of that name.
LEVELS = ("force", "borough", "lad", "ward", "lsoa", "csp")

# Where a rate per resident misleads: many victims and offenders do not live there.
RATE_CAVEATS = {
    "E09000033": "Westminster's resident population is small against the millions who work in "
    "and visit the West End; a rate per resident overstates the risk to any one person.",
    CITY_BOROUGH_CODE: "The City of London has about 8,600 residents and over half a million "
    "daily workers; a rate per resident is not meaningful.",
    AVIATION_CODE: "Heathrow and London City airports have no resident population; no rate.",
    UNKNOWN_CODE: "Offences with no known location have no population; no rate.",
}

# The Met's borough tables name these pseudo-boroughs in these ways.
MPS_BOROUGH_ALIASES = {
    "london heathrow and london city airports": AVIATION_CODE,
    "aviation security (so18)": AVIATION_CODE,
    "unknown": UNKNOWN_CODE,
}


def data_dir() -> Path:
    return Path(str(resources.files("crimeplan") / "data"))


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: str
    parent_code: str | None


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


class Geography:
    """The shipped areas, looked up by ONS code or by name (case and punctuation ignored)."""

    def __init__(self, areas: list[Area], population: dict[str, int]) -> None:
        self.areas = {a.code: a for a in areas}
        self.population = population
        self._by_name: dict[tuple[str, str], Area] = {}
        for a in areas:
            self._by_name.setdefault((a.level, _norm(a.name)), a)
        # A force by its short name ('West Yorkshire'), tried after every other level, so that
        # 'City of London' stays the borough.
        for a in areas:
            if a.level == "force":
                short = re.sub(r" (police service|police|constabulary)$", "", _norm(a.name))
                self._by_name.setdefault(("force-short", short), a)
        self.force_code = FORCE_CODE

    @classmethod
    @cache
    def load(cls) -> Geography:
        areas: list[Area] = []
        with (data_dir() / "geo" / "areas.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                areas.append(
                    Area(row["code"], row["name"], row["level"], row["parent_code"] or None)
                )
        pop: dict[str, int] = {}
        with (data_dir() / "geo" / "population.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                pop[row["code"]] = int(row["population"])
        # England and Wales beyond London (geo/national.py); London's own figures stay first.
        from crimeplan.geo.national import national_areas

        more, more_pop = national_areas({a.code for a in areas})
        areas.extend(more)
        for code, n in more_pop.items():
            pop.setdefault(code, n)
        return cls(areas, pop)

    def area(self, code: str) -> Area:
        try:
            return self.areas[code]
        except KeyError:
            raise NotFoundError(f"no area with code {code!r}") from None

    def resolve(self, name_or_code: str, level: str | None = None) -> Area:
        """An area from its ONS code or name; 'London' means the Met's force area."""
        text = name_or_code.strip()
        if text.upper() in self.areas:
            return self.areas[text.upper()]
        key = _norm(text)
        if key in ("london", "metropolitan police", "mps", "metropolitan police service"):
            return self.areas[FORCE_CODE]
        if key in MPS_BOROUGH_ALIASES:
            return self.areas[MPS_BOROUGH_ALIASES[key]]
        for lvl in (
            (level, "force-short")
            if level == "force"
            else (level,)
            if level
            else (
                *LEVELS,
                "force-short",
            )
        ):
            if (lvl, key) in self._by_name:
                return self._by_name[(lvl, key)]
        close = sorted(
            a.name for (lvl, n), a in self._by_name.items() if lvl == "borough" and key[:4] in n
        )
        hint = f" Did you mean: {', '.join(close[:5])}?" if close else ""
        raise NotFoundError(
            f"no area called {name_or_code!r}; give a borough or ward name or an ONS code "
            f"(E09..., E05..., E01...).{hint}"
        )

    def borough_code(self, name: str) -> str | None:
        """The E09 code (or pseudo-borough code) for a borough name as the Met writes it."""
        key = _norm(name)
        if key in MPS_BOROUGH_ALIASES:
            return MPS_BOROUGH_ALIASES[key]
        area = self._by_name.get(("borough", key))
        return area.code if area else None

    def children(self, code: str, level: str | None = None) -> list[Area]:
        return sorted(
            (
                a
                for a in self.areas.values()
                if a.parent_code == code and (level is None or a.level == level)
            ),
            key=lambda a: a.name,
        )

    def boroughs(self, *, include_pseudo: bool = False) -> list[Area]:
        return sorted(
            (
                a
                for a in self.areas.values()
                if a.level == "borough" and (include_pseudo or a.code.startswith("E09"))
            ),
            key=lambda a: a.name,
        )

    def wards(self, borough_code: str | None = None) -> list[Area]:
        """The wards of one local authority, or (with none given) of London."""
        return sorted(
            (
                a
                for a in self.areas.values()
                if a.level == "ward"
                and (
                    a.parent_code == borough_code
                    if borough_code
                    else (a.parent_code or "").startswith("E09")
                )
            ),
            key=lambda a: a.name,
        )

    def of_level(self, level: str, within: str | None = None) -> list[Area]:
        """Every area of a level (force, csp, borough, lad, ward, lsoa), optionally those whose
        parent is `within` (the CSPs and local authorities of a force, say)."""
        return sorted(
            (
                a
                for a in self.areas.values()
                if a.level == level and (within is None or a.parent_code == within)
            ),
            key=lambda a: a.name,
        )

    def borough_of(self, code: str) -> str | None:
        """The borough an area lies in (itself for a borough), following the lookups."""
        area = self.areas.get(code)
        while area is not None and area.level not in ("borough", "force"):
            area = self.areas.get(area.parent_code or "")
        return area.code if area is not None and area.level == "borough" else None

    def borough_from_lsoa_name(self, lsoa_name: str) -> str | None:
        """police.uk names each LSOA after its local authority ('Havering 012A')."""
        m = re.match(r"^(.*\S)\s+\d{3}[A-Z]$", lsoa_name.strip())
        return self.borough_code(m.group(1)) if m else None
