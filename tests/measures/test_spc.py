"""The MDC XmR chart against hand computation, textbook series and a brute-force reference."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crimeplan.measures.spc import (
    Assurance,
    PointType,
    Rule,
    assurance_icon,
    shift_points,
    trend_points,
    two_in_three_points,
    xmr_chart,
)

# A stable textbook series: alternating 10/12 has mean 11, every moving range 2.
STABLE = [10.0, 12.0] * 10


def test_limits_match_the_formulas_computed_by_hand() -> None:
    values = [5.0, 7.0, 6.0, 8.0, 6.0, 5.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0]
    mean = sum(values) / len(values)
    mr = [abs(b - a) for a, b in itertools.pairwise(values)]
    mr_bar = sum(mr) / len(mr)  # no range reaches 3.267 x mR-bar here
    assert max(mr) < 3.267 * mr_bar
    r = xmr_chart(values)
    assert r.mean == pytest.approx(mean)
    assert r.mr_bar == pytest.approx(mr_bar)
    assert r.upper_limit == pytest.approx(mean + 2.66 * mr_bar)
    assert r.lower_limit == pytest.approx(mean - 2.66 * mr_bar)
    assert r.points[0].near_upper == pytest.approx(mean + 2 * 2.66 / 3 * mr_bar)
    assert not r.trial_limits


def test_large_moving_ranges_are_screened_out_unless_excel_compatible() -> None:
    values = [10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 40.0, 10.0, 11.0, 10.0, 11.0]
    mr = np.abs(np.diff(values))
    kept = mr[mr < 3.267 * mr.mean()]
    assert xmr_chart(values).mr_bar == pytest.approx(kept.mean())
    assert xmr_chart(values, screen_outliers=False).mr_bar == pytest.approx(mr.mean())


def test_stable_series_is_common_cause_throughout() -> None:
    r = xmr_chart(STABLE, polarity="higher_is_better")
    assert {p.rule for p in r.points} == {Rule.NONE}
    assert r.variation is PointType.COMMON_CAUSE
    assert r.signal == "spc_common_cause"
    assert r.sentence.startswith("Common cause variation: no significant change")


def test_point_above_the_upper_limit_is_concern_when_lower_is_better() -> None:
    r = xmr_chart([*STABLE, 30.0], polarity="lower_is_better")
    assert r.points[-1].rule is Rule.OUTSIDE_LIMITS
    assert r.variation is PointType.CONCERN_HIGH
    assert xmr_chart([*STABLE, 30.0], polarity="higher_is_better").variation is (
        PointType.IMPROVEMENT_HIGH
    )
    assert xmr_chart([*STABLE, 30.0]).variation is PointType.NEUTRAL_HIGH


def test_seven_points_below_the_mean_is_a_shift() -> None:
    # 14 stable points then 7 points just below the mean (inside the near-limit band).
    series = [*STABLE[:14], 10.5, 10.6, 10.4, 10.5, 10.7, 10.5, 10.6]
    r = xmr_chart(series, polarity="lower_is_better", fix_after=14)
    assert [p.rule for p in r.points[-7:]] == [Rule.SHIFT] * 7
    assert r.variation is PointType.IMPROVEMENT_LOW
    # six points are not enough by default, but are with the Excel tool's option of 6
    six = xmr_chart(series[:-1], polarity="lower_is_better", fix_after=14)
    assert six.variation is PointType.COMMON_CAUSE
    six_rule = xmr_chart(series[:-1], polarity="lower_is_better", fix_after=14, run_length=6)
    assert six_rule.variation is PointType.IMPROVEMENT_LOW


def test_seven_rising_points_are_a_trend_classed_by_its_direction() -> None:
    series = [*STABLE, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0]
    r = xmr_chart(series, polarity="higher_is_better", fix_after=20)
    assert [p.rule for p in r.points[-7:]] == [Rule.TREND] * 7
    # the trend starts below the mean, yet a rising trend is an improvement when higher is better
    assert r.points[-7].point_type is PointType.IMPROVEMENT_HIGH
    assert r.variation is PointType.IMPROVEMENT_HIGH


def test_two_of_three_in_the_outer_band_on_one_side() -> None:
    # mean 11, mR-bar 2 -> band 14.55 to 16.32 above the mean
    series = [*STABLE, 15.0, 11.5, 15.5]
    r = xmr_chart(series, polarity="higher_is_better", fix_after=20)
    assert [p.rule for p in r.points[-3:]] == [Rule.TWO_IN_THREE, Rule.NONE, Rule.TWO_IN_THREE]
    assert r.variation is PointType.IMPROVEMENT_HIGH
    # the middle point below the mean breaks the rule
    broken = xmr_chart([*STABLE, 15.0, 10.5, 15.5], fix_after=20)
    assert broken.points[-1].rule is Rule.NONE


def test_outside_limits_takes_precedence_over_a_trend() -> None:
    series = [*STABLE, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 40.0]
    r = xmr_chart(series, fix_after=20)
    assert r.points[-1].rule is Rule.OUTSIDE_LIMITS
    assert r.points[-2].rule is Rule.TREND


def test_rebase_gives_each_segment_its_own_limits_and_icons_use_the_latest() -> None:
    series = [*STABLE, *[v + 20 for v in STABLE]]
    r = xmr_chart(series, rebase_at=[20], polarity="higher_is_better", target=40)
    assert r.points[0].mean == pytest.approx(11)
    assert r.mean == pytest.approx(31)
    assert r.variation is PointType.COMMON_CAUSE
    assert r.assurance is Assurance.CONSISTENT_FAIL  # 40 > 31 + 2.66 x 2 = 36.32


def test_trial_limits_under_twelve_points() -> None:
    assert xmr_chart(STABLE[:11]).trial_limits
    assert not xmr_chart(STABLE[:12]).trial_limits


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        (90, "higher_is_better", Assurance.CONSISTENT_FAIL),
        (60, "higher_is_better", Assurance.CONSISTENT_PASS),
        (80, "higher_is_better", Assurance.HIT_AND_MISS),
        (90, "lower_is_better", Assurance.CONSISTENT_PASS),
        (60, "lower_is_better", Assurance.CONSISTENT_FAIL),
        (80, "lower_is_better", Assurance.HIT_AND_MISS),
        (80, "neutral", None),
        (None, "higher_is_better", None),
    ],
)
def test_assurance_icon(target: float | None, polarity: str, expected: Assurance | None) -> None:
    assert assurance_icon(target, 70, 85, polarity) is expected  # type: ignore[arg-type]


def test_nhsrplotthedots_unit_examples() -> None:
    """The package's own test vectors (tests/testthat/test-ptd_calculate_point_type.R)."""
    # ptd_seven_point_trend(c(2, 1:7, 3)) marks the run 1..7 (ending at index 7)
    assert list(trend_points(np.array([2, 1, 2, 3, 4, 5, 6, 7, 3.0]))) == [0] + [1] * 7 + [0]
    assert list(trend_points(np.array([2, 7, 6, 5, 4, 3, 2, 1, 3.0]))) == [0] + [-1] * 7 + [0]
    assert not trend_points(np.array([1, 2, 3, 3, 4, 5, 6.0])).any()  # a tie breaks it
    # ptd_seven_point_one_side_mean(c(rep(1, 8), -1)) then part-of: the first 8 points
    assert list(shift_points(np.array([1] * 8 + [-1]))) == [1] * 8 + [0]
    assert not shift_points(np.array([1] * 6 + [-1])).any()
    # ptd_two_in_three(c(0, 0, 1, 1, 0, 0, 0)) then part-of: only the points in the band
    near = np.array([0, 0, 1, 1, 0, 0, 0], dtype=bool)
    assert list(two_in_three_points(near, np.ones(7, dtype=np.int64))) == list(near)
    gap = np.array([1, 0, 0, 1, 1], dtype=bool)
    assert list(two_in_three_points(gap, np.ones(5, dtype=np.int64))) == [0, 0, 0, 1, 1]


def _reference_flags(x: list[float], run: int) -> tuple[set[int], set[int], set[int]]:
    """Brute force: indices in trends, in shifts and in 2-of-3 groups, by plain loops."""
    n = len(x)
    mean = sum(x) / n
    mr = [abs(x[i] - x[i - 1]) for i in range(1, n)]
    mr_bar = sum(mr) / len(mr)
    mr_bar = sum(m for m in mr if m < 3.267 * mr_bar) / max(
        1, len([m for m in mr if m < 3.267 * mr_bar])
    )
    up, lo = mean + 2.66 * mr_bar, mean - 2.66 * mr_bar
    nup, nlo = mean + 2.66 * 2 / 3 * mr_bar, mean - 2.66 * 2 / 3 * mr_bar
    side = [(v > mean) - (v < mean) for v in x]
    trend: set[int] = set()
    shift: set[int] = set()
    two: set[int] = set()
    for s in range(n - run + 1):
        w = x[s : s + run]
        if all(b > a for a, b in itertools.pairwise(w)) or all(
            b < a for a, b in itertools.pairwise(w)
        ):
            trend |= set(range(s, s + run))
        if side[s] != 0 and all(v == side[s] for v in side[s : s + run]):
            shift |= set(range(s, s + run))
    band = [(nup < v <= up or lo <= v < nlo) and lo <= v <= up for v in x]
    for s in range(n - 2):
        if sum(band[s : s + 3]) >= 2 and abs(sum(side[s : s + 3])) == 3:
            two |= {i for i in range(s, s + 3) if band[i]}
    return trend, shift, two


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=12), min_size=8, max_size=40),
    st.sampled_from([6, 7]),
)
def test_rules_agree_with_brute_force(values: list[int], run: int) -> None:
    x = [float(v) for v in values]
    if len(set(x)) < 2:
        return
    r = xmr_chart(x, run_length=run)
    trend, shift, two = _reference_flags(x, run)
    for i, p in enumerate(r.points):
        outside = p.value > p.upper_limit or p.value < p.lower_limit
        expected = (
            Rule.OUTSIDE_LIMITS
            if outside
            else Rule.TREND
            if i in trend
            else Rule.TWO_IN_THREE
            if i in two
            else Rule.SHIFT
            if i in shift
            else Rule.NONE
        )
        assert p.rule is expected, (i, x)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(min_value=-1e3, max_value=1e3), min_size=3, max_size=30),
    st.floats(min_value=0.5, max_value=20),
    st.floats(min_value=-100, max_value=100),
)
def test_rules_do_not_depend_on_units_and_mirror_under_negation(
    values: list[float], scale: float, shift: float
) -> None:
    """Scaling and shifting the data leaves every rule unchanged; negating the data with the
    polarity swapped keeps improvement as improvement and concern as concern."""
    x = np.round(np.asarray(values), 3)
    if np.ptp(x) < 1e-3 or len(np.unique(x)) < 3:
        return
    base = xmr_chart(x.tolist(), polarity="higher_is_better")
    scaled = xmr_chart((x * scale + shift).tolist(), polarity="higher_is_better")
    mirrored = xmr_chart((-x).tolist(), polarity="lower_is_better")
    for a, b, c in zip(base.points, scaled.points, mirrored.points, strict=True):
        near_edge = min(
            abs(a.value - lim)
            for lim in (a.upper_limit, a.lower_limit, a.near_upper, a.near_lower, a.mean)
        )
        if near_edge < 1e-6 * max(1.0, abs(a.value)):
            continue  # floating-point ties at a limit may fall either side
        assert a.rule is b.rule
        assert a.rule is c.rule
        assert ("improvement" in a.point_type) == ("improvement" in c.point_type)
        assert ("concern" in a.point_type) == ("concern" in c.point_type)


def test_bad_input_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        xmr_chart([1.0])
    with pytest.raises(ValueError, match="without gaps"):
        xmr_chart([1.0, float("nan"), 2.0])
