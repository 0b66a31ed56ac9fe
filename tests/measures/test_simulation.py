"""On data with no real change, the share of "significant change" calls is at most 5%.

Each scenario draws at least 1,000 series with a fixed seed and runs the production function
on every one. The exact Poisson test is conservative by construction, so its rate is held to
5% strictly. The negative binomial and proportion tests are approximate (their true rate is
about 5%): their bound is 5% plus the Monte Carlo error of the simulation (1.96 standard
errors of a 5% rate), said in the assertion message. Run with `-s` to see the rates.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from crimeplan.measures.change import (
    ALPHA,
    ChangeSignal,
    count_change,
    poisson_change,
    proportion_change,
)
from crimeplan.measures.survey import estimate_from_sums

SIGNIFICANT = {ChangeSignal.INCREASE, ChangeSignal.DECREASE}


def _mc_bound(n: int) -> float:
    return ALPHA + 1.96 * math.sqrt(ALPHA * (1 - ALPHA) / n)


@pytest.mark.parametrize("mu", [4.0, 40.0, 400.0])
def test_exact_poisson_test_calls_at_most_five_percent(mu: float) -> None:
    n = 1_000
    rng = np.random.default_rng(20260401)
    current, comparison = rng.poisson(mu, n), rng.poisson(mu, n)
    calls = sum(
        poisson_change(int(a), int(b)).signal in SIGNIFICANT
        for a, b in zip(current, comparison, strict=True)
    )
    rate = calls / n
    print(f"\nPoisson exact, mu={mu:g}: {calls}/{n} significant = {rate:.3f}")
    assert rate <= ALPHA


@pytest.mark.parametrize(("mu", "k"), [(50.0, 10.0), (200.0, 5.0), (20.0, 50.0)])
def test_count_change_on_overdispersed_counts_calls_about_five_percent(mu: float, k: float) -> None:
    """Monthly negative binomial counts with no change: 24 months of history, then the month
    tested against the same month last year. The Poisson test alone calls 7% to 75% of these
    (see docs/methods/statistics.md); `count_change` must not."""
    n = 2_000
    rng = np.random.default_rng(20260402)
    series = rng.negative_binomial(k, k / (k + mu), (n, 25))
    calls = 0
    for s in series:
        result = count_change(int(s[24]), int(s[12]), history=s[:24].tolist())
        calls += result.signal in SIGNIFICANT
    rate = calls / n
    bound = _mc_bound(n)
    print(f"\ncount_change, NB mu={mu:g} k={k:g}: {calls}/{n} significant = {rate:.3f}")
    assert rate <= bound, f"rate {rate:.3f} above 5% + Monte Carlo error ({bound:.3f})"


@pytest.mark.parametrize("respondents", [100, 800])
def test_proportion_change_on_weighted_waves_calls_about_five_percent(respondents: int) -> None:
    """Two independent weighted survey waves of `respondents` each, true proportion 60%,
    log-normal design weights (design effect about 1.4), weights independent of answers."""
    n = 4_000
    rng = np.random.default_rng(20260403)
    calls = 0
    for _ in range(n):
        estimates = []
        for _wave in range(2):
            w = rng.lognormal(0.0, 0.6, respondents)
            y = rng.random(respondents) < 0.6
            estimates.append(estimate_from_sums(respondents, w.sum(), (w**2).sum(), (w * y).sum()))
        a, b = estimates
        result = proportion_change(a.proportion, a.n_eff, b.proportion, b.n_eff)
        calls += result.signal in SIGNIFICANT
    rate = calls / n
    bound = _mc_bound(n)
    print(f"\nproportion_change, n={respondents}: {calls}/{n} significant = {rate:.3f}")
    assert rate <= bound, f"rate {rate:.3f} above 5% + Monte Carlo error ({bound:.3f})"


def test_spc_variation_icon_on_stable_series_rarely_signals() -> None:
    """24 stable monthly Poisson(100) counts: the variation icon (the latest point's class)
    shows special cause in at most 5% of charts. Any point of the chart is flagged far more
    often (about 17%), which is why the icon, not every coloured dot, is the signal."""
    from crimeplan.measures.spc import PointType, xmr_chart

    n = 1_000
    rng = np.random.default_rng(20260404)
    latest = any_point = 0
    for _ in range(n):
        chart = xmr_chart(rng.poisson(100, 24).astype(float).tolist(), polarity="lower_is_better")
        latest += chart.variation is not PointType.COMMON_CAUSE
        any_point += any(p.point_type is not PointType.COMMON_CAUSE for p in chart.points)
    print(
        f"\nSPC, 24 stable months: latest point special cause {latest}/{n} = {latest / n:.3f}; "
        f"any point {any_point / n:.3f}"
    )
    assert latest / n <= ALPHA
