"""Small-base suppression and the scanner that checks outputs for unsuppressed small bases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.measures.suppression import (
    DEFAULT_MIN_BASE,
    SUPPRESSION_MARKER,
    find_unsuppressed,
    scan_csv,
    suppress_frame,
    suppress_value,
)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=150))
def test_a_value_is_shown_exactly_when_its_base_reaches_the_threshold(
    base: int, threshold: int
) -> None:
    shown = suppress_value(42.0, base, threshold=threshold)
    assert shown.suppressed == (base < threshold)
    assert (shown.value is None) == (base < threshold)
    if shown.suppressed:
        assert shown.marker == SUPPRESSION_MARKER
        assert shown.note is not None and str(threshold) in shown.note


def test_unknown_base_is_suppressed() -> None:
    assert suppress_value(42.0, None).suppressed
    assert suppress_value(42.0, float("nan")).suppressed


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["Black", "White", "Mixed"],
            "percentage": [56.0, 82.0, 70.0],
            "lower": [53.0, 81.0, 55.0],
            "upper": [59.0, 83.0, 83.0],
            "base": [1200, 5000, 35],
        }
    )


def test_suppress_frame_blanks_figures_keeps_the_base_and_says_why() -> None:
    out = suppress_frame(_table())
    mixed = out[out["group"] == "Mixed"].iloc[0]
    assert pd.isna(mixed["percentage"]) and pd.isna(mixed["lower"]) and pd.isna(mixed["upper"])
    assert mixed["base"] == 35
    assert mixed["suppressed"]
    assert "35 respondents" in mixed["note"] and f"{DEFAULT_MIN_BASE}" in mixed["note"]
    assert out.loc[0, "percentage"] == 56.0
    assert find_unsuppressed(out).empty
    assert len(find_unsuppressed(_table())) == 1


def test_threshold_is_configurable() -> None:
    out = suppress_frame(_table(), threshold=2000)
    assert list(out["suppressed"]) == [True, False, True]


def test_every_base_column_counts() -> None:
    gaps = pd.DataFrame({"gap": [-20.0], "base": [900], "reference_base": [12]})
    assert len(find_unsuppressed(gaps)) == 1
    assert pd.isna(suppress_frame(gaps).loc[0, "gap"])


def test_a_table_without_a_base_is_refused() -> None:
    with pytest.raises(ValueError, match="no unweighted base column"):
        suppress_frame(pd.DataFrame({"percentage": [1.0]}))


def test_scan_csv_finds_a_small_base_and_accepts_the_marker(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    _table().to_csv(bad, index=False)
    assert list(scan_csv(bad)["group"]) == ["Mixed"]
    good = tmp_path / "good.csv"
    shown = suppress_frame(_table())
    shown["percentage"] = (
        shown["percentage"].astype(object).where(shown["percentage"].notna(), SUPPRESSION_MARKER)
    )
    shown.to_csv(good, index=False)
    assert scan_csv(good).empty
