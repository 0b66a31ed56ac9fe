"""Build the compact data files shipped in src/crimeplan/data/ from ../shared/data.

Run from the project root: `.venv/bin/python scripts/build_extracts.py [SHARED_DATA_DIR]`.
Everything it writes is public data under the Open Government Licence v3.0 (see
src/crimeplan/data/ATTRIBUTION.md). The Met's tables are shipped exactly as published,
gzip-compressed, so the demo runs the same loader a user runs on a downloaded file.
"""

from __future__ import annotations

import csv
import gzip
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "crimeplan" / "data"

FORCE = ("E23000001", "Metropolitan Police Service", "force", "")
CITY_FORCE = ("E23000034", "City of London Police", "force", "")
PSEUDO = [
    ("MPS-AVIATION", "London Heathrow and London City Airports", "borough", "E23000001"),
    ("MPS-UNKNOWN", "Unknown", "borough", "E23000001"),
]


def main(shared: Path) -> None:
    geo = shared / "geo"
    (OUT / "geo").mkdir(parents=True, exist_ok=True)
    (OUT / "mps").mkdir(parents=True, exist_ok=True)

    # Areas: boroughs, wards (2025 best fit, which holds every 2022 ward the Met uses), LSOA21.
    boroughs: dict[str, str] = {}
    wards: dict[str, tuple[str, str]] = {}
    lsoas: list[tuple[str, str, str, str]] = []
    with (geo / "lsoa21-to-ward25-to-lad25-best-fit.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["LAD25CD"].startswith("E09"):
                continue
            boroughs[row["LAD25CD"]] = row["LAD25NM"]
            wards[row["WD25CD"]] = (row["WD25NM"], row["LAD25CD"])
            lsoas.append((row["LSOA21CD"], row["LSOA21NM"], row["WD25CD"], row["LAD25CD"]))
    assert len(boroughs) == 33, len(boroughs)

    with (OUT / "geo" / "areas.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerow(FORCE)
        w.writerow(CITY_FORCE)
        for code, name in sorted(boroughs.items()):
            parent = CITY_FORCE[0] if code == "E09000001" else FORCE[0]
            w.writerow([code, name, "borough", parent])
        for row in PSEUDO:
            w.writerow(row)
        for code, (name, lad) in sorted(wards.items()):
            w.writerow([code, name, "ward", lad])
        for code, name, ward, _lad in sorted(lsoas):
            w.writerow([code, name, "lsoa", ward])

    # Census 2021 usual residents: LSOA and borough; wards and the force are sums.
    pop: dict[str, int] = {}
    with (geo / "census2021-ts007a-lsoa.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            pop[row["geography code"]] = int(row["Age: Total"])
    with (geo / "census2021-ts007a-ltla.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["geography code"] in boroughs:
                pop[row["geography code"]] = int(row["Age: Total"])
    ward_pop: dict[str, int] = defaultdict(int)
    for code, _name, ward, _lad in lsoas:
        ward_pop[ward] += pop[code]
    force_pop = sum(pop[b] for b in boroughs if b != "E09000001")
    with (OUT / "geo" / "population.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "population", "source"])
        w.writerow([FORCE[0], force_pop, "Census 2021 TS007A, sum of the 32 Met boroughs"])
        w.writerow([CITY_FORCE[0], pop["E09000001"], "Census 2021 TS007A (City of London)"])
        for b in sorted(boroughs):
            w.writerow([b, pop[b], "Census 2021 TS007A, local authority"])
        for ward, n in sorted(ward_pop.items()):
            w.writerow([ward, n, "Census 2021 TS007A, sum of LSOAs by best-fit lookup"])
        for code, _name, _ward, _lad in sorted(lsoas):
            w.writerow([code, pop[code], "Census 2021 TS007A, LSOA"])

    for name in (
        "recorded-crime-borough-historical.csv",
        "recorded-crime-borough.csv",
        "recorded-crime-ward-historical.csv",
        "recorded-crime-ward.csv",
    ):
        target = OUT / "mps" / f"{name}.gz"
        with (
            (shared / "mps" / name).open("rb") as src,
            target.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as dst,
        ):
            shutil.copyfileobj(src, dst)
    print("wrote", *sorted(p.relative_to(ROOT) for p in OUT.rglob("*") if p.is_file()), sep="\n  ")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
