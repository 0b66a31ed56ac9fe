"""Disproportionality in survey measures: the gap between a group and the rest, against the
plan's aim.

The draft Police and Crime Plan 2021-25 (section 6.1) aims to "reduce the disproportionalities
in levels of trust between different groups of Londoners to within +/-5%", trust being then
"56% of Black Londoners, 76% of other ethnic minorities, and 82% of white Londoners". The gap is
p_group - p_reference in percentage points, the reference being everyone else who answered (by
default) or a named group; its 95% interval is Newcombe's hybrid score interval on the two
effective sample sizes (the samples are disjoint, so independent).

Rating against the aim of +/-A points (A = 5):
- "within the aim": the whole interval lies inside [-A, +A];
- "outside the aim": the whole interval lies beyond +A or below -A;
- "not distinguishable from the aim": the interval straddles -A or +A, so the data cannot
  tell whether the gap meets the aim.

Source: seeds/police-and-crime-plan-2021-25-draft.txt section 6.1; research note section 2.5.
Rationale: at about 400 interviews a borough, a 95% interval is about +/-5 points wide, so a
+/-5 point rule judged on the point estimate alone would flip on noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from crimeplan.measures.change import ALPHA, difference_interval
from crimeplan.measures.suppression import DEFAULT_MIN_BASE
from crimeplan.measures.survey import (
    SurveyEstimate,
    add_estimates,
    estimate_from_sums,
    group_sums,
)

AIM_POINTS = 5.0
"""The plan's aim: gaps in trust within +/-5 percentage points."""
NOT_RECORDED = "not recorded"


class GapRating(StrEnum):
    WITHIN = "within_the_aim"
    OUTSIDE = "outside_the_aim"
    NOT_DISTINGUISHABLE = "not_distinguishable_from_the_aim"
    BASE_TOO_SMALL = "base_too_small"


RATING_SENTENCES: dict[GapRating, str] = {
    GapRating.WITHIN: "within the ±{aim:g} point aim",
    GapRating.OUTSIDE: "outside the ±{aim:g} point aim",
    GapRating.NOT_DISTINGUISHABLE: "not distinguishable from the ±{aim:g} point aim",
    GapRating.BASE_TOO_SMALL: "too few respondents to rate the gap",
}


def rate_gap(lower: float, upper: float, *, aim: float = AIM_POINTS) -> GapRating:
    """Rate a gap's 95% interval (in points) against an aim of +/-`aim` points.

    >>> rate_gap(-3.0, 2.0).value, rate_gap(-30.0, -20.0).value, rate_gap(-7.0, -3.0).value
    ('within_the_aim', 'outside_the_aim', 'not_distinguishable_from_the_aim')
    """
    if lower > upper:
        raise ValueError("the interval's lower end is above its upper end")
    if -aim <= lower and upper <= aim:
        return GapRating.WITHIN
    if lower > aim or upper < -aim:
        return GapRating.OUTSIDE
    return GapRating.NOT_DISTINGUISHABLE


@dataclass(frozen=True)
class Gap:
    """One group's gap to its reference, with the interval, rating and a sentence."""

    characteristic: str
    group: str
    reference: str
    group_estimate: SurveyEstimate
    reference_estimate: SurveyEstimate
    gap: float | None
    lower: float | None
    upper: float | None
    rating: GapRating
    aim: float

    @property
    def excludes_zero(self) -> bool:
        """The interval excludes no gap at all (a statistically significant difference)."""
        return (
            self.lower is not None and self.upper is not None and (self.lower > 0 or self.upper < 0)
        )

    @property
    def sentence(self) -> str:
        verdict = RATING_SENTENCES[self.rating].format(aim=self.aim)
        if self.gap is None or self.lower is None or self.upper is None:
            return f"{self.group}: {verdict}."
        g, r = self.group_estimate, self.reference_estimate
        return (
            f"{self.group}: {g.percentage:.0f}% against {r.percentage:.0f}% for "
            f"{self.reference}, a gap of {self.gap:+.1f} points (95% interval "
            f"{self.lower:+.1f} to {self.upper:+.1f}): {verdict}."
        )


def gap_between(
    group: SurveyEstimate,
    reference: SurveyEstimate,
    *,
    characteristic: str = "",
    group_name: str = "",
    reference_name: str = "everyone else",
    aim: float = AIM_POINTS,
    min_base: int = DEFAULT_MIN_BASE,
    alpha: float = ALPHA,
) -> Gap:
    """The gap group - reference (points), its Newcombe interval and its rating."""
    if group.base < min_base or reference.base < min_base:
        return Gap(
            characteristic,
            group_name,
            reference_name,
            group,
            reference,
            None,
            None,
            None,
            GapRating.BASE_TOO_SMALL,
            aim,
        )
    lower, upper = difference_interval(
        group.proportion, group.n_eff, reference.proportion, reference.n_eff, alpha=alpha
    )
    lo, hi = 100 * lower, 100 * upper
    return Gap(
        characteristic,
        group_name,
        reference_name,
        group,
        reference,
        group.percentage - reference.percentage,
        lo,
        hi,
        rate_gap(lo, hi, aim=aim),
        aim,
    )


def group_gaps(
    respondents: pd.DataFrame,
    characteristic: str,
    *,
    reference: str | None = None,
    positive: str = "positive",
    weight: str = "weight",
    aim: float = AIM_POINTS,
    min_base: int = DEFAULT_MIN_BASE,
    alpha: float = ALPHA,
) -> list[Gap]:
    """The gap of each group of `characteristic` to everyone else (or to the `reference` group).

    Respondents whose characteristic is not recorded are left out of both sides.
    """
    known = respondents[respondents[characteristic].notna()]
    known = known[known[characteristic].astype(str) != NOT_RECORDED]
    sums = group_sums(known, [characteristic], positive=positive, weight=weight)
    sums = add_estimates(sums, alpha=alpha).set_index(characteristic)
    if reference is not None and reference not in sums.index:
        raise ValueError(
            f"reference group {reference!r} has no respondents; groups are "
            + ", ".join(map(str, sums.index))
        )
    total = sums[["base", "sum_w", "sum_w2", "sum_wy"]].sum()
    gaps: list[Gap] = []
    for group_name, row in sums.iterrows():
        if group_name == reference:
            continue
        own = _estimate(row)
        if reference is None:
            rest = total - row[["base", "sum_w", "sum_w2", "sum_wy"]]
            ref = _estimate_from(rest)
            ref_name = "everyone else"
        else:
            ref = _estimate(sums.loc[reference])
            ref_name = str(reference)
        gaps.append(
            gap_between(
                own,
                ref,
                characteristic=characteristic,
                group_name=str(group_name),
                reference_name=ref_name,
                aim=aim,
                min_base=min_base,
                alpha=alpha,
            )
        )
    return gaps


def gaps_frame(gaps: Sequence[Gap]) -> pd.DataFrame:
    """Gaps as a table (one row per group) for reports and exports; suppress it before showing."""
    return pd.DataFrame(
        [
            {
                "characteristic": g.characteristic,
                "group": g.group,
                "reference": g.reference,
                "percentage": g.group_estimate.percentage,
                "base": g.group_estimate.base,
                "reference_percentage": g.reference_estimate.percentage,
                "reference_base": g.reference_estimate.base,
                "gap": g.gap,
                "gap_lower": g.lower,
                "gap_upper": g.upper,
                "rating": g.rating.value,
                "sentence": g.sentence,
            }
            for g in gaps
        ]
    )


def _estimate(row: pd.Series) -> SurveyEstimate:  # type: ignore[type-arg]
    return SurveyEstimate(
        float(row["percentage"]),
        float(row["lower"]),
        float(row["upper"]),
        int(row["base"]),
        float(row["weighted_base"]),
        float(row["n_eff"]),
    )


def _estimate_from(sums: pd.Series) -> SurveyEstimate:  # type: ignore[type-arg]
    return estimate_from_sums(
        float(sums["base"]), float(sums["sum_w"]), float(sums["sum_w2"]), float(sums["sum_wy"])
    )
