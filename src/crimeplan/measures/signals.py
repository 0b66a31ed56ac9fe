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

from crimeplan.measures.change import ChangeResult, ChangeSignal, count_change, proportion_change
from crimeplan.measures.spc import Polarity, xmr_chart

METHOD_NAMES = {
    "poisson-exact-conditional": "exact Poisson test",
    "negative-binomial": "negative binomial test",
    "two-proportion-z": "two-proportion test on effective sample sizes",
}


@dataclass(frozen=True)
class MeasureSignal:
    """The three signal fields of a `MeasureResult`."""

    signal: str
    sentence: str
    extra: dict[str, Any] = field(default_factory=dict)


def _change_extra(result: ChangeResult) -> dict[str, Any]:
    return {
        "method": result.method,
        "estimate": result.estimate,
        "lower": result.lower,
        "upper": result.upper,
        "p_value": result.p_value,
        "code": result.signal.value,
    }


def count_signal(
    current: int,
    comparison: int,
    *,
    comparison_label: str = "the same period last year",
    history: Sequence[float] = (),
    months: int = 1,
    exposure_ratio: float = 1.0,
    monthly_values: Sequence[float] = (),
    polarity: Polarity = "neutral",
    target: float | None = None,
) -> MeasureSignal:
    """The signal of a count measure: change test, plus MDC SPC on `monthly_values` if given.

    >>> s = count_signal(160, 100)
    >>> s.signal
    'significant_increase'
    >>> s.sentence[:58]
    'A significant increase on the same period last year (rate '
    """
    result = count_change(
        current, comparison, history=history, months=months, exposure_ratio=exposure_ratio
    )
    extra: dict[str, Any] = {"change": _change_extra(result)}
    if result.signal is ChangeSignal.NOT_TESTABLE:
        sentence = f"Too little data to test for change on {comparison_label}."
    else:
        sentence = (
            f"{result.sentence[0].upper()}{result.sentence[1:]} on {comparison_label} "
            f"(rate ratio {result.estimate:.2f}, 95% interval {result.lower:.2f} to "
            f"{_fmt_upper(result.upper)}; {METHOD_NAMES[result.method]})."
        )
    if len(monthly_values) >= 2:
        chart = xmr_chart(monthly_values, polarity=polarity, target=target)
        extra["spc"] = {
            "variation": chart.variation.value,
            "assurance": chart.assurance.value if chart.assurance else None,
            "mean": chart.mean,
            "lower_limit": chart.lower_limit,
            "upper_limit": chart.upper_limit,
            "trial_limits": chart.trial_limits,
            "code": chart.signal,
        }
        sentence += f" Monthly SPC: {chart.sentence[0].lower()}{chart.sentence[1:]}"
        if chart.trial_limits:
            sentence = sentence[:-1] + " (trial limits: fewer than 12 months)."
    return MeasureSignal(result.signal.value, sentence, extra)


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


def _fmt_upper(value: float) -> str:
    return "infinity" if math.isinf(value) else f"{value:.2f}"
