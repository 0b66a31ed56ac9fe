"""On data with no real change, the share of "significant change" calls is at most 5%.

Each scenario draws at least 1,000 series with a fixed seed and runs the production function
on every one. The count signal (the change test with season, trend and autocorrelation) is
held to at most 5% with the upper end of its 95% interval at most 6%, on independent and AR(1)
series, for the month, quarter, year to date and rolling 12 months; its power is printed. The
exact Poisson test is conservative by construction (held to 5% strictly). The proportion test
is approximate: its bound is 5% plus the Monte Carlo error. Run with `-s` to see the rates; the
table is in docs/methods/statistics.md section 6.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from crimeplan.measures.change import (
    ALPHA,
    ChangeSignal,
    poisson_change,
    proportion_change,
    seasonal_change_arrays,
)
from crimeplan.measures.noise import HISTORY_MONTHS
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


# --- the count signal on series with season, trend and autocorrelation ---------------------
# Series like a London borough's monthly burglary and robbery (medians over the 33 boroughs,
# April 2022 to March 2025, from the Met's table: burglary 133 a month, robbery 69, both with
# a quasi-Poisson dispersion of about 3 after season and trend). Each month's log mean is
# level + season (+/-10%, summer peak) + trend + e_t, e_t a Gaussian AR(1) with coefficient phi
# and a standard deviation giving that dispersion; the count is Poisson on it.
SERIES = {"burglary": (133.0, 0.12), "robbery": (69.0, 0.17)}
PERIODS = {"month": 1, "quarter": 3, "year to date": 9, "rolling 12 months": 12}
PHIS = (0.0, 0.3, 0.5, 0.7)
N_NULL = 4_000
N_POWER = 2_000
SEASON = 0.10 * np.cos(2 * np.pi * (np.arange(12) - 7) / 12)


def simulate(
    n: int,
    mu: float,
    sd: float,
    phi: float,
    months: int,
    *,
    slope: float = 0.08,
    rising: bool = False,
    change: float = 0.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(current sums, comparison sums, the 36 months of history before the current period).

    The current period is the `months` after the history; the comparison the same months a
    year earlier. Trend: `slope` a year on the log scale. With `rising=False` it runs until the
    comparison period starts and then stops, so with `change=0` the current and comparison
    periods have the same expected counts (no real change, a trend in the history); with
    `rising=True` the rise runs on and the current period is `change` above the comparison.
    """
    rng = np.random.default_rng(seed)
    h = HISTORY_MONTHS
    t = np.arange(h + months)
    trend = slope * (t if rising else np.minimum(t, h - 12)) / 12.0
    e = np.empty((n, len(t)))
    e[:, 0] = rng.normal(0.0, sd, n)
    innovation = sd * math.sqrt(1 - phi**2)
    for i in range(1, len(t)):
        e[:, i] = phi * e[:, i - 1] + rng.normal(0.0, innovation, n)
    log_mu = math.log(mu) + SEASON[t % 12] + trend + e - sd**2 / 2
    if change:
        log_mu[:, h:] += math.log1p(change) - (slope if rising else 0.0)
    y = rng.poisson(np.exp(log_mu))
    return y[:, h:].sum(axis=1), y[:, h - 12 : h - 12 + months].sum(axis=1), y[:, :h]


def called(current: np.ndarray, comparison: np.ndarray, history: np.ndarray, months: int) -> float:
    """Share of cells the production test calls significant (`seasonal_change_arrays` is what
    `count_change` runs, on many cells at once)."""
    out = seasonal_change_arrays(current, comparison, history, months=months)
    return float(np.mean(out["p_value"] < ALPHA))


def wilson_upper(rate: float, n: int) -> float:
    z = 1.96
    centre = rate + z * z / (2 * n)
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n))
    return (centre + half) / (1 + z * z / n)


@pytest.mark.slow
@pytest.mark.parametrize("series", list(SERIES))
@pytest.mark.parametrize("phi", PHIS)
def test_count_signal_false_alarms_at_most_five_percent(series: str, phi: float) -> None:
    """No real change (a trend in the history that stops, season, AR(1) noise): at most 5%
    of cells called significant, and the upper end of the 95% interval at most 6%, for the
    month, the quarter, the year to date and the rolling 12 months."""
    mu, sd = SERIES[series]
    for name, months in PERIODS.items():
        seed = 1000 * months + int(100 * phi) + len(series)
        rate = called(*simulate(N_NULL, mu, sd, phi, months, seed=seed), months)
        upper = wilson_upper(rate, N_NULL)
        print(f"\nfalse alarms, {series}, AR(1) {phi}, {name}: {rate:.3f} (95% upper {upper:.3f})")
        assert rate <= ALPHA and upper <= 0.06, (series, phi, name, rate, upper)


@pytest.mark.slow
@pytest.mark.parametrize("series", list(SERIES))
def test_power_is_printed_and_does_not_fall_while_a_rise_is_under_way(series: str) -> None:
    """Power for real changes of 10-50% (the share of such changes called significant), on
    flat series and on series already rising 10% a year: a sustained rise in the history must
    not make a real change harder to see (the old year-on-year dispersion counted it as noise)."""
    mu, sd = SERIES[series]
    for phi in (0.0, 0.5):
        for name, months in (("quarter", 3), ("year to date", 9)):
            flat_row, rising_row = [], []
            for change in (0.1, 0.2, 0.3, 0.5):
                seed = int(100 * change) + months
                flat = called(
                    *simulate(N_POWER, mu, sd, phi, months, slope=0.0, change=change, seed=seed),
                    months,
                )
                rising = called(
                    *simulate(
                        N_POWER,
                        mu,
                        sd,
                        phi,
                        months,
                        slope=0.1,
                        rising=True,
                        change=change,
                        seed=seed,
                    ),
                    months,
                )
                flat_row.append(flat)
                rising_row.append(rising)
                tolerance = 2.58 * math.sqrt(2 * 0.25 / N_POWER)
                assert rising >= flat - tolerance, (series, phi, name, change, flat, rising)
            print(
                f"\npower, {series}, AR(1) {phi}, {name}, +10/20/30/50%: "
                f"flat {' '.join(f'{x:.2f}' for x in flat_row)}; "
                f"rising {' '.join(f'{x:.2f}' for x in rising_row)}"
            )


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
