"""Awkward input files, one per case, picked up by glob: each gives a clear error naming file,
line and field, and leaves the database exactly as it was.

Add a case by adding `NAME.csv` and `NAME.csv.expect` (a regular expression for the error).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from crimeplan.errors import IngestError
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.store import Store

FILES = Path(__file__).parent / "files"
TABLES = ("police_uk_crimes", "mps_crime", "mps_revisions", "measure_values", "ingest_files")


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: sorted(map(tuple, store.con.execute(f"SELECT * FROM {t}").fetchall()), key=repr)
        for t in TABLES
    }


def _cases(folder: str) -> list[Path]:
    return sorted(p for p in (FILES / folder).glob("*.csv"))


def _check(store: Store, load: Callable[[Store, Path], object], good: Path, bad: Path) -> None:
    load(store, good)
    before = snapshot(store)
    expect = (bad.parent / (bad.name + ".expect")).read_text(encoding="utf-8").strip()
    with pytest.raises(IngestError) as info:
        load(store, bad)
    message = str(info.value)
    assert message.startswith(bad.name), message
    assert re.search(expect, message), f"{message!r} does not match {expect!r}"
    assert snapshot(store) == before, "a failed ingest changed the database"


@pytest.mark.parametrize("bad", _cases("police_uk"), ids=lambda p: p.name)
def test_police_uk_bad_file(store: Store, bad: Path) -> None:
    _check(store, ingest_police_uk, FILES / "police_uk_good.csv", bad)


@pytest.mark.parametrize("bad", _cases("mps"), ids=lambda p: p.name)
def test_mps_crime_bad_file(store: Store, bad: Path) -> None:
    _check(store, ingest_mps_crime, FILES / "mps_borough_good.csv", bad)


def test_every_case_has_an_expectation() -> None:
    for folder in ("police_uk", "mps"):
        for case in _cases(folder):
            assert (case.parent / (case.name + ".expect")).is_file(), case


def test_same_month_twice_in_one_batch(store: Store, tmp_path: Path) -> None:
    """Two files with the same force and month in one folder: refused, nothing loaded."""
    for name in ("2024-06-city-of-london-street.csv", "2024-06-copy-street.csv"):
        shutil.copy(FILES / "police_uk_good.csv", tmp_path / name)
    with pytest.raises(IngestError, match="City of London Police 2024-06 is also in"):
        ingest_police_uk(store, tmp_path)
    assert snapshot(store)["police_uk_crimes"] == []


def test_reingest_replaces_a_month_never_duplicates(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "2024-06-city-of-london-street.csv"
    shutil.copy(FILES / "police_uk_good.csv", good)
    first = ingest_police_uk(store, good)
    assert first.rows == 7
    again = ingest_police_uk(store, good)  # the same file: skipped, nothing changes
    assert again.skipped == [good.name] and again.rows == 0
    lines = good.read_text().splitlines()
    good.write_text("\n".join(lines[:-2]) + "\n")  # a corrected publication of the month
    third = ingest_police_uk(store, good)
    assert third.replaced == 7 and third.rows == 5
    (n,) = store.con.execute("SELECT count(*) FROM police_uk_crimes").fetchone()
    assert n == 5


def test_zip_archive_and_folder(store: Store, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "latest.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FILES / "police_uk_good.csv", "2024-06/2024-06-city-of-london-street.csv")
        z.writestr("2024-06/2024-06-city-of-london-outcomes.csv", "ignored")
    report = ingest_police_uk(store, archive)
    assert report.files == ["2024-06-city-of-london-street.csv"] and report.rows == 7
    (borough,) = store.con.execute(
        "SELECT DISTINCT borough_code FROM police_uk_crimes WHERE lsoa_code = 'E01000916'"
    ).fetchone()
    assert borough == "E09000007"  # Camden: City of London Police records in Camden's LSOAs


def test_pre_2021_lsoa_code_placed_by_the_2011_lookup(store: Store, tmp_path: Path) -> None:
    """police.uk used 2011 LSOA codes until 2023; a code the 2021 lookup lacks is placed in
    its 2021 LSOA (ONS best fit: E01033595 merged into E01035716) and so in its ward."""
    text = (
        (FILES / "police_uk_good.csv")
        .read_text()
        .replace("E01000916,Camden 027B", "E01033595,Westminster 013E")
    )
    f = tmp_path / "2024-06-x-street.csv"
    f.write_text(text)
    ingest_police_uk(store, f)
    rows = store.con.execute(
        "SELECT DISTINCT borough_code, lsoa21_code, ward_code FROM police_uk_crimes "
        "WHERE lsoa_code = 'E01033595'"
    ).fetchall()
    (ward,) = store.con.execute("SELECT parent_code FROM areas WHERE code = 'E01035716'").fetchone()
    assert rows == [("E09000033", "E01035716", ward)]
