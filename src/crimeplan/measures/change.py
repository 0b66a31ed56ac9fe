"""Is a change real or noise? Tests of change for counts and for survey proportions.

Counts (crimes in a period against the same months last year):

- `count_change` is what the engine calls. Its noise comes from the series' own recent
  history: exactly the 36 months before the period tested, fitted with season (month of year)
  and a linear trend, with a quasi-Poisson dispersion and an allowance for month-to-month
  autocorrelation (`noise.py`). Under no change, t = (a - r b) / sqrt(V r (a + b)) is referred
  to Student's t on 23 degrees of freedom, V being the model's variance factor for a sum of m
  months (r the exposure ratio). With fewer than 36 months loaded the cell is "not testable"
  and says so: there is no silent switch to another test, so the same numbers always get the
  same verdict. `detectable_up` / `detectable_down` give the smallest changes the test could
  call significant there.
- `poisson_change`: the exact conditional test (given n = a + b, a ~ Binomial(n, r/(1+r))),
  kept as a reference and for callers with no history; it is right only for pure Poisson
  counts, which crime series are not (docs/methods/statistics.md).
- `negative_binomial_change`: the delta-method test with a known negative binomial size k.

Proportions (survey waves, non-overlapping periods): `proportion_change`, a two-sample z-test
with the pooled proportion under no change, on Kish effective sample sizes, and Newcombe's
hybrid score (MOVER-Wilson) interval of the difference.

Source: quasi-Poisson regression, McCullagh and Nelder (1989) section 4.5; AR(1) inflation of
the variance of a sum, Box, Jenkins and Reinsel section 2.1 (Newey and West 1987 for the same
long-run variance idea); Krishnamoorthy and Thomson (2004) for the conditional test; Newcombe
(1998) method 10 for the interval; shared/research/performance-monitoring-anchors.md sections
2.2 and 2.4. Rationale: a signal that calls noise a change, or misses a real one without
saying so, misleads a committee (issues 5 and 12).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
from scipy import stats

from crimeplan.measures.noise import (
    HISTORY_MONTHS,
    RESIDUAL_DF,
    FloatArray,
    fit_noise,
)
from crimeplan.measures.survey import wilson_interval

ALPHA = 0.05
"""Significance level of every change test: a change is called significant when p < 0.05."""


class ChangeSignal(StrEnum):
    """The signal code a change test gives (goes in `MeasureResult.signal`)."""

    INCREASE = "significant_increase"
    DECREASE = "significant_decrease"
    NO_CHANGE = "no_significant_change"
    NOT_TESTABLE = "not_testable"


SIGNAL_SENTENCES: dict[ChangeSignal, str] = {
    ChangeSignal.INCREASE: "a significant increase",
    ChangeSignal.DECREASE: "a significant decrease",
    ChangeSignal.NO_CHANGE: "no significant change",
    ChangeSignal.NOT_TESTABLE: "too little data to test for change",
}


@dataclass(frozen=True)
class ChangeResult:
    """A change test's verdict: the estimate (a rate ratio or a difference in points), its 95%
    interval, the p-value, the signal code and a plain-English sentence."""

    method: str
    estimate: float
    lower: float
    upper: float
    p_value: float
    signal: ChangeSignal
    current: float
    comparison: float

    @property
    def sentence(self) -> str:
        return SIGNAL_SENTENCES[self.signal]


def _signal(p_value: float, direction: float, alpha: float) -> ChangeSignal:
    if not math.isfinite(p_value):
        return ChangeSignal.NOT_TESTABLE
    if p_value >= alpha or direction == 0:
        return ChangeSignal.NO_CHANGE
    return ChangeSignal.INCREASE if direction > 0 else ChangeSignal.DECREASE


def poisson_change(
    current: int, comparison: int, *, exposure_ratio: float = 1.0, alpha: float = ALPHA
) -> ChangeResult:
    """Exact conditional test of a count against a comparison count (Poisson, no overdispersion).

    `exposure_ratio` is the current period's exposure over the comparison's (e.g. 92/90 days).
    The estimate is the rate ratio (current / comparison) / exposure_ratio.

    >>> r = poisson_change(130, 100)
    >>> round(r.p_value, 3), r.sentence
    (0.056, 'no significant change')
    """
    if current < 0 or comparison < 0 or exposure_ratio <= 0:
        raise ValueError("counts must be >= 0 and the exposure ratio > 0")
    n = current + comparison
    if n == 0:
        return ChangeResult(
            "poisson-exact-conditional",
            math.nan,
            math.nan,
            math.nan,
            math.nan,
            ChangeSignal.NOT_TESTABLE,
            current,
            comparison,
        )
    p0 = exposure_ratio / (1 + exposure_ratio)
    p_value = float(stats.binomtest(current, n, p0).pvalue)
    # Clopper-Pearson interval of current / n
    low = 0.0 if current == 0 else float(stats.beta.ppf(alpha / 2, current, n - current + 1))
    high = 1.0 if current == n else float(stats.beta.ppf(1 - alpha / 2, current + 1, n - current))

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) / exposure_ratio

    estimate = current / comparison / exposure_ratio if comparison else math.inf
    return ChangeResult(
        method="poisson-exact-conditional",
        estimate=estimate,
        lower=to_ratio(low),
        upper=to_ratio(high),
        p_value=p_value,
        signal=_signal(p_value, current - p0 * n, alpha),
        current=current,
        comparison=comparison,
    )


def negative_binomial_change(
    current: int,
    comparison: int,
    *,
    size: float,
    df: float = math.inf,
    exposure_ratio: float = 1.0,
    alpha: float = ALPHA,
) -> ChangeResult:
    """Test of the log rate ratio when both counts are negative binomial of size k (`size`).

    SE(log RR) = sqrt(1/a + 1/b + 2/k) by the delta method; the statistic log RR / SE is
    referred to Student's t with `df` degrees of freedom (those of the estimate of k; infinity
    gives the normal). With k = infinity and df = infinity this is the Poisson Wald test on the
    log scale (statsmodels' 'wald-log'). Either count 0: not testable this way (use
    `poisson_change`).
    """
    if size <= 0:
        raise ValueError("the negative binomial size k must be > 0")
    if current <= 0 or comparison <= 0:
        return ChangeResult(
            "negative-binomial",
            math.nan,
            math.nan,
            math.nan,
            math.nan,
            ChangeSignal.NOT_TESTABLE,
            current,
            comparison,
        )
    log_rr = math.log(current / comparison / exposure_ratio)
    se = math.sqrt(1 / current + 1 / comparison + (0 if math.isinf(size) else 2 / size))
    z = abs(log_rr) / se
    if math.isinf(df):
        crit = NormalDist().inv_cdf(1 - alpha / 2)
        p_value = 2 * NormalDist().cdf(-z)
    else:
        crit = float(stats.t.ppf(1 - alpha / 2, df))
        p_value = float(2 * stats.t.sf(z, df))
    return ChangeResult(
        method="negative-binomial",
        estimate=math.exp(log_rr),
        lower=math.exp(log_rr - crit * se),
        upper=math.exp(log_rr + crit * se),
        p_value=p_value,
        signal=_signal(p_value, log_rr, alpha),
        current=current,
        comparison=comparison,
    )


@dataclass(frozen=True)
class CountChange(ChangeResult):
    """A count's change test with the noise model's figures: the variance factor (dispersion
    times the autocorrelation inflation), the smallest change the test could call significant
    here (`detectable_up`, `detectable_down` as rate ratios), and why it is not testable."""

    variance_factor: float = math.nan
    dispersion: float = math.nan
    rho: float = math.nan
    detectable_up: float = math.nan
    detectable_down: float = math.nan
    reason: str | None = None


def not_testable_count(current: float, comparison: float, reason: str) -> CountChange:
    return CountChange(
        "quasi-poisson-seasonal",
        math.nan,
        math.nan,
        math.nan,
        math.nan,
        ChangeSignal.NOT_TESTABLE,
        current,
        comparison,
        reason=reason,
    )


def seasonal_change_arrays(
    current: npt.ArrayLike,
    comparison: npt.ArrayLike,
    histories: npt.ArrayLike,
    *,
    months: int,
    exposure_ratio: float = 1.0,
    alpha: float = ALPHA,
) -> dict[str, FloatArray]:
    """The change test on many cells at once (what `count_change` and the simulation call).

    Under no change, a - r b has mean 0 and variance V r (a + b), V = phi f(m, rho) the noise
    model's variance factor for a sum of m months (`noise.py`) and r the exposure ratio; so
    t = (a - r b) / sqrt(V r (a + b)) is referred to Student's t on the dispersion's 23 degrees
    of freedom. With V = 1 this is the normal approximation of the exact conditional Poisson
    test. The interval of the rate ratio is Wald's on the log scale, sqrt(V (1/a + 1/b)).
    Returns arrays: statistic, p_value, estimate, lower, upper, variance_factor, dispersion,
    rho, detectable_up, detectable_down.
    """
    a = np.asarray(current, dtype=np.float64)
    b = np.asarray(comparison, dtype=np.float64)
    fit = fit_noise(np.asarray(histories, dtype=np.float64))
    v = fit.variance_factor(months)
    phi, rho = fit.dispersion, fit.rho
    r = exposure_ratio
    crit = float(stats.t.ppf(1 - alpha / 2, RESIDUAL_DF))
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = (a - r * b) / np.sqrt(v * r * (a + b))
        p_value = 2 * stats.t.sf(np.abs(stat), RESIDUAL_DF)
        log_rr = np.log(a / (r * b))
        se = np.sqrt(v * (1 / a + 1 / b))
        estimate = np.exp(log_rr)
        lower, upper = np.exp(log_rr - crit * se), np.exp(log_rr + crit * se)
    up, down = detectable_ratios(b, v, crit, exposure_ratio=r)
    return {
        "statistic": stat,
        "p_value": p_value,
        "estimate": estimate,
        "lower": lower,
        "upper": upper,
        "variance_factor": v,
        "dispersion": phi,
        "rho": rho,
        "detectable_up": up,
        "detectable_down": down,
    }


def detectable_ratios(
    comparison: FloatArray, v: FloatArray, crit: float, *, exposure_ratio: float = 1.0
) -> tuple[FloatArray, FloatArray]:
    """The rate ratios x above and below 1 at which the test just reaches significance, for
    a comparison count b: r b (x - 1)^2 = crit^2 V (r x + 1), a quadratic in x."""
    b = np.asarray(comparison, dtype=np.float64)
    r = exposure_ratio
    c2v = crit**2 * v
    qa = r * b
    qb = -(2 * r * b + c2v * r)
    qc = r * b - c2v
    with np.errstate(divide="ignore", invalid="ignore"):
        disc = np.sqrt(qb**2 - 4 * qa * qc)
        up = (-qb + disc) / (2 * qa)
        down = np.maximum((-qb - disc) / (2 * qa), 0.0)
    return up, down


def count_change(
    current: int,
    comparison: int,
    *,
    history: Sequence[float] = (),
    months: int = 1,
    exposure_ratio: float = 1.0,
    alpha: float = ALPHA,
) -> CountChange:
    """The change test the engine calls for a count against the same period last year.

    `history` is the monthly series up to the month before the current period starts (oldest
    first); only its last `HISTORY_MONTHS` (36) months are used, so more history never changes
    a verdict. With fewer, or with both counts 0, the cell is not testable and says why (never a
    silent switch to another test). `months` is how many months each count sums.

    >>> r = count_change(140, 100, history=[100.0 + (i % 12) for i in range(36)])
    >>> round(r.p_value, 3), r.sentence
    (0.017, 'a significant increase')
    """
    if months < 1 or current < 0 or comparison < 0:
        raise ValueError("months must be at least 1 and the counts >= 0")
    if len(history) < HISTORY_MONTHS:
        return not_testable_count(
            current,
            comparison,
            f"needs {HISTORY_MONTHS} months of history before the period, {len(history)} loaded",
        )
    if current + comparison == 0:
        return not_testable_count(current, comparison, "no offences in either period")
    window = np.asarray(list(history)[-HISTORY_MONTHS:], dtype=np.float64)
    out = seasonal_change_arrays(
        [current],
        [comparison],
        window[None, :],
        months=months,
        exposure_ratio=exposure_ratio,
        alpha=alpha,
    )
    fig = {k: float(val[0]) for k, val in out.items()}
    both = current > 0 and comparison > 0
    return CountChange(
        method="quasi-poisson-seasonal",
        estimate=fig["estimate"] if both else math.nan,
        lower=fig["lower"] if both else math.nan,
        upper=fig["upper"] if both else math.nan,
        p_value=fig["p_value"],
        signal=_signal(fig["p_value"], fig["statistic"], alpha),
        current=current,
        comparison=comparison,
        variance_factor=fig["variance_factor"],
        dispersion=fig["dispersion"],
        rho=fig["rho"],
        detectable_up=fig["detectable_up"],
        detectable_down=fig["detectable_down"],
    )


def proportion_change(
    p_current: float,
    n_eff_current: float,
    p_comparison: float,
    n_eff_comparison: float,
    *,
    alpha: float = ALPHA,
) -> ChangeResult:
    """Two-period test of a survey proportion (0-1) on effective sample sizes.

    z = (p1 - p2) / sqrt(pbar (1 - pbar) (1/n1 + 1/n2)), pbar the n-weighted pooled proportion;
    the interval is Newcombe's hybrid score interval (Wilson on each n_eff). The estimate and
    interval are in percentage points. The periods must not overlap (rolling 12-month values a
    month apart share 11 months and are not independent).

    >>> r = proportion_change(0.60, 800, 0.55, 800)
    >>> r.signal.value, round(r.estimate, 1)
    ('significant_increase', 5.0)
    """
    n1, n2 = n_eff_current, n_eff_comparison
    if n1 <= 0 or n2 <= 0:
        return ChangeResult(
            "two-proportion-z",
            math.nan,
            math.nan,
            math.nan,
            math.nan,
            ChangeSignal.NOT_TESTABLE,
            p_current,
            p_comparison,
        )
    diff = p_current - p_comparison
    pooled = (p_current * n1 + p_comparison * n2) / (n1 + n2)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    p_value = 1.0 if se0 == 0 else 2 * NormalDist().cdf(-abs(diff) / se0)
    lower, upper = difference_interval(p_current, n1, p_comparison, n2, alpha=alpha)
    return ChangeResult(
        method="two-proportion-z",
        estimate=100 * diff,
        lower=100 * lower,
        upper=100 * upper,
        p_value=p_value,
        signal=_signal(p_value, diff, alpha),
        current=p_current,
        comparison=p_comparison,
    )


def difference_interval(
    p1: float, n1: float, p2: float, n2: float, *, alpha: float = ALPHA
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 - p2 (independent samples), on effective n.

    Source: Newcombe (1998), method 10; statsmodels' `confint_proportions_2indep(method=
    'newcomb')` computes the same.
    """
    l1, u1 = wilson_interval(p1, n1, alpha=alpha)
    l2, u2 = wilson_interval(p2, n2, alpha=alpha)
    d = p1 - p2
    lower = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return lower, upper


def benjamini_hochberg(p_values: Sequence[float], *, alpha: float = ALPHA) -> list[bool]:
    """Which of many tests stay significant with the false discovery rate held at `alpha`.

    For a pack of 32 boroughs x many measures (research note section 2.3): sort the p-values,
    find the largest i with p_(i) <= i alpha / m, and reject the i smallest.
    """
    p = np.asarray(p_values, dtype=np.float64)
    m = len(p)
    if m == 0:
        return []
    order = np.argsort(p)
    passed = p[order] <= alpha * np.arange(1, m + 1) / m
    keep = np.zeros(m, dtype=bool)
    if passed.any():
        last = int(np.flatnonzero(passed).max())
        keep[order[: last + 1]] = True
    return [bool(v) for v in keep]
