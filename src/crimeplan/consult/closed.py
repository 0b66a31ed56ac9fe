"""Closed-question results: counts, percentages with 95% Wilson intervals, agree/disagree
groupings, non-response, and splits by a demographic with a chi-square test.

Pure functions over plain values (one answer code or None per respondent); no database.
Percentages are of respondents who answered the question; non-response is shown as a count and
as a share of all survey respondents, so the base of every figure is visible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from scipy.stats import chi2_contingency

from crimeplan.consult.consultation_file import Demographic, Scale
from crimeplan.measures.survey import wilson_interval as survey_wilson

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
LOW_EXPECTED = 5.0


@dataclass(frozen=True)
class Share:
    """`count` out of `base`, as a percentage with its 95% Wilson interval (None when base 0)."""

    count: int
    base: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None


def wilson_interval(count: int, base: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for `count` out of `base`, as fractions: the rule is
    `crimeplan.measures.survey.wilson_interval` (one implementation), with the counts checked.

    Source: Wilson (1927), JASA 22:209-212; recommended over the normal (Wald) interval by
    Brown, Cai & DasGupta (2001), Statistical Science 16:101-133, because it stays inside 0-1
    and keeps close to its nominal coverage for small bases and extreme proportions.

    >>> [round(x, 4) for x in wilson_interval(85, 100)]
    [0.7672, 0.9069]
    """
    if base <= 0:
        raise ValueError("a proportion needs a base of at least 1")
    if not 0 <= count <= base:
        raise ValueError(f"count {count} is not between 0 and the base {base}")
    alpha = 2 * (1 - NormalDist().cdf(z))
    return survey_wilson(count / base, base, alpha=alpha)


def share(count: int, base: int) -> Share:
    if base == 0:
        return Share(count, 0, None, None, None)
    low, high = wilson_interval(count, base)
    return Share(count, base, 100 * count / base, 100 * low, 100 * high)


@dataclass(frozen=True)
class AnswerShare:
    code: str
    label: str
    share: Share


@dataclass(frozen=True)
class QuestionResult:
    """One closed question: each answer, the agree and disagree totals, and non-response."""

    answers: list[AnswerShare]
    agree: Share | None
    disagree: Share | None
    answered: int
    no_answer: Share  # of all respondents


def _group_codes(scale: Scale, group: str) -> set[str]:
    return {o.code for o in scale.options if o.group == group}


def tabulate(codes: Sequence[str | None], scale: Scale) -> QuestionResult:
    """Counts and percentages of each answer among those who answered; None is no answer."""
    counts = Counter(c for c in codes if c is not None)
    unknown = set(counts) - {o.code for o in scale.options}
    if unknown:
        raise ValueError(f"answers not on the scale: {sorted(unknown)}")
    answered = sum(counts.values())
    answers = [AnswerShare(o.code, o.label, share(counts[o.code], answered)) for o in scale.options]
    groups = {}
    for group in ("agree", "disagree"):
        members = _group_codes(scale, group)
        groups[group] = share(sum(counts[c] for c in members), answered) if members else None
    return QuestionResult(
        answers=answers,
        agree=groups["agree"],
        disagree=groups["disagree"],
        answered=answered,
        no_answer=share(len(codes) - answered, len(codes)),
    )


@dataclass(frozen=True)
class GroupResult:
    code: str
    label: str
    result: QuestionResult


@dataclass(frozen=True)
class ChiSquare:
    """Pearson's chi-square test of independence on a groups × (agree, not agree) table."""

    statistic: float
    dof: int
    p_value: float
    min_expected: float
    low_expected: bool  # some expected count below 5: read the p-value with care (Cochran)


@dataclass(frozen=True)
class SplitResult:
    demographic: str
    groups: list[GroupResult]
    no_demographic: int  # answered the question but not the demographic
    test: ChiSquare | None  # None when fewer than two groups or no variation


def agree_test(table: list[list[int]]) -> ChiSquare | None:
    """Pearson's chi-square test (no Yates correction) on rows of [agree, not agree] counts.

    Rule: statistic = Σ (observed − expected)² / expected, expected = row total × column total /
    grand total, with (rows − 1) × (columns − 1) degrees of freedom; computed by
    `scipy.stats.chi2_contingency(table, correction=False)`. Rows or columns that are all zero
    are dropped first. Source: Agresti, Categorical Data Analysis (3rd ed.), section 3.2.
    Rationale: the published splits compare agree shares between groups ("women 74% vs men 61%").
    """
    rows = [r for r in table if sum(r) > 0]
    if len(rows) < 2:
        return None
    columns = [i for i in range(len(rows[0])) if sum(r[i] for r in rows) > 0]
    if len(columns) < 2:
        return None
    kept = [[r[i] for i in columns] for r in rows]
    result = chi2_contingency(kept, correction=False)
    expected = result.expected_freq
    min_expected = float(expected.min())
    return ChiSquare(
        statistic=float(result.statistic),
        dof=int(result.dof),
        p_value=float(result.pvalue),
        min_expected=min_expected,
        low_expected=min_expected < LOW_EXPECTED,
    )


def split(
    codes: Sequence[str | None],
    groups: Sequence[str | None],
    scale: Scale,
    demographic: Demographic,
) -> SplitResult:
    """The question's results within each group of a demographic, and a test of the difference.

    Only respondents who answered the question enter a group's figures; those who answered it
    but not the demographic are counted in `no_demographic`. The test compares agree against
    every other answer across the groups (Pearson's chi-square, see `agree_test`).
    """
    if len(codes) != len(groups):
        raise ValueError("one demographic answer is needed per question answer")
    results = []
    table = []
    agree = _group_codes(scale, "agree")
    for option in demographic.options:
        member_codes = [c for c, g in zip(codes, groups, strict=True) if g == option.code]
        result = tabulate(member_codes, scale)
        results.append(GroupResult(option.code, option.label, result))
        answered = [c for c in member_codes if c is not None]
        yes = sum(1 for c in answered if c in agree)
        table.append([yes, len(answered) - yes])
    no_demographic = sum(
        1 for c, g in zip(codes, groups, strict=True) if c is not None and g is None
    )
    return SplitResult(
        demographic=demographic.id,
        groups=results,
        no_demographic=no_demographic,
        test=agree_test(table) if agree else None,
    )
