"""The measures engine's two layouts of the periods give the same frame, and a code that two
levels share is counted once.

A few periods are summed as one column each in one pass (`PeriodColumns.wide`); many (the
months of a signal's history) as a row per period, with the comparisons joined. Both are run on
the same SYNTHETIC police.uk records and the Met's borough table, every cell compared. North
and West Northamptonshire are each both a local authority and a Community Safety Partnership
under one code: their figures are their records, counted once (the engine once counted them
at both levels, four times over, and left their figures blank as "incomplete").
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from crimeplan.geo import FORCE_CODE, Geography, data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.measures import facts
from crimeplan.measures.engine import rate_frame
from crimeplan.measures.offence_groups import offence_group_plan, police_uk_plan
from crimeplan.measures.periods import Period
from crimeplan.plan import Plan
from crimeplan.plan.model import Outcome, Priority
from crimeplan.store import Store
from crimeplan.synthetic.national import generate_national, month_range

NORTHAMPTONSHIRE, NORTH_NORTHANTS = "E23000022", "E06000061"
KEY = ["measure_id", "area_code", "period"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    d = tmp_path_factory.mktemp("layout")
    generate_national(
        d / "pu",
        month_range("2022-10", "2025-06"),
        rows_per_month=30_000,
        forces=[FORCE_CODE, NORTHAMPTONSHIRE],
    )
    s = Store(d / "s.duckdb")
    ingest_police_uk(s, d / "pu")
    ingest_mps_crime(s, data_dir() / "mps" / "recorded-crime-borough.csv.gz")
    yield s
    s.close()


def both_plans(store: Store) -> Plan:
    measures = offence_group_plan(store).measures()[:6] + [
        m.model_copy(update={"id": "pu-" + m.id}) for m in police_uk_plan(store).measures()
    ]
    return Plan(
        id="both",
        title="Both sources",
        priorities=[
            Priority(
                id="all",
                title="All",
                outcomes=[Outcome(id="all", title="All", measures=measures)],
            )
        ],
    )


def codes() -> list[str]:
    geo = Geography.load()
    out = {FORCE_CODE, NORTHAMPTONSHIRE, NORTH_NORTHANTS, "E06000062", "E09000016"}
    wards = geo.wards("E09000016")[:3] + geo.of_level("ward", NORTH_NORTHANTS)[:3]
    out |= {w.code for w in wards} | {a.code for w in wards for a in geo.children(w.code, "lsoa")}
    return sorted(out)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(KEY).reset_index(drop=True)
    return df.astype(object).where(df.notna(), None)


def test_columns_and_rows_per_period_give_the_same_frame(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = both_plans(store)
    periods = [Period.parse(p) for p in ("2024-25-Q3", "2025-05", "2023-24-Q2")]
    wide = rate_frame(store, plan, plan.measures(), codes(), periods)
    monkeypatch.setattr(facts, "MANY_PERIODS", 0)
    long = rate_frame(store, plan, plan.measures(), codes(), periods)
    assert {"mps-crime", "police-uk"} == {plan.measure(i).source for i in wide["measure_id"]}
    for col in ("prev_value", "ly_value", "ytd_value", "ytd_ly_value", "parent_period_value"):
        assert wide[col].notna().sum() > 50, col
    a, b = normalise(wide), normalise(long)
    assert list(a.columns) == list(b.columns) and len(a) == len(b) > 500
    for col in a.columns:
        diff = [i for i, (x, y) in enumerate(zip(a[col], b[col], strict=True)) if x != y]
        assert not diff, f"{col}: {len(diff)} cells differ, first {a.loc[diff[0], KEY].tolist()}"


def test_a_code_two_levels_share_is_counted_once(store: Store) -> None:
    plan = police_uk_plan(store)
    q3 = Period.parse("2024-25-Q3")
    df = rate_frame(store, plan, plan.measures(), [NORTH_NORTHANTS], [q3])
    row = df[(df["measure_id"] == "all-records") & (df["period"] == q3.label)].iloc[0]
    found = store.con.execute(
        "SELECT count(*) FROM police_uk_crimes WHERE lad_code = ? AND month BETWEEN ? AND ?",
        [NORTH_NORTHANTS, q3.start, q3.end],
    ).fetchone()
    assert found is not None
    records = found[0]
    assert records > 0
    assert row["numerator"] == records and row["value"] == records
