"""The noise model (season, trend, autocorrelation) and the change test built on it."""

from __future__ import annotations

import math

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from crimeplan.measures.change import ALPHA, ChangeSignal, count_change, seasonal_change_arrays
from crimeplan.measures.noise import (
    HISTORY_MONTHS,
    RESIDUAL_DF,
    design_matrix,
    fit_noise,
    fit_poisson_trend_season,
)


def _series(seed: int, n: int = HISTORY_MONTHS, mu: float = 120.0, sd: float = 0.15) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    log_mu = np.log(mu) + 0.1 * np.cos(2 * np.pi * t / 12) + 0.05 * t / 12
    return rng.poisson(np.exp(log_mu + rng.normal(0, sd, n))).astype(float)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_trend_and_season_fit_and_dispersion_match_statsmodels(seed: int) -> None:
    y = _series(seed)
    glm = sm.GLM(y, design_matrix(), family=sm.families.Poisson()).fit()
    ours = fit_poisson_trend_season(y[None, :])[0]
    assert np.allclose(ours, glm.fittedvalues, rtol=1e-6)
    # with no autocorrelation, phi is the Pearson chi-square over 23 df (floored at 1); the
    # REML projection is the unweighted one, so it agrees to within 1%
    fit = fit_noise(y[None, :])
    pearson = glm.pearson_chi2 / glm.df_resid
    assert glm.df_resid == RESIDUAL_DF
    assert float(fit.scale[0, 0]) == pytest.approx(max(pearson, 1.0), rel=1e-2)


def test_a_sustained_rise_is_not_noise() -> None:
    """A steady 20% a year rise with Poisson noise: the model's dispersion stays near 1 (the
    old year-on-year estimate counted the rise as noise)."""
    rng = np.random.default_rng(5)
    t = np.arange(HISTORY_MONTHS)
    y = rng.poisson(100 * np.exp(np.log(1.2) * t / 12), (400, HISTORY_MONTHS)).astype(float)
    assert np.median(fit_noise(y).dispersion) < 1.2


def test_too_little_history_is_not_testable_and_says_why() -> None:
    r = count_change(130, 100, history=[100.0] * 35, months=3)
    assert r.signal is ChangeSignal.NOT_TESTABLE
    assert r.reason == "needs 36 months of history before the period, 35 loaded"
    assert count_change(0, 0, history=[1.0] * 36).reason == "no offences in either period"


def test_more_history_never_changes_the_verdict() -> None:
    y = _series(9, n=120).tolist()
    short = count_change(150, 120, history=y[-36:], months=3)
    long = count_change(150, 120, history=y, months=3)
    assert short == long


def test_with_poisson_noise_the_statistic_is_the_conditional_tests_normal_form() -> None:
    seasonal = [100.0 * (1 + 0.1 * ((i % 12) == 6)) for i in range(36)]  # exact fit: phi = 1
    r = count_change(130, 100, history=seasonal, months=1)
    z = (130 - 100) / math.sqrt(230)
    assert r.p_value == pytest.approx(2 * stats.t.sf(z, RESIDUAL_DF))
    assert r.variance_factor == pytest.approx(1.0)


@pytest.mark.parametrize("months", [1, 3, 9, 12])
def test_the_detectable_change_is_where_the_test_turns_significant(months: int) -> None:
    h = _series(4)[None, :]
    b = 400.0
    out = seasonal_change_arrays([b], [b], h, months=months)
    up, down = float(out["detectable_up"][0]), float(out["detectable_down"][0])
    at_up = seasonal_change_arrays([b * up], [b], h, months=months)
    at_down = seasonal_change_arrays([b * down], [b], h, months=months)
    assert float(at_up["p_value"][0]) == pytest.approx(ALPHA, rel=1e-6)
    assert float(at_down["p_value"][0]) == pytest.approx(ALPHA, rel=1e-6)


def test_autocorrelated_noise_widens_long_sums_more_than_months() -> None:
    rng = np.random.default_rng(11)
    n, rho, sd = 300, 0.7, 0.15
    e = np.zeros((n, HISTORY_MONTHS))
    e[:, 0] = rng.normal(0, sd, n)
    for i in range(1, HISTORY_MONTHS):
        e[:, i] = rho * e[:, i - 1] + rng.normal(0, sd * math.sqrt(1 - rho**2), n)
    y = rng.poisson(100 * np.exp(e)).astype(float)
    fit = fit_noise(y)
    assert np.median(fit.variance_factor(12)) > 1.5 * np.median(fit.variance_factor(1))
