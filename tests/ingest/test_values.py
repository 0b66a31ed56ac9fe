"""The generic values CSV: figures held elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.errors import IngestError
from crimeplan.ingest.values import ingest_values
from crimeplan.store import Store


def _csv(tmp_path: Path, body: str, name: str = "v.csv") -> Path:
    f = tmp_path / name
    f.write_text("area,period,measure,numerator,denominator\n" + body, encoding="utf-8")
    return f


def test_names_and_codes_resolve(store: Store, tmp_path: Path) -> None:
    ingest_values(
        store, _csv(tmp_path, "Havering,2016-17-Q3,marac,17,59\nE09000016,2016-17-Q2,marac,15,60\n")
    )
    rows = store.con.execute(
        "SELECT area_code, period, numerator, denominator FROM measure_values ORDER BY period"
    ).fetchall()
    assert rows == [
        ("E09000016", "2016-17-Q2", 15.0, 60.0),
        ("E09000016", "2016-17-Q3", 17.0, 59.0),
    ]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("Atlantis,2016-12,x,1,\n", r"line 2: 'area': no area called 'Atlantis'"),
        ("Havering,2016-13,x,1,\n", r"line 2: 'period': period '2016-13'"),
        ("Havering,2016-12,x,-1,\n", r"line 2: 'numerator': '-1': must be zero or more"),
        ("Havering,2016-12,x,abc,\n", r"line 2: 'numerator': 'abc': not a number"),
        ("Havering,2016-12,x,1,0\n", r"line 2: 'denominator': '0': must be above zero"),
        ("Havering,2016-12,x,1,\nHavering,2016-12,x,2,\n", r"line 3: .* repeats line 2"),
        (
            "Havering,2016-12,x,1,\nHavering,2016-17-Q3,x,2,\n",
            r"line 3: 'period': x for E09000016 mixes month and quarter",
        ),
        ("Havering,2016-12,x\n", r"line 2: expected 5 fields, found 3"),
        ("", r"line 2: has a header but no rows"),
    ],
)
def test_bad_values_leave_the_store_unchanged(
    store: Store, tmp_path: Path, body: str, error: str
) -> None:
    ingest_values(store, _csv(tmp_path, "Havering,2015-12,y,1,\n", "ok.csv"))
    before = store.con.execute("SELECT * FROM measure_values").fetchall()
    with pytest.raises(IngestError, match=error):
        ingest_values(store, _csv(tmp_path, body))
    assert store.con.execute("SELECT * FROM measure_values").fetchall() == before


def test_reingest_replaces_and_records_revision(store: Store, tmp_path: Path) -> None:
    ingest_values(store, _csv(tmp_path, "Havering,2016-12,x,10,\n", "a.csv"))
    r = ingest_values(store, _csv(tmp_path, "Havering,2016-12,x,12,\n", "b.csv"))
    assert r.revisions == 1 and r.replaced == 1
    assert store.con.execute("SELECT numerator FROM measure_values").fetchall() == [(12.0,)]
    again = ingest_values(store, _csv(tmp_path, "Havering,2016-12,x,12,\n", "b.csv"))
    assert again.skipped == ["b.csv"]
