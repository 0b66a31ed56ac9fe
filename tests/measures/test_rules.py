"""RAG with tolerance and direction of travel (Havering Q3 2016/17 definitions)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.measures.rules import direction_of_travel, pct_change, rag_rating

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "target", "allowance", "last_year", "polarity", "expected"),
    [
        (100, 100, 0, 90, "lower_is_better", "green"),  # on target
        (102, 100, 2.5, 120, "lower_is_better", "green"),  # within tolerance
        (90, 100, 0, 80, "lower_is_better", "green"),  # better than target
        (110, 100, 2.5, 120, "lower_is_better", "amber"),  # off, improved on last year
        (110, 100, 2.5, 110, "lower_is_better", "amber"),  # off, maintained
        (110, 100, 2.5, 105, "lower_is_better", "red"),  # off, not improved
        (25, 28, 3, NAN, "higher_is_better", "green"),
        (24, 28, 3, 20, "higher_is_better", "amber"),
        (24, 28, 3, 30, "higher_is_better", "red"),
        (110, 100, 2.5, NAN, "lower_is_better", None),  # off, no comparison: not rated
        (110, NAN, 2.5, 90, "lower_is_better", None),  # no target
        (110, 100, 2.5, 90, "neutral", None),
    ],
)
def test_rag(
    value: float,
    target: float,
    allowance: float,
    last_year: float,
    polarity: str,
    expected: str | None,
) -> None:
    assert rag_rating(value, target, allowance, last_year, polarity).item() == expected


finite = st.floats(0, 1e6, allow_nan=False)


@given(finite, finite, st.floats(0, 1e4), finite)
def test_rag_mirror_symmetry(value: float, target: float, allowance: float, ly: float) -> None:
    """Higher-is-better on x equals lower-is-better on -x: one rule, two polarities."""
    a = rag_rating(value, target, allowance, ly, "higher_is_better").item()
    b = rag_rating(-value, -target, allowance, -ly, "lower_is_better").item()
    assert a == b


@given(finite, finite)
def test_green_whenever_within_tolerance(value: float, target: float) -> None:
    allowance = abs(value - target)
    assert rag_rating(value, target, allowance, NAN, "lower_is_better").item() == "green"


def test_direction_of_travel_respects_polarity_and_precision() -> None:
    got = direction_of_travel(
        [4355, 4355, 1.904, 28.8, 5],
        [4520, 4355, 1.9, 28.84, 4],
        ["lower_is_better", "lower_is_better", "lower_is_better", "higher_is_better", "neutral"],
        [0, 0, 2, 1, 0],
    )
    assert list(got) == ["better", "same", "same", "same", None]


def test_pct_change() -> None:
    assert round(float(pct_change(4810, 3817)), 1) == 26.0
    assert math.isnan(float(pct_change(5, 0)))
    assert np.isnan(pct_change([1.0], [NAN])).all()
