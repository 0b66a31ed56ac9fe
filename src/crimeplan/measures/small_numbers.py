"""Small numbers: no percentage change on a small base, no rank on a small count.

Rules:
- A percentage change is shown only when its base (the comparison count) is at least
  `MIN_BASE` (20). Below that the two counts are shown instead ("3 against 9"); 0 is shown
  as 0, and a change from 0 is never a percentage (it would be infinite).
- An area whose count is below `MIN_BASE` is not ranked against others: its place in a
  league table would be decided by chance (a rank needs the count's relative standard error,
  1 / sqrt(n), below about 22%).

Source: the US National Center for Health Statistics does not publish rates on fewer than 20
events, and New York State's Department of Health marks them unreliable, because the relative
standard error of a count of n is 1 / sqrt(n): 22% at 20, 32% at 10, 58% at 3 ("Rates Based
on Small Numbers", health.ny.gov, statistics teaching tools). The Government Statistical
Service's guidance "Communicating quality, uncertainty and change" (2018) asks producers to
warn users where small numbers make changes unreliable. Issue 12: "homicides 0 -> 1 shown as
'rate ratio inf'", "ward rows print -66.7% on 3 offences", "boroughs ranked 1-32 on counts of
0-4".
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MIN_BASE = 20
"""Smallest comparison count on which a percentage change is shown, and smallest count that
is ranked."""


def _count_text(x: float) -> str:
    return f"{round(x):,}"


def small_base(comparison: float | None) -> bool:
    """True when a percentage change on this base would not be shown."""
    return comparison is not None and not math.isnan(comparison) and comparison < MIN_BASE


def counts_instead(current: float | None, comparison: float | None) -> str | None:
    """'3 against 9' when the base is small (the two counts instead of a percentage), else
    None.

    >>> counts_instead(1, 0)
    '1 against 0'
    >>> counts_instead(130, 100) is None
    True
    """
    if current is None or comparison is None or not small_base(comparison):
        return None
    if math.isnan(current):
        return None
    return f"{_count_text(current)} against {_count_text(comparison)}"


def mask_small_base(pct: Any, comparison: Any, is_count: Any) -> np.ndarray:
    """Percentage changes with those on a small count base blanked (NaN), vectorised."""
    p = np.asarray(pct, dtype=np.float64).copy()
    base = np.asarray(comparison, dtype=np.float64)
    counts = np.asarray(is_count, dtype=bool)
    with np.errstate(invalid="ignore"):
        p[counts & (base < MIN_BASE)] = np.nan
    return p


def small_base_note(label: str, current: float, comparison: float) -> str:
    """The note beside a blanked percentage change."""
    return (
        f"{label}: {_count_text(current)} against {_count_text(comparison)}; no percentage "
        f"change on fewer than {MIN_BASE} offences."
    )


def rankable(count: float | None) -> bool:
    """Whether an area's count is large enough to be given a rank."""
    return count is not None and not math.isnan(count) and count >= MIN_BASE


def result_count(unit: str, value: float | None, numerator: float | None) -> float | None:
    """The count behind a figure (the count itself, or a rate's numerator); None for
    percentages, whose small bases are handled by survey suppression."""
    if unit == "count":
        return value
    if unit == "rate_per_1000":
        return numerator
    return None


def competition_ranks(values: list[float | None], counts: list[float | None]) -> list[int | None]:
    """Ranks for values already in rank order: equal values share a rank (1, 2, 2, 4); a
    missing value, or a count below `MIN_BASE`, gets None (not ranked), and does not take a
    place from those that are.

    >>> competition_ranks([9.0, 7.0, 7.0, 5.0, 3.0], [90, 70, 70, 50, 3])
    [1, 2, 2, 4, None]
    """
    out: list[int | None] = []
    place = 0
    previous: float | None = None
    last_rank: int | None = None
    for value, count in zip(values, counts, strict=True):
        if value is None or (count is not None and not rankable(count)):
            out.append(None)
            continue
        place += 1
        if previous is not None and value == previous:
            out.append(last_rank)
        else:
            last_rank = place
            out.append(place)
        previous = value
    return out


NOT_RANKED_NOTE = f"Not ranked: fewer than {MIN_BASE} offences, too few to place reliably."
