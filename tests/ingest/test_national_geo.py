"""England and Wales geography: the shipped lookups against the official ONS files, and real
police.uk rows with 2011 LSOA codes (the Met's files before 2023) placed in their 2021 ward."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crimeplan.geo import Geography
from crimeplan.geo.national import FORCE_NAMES, lsoa_rows
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.store import Store


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_every_2021_lsoa_has_ward_authority_partnership_force_and_population() -> None:
    rows = lsoa_rows()
    assert len(rows) == 35_672
    assert {r["force_code"] for r in rows} == set(FORCE_NAMES)
    assert all(r["ward_code"] and r["lad_code"] and r["csp_code"] for r in rows)
    assert sum(int(r["population"]) for r in rows) == 59_597_611  # Census 2021 E&W LSOA total
    geo = Geography.load()
    leeds = geo.resolve("Leeds")
    assert leeds.level == "lad" and leeds.parent_code == "E23000010"  # West Yorkshire
    assert geo.resolve("Croydon").code == "E09000008"  # the borough before the partnership
    assert len(geo.of_level("force")) == 43
    assert geo.population["E23000010"] == sum(
        int(r["population"]) for r in rows if r["force_code"] == "E23000010"
    )


@pytest.mark.shared
def test_shipped_lookup_equals_the_official_files(shared: Path) -> None:
    official = {
        r["LSOA21CD"]: r for r in read(shared / "data/geo/lsoa21-to-ward25-to-lad25-best-fit.csv")
    }
    pfa = {
        r["LAD20CD"]: r["PFA20CD"] for r in read(shared / "data/geo-ew/lad20-to-csp20-to-pfa20.csv")
    }
    lad22 = {
        r["LSOA21CD"]: r["LAD22CD"]
        for r in read(shared / "data/geo-ew/lsoa11-to-lsoa21-to-lad22-exact-fit.csv")
    }
    for r in lsoa_rows():
        o = official[r["lsoa_code"]]
        assert (r["ward_code"], r["lad_code"]) == (o["WD25CD"], o["LAD25CD"])
        expected = pfa.get(lad22[r["lsoa_code"]], "E23000022")  # Northamptonshire 2021 LADs
        assert r["force_code"] == expected, r["lsoa_code"]


@pytest.mark.shared
@pytest.mark.slow
def test_2011_coded_rows_placed_in_their_2021_ward(
    shared: Path, store: Store, tmp_path: Path
) -> None:
    """Every row of the Met's 2022 police.uk files: a 2011 LSOA code goes to the 2021 LSOA the
    ONS exact-fit lookup names where it names one (unchanged or merged), else to its ONS best
    fit (splits), and so to that LSOA's 2025 ward."""
    folder = tmp_path / "months"
    for f in sorted((shared / "data/policeuk").glob("2022-*/*-street.csv")):
        (folder / f.parent.name).mkdir(parents=True, exist_ok=True)
        (folder / f.parent.name / f.name).symlink_to(f)
    if not any(folder.glob("*/*")):
        pytest.skip("no 2022 police.uk files in ../shared/data/policeuk")
    ingest_police_uk(store, folder)

    best = {
        r["LSOA11CD"]: r["LSOA21CD"]
        for r in read(shared / "data/geo-ew/lsoa11-to-lsoa21-to-lad22-best-fit-v2.csv")
    }
    exact: dict[str, set[str]] = {}
    for r in read(shared / "data/geo-ew/lsoa11-to-lsoa21-to-lad22-exact-fit.csv"):
        exact.setdefault(r["LSOA11CD"], set()).add(r["LSOA21CD"])
    ward = {
        r["LSOA21CD"]: r["WD25CD"]
        for r in read(shared / "data/geo/lsoa21-to-ward25-to-lad25-best-fit.csv")
    }
    rows = store.con.execute(
        "SELECT lsoa_code, lsoa21_code, ward_code, count(*) FROM police_uk_crimes "
        "WHERE lsoa_code IS NOT NULL GROUP BY ALL"
    ).fetchall()
    only_2011 = [r for r in rows if r[0] in best and r[0] not in ward]
    assert sum(r[3] for r in only_2011) > 1000  # real 2011-coded rows are there to test
    placed = 0
    for code, lsoa21, ward_code, n in rows:
        if code in best:  # a 2011 code (read as 2011 before 2023)
            expected = next(iter(exact[code])) if len(exact[code]) == 1 else best[code]
            assert lsoa21 == expected, code
        else:
            assert lsoa21 == code
        assert ward_code == ward[lsoa21], code
        placed += n
    (total,) = store.con.execute(
        "SELECT count(*) FROM police_uk_crimes WHERE lsoa_code IS NOT NULL"
    ).fetchone()
    assert placed == total
