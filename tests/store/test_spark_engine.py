"""The full measure set gives identical values on DuckDB and on Spark (every cell).

One small but complete store: SYNTHETIC police.uk records for three forces over 33 months (so
both 2011- and 2021-coded LSOAs), the Met's borough and ward tables as shipped, and a values
file with counts and percentages. Every measure of the London plan (Met tables), every police.uk
crime type (count and rate) and the values measures are computed for forces, Community Safety
Partnerships, local authorities, London boroughs, wards and LSOAs, for a quarter, a month and a
quarter a year earlier, with their previous, last-year and year-to-date comparisons, ratings
and the force beside each: the whole frame must be equal cell for cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crimeplan.geo import FORCE_CODE, Geography, data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.ingest.values import ingest_values
from crimeplan.measures.engine import rate_frame
from crimeplan.measures.offence_groups import police_uk_plan
from crimeplan.measures.periods import Period
from crimeplan.plan import Plan, load_plan
from crimeplan.plan.model import Outcome, Priority
from crimeplan.store import Store
from crimeplan.store.engines import SparkStore, spark_available
from crimeplan.synthetic.national import generate_national, month_range

ROOT = Path(__file__).resolve().parents[2]
FORCES = [FORCE_CODE, "E23000034", "E23000017"]  # Met, City of London, Warwickshire
KEY = ["measure_id", "area_code", "period"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(spark_available() is not None, reason=str(spark_available())),
]


@pytest.fixture(scope="module")
def national_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    d = tmp_path_factory.mktemp("spark")
    generate_national(
        d / "pu", month_range("2022-10", "2025-06"), rows_per_month=20_000, forces=FORCES
    )
    store = Store(d / "s.duckdb")
    ingest_police_uk(store, d / "pu")
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-borough.csv.gz")
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-ward.csv.gz")
    rng = np.random.default_rng(7)
    rows = ["area,period,measure,numerator,denominator"]
    for area in ("Havering", "Warwick"):
        for q in ("2023-24-Q1", "2023-24-Q2", "2023-24-Q3", "2024-25-Q1", "2024-25-Q2"):
            rows.append(f"{area},{q},asb-incidents,{rng.integers(800, 1500)},")
        for m in month_range("2023-04", "2025-06"):
            d_ = int(rng.integers(40, 90))
            rows.append(f"{area},{m},marac-repeat-referrals,{rng.integers(5, d_)},{d_}")
    (d / "values.csv").write_text("\n".join(rows) + "\n")
    ingest_values(store, d / "values.csv")
    yield store
    store.close()


def full_plan(store: Store) -> Plan:
    """Every Met-table measure of the London plan, every police.uk crime type and the values
    measures of the Havering plan, in one plan (police.uk ids prefixed to keep them unique)."""
    london = load_plan(ROOT / "plans" / "london-2021-25.yaml")
    havering = load_plan(ROOT / "plans" / "havering-2016-17.yaml")
    measures = [m for m in london.measures() if m.source == "mps-crime"]
    measures += [m for m in havering.measures() if m.source == "values"]
    measures += [
        m.model_copy(update={"id": "pu-" + m.id}) for m in police_uk_plan(store).measures()
    ]
    return Plan(
        id="all",
        title="Every measure",
        priorities=[
            Priority(
                id="all",
                title="All",
                outcomes=[Outcome(id="all", title="All", measures=measures)],
            )
        ],
    )


def area_codes() -> list[str]:
    geo = Geography.load()
    codes = set(FORCES)
    codes |= {a.code for a in geo.boroughs()}
    warwickshire = geo.of_level("lad", "E23000017")
    codes |= {a.code for a in geo.of_level("csp", "E23000017")} | {a.code for a in warwickshire}
    wards = geo.wards("E09000016") + geo.wards("E09000001") + geo.wards(warwickshire[0].code)
    codes |= {w.code for w in wards}
    codes |= {a.code for w in wards for a in geo.children(w.code, "lsoa")}
    return sorted(codes)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(KEY).reset_index(drop=True)
    return df.astype(object).where(df.notna(), None)


def test_full_measure_set_equal_on_duckdb_and_spark(national_store: Store) -> None:
    plan = full_plan(national_store)
    codes = area_codes()
    periods = [Period.parse(p) for p in ("2024-25-Q3", "2025-05", "2023-24-Q2")]
    duck = rate_frame(national_store, plan, plan.measures(), codes, periods)
    with SparkStore(national_store) as spark:
        on_spark = rate_frame(spark, plan, plan.measures(), codes, periods)

    geo = Geography.load()
    levels = {geo.area(c).level for c in duck["area_code"]}
    assert levels == {"force", "csp", "lad", "borough", "ward", "lsoa"}
    sources = {m.source for m in plan.measures() if m.id in set(duck["measure_id"])}
    assert sources == {"mps-crime", "police-uk", "values"}
    # The comparisons are there to compare: year to date, last year and the force beside.
    for col in ("ytd_value", "ytd_ly_value", "ly_value", "prev_value", "parent_period_value"):
        assert duck[col].notna().sum() > 100, col
    # 2011-coded LSOAs (before 2023) counted in their 2021 LSOA: last year's LSOA figures exist.
    lsoa = duck[duck["area_code"].isin([c for c in codes if geo.area(c).level == "lsoa"])]
    assert lsoa["ly_value"].notna().sum() > 0

    a, b = normalise(duck), normalise(on_spark)
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b) and len(a) > 10_000
    for col in a.columns:
        diff = [i for i, (x, y) in enumerate(zip(a[col], b[col], strict=True)) if x != y]
        assert not diff, f"{col}: {len(diff)} cells differ, first {a.loc[diff[0], KEY].tolist()}"
