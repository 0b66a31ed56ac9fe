"""RAG rating and direction of travel, vectorised over numpy arrays (scalars work too).

One implementation serves one cell and a whole London measure set.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]


def _arr(x: Any) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def better_sign(polarity: Any) -> FloatArray:
    """+1 where higher is better, -1 where lower is better, 0 where neither (neutral); a
    numeric array is taken as such signs already."""
    p = np.asarray(polarity)
    if p.dtype.kind in "fiu":
        return p.astype(np.float64)
    p = p.astype(object)
    return np.where(p == "higher_is_better", 1.0, np.where(p == "lower_is_better", -1.0, 0.0))


DECIMALS = {"count": 0, "rate_per_1000": 2, "percentage": 1}


def direction_of_travel(
    current: Any, comparison: Any, polarity: Any, decimals: Any = 1
) -> ObjArray:
    """'better', 'worse' or 'same' against a comparison value, respecting polarity.

    Source: Havering Corporate Performance Report Q3 2016/17: "A green arrow means performance
    is better and a red arrow means performance is worse. An amber arrow means that performance
    is the same." Short term compares with the previous quarter, long term with the same
    quarter last year. Values equal at the displayed precision (`decimals`: whole numbers for
    counts, 2 places for rates, 1 for percentages) count as the same. A neutral measure (no
    better direction) and a missing value give None.

    >>> direction_of_travel(4355, 4520, "lower_is_better").item()
    'better'
    """
    codes = direction_code(current, comparison, polarity, decimals)
    return np.asarray(np.asarray(DOT_LABELS, dtype=object)[codes], dtype=object)


DOT_LABELS = ("better", "worse", "same", None)
"""`direction_code`'s labels: the last (code -1) is no direction."""


def direction_code(current: Any, comparison: Any, polarity: Any, decimals: Any = 1) -> Any:
    """`direction_of_travel` as codes into `DOT_LABELS` (-1: none), for whole columns."""
    cur, cmp_ = _arr(current), _arr(comparison)
    sign = better_sign(polarity)
    diff = (cur - cmp_) * sign
    places = np.asarray(decimals, dtype=np.int64)
    scale = np.power(10.0, places)
    same = np.round(cur * scale) == np.round(cmp_ * scale)
    out = np.where(same, 2, np.where(diff > 0, 0, 1))
    return np.where(np.isnan(cur) | np.isnan(cmp_) | (sign == 0), -1, out)


def rag_rating(value: Any, target: Any, allowance: Any, last_year: Any, polarity: Any) -> ObjArray:
    """Red, amber or green against a target with a tolerance.

    Source: Havering Corporate Performance Report Q3 2016/17 (Crime & Disorder Sub-Committee,
    January 2017), the RAG ratings for 2016/17:
    - Red = more than the 'target tolerance' off the quarter target and where performance has
      not improved;
    - Amber = more than the 'target tolerance' off the quarter target and where performance has
      improved or been maintained;
    - Green = on or within the 'target tolerance' of the quarter target.
    "Off" is on the wrong side of the target: better than target is on target. "Improved" is
    judged against the same period last year (for the default year-to-date rating, the
    financial year to date against the previous one), the comparison in which the report says
    total notifiable offences (+4.5%) and ASB (+26.0%) had not improved. No target, a neutral
    measure, or an off-target value with no comparison gives None (not rated).

    >>> rag_rating(13143, 12573, 314.3, 12573, "lower_is_better").item()
    'red'
    """
    codes = rag_code(value, target, allowance, last_year, polarity)
    return np.asarray(np.asarray(RAG_LABELS, dtype=object)[codes], dtype=object)


RAG_LABELS = ("green", "amber", "red", None)
"""`rag_code`'s labels: the last (code -1) is not rated."""


def rag_code(value: Any, target: Any, allowance: Any, last_year: Any, polarity: Any) -> Any:
    """`rag_rating` as codes into `RAG_LABELS` (-1: not rated), for whole columns."""
    v, t, a, ly = _arr(value), _arr(target), _arr(allowance), _arr(last_year)
    sign = better_sign(polarity)
    shortfall = (t - v) * sign  # > 0 when on the wrong side of the target
    off = shortfall > a + 1e-9
    improved = (v - ly) * sign >= 0  # improved or maintained
    out = np.where(~off, 0, np.where(improved, 1, 2))
    unknown = np.isnan(v) | np.isnan(t) | (sign == 0) | (off & np.isnan(ly))
    return np.where(unknown, -1, out)


def pct_change(current: Any, comparison: Any) -> FloatArray:
    """Change as a percentage of the comparison value; NaN where that is missing or zero.

    >>> round(float(pct_change(13143, 12573)), 1)
    4.5
    """
    cur, cmp_ = _arr(current), _arr(comparison)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray((cur - cmp_) / cmp_ * 100.0, dtype=np.float64)
    return np.where(np.isfinite(out), out, np.nan)


NO_TARGETS_NOTE = (
    "This plan sets no numeric targets, so no measure is rated red, amber or green; the "
    "direction of travel and the statistical signal still say how each measure has changed."
)


def no_targets_note(plan: Any) -> str | None:
    """The one sentence a plan without any numeric target shows, instead of leaving a reader
    to wonder why every measure reads 'Not rated' (issue 12); None when any measure has one."""
    return None if any(m.target is not None for m in plan.measures()) else NO_TARGETS_NOTE


def results_without_targets(results: Any) -> str | None:
    """The same sentence for a list of results, when none has a target or a rating."""
    rows = list(results)
    if rows and all(r.target is None and r.rag is None for r in rows):
        return NO_TARGETS_NOTE
    return None
