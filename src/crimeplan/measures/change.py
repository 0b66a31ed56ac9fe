"""Is a change real or noise? Tests of change for counts and for survey proportions.

Counts (crimes in a period against the same period last year):

- `poisson_change`: the exact conditional test. Given the total n = a + b, the current count a
  is Binomial(n, r / (1 + r)) under no change, r being the exposure ratio (days, population)
  of the current to the comparison period. The two-sided p-value is the binomial test's
  ("minimum likelihood", as scipy and statsmodels compute it); the 95% interval of the rate
  ratio transforms the Clopper-Pearson interval of a / n. It is exact, so it never calls more
  than 5% of changes significant when nothing changed (it is conservative for small counts).
- `negative_binomial_change`: crime counts are often overdispersed (variance above the mean),
  which makes the Poisson test call noise a change (in simulation, 40% false calls at
  mu = 50, k = 10; docs/methods/statistics.md). With NB variance mu + mu^2 / k for both periods, the delta method gives
  SE(log RR) = sqrt(1/a + 1/b + 2/k), referred to Student's t; k is estimated from the
  history's own year-on-year log ratios by `estimate_overdispersion`.
- `count_change` picks between them; it is what the engine should call.

Proportions (survey waves, non-overlapping periods): `proportion_change`, a two-sample z-test
with the pooled proportion under no change, on Kish effective sample sizes, and Newcombe's
hybrid score (MOVER-Wilson) interval of the difference.

Source: shared/research/performance-monitoring-anchors.md sections 2.2 and 2.4; Krishnamoorthy
and Thomson (2004) for the conditional test; Newcombe (1998) method 10 for the interval.
Rationale: a RAG rating that turns red on random noise misleads a committee (issue 5); these
tests say whether a change is larger than chance would produce.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

import numpy as np
from scipy import stats

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


MIN_HISTORY_MONTHS = 24
"""Months of history needed to estimate overdispersion: 12 year-on-year ratios, one a month."""


@dataclass(frozen=True)
class Overdispersion:
    """The negative binomial size k of one month's count, estimated from a monthly history,
    and the degrees of freedom of that estimate (the number of year-on-year ratios - 1)."""

    size: float
    df: int


def estimate_overdispersion(history: Sequence[float]) -> Overdispersion:
    """Estimate the negative binomial size k (variance mu + mu^2 / k) from monthly counts.

    Method of moments on the year-on-year log ratios d_t = log(y_t / y_(t-12)) of the history,
    which, like the test, compare a month with the same month a year before (so seasonality
    cancels). By the delta method Var(d_t) = 1/mu_t + 1/mu_(t-12) + 2/k; so
    2/k = s^2(d) - mean(1/y_t + 1/y_(t-12)), floored at 0 (k = infinity: no overdispersion,
    Poisson). A zero month counts as 0.5. Needs `MIN_HISTORY_MONTHS` months, oldest first.

    >>> estimate_overdispersion([100.0] * 24).size
    inf
    """
    y = np.maximum(np.asarray(history, dtype=np.float64), 0.5)
    if len(y) < MIN_HISTORY_MONTHS:
        raise ValueError(
            f"estimating overdispersion needs {MIN_HISTORY_MONTHS} months of history, got {len(y)}"
        )
    d = np.log(y[12:] / y[:-12])
    extra = float(d.var(ddof=1) - np.mean(1 / y[12:] + 1 / y[:-12]))
    return Overdispersion(size=2 / extra if extra > 0 else math.inf, df=len(d) - 1)


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


def count_change(
    current: int,
    comparison: int,
    *,
    history: Sequence[float] = (),
    months: int = 1,
    exposure_ratio: float = 1.0,
    alpha: float = ALPHA,
) -> ChangeResult:
    """The change test the engine calls for a count against the same period last year.

    With `MIN_HISTORY_MONTHS` or more months of monthly `history` (oldest first, ending before
    or at the current period) that show overdispersion, the negative binomial test with k from
    `estimate_overdispersion`; otherwise (short history, no overdispersion, a zero count) the
    exact conditional Poisson test. `months` is how many months each count sums (1 for a month,
    7 for April-October year to date): a sum of m independent NB(mu, k) months is NB(m mu, m k).
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    if len(history) >= MIN_HISTORY_MONTHS and current > 0 and comparison > 0:
        over = estimate_overdispersion(history)
        if math.isfinite(over.size):
            return negative_binomial_change(
                current,
                comparison,
                size=over.size * months,
                df=over.df,
                exposure_ratio=exposure_ratio,
                alpha=alpha,
            )
    return poisson_change(current, comparison, exposure_ratio=exposure_ratio, alpha=alpha)


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
