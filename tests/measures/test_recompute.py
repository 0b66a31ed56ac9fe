"""Independent recomputation: every figure against a plain DuckDB query over the raw files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from crimeplan.geo import Geography, data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.measures.counts import counts
from crimeplan.measures.service import rate_areas, rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store

pytestmark = pytest.mark.slow


def _raw_wide(path: Path) -> str:
    return f"read_csv('{path}', header = true, all_varchar = true)"


def _unpivot_sum(
    con: duckdb.DuckDBPyConnection, path: Path, area_col: str, group_col: str
) -> pd.DataFrame:
    cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM {_raw_wide(path)}").fetchall()]
    months = [c for c in cols if c.isdigit()]
    quoted = ", ".join(f'"{m}"' for m in months)
    return con.execute(
        f"""
        SELECT "{area_col}" AS area, substr(month, 1, 4) || '-' || substr(month, 5, 2) AS month,
               upper("{group_col}") AS offence_group, sum(CAST(n AS BIGINT)) AS count
        FROM (UNPIVOT {_raw_wide(path)} ON {quoted} INTO NAME month VALUE n)
        GROUP BY ALL
        """
    ).df()


def _compare(ours: pd.DataFrame, raw: pd.DataFrame, key: list[str]) -> None:
    merged = ours.merge(raw, on=key, how="outer", suffixes=("_ours", "_raw"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    diff = merged[merged["count_ours"] != merged["count_raw"]]
    assert diff.empty, diff.head()


def test_mps_borough_counts_equal_raw_csv_every_cell(demo_store: Store) -> None:
    """Counts by borough, month and offence group equal an UNPIVOT of the shipped raw files."""
    ours = counts(demo_store, ["borough", "month", "offence-group"], "mps-crime")
    con = duckdb.connect()
    raw = pd.concat(
        [
            _unpivot_sum(con, data_dir() / "mps" / name, "boroughname", "majortext")
            for name in (
                "recorded-crime-borough-historical.csv.gz",
                "recorded-crime-borough.csv.gz",
            )
        ]
    )
    raw = raw.groupby(["area", "month", "offence_group"], as_index=False)["count"].sum()
    # The Met writes the Heathrow pseudo-borough one way; our area name is the same.
    raw = raw.rename(columns={"area": "borough"})
    _compare(ours, raw, ["borough", "month", "offence_group"])
    assert len(ours) > 40_000


def test_mps_ward_counts_equal_raw_csv_every_cell(demo_store: Store) -> None:
    ours = counts(demo_store, ["ward", "month", "offence-group"], "mps-crime")
    con = duckdb.connect()
    raw = pd.concat(
        [
            _unpivot_sum(
                con,
                data_dir() / "mps" / "recorded-crime-ward-historical.csv.gz",
                "wardcode",
                "majortext",
            ),
            _unpivot_sum(
                con, data_dir() / "mps" / "recorded-crime-ward.csv.gz", "WardCode", "MajorText"
            ),
        ]
    )
    raw = raw.groupby(["area", "month", "offence_group"], as_index=False)["count"].sum()
    _compare(ours, raw.rename(columns={"area": "ward"}), ["ward", "month", "offence_group"])


def test_borough_rates_equal_count_over_population(demo_store: Store, london_plan: Plan) -> None:
    """Rates per 1,000: the count from a plain query over the raw file / Census 2021 x 1,000."""
    results = rate_areas(
        demo_store, london_plan, "total-notifiable-offences-rate", "borough", "2024-25"
    )
    con = duckdb.connect()
    path = data_dir() / "mps" / "recorded-crime-borough.csv.gz"
    hist = data_dir() / "mps" / "recorded-crime-borough-historical.csv.gz"
    months_new = [f"2024{m:02d}" for m in range(4, 13)] + [f"2025{m:02d}" for m in range(1, 4)]
    summed = " + ".join(f'CAST("{m}" AS BIGINT)' for m in months_new)
    raw = con.execute(
        f"SELECT boroughname, sum({summed}) FROM {_raw_wide(path)} GROUP BY 1"
    ).fetchall()
    assert hist.exists()
    totals = dict(raw)
    pop = {}
    for line in (data_dir() / "geo" / "population.csv").read_text().splitlines()[1:]:
        code, n = line.split(",")[:2]
        pop[code] = int(n)
    geo = Geography.load()
    checked = 0
    for r in results:
        if r.area_code == "E09000001":  # the City is not policed by the Met: no figure
            assert r.value is None and not r.available
            continue
        expected = totals[geo.area(r.area_code).name] / pop[r.area_code] * 1000
        assert r.value == pytest.approx(expected, rel=1e-12)
        checked += 1
    assert checked == 32


def test_ytd_quarter_and_previous_equal_plain_sql(demo_store: Store, london_plan: Plan) -> None:
    """A quarter, its previous quarter, same quarter last year and FYTD, by hand in SQL."""
    res = {r.measure_id: r for r in rate_plan(demo_store, london_plan, "Croydon", "2023-24-Q3")}
    con = demo_store.con

    def total(group: str | None, start: str, end: str) -> int:
        cond = "AND offence_group = ?" if group else ""
        params = [start, end] + ([group] if group else [])
        (n,) = con.execute(
            "SELECT sum(count) FROM mps_crime WHERE level = 'borough' AND area_code = 'E09000008' "
            f"AND month BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) {cond}",
            params,
        ).fetchone()
        return int(n)

    b = res["burglary"]
    assert b.value == total("BURGLARY", "2023-10-01", "2023-12-01")
    assert b.previous_value == total("BURGLARY", "2023-07-01", "2023-09-01")
    assert b.last_year_value == total("BURGLARY", "2022-10-01", "2022-12-01")
    assert b.ytd_value == total("BURGLARY", "2023-04-01", "2023-12-01")
    assert b.ytd_last_year_value == total("BURGLARY", "2022-04-01", "2022-12-01")
    t = res["total-notifiable-offences"]
    assert t.value == total(None, "2023-10-01", "2023-12-01")
    (london,) = con.execute(
        "SELECT sum(count) FROM mps_crime WHERE level = 'borough' "
        "AND month BETWEEN DATE '2023-10-01' AND DATE '2023-12-01'"
    ).fetchone()
    assert t.parent_value == london


def test_police_uk_counts_equal_raw_csv_every_cell(shared: Path, tmp_path: Path) -> None:
    """Counts by borough, month and crime type equal a plain DuckDB query over the raw CSVs."""
    store = Store(tmp_path / "pu.duckdb")
    ingest_police_uk(store, shared / "data" / "policeuk")
    ours = counts(store, ["borough", "month", "crime-type"], "police-uk")
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE areas AS SELECT * FROM read_csv('{data_dir() / 'geo' / 'areas.csv'}')"
    )
    raw = con.execute(
        f"""
        SELECT coalesce(b.name, bn.name) AS borough, r."Month" AS month,
               r."Crime type" AS crime_type, count(*) AS count
        FROM read_csv('{shared / "data" / "policeuk"}/*/*-street.csv', header = true,
                      all_varchar = true, quote = '"') r
        LEFT JOIN areas l ON l.code = r."LSOA code" AND l.level = 'lsoa'
        LEFT JOIN areas w ON w.code = l.parent_code
        LEFT JOIN areas b ON b.code = w.parent_code
        LEFT JOIN areas bn ON bn.level = 'borough' AND l.code IS NULL
             AND bn.name = regexp_extract(r."LSOA name", '^(.*) [0-9]{{3}}[A-Z]$', 1)
        GROUP BY ALL
        """
    ).df()
    raw["count"] = raw["count"].astype("int64")
    ours["borough"] = ours["borough"].astype(object).where(ours["borough"].notna(), None)
    raw["borough"] = raw["borough"].astype(object).where(raw["borough"].notna(), None)
    _compare(ours.fillna("(none)"), raw.fillna("(none)"), ["borough", "month", "crime_type"])
    assert int(ours["count"].sum()) == 217_273
    store.close()


def test_embedded_ward_and_borough_loader_on_shared_lsoa(shared: Path, tmp_path: Path) -> None:
    """The LSOA table (about two million monthly cells) loads and equals its raw sums."""
    store = Store(tmp_path / "lsoa.duckdb")
    path = shared / "data" / "mps" / "recorded-crime-lsoa.csv"
    report = ingest_mps_crime(store, path)
    assert report.rows == 105_620 * 20
    ours = counts(store, ["lsoa", "month", "offence-group"], "mps-crime")
    raw = _unpivot_sum(duckdb.connect(), path, "lsoa_code", "major_category")
    raw = raw.groupby(["area", "month", "offence_group"], as_index=False)["count"].sum()
    _compare(ours, raw.rename(columns={"area": "lsoa"}), ["lsoa", "month", "offence_group"])
    store.close()


def test_offence_groups_add_up_to_all_offences(demo_store: Store, london_plan: Plan) -> None:
    """The demo's offence-group table: groups sum to the total, which equals the plan's TNO."""
    from crimeplan.measures.offence_groups import offence_group_plan

    res = rate_plan(demo_store, offence_group_plan(demo_store), "Havering", "2025-26-Q2")
    counts_ = [r.value for r in res if r.unit == "count" and r.measure_id != "all-offences"]
    (total,) = [r.value for r in res if r.measure_id == "all-offences"]
    assert sum(counts_) == total
    (tno,) = [
        r
        for r in rate_plan(demo_store, london_plan, "Havering", "2025-26-Q2")
        if r.measure_id == "total-notifiable-offences"
    ]
    assert tno.value == total
