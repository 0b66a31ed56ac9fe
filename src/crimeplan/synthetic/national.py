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
- Every value is quoted (valid CSV; police.uk quotes only values that need it).
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
    (a subset of forces gets its share of it)."""
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
    codes21 = np.array([r["lsoa_code"] for r in lsoas], dtype=object)
    codes11 = np.array(_lsoa11_for(list(codes21)), dtype=object)
    names = np.array([r["lsoa_name"] for r in lsoas], dtype=object)
    forces_sorted = sorted(set(force_of[idx]))
    force_name = np.array([FORCE_NAMES[c] for c in force_of], dtype=object)
    types = list(CRIME_MIX)
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
        asb = ctype == 0
        order = np.lexsort((ctype, where))
        where, ctype, asb = where[order], ctype[order], asb[order]
        hexdigits = np.frombuffer(b"0123456789abcdef", dtype="S1")
        crime_id = (
            hexdigits[rng.integers(0, 16, size=(n, 64), dtype=np.uint8)]
            .view("S64")
            .ravel()
            .astype(str)
            .astype(object)
        )
        crime_id[asb] = ""
        outcome = np.array(OUTCOMES, dtype=object)[rng.choice(len(OUTCOMES), size=n, p=OUTCOME_P)]
        outcome[asb] = ""
        codes = codes11 if month < LSOA21_FROM else codes21
        table_cols = {
            "Crime ID": crime_id,
            "Month": np.full(n, month, dtype=object),
            "Reported by": force_name[where],
            "Falls within": force_name[where],
            "Longitude": np.round(rng.uniform(-5.5, 1.7, n), 6).astype(str),
            "Latitude": np.round(rng.uniform(50.0, 55.8, n), 6).astype(str),
            "Location": np.char.add(
                "On or near ", np.array(STREETS)[rng.integers(0, len(STREETS), n)]
            ).astype(object),
            "LSOA code": codes[where],
            "LSOA name": names[where],
            "Crime type": np.array(types, dtype=object)[ctype],
            "Last outcome category": outcome,
            "Context": np.full(n, "", dtype=object),
        }
        fcol = force_of[where]
        (folder / month).mkdir(parents=True, exist_ok=True)
        for fc in forces_sorted:
            rows = fcol == fc
            if not rows.any():
                continue
            path = folder / month / f"{month}-{force_slug(FORCE_NAMES[fc])}-street.csv"
            table = pa.table({c: pa.array(table_cols[c][rows], pa.string()) for c in COLUMNS})
            pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
            files.append(path)
        total += n
        if progress:
            progress(f"{month}: {n:,} rows")
    return NationalData(folder, files, total)
