"""What goes in `MeasureResult.signal`, `signal_sentence` and `extra["signal"]`.

- Counts: `signal` is the change test against the same period last year (`count_change`:
  negative binomial when the history shows overdispersion, else exact Poisson); the sentence
  gives the rate ratio and its interval, then the MDC SPC verdict on the monthly values when
  they are given; `extra["signal"]` holds both, so the dashboard can draw the MDC variation
  and assurance icons next to the RAG rating.
- Survey proportions: `signal` is the two-period test (`proportion_change`) on effective
  sample sizes, between non-overlapping periods (this rolling year against the year before).

Codes: significant_increase, significant_decrease, no_significant_change, not_testable.
Rationale: a RAG rating alone turns red on noise; the signal says whether the change is more
than chance would give (issue 5; research note sections 2.1-2.4).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crimeplan.measures.change import (
    SIGNAL_SENTENCES,
    ChangeResult,
    ChangeSignal,
    CountChange,
    count_change,
    proportion_change,
)
from crimeplan.measures.spc import Polarity, xmr_chart

METHOD_NAMES = {
    "poisson-exact-conditional": "exact Poisson test",
    "negative-binomial": "negative binomial test",
    "quasi-poisson-seasonal": "change test allowing for season, trend and autocorrelation",
    "two-proportion-z": "two-proportion test on effective sample sizes",
}
SPC_MONTHS = 24
"""Months on the SPC chart beside a count's signal: exactly the 24 ending with the period (so
more history loaded never changes the chart); fewer, and the chart is not shown."""

Agreement = str
"""How the change test and the monthly chart relate: 'agree' (same direction, or neither
signals), 'change_only' (the test signals, the latest month is ordinary), 'spc_only' (only the
latest month is unusual), 'opposite' (they point opposite ways: the sentence explains why) or
'no_chart'."""


@dataclass(frozen=True)
class MeasureSignal:
    """The three signal fields of a `MeasureResult`."""

    signal: str
    sentence: str
    extra: dict[str, Any] = field(default_factory=dict)


def _change_extra(result: ChangeResult) -> dict[str, Any]:
    return {
        "method": result.method,
        "estimate": _finite(result.estimate),
        "lower": _finite(result.lower),
        "upper": _finite(result.upper),
        "p_value": _finite(result.p_value),
        "code": result.signal.value,
    }


def _finite(x: float) -> float | None:
    """None for a figure that is not a finite number (never 'inf' or 'nan' in an output)."""
    return float(x) if x is not None and math.isfinite(x) else None


def _direction(code: str) -> int:
    if code in (ChangeSignal.INCREASE.value,) or code.endswith("_high"):
        return 1
    if code in (ChangeSignal.DECREASE.value,) or code.endswith("_low"):
        return -1
    return 0


def _judgement(direction: int, polarity: Polarity) -> str:
    if direction == 0 or polarity == "neutral":
        return ""
    better = (direction > 0) == (polarity == "higher_is_better")
    return " (an improvement)" if better else " (a concern)"


def detectable_sentence(up: float, down: float) -> str | None:
    """'Here a change smaller than about 23% either way cannot be told from noise.'"""
    if not (math.isfinite(up) and math.isfinite(down)) or up <= 1:
        return None
    size = max(up - 1.0, 1.0 - down)
    return (
        f"Here a change smaller than about {math.ceil(100 * size)}% either way cannot be "
        "told from noise."
    )


def count_signal(
    current: int,
    comparison: int,
    *,
    comparison_label: str = "the same period last year",
    period_label: str = "the period",
    history: Sequence[float] = (),
    months: int = 1,
    exposure_ratio: float = 1.0,
    monthly_values: Sequence[float] = (),
    polarity: Polarity = "neutral",
    target: float | None = None,
) -> MeasureSignal:
    """One verdict and one sentence for a count: the change test of the period shown and
    rated (`period_label`, e.g. the year to date, against `comparison_label`), with the MDC SPC
    chart of the last `SPC_MONTHS` monthly values reconciled into the same sentence.

    The verdict (`signal`) is the change test's, because it tests the figure that is shown and
    rated; the chart answers a different question (is the latest month unusual against the
    last 24?) and the sentence says how the two relate, and why when they point opposite ways.

    >>> hist = [100.0 + 10 * ((i % 12) in (5, 6, 7)) for i in range(36)]
    >>> s = count_signal(160, 100, history=hist)
    >>> s.signal
    'significant_increase'
    >>> s.sentence[:62]
    'A significant increase: 160 in the period against 100 in the s'
    """
    result = count_change(
        current, comparison, history=history, months=months, exposure_ratio=exposure_ratio
    )
    extra: dict[str, Any] = {"change": _change_extra(result), "period": period_label}
    change_dir = _direction(result.signal.value)
    counts = f"{current:,} in {period_label} against {comparison:,} in {comparison_label}"
    if result.signal is ChangeSignal.NOT_TESTABLE:
        reason = getattr(result, "reason", None) or "too little data"
        parts = [f"Not testable for {period_label}: {reason} ({counts})."]
        extra["change"]["reason"] = reason
    else:
        words = SIGNAL_SENTENCES[result.signal]
        ratio = ""
        if math.isfinite(result.estimate) and math.isfinite(result.upper):
            ratio = (
                f" (rate ratio {result.estimate:.2f}, 95% interval {result.lower:.2f} to "
                f"{result.upper:.2f})"
            )
        parts = [
            f"{words[0].upper()}{words[1:]}{_judgement(change_dir, polarity)}: {counts}"
            f"{ratio}; {METHOD_NAMES[result.method]}."
        ]
    if isinstance(result, CountChange):
        detect = detectable_sentence(result.detectable_up, result.detectable_down)
        extra["change"]["variance_factor"] = _finite(result.variance_factor)
        extra["change"]["detectable_up"] = _finite(result.detectable_up)
        extra["change"]["detectable_down"] = _finite(result.detectable_down)
        extra["detectable_sentence"] = detect
        if detect and result.signal is not ChangeSignal.NOT_TESTABLE:
            parts.append(detect)
    agreement, chart_sentence = _chart(extra, monthly_values, polarity, target, change_dir)
    extra["agreement"] = agreement
    parts.append(chart_sentence)
    return MeasureSignal(result.signal.value, " ".join(parts), extra)


def _chart(
    extra: dict[str, Any],
    monthly_values: Sequence[float],
    polarity: Polarity,
    target: float | None,
    change_dir: int,
) -> tuple[Agreement, str]:
    """The SPC part of a count's signal: the agreement code and its sentence."""
    if len(monthly_values) < SPC_MONTHS:
        return "no_chart", (
            f"Monthly chart not shown: it needs {SPC_MONTHS} months, {len(monthly_values)} loaded."
        )
    chart = xmr_chart(list(monthly_values)[-SPC_MONTHS:], polarity=polarity, target=target)
    extra["spc"] = {
        "variation": chart.variation.value,
        "assurance": chart.assurance.value if chart.assurance else None,
        "mean": chart.mean,
        "lower_limit": chart.lower_limit,
        "upper_limit": chart.upper_limit,
        "trial_limits": chart.trial_limits,
        "code": chart.signal,
        "months": SPC_MONTHS,
    }
    spc_dir = _direction(chart.variation.value)
    where = f"against the last {SPC_MONTHS} months"
    unusual = "unusually high" if spc_dir > 0 else "unusually low"
    if spc_dir == 0:
        kind = "change_only" if change_dir else "agree"
        return kind, f"The latest month is within its usual range {where} (SPC)."
    judged = _judgement(spc_dir, polarity)
    if change_dir == spc_dir:
        return "agree", f"The monthly chart agrees: the latest month is {unusual} {where}."
    if change_dir == 0:
        return "spc_only", (
            f"The latest month is {unusual}{judged} {where} (SPC): a change too recent or too "
            "short to show in the period's total yet."
        )
    earlier = "rise" if change_dir > 0 else "fall"
    since = "eased" if change_dir > 0 else "turned up again"
    season = "low" if spc_dir < 0 else "high"
    return "opposite", (
        f"The monthly chart points the other way: the latest month is {unusual}{judged} "
        f"{where} (SPC). Both can be true: the test compares the whole period with the same "
        f"months a year before, the chart compares the latest month with the average of the "
        f"last {SPC_MONTHS} months, without allowing for the season; so either the {earlier} "
        f"came earlier and has {since} since, or the latest month is {season} for the time of "
        "year."
    )


def survey_signal(
    percentage: float | None,
    n_eff: float | None,
    comparison_percentage: float | None,
    comparison_n_eff: float | None,
    *,
    comparison_label: str = "the year before",
) -> MeasureSignal:
    """The signal of a survey percentage against a non-overlapping earlier period.

    Pass unsuppressed figures (`survey_measure_frame(..., min_base=None)`); a missing value
    (a suppressed cell) gives `not_testable`.

    >>> survey_signal(60.0, 800, 55.0, 800).sentence
    'A significant increase on the year before (+5.0 points, 95% interval +0.2 to +9.8).'
    """
    values = (percentage, n_eff, comparison_percentage, comparison_n_eff)
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values):
        return MeasureSignal(
            ChangeSignal.NOT_TESTABLE.value,
            f"Too few respondents to test for change on {comparison_label}.",
        )
    assert percentage is not None and n_eff is not None
    assert comparison_percentage is not None and comparison_n_eff is not None
    result = proportion_change(
        percentage / 100, n_eff, comparison_percentage / 100, comparison_n_eff
    )
    sentence = (
        f"{result.sentence[0].upper()}{result.sentence[1:]} on {comparison_label} "
        f"({result.estimate:+.1f} points, 95% interval {result.lower:+.1f} to "
        f"{result.upper:+.1f})."
    )
    return MeasureSignal(result.signal.value, sentence, {"change": _change_extra(result)})
