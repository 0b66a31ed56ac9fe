"""The signal fields of a MeasureResult, for counts and for survey proportions."""

from __future__ import annotations

import math

import numpy as np

from crimeplan.measures.change import count_change, proportion_change
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.signals import count_signal, survey_signal


def test_count_signal_carries_the_change_test_and_the_spc_icons() -> None:
    rng = np.random.default_rng(1)
    monthly = [*rng.poisson(100, 23).tolist(), 180]
    signal = count_signal(
        180,
        int(monthly[11]),
        history=monthly[:-1],
        monthly_values=monthly,
        polarity="lower_is_better",
        target=90,
    )
    expected = count_change(180, int(monthly[11]), history=monthly[:-1])
    assert signal.signal == expected.signal.value == "significant_increase"
    assert signal.extra["change"]["p_value"] == expected.p_value
    assert signal.extra["spc"]["variation"] == "special_cause_concern_high"
    assert signal.extra["spc"]["assurance"] == "hit_and_miss"
    assert "Monthly SPC: special cause variation: a significant concern (higher)" in (
        signal.sentence
    )
    result = MeasureResult(
        measure_id="burglary",
        measure_title="Burglary",
        priority_id="p",
        priority_title="P",
        unit="count",
        polarity="lower_is_better",
        area_code="E09000016",
        area_name="Havering",
        area_level="borough",
        period="2024-03",
        source="mps-crime",
        value=180,
        signal=signal.signal,
        signal_sentence=signal.sentence,
        extra={"signal": signal.extra},
    )
    assert result.as_dict()["signal"] == "significant_increase"


def test_count_signal_with_short_series_says_trial_limits() -> None:
    signal = count_signal(12, 10, monthly_values=[10, 12, 11, 9, 12])
    assert signal.signal == "no_significant_change"
    assert signal.sentence.startswith("No significant change on the same period last year")
    assert signal.sentence.endswith("(trial limits: fewer than 12 months).")


def test_zero_counts_are_not_testable() -> None:
    signal = count_signal(0, 0)
    assert signal.signal == "not_testable"
    assert signal.sentence == "Too little data to test for change on the same period last year."


def test_survey_signal_matches_the_proportion_test() -> None:
    signal = survey_signal(56.0, 1200.0, 61.0, 1100.0, comparison_label="2022-23")
    expected = proportion_change(0.56, 1200.0, 0.61, 1100.0)
    assert signal.signal == expected.signal.value == "significant_decrease"
    assert signal.sentence.startswith("A significant decrease on 2022-23 (-5.0 points")
    assert math.isclose(signal.extra["change"]["estimate"], -5.0)


def test_survey_signal_on_a_suppressed_cell_is_not_testable() -> None:
    signal = survey_signal(None, None, 61.0, 1100.0)
    assert signal.signal == "not_testable"
    assert "Too few respondents" in signal.sentence
    assert survey_signal(float("nan"), 30.0, 61.0, 1100.0).signal == "not_testable"
