"""The police.uk loader's two paths: the fast one (one read, checked after loading) loads a
good batch exactly as the careful one (staged, checked row by row) does, and a batch with a
fault falls back to the careful path, which names it and loads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.errors import IngestError
from crimeplan.ingest import police_uk
from crimeplan.ingest.files import sha256_of
from crimeplan.store import Store
from crimeplan.synthetic.national import generate_national

MET, WEST_YORKSHIRE = "E23000001", "E23000010"
# A pre-2021 code no lookup knows, placed in its borough by its name; and one placed nowhere.
EXTRA = (
    '"","2023-01","Metropolitan Police Service","Metropolitan Police Service","","",'
    '"On or near High Street","E01999998","Havering 012A","Anti-social behaviour","",""\n'
    '"","2023-01","Metropolitan Police Service","Metropolitan Police Service","","",'
    '"On or near High Street","E01999999","Nowhere 001A","Anti-social behaviour","",""\n'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = generate_national(
        tmp_path / "pu", ["2022-12", "2023-01"], rows_per_month=4000, forces=[MET, WEST_YORKSHIRE]
    )
    met = next(f for f in data.files if f.name == "2023-01-metropolitan-street.csv")
    with met.open("a") as fh:
        fh.write(EXTRA)
    return data.folder


def table(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.con.execute(sql).fetchall()


def test_fast_path_loads_what_the_careful_path_loads(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, careful = Store(tmp_path / "fast.duckdb"), Store(tmp_path / "careful.duckdb")
    with monkeypatch.context() as m:  # a good batch never needs the careful path
        m.setattr(police_uk, "_load_careful", None)
        got = police_uk.ingest_police_uk(fast, folder)
    checked = [(f, sha256_of(f)) for f in police_uk.street_files(folder, tmp_path)]
    expected = police_uk._ingest(careful, checked, police_uk._load_careful)
    assert got == expected and got.rows > 1000 and len(got.warnings) == 1
    rows = "SELECT * FROM police_uk_crimes ORDER BY ALL"
    assert table(fast, rows) == table(careful, rows)
    files = "SELECT file_id, name, sha256, rows, vintage FROM ingest_files ORDER BY 1"
    assert table(fast, files) == table(careful, files)
    (borough,) = table(
        fast, "SELECT borough_code FROM police_uk_crimes WHERE lsoa_code = 'E01999998'"
    )
    assert borough == ("E09000016",)  # Havering, from the name
    assert table(fast, "SELECT count(*) FROM police_uk_crimes WHERE lsoa_code LIKE 'E010%'")[0][0]

    again = police_uk.ingest_police_uk(fast, folder)  # unchanged files are skipped
    assert again.rows == 0 and len(again.skipped) == len(got.files)
    f = folder / "2023-01" / "2023-01-west-yorkshire-street.csv"
    lines = f.read_text().splitlines(keepends=True)
    f.write_text("".join(lines[:11]))  # a revised month replaces the earlier one
    third = police_uk.ingest_police_uk(fast, folder)
    assert (third.rows, third.files) == (10, [f.name])
    assert third.replaced == len(lines) - 1
    assert (
        table(fast, "SELECT count(*) FROM police_uk_crimes")[0][0] == got.rows - third.replaced + 10
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"Burglary"', '"Burglery"', "not a police.uk crime type"),
        ('"2023-01"', '"2023-02"', "month differs from the file's month 2023-01"),
        (',"E01', ',"X01', "not an LSOA code"),
        ('"Metropolitan Police Service","-', ',"-', "is empty"),
    ],
)
def test_a_fault_found_after_loading_is_named_and_nothing_loads(
    folder: Path, store: Store, old: str, new: str, message: str
) -> None:
    f = folder / "2023-01" / "2023-01-metropolitan-street.csv"
    lines = f.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if i > 100 and old in line)
    lines[at] = lines[at].replace(old, new, 1)
    f.write_text("".join(lines))
    with pytest.raises(IngestError) as e:
        police_uk.ingest_police_uk(store, folder)
    assert message in str(e.value) and f"line {at + 1}" in str(e.value)
    assert table(store, "SELECT count(*) FROM police_uk_crimes") == [(0,)]
    assert table(store, "SELECT count(*) FROM ingest_files") == [(0,)]
