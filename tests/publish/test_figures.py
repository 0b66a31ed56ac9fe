"""How figures are written: rounding, signs, RAG words and arrows (never colour alone)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crimeplan.publish.figures import (
    direction,
    format_change,
    format_rag,
    format_target,
    format_value,
)

from .htmltables import agrees


def test_values_in_their_unit() -> None:
    assert format_value(13143, "count") == "13,143"
    assert format_value(28.81, "percentage") == "28.8%"
    assert format_value(2.3456, "rate_per_1000") == "2.35"
    assert format_value(None, "count") == "n/a"
    assert format_value(-5, "count") == "\u22125"


def test_changes_carry_their_sign() -> None:
    # Havering Q3 2016-17: TNO year to date 13,143 against 12,573, "an increase of 4.5%".
    assert format_change((13143 - 12573) / 12573 * 100) == "+4.5%"
    assert format_change(-3.66) == "\u22123.7%"
    assert format_change(0.04) == "0.0%"
    assert format_change(None) == "n/a"


def test_rag_and_direction_are_words_with_shapes() -> None:
    assert format_rag("red") == "\u25b2 Red"
    assert format_rag(None) == "Not rated"
    d = direction("worse", 15.96)
    assert d.text == "\u2193 Worse (+16.0%)"
    assert direction("better", -3.0).text == "\u2191 Better (\u22123.0%)"
    assert direction(None, None).text == "n/a"
    assert format_target(None, "count") == "No target"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_printed_change_reads_back_as_the_value(pct: float) -> None:
    assert agrees(format_change(pct), pct)


@given(
    st.floats(min_value=0, max_value=1e7, allow_nan=False),
    st.sampled_from(["count", "percentage", "rate_per_1000"]),
)
def test_printed_value_reads_back_as_the_value(value: float, unit: str) -> None:
    assert agrees(format_value(value, unit), value)
