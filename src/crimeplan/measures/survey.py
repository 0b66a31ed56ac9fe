"""Survey statistics: weighted proportions, effective sample size, intervals, rolling years,
breakdowns by protected characteristic.

- Weighted proportion p = sum(w y) / sum(w).
- Kish effective sample size n_eff = (sum w)^2 / sum(w^2); design effect n / n_eff.
- 95% interval: Wilson's score interval computed on n_eff, not on n. Wilson because the Wald
  interval p +/- 1.96 sqrt(p(1-p)/n) undercovers near 0% and 100% and can leave [0, 1]; on
  n_eff because weighting loses precision (Kish 1965). Where strata and PSUs are published,
  Taylor linearisation would be better; PAS microdata released to partners carries neither.
- Rolling 12-month values sum the monthly sums (n, sum w, sum w^2, sum w y), so each window
  is the estimate over all interviews in it, as MOPAC publishes PAS rolling years.

Source: shared/research/performance-monitoring-anchors.md section 2.4; Kish (1965); Wilson
(1927). Percentages are in points (56.0 means 56%).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pandas as pd

ALPHA = 0.05
ROLLING_MONTHS = 12
SUM_COLUMNS = ("base", "sum_w", "sum_w2", "sum_wy")
ESTIMATE_COLUMNS = ("percentage", "lower", "upper", "base", "weighted_base", "n_eff")


@dataclass(frozen=True)
class SurveyEstimate:
    """A weighted percentage with its unweighted base, effective n and 95% Wilson interval."""

    percentage: float
    lower: float
    upper: float
    base: int
    weighted_base: float
    n_eff: float

    @property
    def proportion(self) -> float:
        return self.percentage / 100

    @property
    def design_effect(self) -> float:
        return self.base / self.n_eff if self.n_eff else math.nan


def kish_effective_n(weights: Sequence[float] | npt.NDArray[np.float64]) -> float:
    """Kish's effective sample size (sum w)^2 / sum(w^2).

    >>> kish_effective_n([1, 1, 1, 1])
    4.0
    >>> round(kish_effective_n([1, 3]), 2)
    1.6
    """
    w = np.asarray(weights, dtype=np.float64)
    if (w < 0).any():
        raise ValueError("survey weights must be >= 0")
    s2 = float(np.sum(w**2))
    return float(np.sum(w)) ** 2 / s2 if s2 > 0 else 0.0


def wilson_interval(p: float, n: float, *, alpha: float = ALPHA) -> tuple[float, float]:
    """Wilson score interval for a proportion p (0-1) on a (possibly effective) sample size n.

    centre = (p + z^2/2n) / (1 + z^2/n), half-width = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).

    >>> lo, hi = wilson_interval(0.5, 100)
    >>> round(lo, 4), round(hi, 4)
    (0.4038, 0.5962)
    """
    if n <= 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - alpha / 2)
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def estimate_from_sums(
    base: float, sum_w: float, sum_w2: float, sum_wy: float, *, alpha: float = ALPHA
) -> SurveyEstimate:
    """The estimate from the four sums a group's respondents add up to (so sums over months can
    be added before estimating)."""
    if base <= 0 or sum_w <= 0:
        return SurveyEstimate(math.nan, math.nan, math.nan, int(base), sum_w, 0.0)
    p = sum_wy / sum_w
    n_eff = sum_w**2 / sum_w2
    lo, hi = wilson_interval(p, n_eff, alpha=alpha)
    return SurveyEstimate(100 * p, 100 * lo, 100 * hi, int(base), sum_w, n_eff)


def weighted_proportion(
    positive: Sequence[bool] | npt.NDArray[np.bool_],
    weights: Sequence[float] | npt.NDArray[np.float64],
    *,
    alpha: float = ALPHA,
) -> SurveyEstimate:
    """Weighted share of respondents giving a positive answer, with the Wilson interval on n_eff.

    >>> e = weighted_proportion([True, False, True, True], [1, 1, 1, 1])
    >>> e.percentage, e.base
    (75.0, 4)
    """
    y = np.asarray(positive, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if y.shape != w.shape:
        raise ValueError("answers and weights must have the same length")
    return estimate_from_sums(
        len(y), float(w.sum()), float((w**2).sum()), float((w * y).sum()), alpha=alpha
    )


def add_estimates(sums: pd.DataFrame, *, alpha: float = ALPHA) -> pd.DataFrame:
    """Add percentage, lower, upper, weighted_base and n_eff columns to a frame of sums
    (vectorised `estimate_from_sums`; rows with no respondents get NaN figures)."""
    out = sums.copy()
    base = out["base"].to_numpy(dtype=np.float64)
    sum_w = out["sum_w"].to_numpy(dtype=np.float64)
    sum_w2 = out["sum_w2"].to_numpy(dtype=np.float64)
    sum_wy = out["sum_wy"].to_numpy(dtype=np.float64)
    ok = (base > 0) & (sum_w > 0) & (sum_w2 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(ok, sum_wy / sum_w, np.nan)
        n_eff = np.where(ok, sum_w**2 / sum_w2, 0.0)
        z = NormalDist().inv_cdf(1 - alpha / 2)
        denom = 1 + z**2 / n_eff
        centre = (p + z**2 / (2 * n_eff)) / denom
        half = z * np.sqrt(p * (1 - p) / n_eff + z**2 / (4 * n_eff**2)) / denom
    out["base"] = out["base"].astype("int64")
    out["percentage"] = 100 * p
    out["lower"] = np.where(ok, 100 * np.maximum(0.0, centre - half), np.nan)
    out["upper"] = np.where(ok, 100 * np.minimum(1.0, centre + half), np.nan)
    out["weighted_base"] = sum_w
    out["n_eff"] = n_eff
    return out


def group_sums(
    respondents: pd.DataFrame,
    by: Sequence[str],
    *,
    positive: str = "positive",
    weight: str = "weight",
) -> pd.DataFrame:
    """Sum each group's respondents into base, sum_w, sum_w2 and sum_wy (one row per group).

    `respondents` has one row per respondent who answered, a boolean `positive` column and a
    `weight` column.
    """
    w = respondents[weight].astype("float64")
    frame = pd.DataFrame(
        {
            **{col: respondents[col] for col in by},
            "base": 1,
            "sum_w": w,
            "sum_w2": w**2,
            "sum_wy": w * respondents[positive].astype("float64"),
        }
    )
    if not by:
        return frame[list(SUM_COLUMNS)].sum().to_frame().T
    return frame.groupby(list(by), as_index=False, dropna=False)[list(SUM_COLUMNS)].sum()


def rolling_sums(
    monthly: pd.DataFrame,
    by: Sequence[str] = (),
    *,
    months: int = ROLLING_MONTHS,
    calendar: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Rolling `months`-month sums of monthly sums, one row per group and window-end month.

    `monthly` has a `month` column (first-of-month dates) and the four sum columns. Every group
    runs over the same months, `calendar` ('YYYY-MM', 'YYYY-MM') or by default the first to the
    last month in `monthly`; a month with no interviews counts as zero, and
    `months_in_window` says how many months of the window had any.
    """
    frame = monthly.copy()
    frame["month"] = pd.PeriodIndex(pd.to_datetime(frame["month"]), freq="M")
    keys = list(by)
    first, last = calendar or (frame["month"].min(), frame["month"].max())
    span = pd.DataFrame({"month": pd.period_range(first, last, freq="M")})
    sums = frame.groupby([*keys, "month"], as_index=False, dropna=False)[list(SUM_COLUMNS)].sum()
    grid = frame[keys].drop_duplicates().merge(span, how="cross") if keys else span
    full = grid.merge(sums, on=[*keys, "month"], how="left").fillna(dict.fromkeys(SUM_COLUMNS, 0))
    full = full.sort_values([*keys, "month"], kind="stable").reset_index(drop=True)
    full["months_in_window"] = (full["base"] > 0).astype("int64")
    columns = [*SUM_COLUMNS, "months_in_window"]
    grouped = full.groupby(keys, dropna=False, sort=False) if keys else None
    running = grouped[columns].cumsum() if grouped is not None else full[columns].cumsum()
    lagged = (
        running.groupby([full[k] for k in keys], dropna=False, sort=False).shift(months)
        if keys
        else running.shift(months)
    ).fillna(0)
    full[columns] = running - lagged
    full["base"] = full["base"].round().astype("int64")
    full["months_in_window"] = full["months_in_window"].round().astype("int64")
    full["month"] = full["month"].dt.to_timestamp()
    return full[[*keys, "month", *SUM_COLUMNS, "months_in_window"]]


def breakdowns(
    respondents: pd.DataFrame,
    characteristics: Sequence[str],
    *,
    by: Sequence[str] = (),
    positive: str = "positive",
    weight: str = "weight",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Estimates for each group of each protected characteristic, in long form.

    Columns: the `by` keys, characteristic, group, then the estimate columns. A respondent with
    no recorded value for a characteristic is counted under the group "not recorded", so the
    groups of each characteristic add up to everyone.
    """
    pieces: list[pd.DataFrame] = []
    for characteristic in characteristics:
        frame = respondents.assign(
            group=respondents[characteristic].astype("object").fillna("not recorded")
        )
        sums = group_sums(frame, [*by, "group"], positive=positive, weight=weight)
        sums.insert(len(by), "characteristic", characteristic)
        pieces.append(sums)
    if not pieces:
        raise ValueError("name at least one characteristic to break down by")
    return add_estimates(pd.concat(pieces, ignore_index=True), alpha=alpha)
