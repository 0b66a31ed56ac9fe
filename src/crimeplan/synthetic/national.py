"""SYNTHETIC national police.uk street-level data, for tests and benchmarks (never for figures).

`generate_national(folder, months, ...)` writes one file per force and month,
`YYYY-MM/YYYY-MM-<force>-street.csv`, in the exact data.police.uk column layout, as the
published archive holds them. What is real and what is made up:

- Real: the 43 forces of England and Wales and their police.uk names, every 2021 LSOA with its
  police.uk name (`Leeds 001A`) and force, the 14 police.uk crime types, the outcome categories'
  wording, and the change of LSOA codes: months before 2023 use the 2011 code that the ONS
  best-fit lookup places in the row's 2021 LSOA, as police.uk files of that time do.
- Calibrated: the volume (default 500,000 records a month for all 43 forces, about 6 million a
  year as police.uk publishes), the crime-type mix (approximate national shares of police.uk
  records), seasonality (anti-social behaviour and violence peak in summer, burglary in winter,
  a few per cent either way), and where records fall: each LSOA draws in proportion to its
  Census 2021 population times a fixed, seeded "busyness" factor (log-normal, sigma 0.8), so
  that a few LSOAs (town centres) have many records.
- Values are quoted where they need it (police.uk quotes every value; both are valid CSV).
- Made up: crime IDs (random 64-hex strings; none for ASB), coordinates (a random point in a
  box around England and Wales, not in the LSOA), street names and outcomes (drawn per type).

Seeded: the same arguments give byte-identical files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from crimeplan.geo.national import FORCE_NAMES, LSOA21_FROM, force_slug, lsoa_rows

# Crime type -> (share of records, seasonal amplitude, peak month).
CRIME_MIX = {
    "Anti-social behaviour": (0.17, 0.15, 7),
    "Violence and sexual offences": (0.30, 0.06, 7),
    "Public order": (0.08, 0.06, 7),
    "Criminal damage and arson": (0.08, 0.05, 10),
    "Other theft": (0.07, 0.04, 8),
    "Shoplifting": (0.07, 0.03, 12),
    "Vehicle crime": (0.06, 0.05, 11),
    "Burglary": (0.05, 0.08, 12),
    "Drugs": (0.025, 0.05, 5),
    "Other crime": (0.02, 0.03, 3),
    "Theft from the person": (0.01, 0.08, 12),
    "Robbery": (0.012, 0.07, 11),
    "Bicycle theft": (0.01, 0.30, 7),
    "Possession of weapons": (0.008, 0.05, 6),
}
OUTCOMES = (
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Local resolution",
    "Offender given a caution",
    "Awaiting court outcome",
    "Action to be taken by another organisation",
)
OUTCOME_P = (0.40, 0.27, 0.10, 0.06, 0.06, 0.04, 0.05, 0.02)
STREETS = (
    "High Street", "Station Road", "Church Street", "Park Road", "London Road", "Victoria Road",
    "Green Lane", "Manor Road", "Church Lane", "Queens Road", "New Road", "Kings Road",
    "Supermarket", "Parking Area", "Shopping Area", "Petrol Station", "Sports/Recreation Area",
    "Nightclub", "Hospital", "Further/Higher Educational Building",
)  # fmt: skip
COLUMNS = (
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
)  # fmt: skip


@dataclass
class NationalData:
    folder: Path
    files: list[Path]
    rows: int


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), inclusive."""
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _lsoa11_for(codes21: Sequence[str]) -> list[str]:
    """For each 2021 LSOA, a 2011 LSOA whose best fit it is (itself where none is)."""
    import csv
    import gzip

    from crimeplan.geo.areas import data_dir
    from crimeplan.geo.national import NATIONAL_LSOA11

    back: dict[str, str] = {}
    with gzip.open(data_dir() / "geo" / NATIONAL_LSOA11, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            back.setdefault(r["lsoa21_code"], r["lsoa11_code"])
    return [back.get(c, c) for c in codes21]


def _strings(values: Sequence[str]) -> pa.Array:
    return pa.array(list(values), pa.string())


def _hex_ids(digits: np.ndarray, empty: np.ndarray) -> pa.Array:
    """Crime IDs from an (n, 64) array of hex digit values, "" where `empty` (ASB has none),
    built straight into Arrow's string buffers (no Python string per row)."""
    chars = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[digits[~empty]]
    lengths = np.where(empty, 0, digits.shape[1]).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    return pa.LargeStringArray.from_buffers(
        len(empty), pa.py_buffer(offsets), pa.py_buffer(chars.tobytes())
    )


def generate_national(
    folder: str | Path,
    months: Sequence[str],
    *,
    rows_per_month: int = 500_000,
    forces: Sequence[str] | None = None,
    seed: int = 18,
    progress: Callable[[str], None] | None = None,
) -> NationalData:
    """Write SYNTHETIC police.uk street files for `months` (YYYY-MM) and the forces given by
    PFA code (default: all 43); `rows_per_month` is the all-force volume before seasonality
    (a subset of forces gets its share of it).

    Vectorised: each month is drawn as integer indices (numpy), the text columns are Arrow
    `take`s from small dictionaries (names, types, outcomes, streets), and each force's rows
    are a zero-copy slice written by Arrow's CSV writer; about 1 s per million rows.
    """
    folder = Path(folder)
    rng = np.random.default_rng(seed)
    lsoas = lsoa_rows()
    force_of = np.array([r["force_code"] for r in lsoas])
    pop = np.array([int(r["population"]) for r in lsoas], dtype=np.float64)
    busy = rng.lognormal(0.0, 0.8, len(lsoas))
    weight = pop * busy
    keep = np.isin(force_of, list(forces)) if forces else np.ones(len(lsoas), bool)
    share = weight[keep].sum() / weight.sum()
    idx = np.flatnonzero(keep)
    p = weight[idx] / weight[idx].sum()
    codes21 = [r["lsoa_code"] for r in lsoas]
    codes = {False: _strings(codes21), True: _strings(_lsoa11_for(codes21))}
    names = _strings([r["lsoa_name"] for r in lsoas])
    forces_sorted = sorted(set(force_of[idx]))
    # Each LSOA's force as its rank among the forces written: rows sort force first.
    rank = np.searchsorted(np.array(forces_sorted), force_of)
    force_names = _strings([FORCE_NAMES[c] for c in forces_sorted])
    types = list(CRIME_MIX)
    type_names = _strings(types)
    outcomes = _strings([*OUTCOMES, ""])  # the last: ASB has no outcome
    locations = _strings([f"On or near {s}" for s in STREETS])
    files: list[Path] = []
    total = 0
    for month in months:
        mnum = int(month[5:7])
        weights = np.array(
            [
                share_ * (1 + amp * math.cos(2 * math.pi * (mnum - peak) / 12))
                for share_, amp, peak in CRIME_MIX.values()
            ]
        )
        n = int(rng.poisson(rows_per_month * share * weights.sum()))
        where = idx[rng.choice(len(idx), size=n, p=p)]
        ctype = rng.choice(len(types), size=n, p=weights / weights.sum())
        # Within a file, rows run by LSOA then crime type (as police.uk's files roughly do);
        # the draws below follow that order, then the rows are regrouped force by force.
        order = np.lexsort((ctype, where))
        where, ctype = where[order], ctype[order]
        digits = rng.integers(0, 16, size=(n, 64), dtype=np.uint8)
        outcome = rng.choice(len(OUTCOMES), size=n, p=OUTCOME_P)
        lon, lat = rng.uniform(-5.5, 1.7, n), rng.uniform(50.0, 55.8, n)
        street = rng.integers(0, len(STREETS), n)
        by_force = np.argsort(rank[where], kind="stable")
        where, ctype, outcome = where[by_force], ctype[by_force], outcome[by_force]
        asb = ctype == 0
        outcome[asb] = len(OUTCOMES)
        fcol = rank[where]
        columns = {
            "Crime ID": _hex_ids(digits[by_force], asb),
            "Month": pa.array(np.full(n, month)),
            "Reported by": force_names.take(fcol),
            "Falls within": force_names.take(fcol),
            "Longitude": pc.cast(pa.array(np.round(lon[by_force], 6)), pa.string()),
            "Latitude": pc.cast(pa.array(np.round(lat[by_force], 6)), pa.string()),
            "Location": locations.take(street[by_force]),
            "LSOA code": codes[month < LSOA21_FROM].take(where),
            "LSOA name": names.take(where),
            "Crime type": type_names.take(ctype),
            "Last outcome category": outcomes.take(outcome),
            "Context": pa.StringArray.from_buffers(
                n, pa.py_buffer(np.zeros(n + 1, np.int32)), pa.py_buffer(b"")
            ),
        }
        table = pa.table([columns[c] for c in COLUMNS], names=list(COLUMNS))
        (folder / month).mkdir(parents=True, exist_ok=True)
        bounds = np.searchsorted(fcol, np.arange(len(forces_sorted) + 1))
        for i, fc in enumerate(forces_sorted):
            if bounds[i] == bounds[i + 1]:
                continue
            path = folder / month / f"{month}-{force_slug(FORCE_NAMES[fc])}-street.csv"
            part = table.slice(bounds[i], bounds[i + 1] - bounds[i])
            pacsv.write_csv(part, path, pacsv.WriteOptions(quoting_style="needed"))
            files.append(path)
        total += n
        if progress:
            progress(f"{month}: {n:,} rows")
    return NationalData(folder, files, total)
