"""The signal fields of a MeasureResult, for counts and for survey proportions."""

from __future__ import annotations

import json
import math

import numpy as np

from crimeplan.measures.change import count_change, proportion_change
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.signals import count_signal, survey_signal


def _history(seed: int, n: int = 36, mu: float = 100.0) -> list[float]:
    rng = np.random.default_rng(seed)
    return rng.poisson(mu, n).astype(float).tolist()


def test_count_signal_carries_the_change_test_and_the_spc_icons() -> None:
    history = _history(1)
    monthly = [*history[-23:], 180.0]
    signal = count_signal(
        180,
        int(history[-12]),
        history=history,
        monthly_values=monthly,
        polarity="lower_is_better",
        target=90,
        period_label="2024-03",
        comparison_label="2023-03",
    )
    expected = count_change(180, int(history[-12]), history=history)
    assert signal.signal == expected.signal.value == "significant_increase"
    assert signal.extra["change"]["p_value"] == expected.p_value
    assert signal.extra["spc"]["variation"] == "special_cause_concern_high"
    assert signal.extra["spc"]["assurance"] == "hit_and_miss"
    assert signal.extra["agreement"] == "agree"
    assert signal.sentence.startswith(
        f"A significant increase (a concern): 180 in 2024-03 against {int(history[-12])} in 2023-03"
    )
    assert "cannot be told from noise" in signal.sentence
    assert "The monthly chart agrees" in signal.sentence
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


def test_short_series_are_not_testable_and_show_no_chart() -> None:
    signal = count_signal(12, 10, history=[10.0] * 20, monthly_values=[10, 12, 11, 9, 12])
    assert signal.signal == "not_testable"
    assert signal.sentence.startswith(
        "Not testable for the period: needs 36 months of history before the period, 20 loaded"
    )
    assert "Monthly chart not shown: it needs 24 months, 5 loaded." in signal.sentence


def test_zero_counts_are_not_testable_and_nothing_is_infinite() -> None:
    signal = count_signal(0, 0, history=[0.0] * 36)
    assert signal.signal == "not_testable"
    assert "no offences in either period (0 in the period against 0" in signal.sentence
    one = count_signal(1, 0, history=[0.0] * 35 + [1.0], monthly_values=[0.0] * 23 + [1.0])
    text = one.sentence + json.dumps(one.extra, allow_nan=False)
    assert "inf" not in text.lower().replace("infinite", "") and "nan" not in text.lower()
    assert "1 in the period against 0" in one.sentence and "rate ratio" not in one.sentence


def test_opposite_directions_always_come_with_the_sentence_that_explains_them() -> None:
    """The year to date is up on last year but the latest month is unusually low: the verdict
    is the test of the rated period, and the sentence says why the chart points the other way."""
    history = [100.0 + (i % 12 == 6) * 5 for i in range(36)]
    monthly = [100.0] * 17 + [160.0, 165.0, 170.0, 160.0, 165.0, 160.0, 60.0]
    signal = count_signal(980, 600, history=history, months=6, monthly_values=monthly)
    assert signal.signal == "significant_increase"
    assert signal.extra["spc"]["variation"].endswith("_low")
    assert signal.extra["agreement"] == "opposite"
    assert "The monthly chart points the other way" in signal.sentence
    assert "so either the rise came earlier and has eased since" in signal.sentence


def test_signal_and_chart_never_point_opposite_ways_unexplained() -> None:
    """Over 600 random cells: whenever the test and the chart point opposite ways, the
    sentence explains it, and only then."""
    rng = np.random.default_rng(12)
    opposite = 0
    for _ in range(600):
        level = float(rng.uniform(20, 300))
        months = int(rng.choice([3, 6, 12]))
        series = rng.poisson(level * np.exp(rng.normal(0, 0.25, 60))).astype(float)
        series[-months:] *= float(rng.choice([0.6, 1.0, 1.5]))
        series[-1] *= float(rng.choice([0.4, 1.0, 2.5]))  # a latest month against the run
        current = int(series[-months:].sum())
        comparison = int(series[-months - 12 : len(series) - 12].sum())
        signal = count_signal(
            current,
            comparison,
            history=series[: len(series) - months].tolist(),
            months=months,
            monthly_values=series[-24:].tolist(),
            polarity=str(rng.choice(["lower_is_better", "higher_is_better", "neutral"])),  # type: ignore[arg-type]
        )
        spc = signal.extra["spc"]["variation"]
        spc_dir = 1 if spc.endswith("_high") else -1 if spc.endswith("_low") else 0
        test_dir = {"significant_increase": 1, "significant_decrease": -1}.get(signal.signal, 0)
        explained = "The monthly chart points the other way" in signal.sentence
        is_opposite = test_dir != 0 and spc_dir == -test_dir
        opposite += is_opposite
        assert explained == is_opposite, signal.sentence
        assert "(an improvement)" not in signal.sentence.split(":")[0] or test_dir != 0
    assert opposite > 0  # the case arises, and is explained


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
