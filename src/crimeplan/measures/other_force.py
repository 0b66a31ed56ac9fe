"""Recorded crime of a force other than the Met for an area it polices: the City of London
Police's crimes, by police.uk crime type, from its street-level files (issue 13).

The Met's tables hold few or no crimes in the City of London, so its dashboard page would show
only "no data". The City of London Police publishes street-level crime on data.police.uk; when
its files are loaded (`crimeplan ingest police-uk`), this module counts them for the periods
the page shows: the period, the same period a year before, the financial year to date and the
same year to date a year before.

These are not the Met's figures and do not compare one-to-one with them: police.uk uses its
own 14 crime types (plus anti-social behaviour, which is not recorded crime), not the Home
Office offence groups of the Met's tables; a crime is placed at an anonymised map point (so
some of the City force's crimes fall in LSOAs of neighbouring boroughs) and crimes with no
location are left out; and a month is published once, not revised as the Met's tables are
(data.police.uk/about). A month police.uk has not published is a gap, never a 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from crimeplan.geo.areas import CITY_BOROUGH_CODE
from crimeplan.periods import Period, month_label, period_label
from crimeplan.store import Store

#: The force that polices an area instead of the Met, as police.uk names it ("Falls within").
POLICED_BY = {CITY_BOROUGH_CODE: "City of London Police"}
ASB = "Anti-social behaviour"
ALL_CRIME = "All crime (excluding anti-social behaviour)"

NOT_COMPARABLE = (
    "These are the {force}'s figures from police.uk street-level data, not the Metropolitan "
    "Police's tables, and do not compare one-to-one with them: police.uk groups crimes into its "
    "own 14 crime types (not the Home Office offence groups the Met publishes), places each at "
    "an anonymised map point and leaves out crimes with no location, counts anti-social "
    "behaviour (which is not recorded crime) separately, and publishes each month once, without "
    "the later revisions the Met's tables carry."
)
HOW_TO_LOAD = (
    "The {force}'s figures are not loaded. Download its street-level crime files (one CSV a "
    "month, '*-city-of-london-street.csv') from data.police.uk/data and load them with "
    "`crimeplan ingest police-uk FOLDER`; this page then shows them by crime type."
)


@dataclass(frozen=True)
class ShownPeriod:
    """A period the figures cover, with the months police.uk has published for it."""

    key: str  # period | last_year | ytd | ytd_last_year
    period: Period
    heading: str  # "July to September 2025 (2025-26-Q2)"
    months_held: int
    missing: list[str]  # months not in the loaded files, e.g. ["2025-01", "2025-02"]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class CrimeTypeCount:
    crime_type: str
    counts: dict[str, int | None]  # ShownPeriod.key -> count; None: no month held


@dataclass(frozen=True)
class OtherForceFigures:
    """An area's recorded crime from the force that polices it, when that is not the Met."""

    area_code: str
    force: str
    loaded: bool  # any of the force's street files are in the store
    periods: list[ShownPeriod]
    rows: list[CrimeTypeCount]  # crime types A-Z, then anti-social behaviour, then all crime
    outside_area: dict[str, int]  # ShownPeriod.key -> crimes placed in another borough's LSOAs
    months_loaded: tuple[str, str] | None  # first and last month of the force's files
    vintage: str | None
    note: str  # why the figures are not the Met's and do not compare one-to-one
    how_to_load: str | None  # only when not loaded

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON (the API's `OtherForceOut` and `crimeplan area-police`)."""
        return {
            "force": self.force,
            "source": "police.uk street-level crime",
            "loaded": self.loaded,
            "note": self.note,
            "how_to_load": self.how_to_load,
            "months_loaded": list(self.months_loaded) if self.months_loaded else None,
            "periods": [
                {
                    "key": s.key,
                    "period": s.period.label,
                    "heading": s.heading,
                    "months_held": s.months_held,
                    "missing": s.missing,
                }
                for s in self.periods
            ],
            "rows": [{"crime_type": r.crime_type, "counts": r.counts} for r in self.rows],
            "outside_area": self.outside_area,
        }

    def count(self, crime_type: str, key: str) -> int | None:
        row = next((r for r in self.rows if r.crime_type == crime_type), None)
        return None if row is None else row.counts.get(key)


def policed_by(area_code: str) -> str | None:
    """The force that polices an area instead of the Met (police.uk's name), or None."""
    return POLICED_BY.get(area_code)


def force_of(area_code: str, parent_code: str | None) -> str:
    """Who polices an area (a ward takes its borough's force): police.uk's name."""
    return policed_by(area_code) or policed_by(parent_code or "") or "Metropolitan Police Service"


def shown_periods(period: Period) -> list[Period]:
    """The period, the same period a year before, and the two financial years to date."""
    ytd = period.ytd()
    return [period, period.same_last_year(), ytd, ytd.same_last_year()]


def other_force_figures(store: Store, area_code: str, period: Period) -> OtherForceFigures | None:
    """The City of London Police's crimes by crime type for the periods the page shows, counted
    from the police.uk rows it reported ("Falls within"); None for an area the Met polices."""
    force = policed_by(area_code)
    if force is None:
        return None
    keys = ("period", "last_year", "ytd", "ytd_last_year")
    periods = dict(zip(keys, shown_periods(period), strict=True))
    held = _months_held(store, force)
    shown = [
        ShownPeriod(
            key,
            p,
            f"{period_label(p)} ({p.label})",
            sum(1 for m in p.months() if m in held),
            [month_label(m) for m in p.months() if m not in held],
        )
        for key, p in periods.items()
    ]
    if not held:
        return OtherForceFigures(
            area_code, force, False, shown, [], {}, None, None,
            NOT_COMPARABLE.format(force=force), HOW_TO_LOAD.format(force=force),
        )  # fmt: skip
    first = min(min(p.months()) for p in periods.values())
    last = max(max(p.months()) for p in periods.values())
    t = store.ibis.table("police_uk_crimes")
    picked = t.filter((t.falls_within == force) & (t.month >= first) & (t.month <= last)).mutate(
        elsewhere=t.borough_code.isnull() | (t.borough_code != area_code)
    )
    counted = store.run(
        picked.group_by("crime_type", "month").aggregate(
            n=picked.count(), elsewhere=picked.elsewhere.sum()
        )
    )
    rows = [
        (c, m.date() if hasattr(m, "date") else m, int(n), int(e or 0))
        for c, m, n, e in counted[["crime_type", "month", "n", "elsewhere"]].itertuples(
            index=False, name=None
        )
    ]
    by_type: dict[str, dict[str, int | None]] = {}
    outside = dict.fromkeys(keys, 0)
    for crime_type, month, n, elsewhere in rows:
        for s in shown:
            if month in s.period.months():
                counts = by_type.setdefault(crime_type, {})
                counts[s.key] = (counts.get(s.key) or 0) + n
                outside[s.key] += elsewhere
    return OtherForceFigures(
        area_code=area_code,
        force=force,
        loaded=True,
        periods=shown,
        rows=_rows(by_type, shown),
        outside_area={s.key: outside[s.key] for s in shown if s.months_held},
        months_loaded=(month_label(min(held)), month_label(max(held))),
        vintage=month_label(max(held)),
        note=NOT_COMPARABLE.format(force=force),
        how_to_load=None,
    )


def _months_held(store: Store, force: str) -> set[date]:
    t = store.ibis.table("police_uk_crimes")
    months = store.run(t.filter(t.falls_within == force).select("month").distinct())["month"]
    return {m.date() if hasattr(m, "date") else m for m in months}


def _rows(
    by_type: dict[str, dict[str, int | None]], shown: list[ShownPeriod]
) -> list[CrimeTypeCount]:
    """One row per crime type (0 where the force published the months and counted none; None
    where no month of the period is held), anti-social behaviour after them, then all crime."""

    def filled(counts: dict[str, int | None]) -> dict[str, int | None]:
        return {s.key: (counts.get(s.key) or 0) if s.months_held else None for s in shown}

    crimes = sorted(t for t in by_type if t != ASB)
    out = [CrimeTypeCount(t, filled(by_type[t])) for t in crimes]
    out.append(CrimeTypeCount(ASB, filled(by_type.get(ASB, {}))))
    total = {s.key: sum(by_type[t].get(s.key) or 0 for t in crimes) for s in shown}
    out.append(CrimeTypeCount(ALL_CRIME, filled(total)))  # type: ignore[arg-type]
    return out
