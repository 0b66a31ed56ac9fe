"""Poisson funnel plots and exact Poisson intervals, for comparing areas of different sizes.

A funnel plot shows each area's rate against its size (population or expected count), with
control limits around a reference rate (here London's): an area outside the 99.8% limits
differs from London by more than chance would explain, one inside the 95% limits does not.

Source: Spiegelhalter D. (2005) "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185-1202, section 3 and appendix A.1.1 (Poisson outcome; limits
smoothed by interpolating between the discrete quantiles); Public Health England (2018)
"Technical guide: confidence intervals" (exact Poisson/Garwood interval for a count).
Rationale: ranking boroughs by rate alone over-reads small differences between small areas;
the funnel shows which differences are larger than random variation.

Pure functions over plain numbers (standard library only), checked against scipy in
`tests/measures/test_funnel.py`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

FUNNEL_LEVELS = (0.95, 0.998)
"""Two-sided coverage of the inner and outer control limits (about 2 and 3 standard deviations)."""

Position = Literal["above 99.8%", "above 95%", "within 95%", "below 95%", "below 99.8%"]


def _log_pmf(k: int, mean: float) -> float:
    return k * math.log(mean) - mean - math.lgamma(k + 1)


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean), summed over the terms that matter.

    Terms more than 14 standard deviations below the mean are below 1e-40 and are skipped,
    so the cost grows with sqrt(mean), not mean.
    >>> round(poisson_cdf(2, 1.0), 6)
    0.919699
    """
    if k < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    start = max(0, math.floor(mean - 14 * math.sqrt(mean) - 10))
    if k < start:
        return 0.0
    logs = [_log_pmf(j, mean) for j in range(start, k + 1)]
    top = max(logs)
    total = math.exp(top) * math.fsum(math.exp(x - top) for x in logs)
    return min(1.0, total)


def poisson_quantile(p: float, mean: float) -> int:
    """The smallest k with P(X <= k) >= p (scipy's `poisson.ppf` convention).

    >>> poisson_quantile(0.5, 10.0)
    10
    """
    if not 0 < p < 1:
        raise ValueError(f"probability {p} must be strictly between 0 and 1")
    if mean <= 0:
        return 0
    k = max(0, math.floor(mean + _normal_quantile(p) * math.sqrt(mean)))
    while k > 0 and poisson_cdf(k - 1, mean) >= p:
        k -= 1
    while poisson_cdf(k, mean) < p:
        k += 1
    return k


def _normal_quantile(p: float) -> float:
    """Standard normal quantile: only a starting point for the exact search above."""
    return NormalDist().inv_cdf(p)


def funnel_limit(p: float, expected: float) -> float:
    """The funnel's control limit on the count scale for an area expecting `expected` events.

    Spiegelhalter (2005) appendix A.1.1: take r, the p-quantile of Poisson(expected), and
    interpolate between r-1 and r so that the limits form a smooth curve:
    alpha = (F(r) - p) / (F(r) - F(r-1)), limit = r - alpha. For very small expected counts
    the interpolated lower limit can fall below zero; no count can, so it is clamped at 0.
    """
    r = poisson_quantile(p, expected)
    f_r = poisson_cdf(r, expected)
    f_before = poisson_cdf(r - 1, expected)
    alpha = (f_r - p) / (f_r - f_before) if f_r > f_before else 0.0
    return max(0.0, r - alpha)


@dataclass(frozen=True)
class FunnelPoint:
    """Control limits, as rates, for an area of size `denominator` at the reference rate."""

    denominator: float
    lower_998: float
    lower_95: float
    upper_95: float
    upper_998: float


def poisson_funnel(
    reference_rate: float, denominators: list[float], per: float = 1000.0
) -> list[FunnelPoint]:
    """Funnel limits around `reference_rate` (events per `per` of the denominator).

    For each denominator n the expected count is reference_rate * n / per; the limits are
    `funnel_limit` at (1 - level) / 2 and (1 + level) / 2, turned back into rates.
    """
    if reference_rate < 0:
        raise ValueError(f"reference rate {reference_rate} must not be negative")
    points = []
    for n in denominators:
        if n <= 0:
            raise ValueError(f"denominator {n} must be positive")
        expected = reference_rate * n / per
        inner, outer = FUNNEL_LEVELS

        def rate(p: float, n: float = n, expected: float = expected) -> float:
            return funnel_limit(p, expected) * per / n

        points.append(
            FunnelPoint(
                denominator=n,
                lower_998=rate((1 - outer) / 2),
                lower_95=rate((1 - inner) / 2),
                upper_95=rate((1 + inner) / 2),
                upper_998=rate((1 + outer) / 2),
            )
        )
    return points


def funnel_position(rate: float, limits: FunnelPoint) -> Position:
    """Where an area's rate falls against its funnel limits (a limit itself counts as within)."""
    if rate > limits.upper_998:
        return "above 99.8%"
    if rate > limits.upper_95:
        return "above 95%"
    if rate < limits.lower_998:
        return "below 99.8%"
    if rate < limits.lower_95:
        return "below 95%"
    return "within 95%"


def poisson_interval(count: float, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) confidence interval for the mean of a Poisson count.

    Lower: the mean at which P(X >= count) = (1 - level) / 2 (0 when count is 0); upper: the
    mean at which P(X <= count) = (1 - level) / 2. Solved by bisection on `poisson_cdf`.
    Source: PHE (2018) Technical guide: confidence intervals, section on counts.
    >>> tuple(round(x, 3) for x in poisson_interval(0))
    (0.0, 3.689)
    """
    if count < 0 or count != int(count):
        raise ValueError(f"count {count} must be a whole number of events, not negative")
    k = int(count)
    tail = (1 - level) / 2
    hi_bound = k + 20 * math.sqrt(k + 1) + 20
    upper = _bisect(lambda m: poisson_cdf(k, m) - tail, max(k, 1e-9), hi_bound)
    lower = 0.0 if k == 0 else _bisect(lambda m: (1 - poisson_cdf(k - 1, m)) - tail, 1e-12, k)
    return lower, upper


def _bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """Root of a monotone function on [lo, hi] to 1e-10 relative precision."""
    f_lo = f(lo)
    for _ in range(200):
        mid = (lo + hi) / 2
        f_mid = f(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
        if hi - lo <= 1e-10 * max(1.0, hi):
            break
    return (lo + hi) / 2


@dataclass(frozen=True)
class AreaComparison:
    """One area's rate against a reference rate: its exact 95% interval and funnel position."""

    rate: float
    lower_95: float
    upper_95: float
    limits: FunnelPoint
    position: Position


def compare_rate(
    numerator: float, denominator: float, reference_rate: float, per: float = 1000.0
) -> AreaComparison:
    """Place an area's rate (numerator per `per` of denominator) in the funnel around a reference.

    The interval is the exact Poisson interval of the count turned into a rate; the limits
    and position are `poisson_funnel` and `funnel_position` at the area's denominator.
    """
    if denominator <= 0:
        raise ValueError(f"denominator {denominator} must be positive")
    rate = numerator * per / denominator
    low, high = poisson_interval(round(numerator))
    limits = poisson_funnel(reference_rate, [denominator], per)[0]
    return AreaComparison(
        rate=rate,
        lower_95=low * per / denominator,
        upper_95=high * per / denominator,
        limits=limits,
        position=funnel_position(rate, limits),
    )


def funnel_curve(
    reference_rate: float, smallest: float, largest: float, points: int = 40, per: float = 1000.0
) -> list[FunnelPoint]:
    """Limits at `points` denominators spaced evenly on a log scale, for drawing the funnel."""
    if not 0 < smallest <= largest:
        raise ValueError(f"denominators {smallest}..{largest} must be positive and in order")
    lo, hi = math.log(smallest), math.log(largest)
    step = (hi - lo) / max(points - 1, 1)
    grid = [math.exp(lo + i * step) for i in range(points)]
    return poisson_funnel(reference_rate, grid, per)
