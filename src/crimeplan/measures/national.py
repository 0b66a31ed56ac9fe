"""Measures for every force, Community Safety Partnership and local authority of England and
Wales, and a force beside its most similar forces.

Most similar forces: a user may give the groups as a CSV (`force,similar`, one row per pair,
names or PFA codes; HMICFRS publishes its "most similar groups" so). Without one, the default
group is documented and reproducible: the seven forces nearest to the force in three Census 2021
figures from the shipped geography, each standardised across the 43 forces -
- size: log10 of usual residents;
- metropolitan share: share of residents in London boroughs and metropolitan districts (E09,
  E08);
- shire share: share of residents in shire districts (E07).
This is a proxy for, not a copy of, HMICFRS's groups (which use socio-economic measures that
are not shipped); the group and its definition are printed with every comparison.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import pandas as pd

from crimeplan.errors import CrimeplanError
from crimeplan.geo import Geography
from crimeplan.geo.national import FORCE_NAMES, lsoa_rows
from crimeplan.measures.engine import rate_frame, results_from_frame
from crimeplan.measures.periods import Period
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.service import resolve_period
from crimeplan.plan.model import Plan

GROUP_SIZE = 7
DEFAULT_GROUP_DEFINITION = (
    "the 7 forces nearest in Census 2021 size (log residents), share of residents in London "
    "boroughs and metropolitan districts, and share in shire districts (standardised, "
    "Euclidean distance)"
)
LEVELS = ("force", "csp", "lad", "borough")


def force_profiles() -> pd.DataFrame:
    """Per force: residents, metropolitan share and shire share (Census 2021)."""
    rows: dict[str, list[float]] = {}
    for r in lsoa_rows():
        n = float(r["population"])
        acc = rows.setdefault(r["force_code"], [0.0, 0.0, 0.0])
        acc[0] += n
        if r["lad_code"][:3] in ("E08", "E09"):
            acc[1] += n
        elif r["lad_code"].startswith("E07"):
            acc[2] += n
    df = pd.DataFrame.from_dict(rows, orient="index", columns=["population", "metro", "shire"])
    df["metro"] /= df["population"]
    df["shire"] /= df["population"]
    df["size"] = df["population"].map(math.log10)
    return df.sort_index()


def default_similar(force_code: str, n: int = GROUP_SIZE) -> list[str]:
    """The n forces nearest to this one by the documented default definition."""
    p = force_profiles()[["size", "metro", "shire"]]
    z = (p - p.mean()) / p.std(ddof=0)
    d = ((z - z.loc[force_code]) ** 2).sum(axis=1) ** 0.5
    return [c for c in d.drop(force_code).sort_values(kind="stable").index[:n]]


def read_groups(path: str | Path) -> dict[str, list[str]]:
    """A user's groups: CSV `force,similar`, one row per pair, names or PFA codes."""
    geo = Geography.load()

    def code(text: str) -> str:
        return geo.resolve(text, "force").code

    groups: dict[str, list[str]] = {}
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or {"force", "similar"} - set(reader.fieldnames):
            raise CrimeplanError(f"{path}: the header must be force,similar")
        for row in reader:
            groups.setdefault(code(row["force"]), []).append(code(row["similar"]))
    return groups


def similar_forces(force_code: str, groups_file: str | Path | None = None) -> tuple[list[str], str]:
    """(the force's most similar forces, how the group was defined)."""
    if groups_file:
        groups = read_groups(groups_file)
        if force_code not in groups:
            raise CrimeplanError(f"{groups_file} has no group for {FORCE_NAMES[force_code]}")
        return groups[force_code], f"as given in {Path(groups_file).name}"
    return default_similar(force_code), DEFAULT_GROUP_DEFINITION


def forces_loaded(store: Any) -> dict[str, int]:
    """The forces whose police.uk records the store holds: PFA code -> records (a force is
    the force that published the records, as everywhere in these measures)."""
    t = store.ibis.table("police_uk_crimes")
    t = t.filter(t.force_code.notnull())
    df = store.run(t.group_by("force_code").aggregate(records=t.count()))
    return {str(c): int(n) for c, n in zip(df["force_code"], df["records"], strict=True)}


def _period(store: Any, plan: Plan, period: str | Period) -> Period:
    return period if isinstance(period, Period) else resolve_period(store, plan, period)[0]


def rate_level(
    store: Any,
    plan: Plan,
    measure_id: str,
    level: str,
    period: str | Period,
    within: str | None = None,
) -> list[MeasureResult]:
    """One measure for every force, CSP or local authority (optionally within a force)."""
    if level not in LEVELS:
        raise CrimeplanError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    geo = Geography.load()
    m = plan.measure(measure_id)
    p = _period(store, plan, period)
    codes = [
        a.code
        for lv in (("lad", "borough") if level in ("lad", "borough") else (level,))
        for a in geo.of_level(lv, geo.resolve(within, "force").code if within else None)
    ]
    df = rate_frame(store, plan, [m], codes, [p])
    return results_from_frame(df, plan, [m], codes, [p], store=store)


SIMILAR_COLUMNS = (
    "force",
    "code",
    "is_force",
    "value",
    "last_year_value",
    "last_year_pct_change",
    "ytd_value",
    "ytd_pct_change",
    "group_mean",
    "difference_from_group_mean",
    "rank",
)


def similar_frame(
    results: list[MeasureResult], force_code: str, lower_is_better: bool
) -> pd.DataFrame:
    """The force and its group (the engine's results for one measure and period, force
    first) with the group's average (the mean of the other forces' values), each force's
    difference from it and its rank (1 best: the lowest where lower is better)."""
    out = pd.DataFrame(
        [
            {
                "force": r.area_name,
                "code": r.area_code,
                "is_force": r.area_code == force_code,
                "value": r.value,
                "last_year_value": r.last_year_value,
                "last_year_pct_change": r.last_year_pct_change,
                "ytd_value": r.ytd_value,
                "ytd_pct_change": r.ytd_pct_change,
            }
            for r in results
        ],
        columns=list(SIMILAR_COLUMNS[:8]),
    )
    others = out.loc[~out["is_force"], "value"].dropna()
    mean = float(others.mean()) if len(others) else None
    out["group_mean"] = mean
    out["difference_from_group_mean"] = out["value"] - mean if mean is not None else None
    out["rank"] = out["value"].rank(ascending=lower_is_better, method="min")
    return out


def compare_similar(
    store: Any,
    plan: Plan,
    measure_id: str,
    force: str,
    period: str | Period,
    groups_file: str | Path | None = None,
) -> tuple[pd.DataFrame, str]:
    """The force and its most similar forces for one measure and period, with the group's
    average (the mean of the other forces' values) and each force's difference from it."""
    geo = Geography.load()
    f = geo.resolve(force, "force")
    group, definition = similar_forces(f.code, groups_file)
    m = plan.measure(measure_id)
    p = _period(store, plan, period)
    codes = [f.code, *group]
    df = rate_frame(store, plan, [m], codes, [p])
    res = results_from_frame(df, plan, [m], codes, [p], store=store)
    out = similar_frame(res, f.code, m.polarity == "lower_is_better")
    return out, similar_heading(f.name, definition)


def similar_heading(force_name: str, definition: str) -> str:
    """The sentence printed with every comparison: whose group, and how it was defined."""
    return f"Most similar forces to {force_name}: {definition}"
