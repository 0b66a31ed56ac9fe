"""Statistical process control: the XmR chart of NHS England's "Making Data Count" (MDC).

The rules follow NHSRplotthedots (nhs-r-community/NHSRplotthedots, `ptd_spc_standard.R` and
`ptd_calculate_point_type.R`), the reference implementation of MDC, as summarised in
shared/research/performance-monitoring-anchors.md section 2.1:

- centre line: the mean of the baseline points (all points, or the first `fix_after` points);
- moving range mR_i = |x_i - x_(i-1)|, mR-bar their mean; moving ranges >= 3.267 x mR-bar are
  screened out and mR-bar recomputed (Nelson 1982; the package default; `screen_outliers=False`
  gives the MDC Excel tool's figures);
- process limits mean +/- 2.66 x mR-bar; the "near limit" (about 2 sigma) band starts at
  mean +/- (2/3)(2.66) x mR-bar;
- special cause, first rule that applies: (1) outside the limits; (2) part of a run of 7
  points each strictly rising or strictly falling; (3) part of 2 of 3 consecutive points in the
  near-limit band, all 3 on the same side of the mean; (4) part of 7 consecutive points on the
  same side of the mean (a point on the mean breaks a run). The Excel tool can use 6 for (2) and
  (4): pass `run_length=6`.

Rationale: a RAG rating turns red on noise; an XmR chart separates common-cause variation from a
signal, which is why MDC recommends it to boards ("Green often provides false assurance... Red can
mask improvement", NHS Improvement).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
import numpy.typing as npt

LIMIT_SIGMA_FACTOR = 2.66
"""Process limits: mean +/- 2.66 x mR-bar (3 sigma, since sigma-hat = mR-bar / 1.128)."""
NEAR_LIMIT_FACTOR = 2 * LIMIT_SIGMA_FACTOR / 3
"""Near-limit band: beyond mean +/- 1.773 x mR-bar (about 2 sigma)."""
MR_SCREEN_FACTOR = 3.267
"""Moving ranges at or above 3.267 x mR-bar (the upper range limit) are screened out."""
DEFAULT_RUN_LENGTH = 7
"""Points in a trend or a shift (NHSRplotthedots default; the MDC Excel tool allows 6)."""
MIN_POINTS_FOR_FIXED_LIMITS = 12
"""Fewer points than this give trial limits (NHSRplotthedots warns; MDC guidance)."""

Polarity = Literal["higher_is_better", "lower_is_better", "neutral"]


class PointType(StrEnum):
    """How MDC classes a point (and the variation icon, which is the latest point's class)."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "special_cause_improvement_high"
    IMPROVEMENT_LOW = "special_cause_improvement_low"
    CONCERN_HIGH = "special_cause_concern_high"
    CONCERN_LOW = "special_cause_concern_low"
    NEUTRAL_HIGH = "special_cause_neutral_high"
    NEUTRAL_LOW = "special_cause_neutral_low"


class Rule(StrEnum):
    """The special-cause rule a point met first (precedence as listed), or none."""

    NONE = "common_cause"
    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    SHIFT = "shift"


RULE_DESCRIPTIONS: dict[Rule, str] = {
    Rule.OUTSIDE_LIMITS: "a point above the upper or below the lower process limit",
    Rule.TREND: "part of a run of `run_length` (7) points each strictly rising or falling",
    Rule.TWO_IN_THREE: "part of 2 of 3 consecutive points beyond the near limit (about 2 "
    "sigma) but inside the process limits, all 3 on the same side of the mean",
    Rule.SHIFT: "part of a run of `run_length` (7) points on the same side of the mean",
    Rule.NONE: "none of the above: common cause variation",
}
"""The special-cause rules in precedence order (a point takes the first that applies)."""


class Assurance(StrEnum):
    """Whether the process, as it stands, will meet its target (MDC assurance icon)."""

    CONSISTENT_PASS = "consistent_pass"
    CONSISTENT_FAIL = "consistent_fail"
    HIT_AND_MISS = "hit_and_miss"


VARIATION_SENTENCES: dict[PointType, str] = {
    PointType.COMMON_CAUSE: "common cause variation: no significant change",
    PointType.IMPROVEMENT_HIGH: "special cause variation: a significant improvement (higher)",
    PointType.IMPROVEMENT_LOW: "special cause variation: a significant improvement (lower)",
    PointType.CONCERN_HIGH: "special cause variation: a significant concern (higher)",
    PointType.CONCERN_LOW: "special cause variation: a significant concern (lower)",
    PointType.NEUTRAL_HIGH: "special cause variation: significantly higher",
    PointType.NEUTRAL_LOW: "special cause variation: significantly lower",
}

ASSURANCE_SENTENCES: dict[Assurance, str] = {
    Assurance.CONSISTENT_PASS: "the process will consistently meet the target",
    Assurance.CONSISTENT_FAIL: "the process will consistently miss the target",
    Assurance.HIT_AND_MISS: "the process will hit and miss the target at random",
}


@dataclass(frozen=True)
class SpcPoint:
    """One point of the chart, with the limits of its segment."""

    value: float
    mean: float
    lower_limit: float
    upper_limit: float
    near_lower: float
    near_upper: float
    rule: Rule
    point_type: PointType
    segment: int


@dataclass(frozen=True)
class SpcResult:
    """An XmR chart: the points, the latest segment's limits and the two MDC icons.

    `variation` is the latest point's class; `assurance` is None without a target or for a
    neutral measure. `trial_limits` is True when the latest segment's limits rest on fewer than
    `MIN_POINTS_FOR_FIXED_LIMITS` points.
    """

    points: tuple[SpcPoint, ...]
    mean: float
    mr_bar: float
    lower_limit: float
    upper_limit: float
    variation: PointType
    assurance: Assurance | None
    trial_limits: bool
    target: float | None
    polarity: Polarity

    @property
    def signal(self) -> str:
        """`spc_` + the variation icon's code, for `MeasureResult.signal`."""
        return f"spc_{self.variation.value}"

    @property
    def sentence(self) -> str:
        """Plain English for `MeasureResult.signal_sentence`, with the assurance if any."""
        text = VARIATION_SENTENCES[self.variation]
        if self.assurance is not None:
            text += "; " + ASSURANCE_SENTENCES[self.assurance]
        return text[0].upper() + text[1:] + "."


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _mark_runs(flags_end: npt.NDArray[np.bool_], run_length: int) -> npt.NDArray[np.bool_]:
    """Given where a qualifying run of `run_length` ends, mark every point in such a run."""
    part = np.zeros_like(flags_end)
    for end in np.flatnonzero(flags_end):
        part[end - run_length + 1 : end + 1] = True
    return part


def shift_points(side: IntArray, run_length: int = DEFAULT_RUN_LENGTH) -> IntArray:
    """+1/-1 for points in a run of `run_length` or more on one side of the mean, else 0.

    `side` is sign(x - mean); a point on the mean (0) breaks a run.
    """
    n = len(side)
    out = np.zeros(n, dtype=np.int64)
    if n < run_length:
        return out
    windows = np.lib.stride_tricks.sliding_window_view(side, run_length)
    ends = np.zeros(n, dtype=bool)
    ends[run_length - 1 :] = (windows == windows[:, :1]).all(axis=1) & (windows[:, 0] != 0)
    part = _mark_runs(ends, run_length)
    out[part] = side[part]
    return out


def trend_points(values: FloatArray, run_length: int = DEFAULT_RUN_LENGTH) -> IntArray:
    """+1/-1 for points in a run of `run_length` or more points each strictly rising/falling.

    A point's direction is the step to its right when the next point is also in a trend, else
    the step to its left; so a peak shared by a rising and a falling run counts as falling, as
    in NHSRplotthedots `ptd_special_cause_type`. A tie (equal values) breaks a run.
    """
    n = len(values)
    out = np.zeros(n, dtype=np.int64)
    if n < run_length:
        return out
    steps = np.sign(np.diff(values)).astype(np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(steps, run_length - 1)
    ends = np.zeros(n, dtype=bool)
    ends[run_length - 1 :] = (windows == windows[:, :1]).all(axis=1) & (windows[:, 0] != 0)
    part = _mark_runs(ends, run_length)
    for i in np.flatnonzero(part):
        right = int(steps[i]) if i + 1 < n and part[i + 1] else 0
        out[i] = right if right != 0 else int(steps[i - 1])
    return out


def two_in_three_points(near: npt.NDArray[np.bool_], side: IntArray) -> npt.NDArray[np.bool_]:
    """Points in the near-limit band that are 2 (or 3) of 3 consecutive points in the band,
    with all 3 on the same side of the mean."""
    n = len(near)
    out = np.zeros(n, dtype=bool)
    for start in range(n - 2):
        window = slice(start, start + 3)
        if near[window].sum() >= 2 and abs(int(side[window].sum())) == 3:
            out[window] |= near[window]
    return out


def _segment_limits(
    values: FloatArray, fix_after: int | None, screen_outliers: bool
) -> tuple[float, float]:
    """Mean and (screened) mR-bar of a segment's baseline points."""
    base = values if fix_after is None else values[:fix_after]
    mean = float(base.mean())
    if len(base) < 2:
        return mean, float("nan")
    mr = np.abs(np.diff(base))
    mr_bar = float(mr.mean())
    if screen_outliers:
        kept = mr[mr < MR_SCREEN_FACTOR * mr_bar]
        mr_bar = float(kept.mean()) if len(kept) else mr_bar
    return mean, mr_bar


def _point_type(rule: Rule, direction: int, polarity: Polarity) -> PointType:
    if rule is Rule.NONE:
        return PointType.COMMON_CAUSE
    high = direction > 0
    if polarity == "neutral":
        return PointType.NEUTRAL_HIGH if high else PointType.NEUTRAL_LOW
    good = high == (polarity == "higher_is_better")
    if good:
        return PointType.IMPROVEMENT_HIGH if high else PointType.IMPROVEMENT_LOW
    return PointType.CONCERN_HIGH if high else PointType.CONCERN_LOW


def assurance_icon(
    target: float | None, lower_limit: float, upper_limit: float, polarity: Polarity
) -> Assurance | None:
    """MDC assurance: a target beyond the limits is always met or always missed.

    Higher is better: target > upper limit -> consistently fail; target < lower limit ->
    consistently pass; else hit and miss. Lower is better swaps pass and fail. None for no
    target or a neutral measure. Source: NHSRplotthedots `ptd_calculate_assurance_type.R`.

    >>> assurance_icon(90, 70, 85, "higher_is_better").value
    'consistent_fail'
    """
    if target is None or polarity == "neutral":
        return None
    higher = polarity == "higher_is_better"
    if target > upper_limit:
        return Assurance.CONSISTENT_FAIL if higher else Assurance.CONSISTENT_PASS
    if target < lower_limit:
        return Assurance.CONSISTENT_PASS if higher else Assurance.CONSISTENT_FAIL
    return Assurance.HIT_AND_MISS


def xmr_chart(
    values: Sequence[float],
    *,
    polarity: Polarity = "neutral",
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Sequence[int] = (),
    screen_outliers: bool = True,
    run_length: int = DEFAULT_RUN_LENGTH,
) -> SpcResult:
    """An MDC XmR chart of monthly values (oldest first), with per-point rules and both icons.

    `rebase_at` lists the indices where a new segment starts (a known change); each segment has
    its own limits and rules, and the icons use the latest segment, as NHSRplotthedots does
    since its issue #172. Do not pass rolling 12-month sums: consecutive values share 11 months,
    so shifts and trends appear by construction.

    >>> r = xmr_chart([10, 12, 11, 13, 12, 11, 30], polarity="lower_is_better")
    >>> r.points[-1].rule.value, r.variation.value
    ('outside_limits', 'special_cause_concern_high')
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1 or len(x) < 2:
        raise ValueError("an XmR chart needs at least 2 values")
    if not np.isfinite(x).all():
        raise ValueError("an XmR chart needs values without gaps (no NaN or infinity)")
    if fix_after is not None and fix_after < 2:
        raise ValueError("fix_after must be at least 2 points")
    cuts = sorted({0, *rebase_at, len(x)})
    if cuts[0] < 0 or cuts[-1] > len(x):
        raise ValueError("rebase_at indices must lie inside the series")
    points: list[SpcPoint] = []
    mean = mr_bar = lower = upper = float("nan")
    seg_len = 0
    for seg, (a, b) in enumerate(itertools.pairwise(cuts)):
        seg_x = x[a:b]
        seg_len = len(seg_x) if fix_after is None else min(len(seg_x), fix_after)
        mean, mr_bar = _segment_limits(seg_x, fix_after, screen_outliers)
        lower, upper = mean - LIMIT_SIGMA_FACTOR * mr_bar, mean + LIMIT_SIGMA_FACTOR * mr_bar
        near_lo, near_hi = mean - NEAR_LIMIT_FACTOR * mr_bar, mean + NEAR_LIMIT_FACTOR * mr_bar
        side = np.sign(seg_x - mean).astype(np.int64)
        outside = (seg_x > upper) | (seg_x < lower)
        near = ~outside & ((seg_x < near_lo) | (seg_x > near_hi))
        trend = trend_points(seg_x, run_length)
        two3 = two_in_three_points(near, side)
        shift = shift_points(side, run_length)
        for i, v in enumerate(seg_x):
            if outside[i]:
                rule, direction = Rule.OUTSIDE_LIMITS, int(side[i])
            elif trend[i]:
                rule, direction = Rule.TREND, int(trend[i])
            elif two3[i]:
                rule, direction = Rule.TWO_IN_THREE, int(side[i])
            elif shift[i]:
                rule, direction = Rule.SHIFT, int(shift[i])
            else:
                rule, direction = Rule.NONE, 0
            points.append(
                SpcPoint(
                    value=float(v),
                    mean=mean,
                    lower_limit=lower,
                    upper_limit=upper,
                    near_lower=near_lo,
                    near_upper=near_hi,
                    rule=rule,
                    point_type=_point_type(rule, direction, polarity),
                    segment=seg,
                )
            )
    return SpcResult(
        points=tuple(points),
        mean=mean,
        mr_bar=mr_bar,
        lower_limit=lower,
        upper_limit=upper,
        variation=points[-1].point_type,
        assurance=assurance_icon(target, lower, upper, polarity),
        trial_limits=seg_len < MIN_POINTS_FOR_FIXED_LIMITS,
        target=target,
        polarity=polarity,
    )
