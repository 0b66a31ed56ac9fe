"""The Met's tables: every header variant as published, revisions, idempotency."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime, read_layout
from crimeplan.measures.revisions import list_revisions
from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store

FILES = Path(__file__).parent / "files"


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("recorded-crime-borough-historical.csv.gz", "borough"),
        ("recorded-crime-borough.csv.gz", "borough"),
        ("recorded-crime-ward-historical.csv.gz", "ward"),
        ("recorded-crime-ward.csv.gz", "ward"),
    ],
)
def test_each_published_header_variant(name: str, level: str) -> None:
    got_level, roles, months = read_layout(data_dir() / "mps" / name)
    assert got_level == level
    assert {"offence_group", "offence", "borough"} <= set(roles)
    assert months and all(len(m) == 7 for _, m in months)


def test_lsoa_variant_with_e09_borough(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "lsoa.csv"
    f.write_text(
        '"lsoa_code","lsoa_name","borough","major_category","minor_category","202402","202403"\n'
        '"E01000006","Barking and Dagenham 016A","E09000002","THEFT","SHOPLIFTING",1,2\n'
    )
    report = ingest_mps_crime(store, f)
    assert report.rows == 2
    rows = store.con.execute(
        "SELECT level, area_code, borough_code, strftime(month, '%Y-%m'), count FROM mps_crime "
        "ORDER BY month"
    ).fetchall()
    assert rows == [
        ("lsoa", "E01000006", "E09000002", "2024-02", 1),
        ("lsoa", "E01000006", "E09000002", "2024-03", 2),
    ]


def _publication(tmp_path: Path, name: str, cells: dict[str, int]) -> Path:
    months = sorted(cells)
    f = tmp_path / name
    f.write_text(
        '"majortext","minortext","boroughname",'
        + ",".join(f'"{m}"' for m in months)
        + "\n"
        + '"BURGLARY","BURGLARY BUSINESS AND COMMUNITY","Havering",'
        + ",".join(str(cells[m]) for m in months)
        + "\n"
    )
    return f


def test_newer_publication_revises_and_keeps_the_change(
    store: Store, tmp_path: Path, havering_plan: Plan
) -> None:
    old = _publication(tmp_path, "jan.csv", {"201612": 100, "201701": 90})
    new = _publication(tmp_path, "feb.csv", {"201612": 97, "201701": 90, "201702": 80})
    ingest_mps_crime(store, old)
    report = ingest_mps_crime(store, new)
    assert report.revisions == 1 and report.replaced == 2
    rev = list_revisions(store, area="Havering")
    assert rev[["month", "old_value", "new_value", "old_file", "new_file"]].values.tolist() == [
        ["2016-12", 100, 97, "jan.csv", "feb.csv"]
    ]
    (n,) = store.con.execute(
        "SELECT count FROM mps_crime WHERE month = DATE '2016-12-01'"
    ).fetchone()
    assert n == 97  # the measures use the newer value
    res = {r.measure_id: r for r in rate_plan(store, havering_plan, "Havering", "2016-12")}
    assert res["total-notifiable-offences"].value == 97
    assert res["total-notifiable-offences"].vintage == "2017-02"


def test_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    f = _publication(tmp_path, "jan.csv", {"201612": 100})
    ingest_mps_crime(store, f)
    before = store.con.execute("SELECT * FROM mps_crime").fetchall()
    report = ingest_mps_crime(store, f)
    assert report.skipped == ["jan.csv"] and report.rows == 0
    assert store.con.execute("SELECT * FROM mps_crime").fetchall() == before
    assert store.con.execute("SELECT count(*) FROM mps_revisions").fetchone() == (0,)
    assert store.con.execute("SELECT count(*) FROM ingest_files").fetchone() == (1,)


def test_older_publication_never_overwrites_newer(store: Store, tmp_path: Path) -> None:
    new = _publication(tmp_path, "feb.csv", {"201612": 97, "201701": 90})
    old = _publication(tmp_path, "jan.csv", {"201611": 50, "201612": 100})
    ingest_mps_crime(store, new)
    report = ingest_mps_crime(store, old)
    assert any("older publication" in w for w in report.warnings)
    got = dict(
        store.con.execute("SELECT strftime(month, '%Y-%m'), count FROM mps_crime").fetchall()
    )
    assert got == {"2016-11": 50, "2016-12": 97, "2017-01": 90}


def test_heathrow_villages_under_two_boroughs(store: Store, tmp_path: Path) -> None:
    """The ward tables publish Heathrow Villages under Hillingdon and the airport pseudo-
    borough; both rows load, and the ward's count is their sum."""
    f = tmp_path / "w.csv"
    f.write_text(
        '"wardname","wardcode","majortext","minortext","lookup_boroughname","202401"\n'
        '"Heathrow Villages","E05013570","THEFT","OTHER THEFT","Aviation Security (SO18)",5\n'
        '"Heathrow Villages","E05013570","THEFT","OTHER THEFT","Hillingdon",3\n'
    )
    ingest_mps_crime(store, f)
    rows = store.con.execute(
        "SELECT borough_code, count FROM mps_crime ORDER BY borough_code"
    ).fetchall()
    assert rows == [("E09000017", 3), ("MPS-AVIATION", 5)]
