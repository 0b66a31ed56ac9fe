"""Survey statistics against statsmodels and plain pandas over the same respondents."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from crimeplan.measures.survey import (
    add_estimates,
    breakdowns,
    group_sums,
    kish_effective_n,
    rolling_sums,
    weighted_proportion,
    wilson_interval,
)


def _respondents(n: int = 3_000, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    months = pd.date_range("2022-01-01", periods=30, freq="MS")
    return pd.DataFrame(
        {
            "month": rng.choice(months, n),
            "borough": rng.choice(["E09000001", "E09000007", "E09000022"], n),
            "sex": rng.choice(["female", "male", None], n, p=[0.5, 0.48, 0.02]),
            "ethnic_group": rng.choice(["Black", "White", "Asian"], n, p=[0.15, 0.55, 0.3]),
            "weight": rng.lognormal(0, 0.5, n),
            "positive": rng.random(n) < 0.7,
        }
    )


def test_weighted_proportion_matches_statsmodels_descrstatsw() -> None:
    frame = _respondents()
    ours = weighted_proportion(frame["positive"], frame["weight"])
    d = DescrStatsW(frame["positive"].astype(float), weights=frame["weight"])
    assert ours.percentage == pytest.approx(100 * d.mean)
    w = frame["weight"].to_numpy()
    assert ours.n_eff == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert ours.base == len(frame)
    assert ours.design_effect == pytest.approx(len(frame) / ours.n_eff)
    low, high = proportion_confint(d.mean * ours.n_eff, ours.n_eff, method="wilson")
    assert (ours.lower, ours.upper) == pytest.approx((100 * low, 100 * high), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1), st.floats(min_value=1, max_value=1e5))
def test_wilson_interval_matches_statsmodels(p: float, n: float) -> None:
    ours = wilson_interval(p, n)
    theirs = proportion_confint(p * n, n, method="wilson")
    assert ours == pytest.approx(theirs, rel=1e-7, abs=1e-10)
    assert 0 <= ours[0] <= p + 1e-12 and p - 1e-12 <= ours[1] <= 1


def test_kish_effective_n_of_ipsos_like_weights() -> None:
    # equal weights lose nothing; unequal weights lose precision
    assert kish_effective_n([2.0] * 10) == pytest.approx(10)
    assert kish_effective_n([1.0] * 5 + [3.0] * 5) == pytest.approx(400 / 50)
    with pytest.raises(ValueError, match=">= 0"):
        kish_effective_n([1.0, -1.0])


def test_rolling_twelve_months_equals_the_estimate_over_the_window() -> None:
    frame = _respondents()
    monthly = group_sums(frame, ["borough", "month"])
    rolled = add_estimates(rolling_sums(monthly, ["borough"]))
    row = rolled[
        (rolled["borough"] == "E09000007") & (rolled["month"] == pd.Timestamp("2023-06-01"))
    ].iloc[0]
    window = frame[
        (frame["borough"] == "E09000007")
        & (frame["month"] > pd.Timestamp("2022-06-01"))
        & (frame["month"] <= pd.Timestamp("2023-06-01"))
    ]
    direct = weighted_proportion(window["positive"], window["weight"])
    assert row["base"] == direct.base
    assert row["percentage"] == pytest.approx(direct.percentage)
    assert row["n_eff"] == pytest.approx(direct.n_eff)
    assert row["months_in_window"] == 12


def test_rolling_counts_missing_months_as_empty() -> None:
    monthly = pd.DataFrame(
        {
            "month": pd.to_datetime(["2023-01-01", "2023-03-01"]),
            "base": [10, 20],
            "sum_w": [10.0, 20.0],
            "sum_w2": [10.0, 20.0],
            "sum_wy": [5.0, 10.0],
        }
    )
    rolled = rolling_sums(monthly, months=2)
    assert list(rolled["month"].dt.strftime("%Y-%m")) == ["2023-01", "2023-02", "2023-03"]
    assert list(rolled["base"]) == [10, 10, 20]
    assert list(rolled["months_in_window"]) == [1, 1, 1]


def test_breakdowns_match_pandas_groupby_for_each_characteristic() -> None:
    frame = _respondents()
    table = breakdowns(frame, ["sex", "ethnic_group"])
    assert set(table["characteristic"]) == {"sex", "ethnic_group"}
    for _characteristic, part in table.groupby("characteristic"):
        assert part["base"].sum() == len(frame)  # every respondent in exactly one group
    black = table[(table["characteristic"] == "ethnic_group") & (table["group"] == "Black")]
    sub = frame[frame["ethnic_group"] == "Black"]
    expected = 100 * np.average(sub["positive"], weights=sub["weight"])
    assert black["percentage"].iloc[0] == pytest.approx(expected)
    not_recorded = table[(table["characteristic"] == "sex") & (table["group"] == "not recorded")]
    assert not_recorded["base"].iloc[0] == frame["sex"].isna().sum()


def test_breakdowns_by_area_keep_the_area_key() -> None:
    frame = _respondents()
    table = breakdowns(frame, ["sex"], by=["borough"])
    assert set(table["borough"]) == set(frame["borough"])
    assert table["base"].sum() == len(frame)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]),
            st.integers(min_value=0, max_value=20),  # month index
            st.floats(min_value=0.1, max_value=5),
            st.booleans(),
        ),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=1, max_value=12),
)
def test_rolling_sums_equal_a_brute_force_window(
    rows: list[tuple[str, int, float, bool]], months: int
) -> None:
    frame = pd.DataFrame(rows, columns=["area", "m", "weight", "positive"])
    frame["month"] = pd.Timestamp("2020-01-01") + frame["m"].map(lambda m: pd.DateOffset(months=m))
    monthly = group_sums(frame, ["area", "month"])
    rolled = rolling_sums(monthly, ["area"], months=months)
    first, last = frame["m"].min(), frame["m"].max()
    assert len(rolled) == frame["area"].nunique() * (last - first + 1)  # every area, every month
    for row in rolled.itertuples():
        end = (row.month.year - 2020) * 12 + row.month.month - 1
        window = frame[
            (frame["area"] == row.area) & (frame["m"] > end - months) & (frame["m"] <= end)
        ]
        assert row.base == len(window)
        assert row.sum_w == pytest.approx(window["weight"].sum(), abs=1e-9)
        assert row.sum_wy == pytest.approx((window["weight"] * window["positive"]).sum(), abs=1e-9)
        assert row.months_in_window == window["m"].nunique()
