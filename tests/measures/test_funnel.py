"""Funnel limits and Poisson intervals against scipy, an independent implementation."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from crimeplan.measures import funnel
from crimeplan.measures.funnel import (
    FunnelPoint,
    compare_rate,
    funnel_curve,
    funnel_limit,
    funnel_position,
    poisson_cdf,
    poisson_funnel,
    poisson_interval,
    poisson_quantile,
)


def test_doctests() -> None:
    assert doctest.testmod(funnel).failed == 0


@settings(max_examples=200, deadline=None)
@given(k=st.integers(0, 5000), mean=st.floats(0.01, 4000))
def test_cdf_matches_scipy(k: int, mean: float) -> None:
    assert poisson_cdf(k, mean) == pytest.approx(stats.poisson.cdf(k, mean), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(p=st.sampled_from([0.001, 0.025, 0.5, 0.975, 0.999]), mean=st.floats(0.05, 50000))
def test_quantile_matches_scipy(p: float, mean: float) -> None:
    assert poisson_quantile(p, mean) == int(stats.poisson.ppf(p, mean))


@pytest.mark.parametrize("mean", [3.0, 47.5, 812.0, 23456.0])
@pytest.mark.parametrize("p", [0.001, 0.025, 0.975, 0.999])
def test_funnel_limit_is_spiegelhalter_interpolation(p: float, mean: float) -> None:
    """Appendix A.1.1 of Spiegelhalter (2005), computed here with scipy."""
    r = stats.poisson.ppf(p, mean)
    f_r, f_before = stats.poisson.cdf(r, mean), stats.poisson.cdf(r - 1, mean)
    expected = max(0.0, r - (f_r - p) / (f_r - f_before))  # a count limit is never below 0
    assert funnel_limit(p, mean) == pytest.approx(expected, abs=1e-6)


def test_funnel_rates_and_widths() -> None:
    """London-like case: 80 offences per 1,000 residents, boroughs of 10k to 400k residents."""
    points = poisson_funnel(80.0, [10_000, 100_000, 400_000])
    for pt in points:
        expected = 80.0 * pt.denominator / 1000
        assert pt.upper_998 == pytest.approx(funnel_limit(0.999, expected) * 1000 / pt.denominator)
        assert pt.lower_998 < pt.lower_95 < 80.0 < pt.upper_95 < pt.upper_998
    widths = [p.upper_95 - p.lower_95 for p in points]
    assert widths == sorted(widths, reverse=True)  # the funnel narrows as areas grow
    # Normal approximation as a rough second oracle: 1.96 * sqrt(expected) on the count scale.
    big = points[2]
    approx = 1.96 * (80.0 * 400) ** 0.5 * 1000 / 400_000
    assert big.upper_95 - 80.0 == pytest.approx(approx, rel=0.02)


def test_funnel_position() -> None:
    limits = FunnelPoint(1000, 50.0, 60.0, 100.0, 110.0)
    assert [funnel_position(r, limits) for r in (120, 105, 100, 80, 60, 55, 40)] == [
        "above 99.8%",
        "above 95%",
        "within 95%",
        "within 95%",
        "within 95%",
        "below 95%",
        "below 99.8%",
    ]


@pytest.mark.parametrize("count", [0, 1, 5, 37, 1200, 13014])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_poisson_interval_matches_chi_square_form(count: int, level: float) -> None:
    """Garwood: lower = chi2((1-level)/2, 2k)/2, upper = chi2((1+level)/2, 2k+2)/2."""
    a = 1 - level
    lower = 0.0 if count == 0 else stats.chi2.ppf(a / 2, 2 * count) / 2
    upper = stats.chi2.ppf(1 - a / 2, 2 * count + 2) / 2
    lo, hi = poisson_interval(count, level)
    assert lo == pytest.approx(lower, rel=1e-7, abs=1e-9)
    assert hi == pytest.approx(upper, rel=1e-7)


def test_bad_inputs_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="denominator 0"):
        poisson_funnel(80.0, [0])
    with pytest.raises(ValueError, match="whole number"):
        poisson_interval(2.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        poisson_quantile(1.0, 3.0)


def test_compare_rate_against_scipy() -> None:
    """Havering-sized borough (262k residents), 13,014 offences, London at 45 per 1,000."""
    c = compare_rate(13014, 262_000, 45.0)
    assert c.rate == pytest.approx(13014 * 1000 / 262_000)
    assert c.lower_95 == pytest.approx(stats.chi2.ppf(0.025, 2 * 13014) / 2 * 1000 / 262_000)
    assert c.upper_95 == pytest.approx(stats.chi2.ppf(0.975, 2 * 13014 + 2) / 2 * 1000 / 262_000)
    assert c.position == "above 99.8%"  # 49.7 per 1,000 is far outside chance at this size
    assert compare_rate(45 * 262, 262_000, 45.0).position == "within 95%"


def test_funnel_curve_spans_the_range() -> None:
    curve = funnel_curve(45.0, 8_000, 400_000, points=5)
    assert [round(p.denominator) for p in (curve[0], curve[-1])] == [8_000, 400_000]
    assert len(curve) == 5
