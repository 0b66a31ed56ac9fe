"""A survey measure's figures for one area and period, ready for the engine's `MeasureResult`.

Convention (as MOPAC publishes the PAS): the value for a period is the rolling 12 months ending
with the period's last month; it is compared with the 12 months before that (not overlapping,
so the two-period test is valid). Every figure is suppressed on a small base; the signal is
computed on unsuppressed figures but is "not testable" when either base is small, so it never
reveals a suppressed value.

    figures = survey_figures(store, "trust_mps", ["Strongly agree", "Tend to agree"],
                             area_code="E09000022", area_level="borough", end_month="2024-03",
                             characteristics=["ethnic_group", "sex"])
    MeasureResult(**common, **figures.result_fields())
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from crimeplan.measures.signals import MeasureSignal, survey_signal
from crimeplan.measures.suppression import DEFAULT_MIN_BASE, suppress_value
from crimeplan.measures.survey import ROLLING_MONTHS
from crimeplan.measures.survey_measure import survey_gaps_frame, survey_measure_frame


@dataclass(frozen=True)
class SurveyFigures:
    """The shown (suppressed) figures of a survey measure, its signal and its breakdowns."""

    period: str
    value: float | None
    lower: float | None
    upper: float | None
    base: int
    n_eff: float | None
    note: str | None
    comparison_period: str
    comparison_value: float | None
    signal: MeasureSignal
    breakdowns: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)

    def result_fields(self) -> dict[str, Any]:
        """Keyword arguments for `MeasureResult` (value, comparison, signal, note, extra)."""
        change = None
        if self.value is not None and self.comparison_value is not None:
            change = round(self.value - self.comparison_value, 1)
        return {
            "value": self.value,
            "denominator": float(self.base),
            "note": self.note,
            "last_year_period": self.comparison_period,
            "last_year_value": self.comparison_value,
            "vintage": self.period[-7:],
            "signal": self.signal.signal,
            "signal_sentence": self.signal.sentence,
            "interval_lower": self.lower,
            "interval_upper": self.upper,
            "base": self.base,
            "extra": {
                "survey": {
                    "lower": self.lower,
                    "upper": self.upper,
                    "base": self.base,
                    "n_eff": self.n_eff,
                    "change_points": change,
                    "breakdowns": self.breakdowns,
                    "gaps": self.gaps,
                },
                "signal": self.signal.extra,
            },
        }


def _row(frame: pd.DataFrame, period: str) -> pd.Series | None:  # type: ignore[type-arg]
    rows = frame[frame["period"] == period]
    return None if rows.empty else rows.iloc[0]


def _number(row: pd.Series | None, column: str) -> float | None:  # type: ignore[type-arg]
    if row is None or pd.isna(row[column]):
        return None
    return float(row[column])


def survey_figures(
    store: Any,
    question: str,
    positive: Sequence[str],
    *,
    area_code: str,
    area_level: str,
    end_month: str,
    characteristics: Sequence[str] = (),
    gap_characteristics: Sequence[str] = ("ethnic_group",),
    exclude_answers: Sequence[str] = (),
    subgroup: Mapping[str, Sequence[str]] | None = None,
    survey: str = "pas",
    window: int = ROLLING_MONTHS,
    min_base: int = DEFAULT_MIN_BASE,
) -> SurveyFigures:
    """The measure's rolling-year value ending `end_month` ('YYYY-MM') for one area, the year
    before, the two-period signal, breakdowns by `characteristics` and gaps by
    `gap_characteristics` (those of them in `characteristics`), all suppressed on small bases."""
    end = pd.Period(end_month, freq="M")
    before = end - window
    common: dict[str, Any] = {
        "area_level": area_level,
        "area_codes": [area_code],
        "window": window,
        "survey": survey,
        "exclude_answers": exclude_answers,
        "subgroup": subgroup,
    }
    raw = survey_measure_frame(
        store, question, positive, months=(str(before), str(end)), min_base=None, **common
    )
    now, then = _row(raw, str(end)), _row(raw, str(before))
    base = 0 if now is None else int(now["base"])
    shown = suppress_value(_number(now, "percentage"), base, threshold=min_base)
    then_base = 0 if then is None else int(then["base"])
    then_shown = suppress_value(_number(then, "percentage"), then_base, threshold=min_base)
    label, before_label = f"R12-{end}", f"R12-{before}"
    if window != ROLLING_MONTHS:
        label, before_label = f"{window}m-{end}", f"{window}m-{before}"
    if now is None or then is None:
        signal = MeasureSignal(
            "not_testable", f"No survey figures for the {window} months before to compare with."
        )
    elif shown.suppressed or then_shown.suppressed:
        signal = survey_signal(
            None, None, None, None, comparison_label=f"the {window} months before"
        )
    else:
        signal = survey_signal(
            _number(now, "percentage"),
            _number(now, "n_eff"),
            _number(then, "percentage"),
            _number(then, "n_eff"),
            comparison_label=f"the {window} months before",
        )
    note = shown.note if now is not None else f"No survey respondents in the {window} months"
    breakdowns: list[dict[str, Any]] = []
    if characteristics:
        frame = survey_measure_frame(
            store,
            question,
            positive,
            by=list(characteristics),
            months=(str(end), str(end)),
            min_base=min_base,
            **common,
        )
        breakdowns = frame.drop(columns=["month"]).to_dict(orient="records")
    gaps: list[dict[str, Any]] = []
    for characteristic in [c for c in gap_characteristics if c in characteristics]:
        table = survey_gaps_frame(
            store,
            question,
            positive,
            characteristic,
            month=str(end),
            area_level=area_level,
            area_codes=[area_code],
            window=window,
            survey=survey,
            exclude_answers=exclude_answers,
            subgroup=subgroup,
            min_base=min_base,
        )
        gaps += table.to_dict(orient="records")
    return SurveyFigures(
        period=label,
        value=None if shown.value is None else round(shown.value, 1),
        lower=None if shown.suppressed else _round(_number(now, "lower")),
        upper=None if shown.suppressed else _round(_number(now, "upper")),
        base=base,
        n_eff=None if shown.suppressed else _round(_number(now, "n_eff")),
        note=note,
        comparison_period=before_label,
        comparison_value=None if then_shown.value is None else round(then_shown.value, 1),
        signal=signal,
        breakdowns=breakdowns,
        gaps=gaps,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
