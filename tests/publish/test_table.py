"""Ranking boroughs: best first by polarity, ties share a rank, missing values last."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.publish.table import quarterly_columns, rank_results

from .seed_content import RESULTS

BASE = RESULTS[0]


def _areas(values: list[float | None]) -> list:  # type: ignore[type-arg]
    return [
        replace(BASE, area_code=f"E0900{i:04d}", area_name=f"Borough {i:02d}", value=v)
        for i, v in enumerate(values)
    ]


def test_ranks_lowest_first_when_lower_is_better() -> None:
    ranked = rank_results(_areas([300.0, 100.0, 200.0, 100.0, None]), "lower_is_better")
    assert [r.rank for r in ranked] == [1, 1, 3, 4, None]
    assert [r.result.value for r in ranked] == [100.0, 100.0, 200.0, 300.0, None]


def test_small_counts_are_not_ranked() -> None:
    """Counts below 20 (homicides by borough: 0-4) are not given a place (issue 12); they
    follow the ranked areas in name order, which implies no order among them."""
    assert BASE.unit == "count"
    ranked = rank_results(_areas([4.0, 0.0, 25.0, 3.0]), "lower_is_better")
    assert [(r.rank, r.result.value) for r in ranked] == [
        (1, 25.0),
        (None, 4.0),
        (None, 0.0),
        (None, 3.0),
    ]


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 50).map(float)), max_size=40),
    st.sampled_from(["lower_is_better", "higher_is_better", "neutral"]),
)
def test_rank_is_one_plus_the_number_of_better_areas(
    values: list[float | None], polarity: str
) -> None:
    ranked = rank_results(_areas(values), polarity)
    assert len(ranked) == len(values)
    known = [v for v in values if v is not None and v >= MIN_BASE]
    for rr in ranked:
        v = rr.result.value
        if v is None or v < MIN_BASE:
            assert rr.rank is None
            continue
        better = [k for k in known if (k < v if polarity == "lower_is_better" else k > v)]
        assert rr.rank == 1 + len(better)
    # missing values come after every ranked one
    seen_none = False
    for rr in ranked:
        seen_none = seen_none or rr.rank is None
        assert not (seen_none and rr.rank is not None)


def test_columns_follow_the_committee_order() -> None:
    fields = [c.field for c in quarterly_columns(RESULTS)]
    assert fields[:6] == ["measure_title", "value", "rated_value", "target", "tolerance", "rag"]
    assert fields[6:8] == ["dot_short", "dot_long"]
    assert fields[-1] == "parent_ytd_pct_change"
    london_only = [replace(r, parent_name=None) for r in RESULTS]
    assert "parent_ytd_pct_change" not in [c.field for c in quarterly_columns(london_only)]
