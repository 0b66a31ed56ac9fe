"""Change tests against statsmodels and scipy on fixed inputs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.proportion import test_proportions_2indep as sm_test_proportions_2indep
from statsmodels.stats.rates import confint_poisson_2indep
from statsmodels.stats.rates import test_poisson_2indep as sm_test_poisson_2indep

from crimeplan.measures.change import (
    ChangeSignal,
    benjamini_hochberg,
    difference_interval,
    negative_binomial_change,
    poisson_change,
    proportion_change,
)

COUNT_PAIRS = [(0, 3), (3, 0), (1, 9), (12, 5), (30, 20), (130, 100), (100, 130), (812, 745)]


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' ratio at b=0
@pytest.mark.parametrize(("current", "comparison"), COUNT_PAIRS)
@pytest.mark.parametrize(("days_now", "days_then"), [(1, 1), (92, 90), (28, 31)])
def test_poisson_exact_conditional_matches_statsmodels(
    current: int, comparison: int, days_now: int, days_then: int
) -> None:
    ours = poisson_change(current, comparison, exposure_ratio=days_now / days_then)
    theirs = sm_test_poisson_2indep(current, days_now, comparison, days_then, method="exact-cond")
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9, abs=1e-12)
    # the interval is Clopper-Pearson on current / total, mapped to the rate ratio
    low, high = proportion_confint(current, current + comparison, method="beta")
    r = days_now / days_then
    assert ours.lower == pytest.approx(low / (1 - low) / r)
    if high < 1:
        assert ours.upper == pytest.approx(high / (1 - high) / r)
    else:
        assert math.isinf(ours.upper)


def test_poisson_signal_and_sentence() -> None:
    up = poisson_change(160, 100)
    assert up.signal is ChangeSignal.INCREASE
    assert up.sentence == "a significant increase"
    assert up.estimate == pytest.approx(1.6)
    down = poisson_change(60, 100)
    assert down.signal is ChangeSignal.DECREASE
    assert down.sentence == "a significant decrease"
    assert poisson_change(105, 100).sentence == "no significant change"
    assert poisson_change(0, 0).signal is ChangeSignal.NOT_TESTABLE


@pytest.mark.parametrize(("current", "comparison"), [(12, 5), (30, 20), (130, 100), (812, 745)])
def test_negative_binomial_without_overdispersion_is_statsmodels_wald_log(
    current: int, comparison: int
) -> None:
    ours = negative_binomial_change(current, comparison, size=math.inf)
    theirs = sm_test_poisson_2indep(current, 1, comparison, 1, method="wald-log")
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)
    low, high = confint_poisson_2indep(current, 1, comparison, 1, method="wald-log")
    assert (ours.lower, ours.upper) == pytest.approx((low, high), rel=1e-9)


def test_negative_binomial_interval_widens_with_overdispersion() -> None:
    poisson = negative_binomial_change(130, 100, size=math.inf)
    nb = negative_binomial_change(130, 100, size=20, df=11)
    se = math.sqrt(1 / 130 + 1 / 100 + 2 / 20)
    from scipy import stats

    assert nb.p_value == pytest.approx(2 * stats.t.sf(math.log(1.3) / se, 11))
    assert nb.lower < poisson.lower and nb.upper > poisson.upper


PROPORTION_CASES = [
    (480, 800, 440, 800),
    (56, 100, 76, 100),
    (820, 1000, 560, 1000),
    (30, 60, 31, 55),
]


@pytest.mark.parametrize(("x1", "n1", "x2", "n2"), PROPORTION_CASES)
def test_proportion_change_matches_statsmodels(x1: int, n1: int, x2: int, n2: int) -> None:
    ours = proportion_change(x1 / n1, n1, x2 / n2, n2)
    theirs = sm_test_proportions_2indep(x1, n1, x2, n2, method="score", correction=False)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)
    low, high = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb")
    assert (ours.lower, ours.upper) == pytest.approx((100 * low, 100 * high), rel=1e-9)
    assert ours.estimate == pytest.approx(100 * (x1 / n1 - x2 / n2))


def test_difference_interval_on_fractional_effective_n_matches_statsmodels() -> None:
    low, high = difference_interval(0.561, 412.7, 0.803, 1873.2)
    theirs = confint_proportions_2indep(
        0.561 * 412.7, 412.7, 0.803 * 1873.2, 1873.2, method="newcomb"
    )
    assert (low, high) == pytest.approx(theirs, rel=1e-9)


def test_benjamini_hochberg_matches_statsmodels() -> None:
    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
    assert benjamini_hochberg(p) == list(multipletests(p, alpha=0.05, method="fdr_bh")[0])
    assert benjamini_hochberg([]) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2_000), st.integers(min_value=0, max_value=2_000))
def test_swapping_the_periods_mirrors_the_poisson_verdict(a: int, b: int) -> None:
    """The test is symmetric: swapping current and comparison gives the same p-value, the
    reciprocal rate ratio and interval, and the opposite direction."""
    forward, backward = poisson_change(a, b), poisson_change(b, a)
    if a + b == 0:
        assert forward.signal is backward.signal is ChangeSignal.NOT_TESTABLE
        return
    assert forward.p_value == pytest.approx(backward.p_value, rel=1e-9)
    mirror = {
        ChangeSignal.INCREASE: ChangeSignal.DECREASE,
        ChangeSignal.DECREASE: ChangeSignal.INCREASE,
        ChangeSignal.NO_CHANGE: ChangeSignal.NO_CHANGE,
    }
    assert backward.signal is mirror[forward.signal]
    if a > 0 and b > 0:
        assert forward.lower == pytest.approx(1 / backward.upper, rel=1e-9)
        assert forward.lower <= forward.estimate <= forward.upper
