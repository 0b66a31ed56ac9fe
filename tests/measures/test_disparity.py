"""The gap to the rest and its rating against the plan's +/-5 point aim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import confint_proportions_2indep

from crimeplan.measures.disparity import (
    AIM_POINTS,
    GapRating,
    gap_between,
    gaps_frame,
    group_gaps,
    rate_gap,
)
from crimeplan.measures.survey import weighted_proportion

bounds = st.floats(min_value=-100, max_value=100, allow_nan=False)


@given(bounds, bounds)
def test_rating_follows_the_definition(a: float, b: float) -> None:
    lower, upper = min(a, b), max(a, b)
    rating = rate_gap(lower, upper)
    inside = lower >= -AIM_POINTS and upper <= AIM_POINTS
    beyond = lower > AIM_POINTS or upper < -AIM_POINTS
    expected = (
        GapRating.WITHIN
        if inside
        else GapRating.OUTSIDE
        if beyond
        else GapRating.NOT_DISTINGUISHABLE
    )
    assert rating is expected
    # a gap of -x is rated as a gap of +x
    assert rate_gap(-upper, -lower) is rating


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [
        (-4.9, 4.9, GapRating.WITHIN),
        (-5.0, 5.0, GapRating.WITHIN),
        (5.1, 9.0, GapRating.OUTSIDE),
        (-30.0, -20.0, GapRating.OUTSIDE),
        (-7.0, -3.0, GapRating.NOT_DISTINGUISHABLE),
        (-8.0, 8.0, GapRating.NOT_DISTINGUISHABLE),
    ],
)
def test_rating_cases(lower: float, upper: float, expected: GapRating) -> None:
    assert rate_gap(lower, upper) is expected


def _trust_sample() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    groups = {"Black": (0.56, 1500), "Other minority": (0.76, 3000), "White": (0.82, 6000)}
    parts = [
        pd.DataFrame(
            {
                "ethnic_group": name,
                "positive": rng.random(n) < p,
                "weight": rng.lognormal(0, 0.4, n),
            }
        )
        for name, (p, n) in groups.items()
    ]
    return pd.concat(parts, ignore_index=True)


def test_gap_to_the_rest_matches_statsmodels_newcombe_on_effective_n() -> None:
    frame = _trust_sample()
    gaps = {g.group: g for g in group_gaps(frame, "ethnic_group")}
    black = frame[frame["ethnic_group"] == "Black"]
    rest = frame[frame["ethnic_group"] != "Black"]
    e1 = weighted_proportion(black["positive"], black["weight"])
    e2 = weighted_proportion(rest["positive"], rest["weight"])
    low, high = confint_proportions_2indep(
        e1.proportion * e1.n_eff, e1.n_eff, e2.proportion * e2.n_eff, e2.n_eff, method="newcomb"
    )
    gap = gaps["Black"]
    assert gap.gap == pytest.approx(e1.percentage - e2.percentage)
    assert (gap.lower, gap.upper) == pytest.approx((100 * low, 100 * high), rel=1e-9)
    assert gap.rating is GapRating.OUTSIDE
    assert gap.excludes_zero
    assert "outside the ±5 point aim" in gap.sentence
    assert gap.sentence.startswith("Black: 5")


def test_gap_to_a_named_reference_group() -> None:
    frame = _trust_sample()
    gaps = {g.group: g for g in group_gaps(frame, "ethnic_group", reference="White")}
    assert set(gaps) == {"Black", "Other minority"}
    assert gaps["Black"].reference == "White"
    white = frame[frame["ethnic_group"] == "White"]
    other = frame[frame["ethnic_group"] == "Other minority"]
    expected = (
        weighted_proportion(other["positive"], other["weight"]).percentage
        - weighted_proportion(white["positive"], white["weight"]).percentage
    )
    assert gaps["Other minority"].gap == pytest.approx(expected)
    with pytest.raises(ValueError, match="'Martian' has no respondents"):
        group_gaps(frame, "ethnic_group", reference="Martian")


def test_small_group_is_not_rated() -> None:
    small = weighted_proportion([True] * 20 + [False] * 10, [1.0] * 30)
    big = weighted_proportion([True] * 800 + [False] * 200, [1.0] * 1000)
    gap = gap_between(small, big, group_name="Small")
    assert gap.rating is GapRating.BASE_TOO_SMALL
    assert gap.gap is None
    assert gap.sentence == "Small: too few respondents to rate the gap."
    frame = gaps_frame([gap])
    assert frame.loc[0, "rating"] == "base_too_small"
