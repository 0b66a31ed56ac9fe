"""Measures per force, Community Safety Partnership and local authority, and most similar
forces, on SYNTHETIC national police.uk data, checked against plain counts of the records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.geo import Geography
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.measures.national import (
    compare_similar,
    default_similar,
    force_profiles,
    rate_level,
    read_groups,
)
from crimeplan.measures.offence_groups import police_uk_plan
from crimeplan.store import Store
from crimeplan.synthetic.national import generate_national, month_range

WEST_YORKSHIRE, LANCASHIRE, WARWICKSHIRE = "E23000010", "E23000003", "E23000017"


@pytest.fixture(scope="module")
def nat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    d = tmp_path_factory.mktemp("nat")
    forces = [WEST_YORKSHIRE, LANCASHIRE, WARWICKSHIRE, *default_similar(WEST_YORKSHIRE)]
    generate_national(
        d / "pu", month_range("2023-04", "2024-12"), rows_per_month=30_000, forces=forces
    )
    store = Store(d / "n.duckdb")
    ingest_police_uk(store, d / "pu")
    yield store
    store.close()


def test_generator_is_seeded_and_in_police_uk_layout(tmp_path: Path) -> None:
    a = generate_national(tmp_path / "a", ["2022-12", "2023-01"], rows_per_month=2000)
    b = generate_national(tmp_path / "b", ["2022-12", "2023-01"], rows_per_month=2000)
    assert [f.read_bytes() for f in a.files] == [f.read_bytes() for f in b.files]
    assert len({f.name.split("-", 2)[2] for f in a.files}) > 30  # most of the 43 forces
    assert a.files[0].read_text().splitlines()[0].replace('"', "").startswith("Crime ID,Month,")


def test_csp_and_local_authority_counts_equal_the_records(nat: Store) -> None:
    plan = police_uk_plan(nat)
    geo = Geography.load()
    for level, column in (("csp", "csp_code"), ("lad", "lad_code"), ("force", "force_code")):
        res = rate_level(nat, plan, "burglary", level, "2024-25-Q2", within=None)
        got = {r.area_code: r.value for r in res if r.value is not None}
        expected = dict(
            nat.con.execute(
                f"SELECT {column}, count(*) FROM police_uk_crimes WHERE crime_type = 'Burglary' "
                "AND month BETWEEN DATE '2024-07-01' AND DATE '2024-09-01' GROUP BY 1"
            ).fetchall()
        )
        if level == "force":  # a force is the force that published the records
            expected = {c: n for c, n in expected.items() if c in got}
        assert got == {k: float(v) for k, v in expected.items()}, level
    wy = rate_level(nat, plan, "all-records-rate", "csp", "2024-25-Q2", within="West Yorkshire")
    assert {r.area_code for r in wy} == {a.code for a in geo.of_level("csp", WEST_YORKSHIRE)}
    assert all(r.value is not None and r.population for r in wy)
    assert all(r.ytd_value is not None and r.last_year_value is not None for r in wy)


def test_most_similar_forces_default_and_given(nat: Store, tmp_path: Path) -> None:
    group = default_similar(WEST_YORKSHIRE)
    assert len(group) == 7 and WEST_YORKSHIRE not in group
    assert group == default_similar(WEST_YORKSHIRE)  # deterministic
    assert len(force_profiles()) == 43
    plan = police_uk_plan(nat)
    df, definition = compare_similar(nat, plan, "all-records-rate", "West Yorkshire", "2024-12")
    assert "7 forces nearest" in definition
    others = df.loc[~df["is_force"], "value"]
    assert df["group_mean"].iloc[0] == pytest.approx(others.mean())
    assert set(df["code"]) == {WEST_YORKSHIRE, *group}

    f = tmp_path / "groups.csv"
    f.write_text(
        "force,similar\nWest Yorkshire Police,Lancashire Constabulary\nE23000010,E23000017\n"
    )
    assert read_groups(f) == {WEST_YORKSHIRE: [LANCASHIRE, WARWICKSHIRE]}
    df, definition = compare_similar(nat, plan, "burglary", WEST_YORKSHIRE, "2024-12", f)
    assert list(df["code"]) == [WEST_YORKSHIRE, LANCASHIRE, WARWICKSHIRE]
    assert "groups.csv" in definition
