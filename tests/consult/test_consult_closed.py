"""Closed-question statistics against independent computations (statsmodels, numpy, by hand)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2
from statsmodels.stats.proportion import proportion_confint

from crimeplan.consult.closed import agree_test, split, tabulate, wilson_interval
from crimeplan.consult.consultation_file import Demographic, Scale

YES_NO = Scale.model_validate(
    {
        "label": "yes/no",
        "options": [
            {"code": "yes", "label": "Yes", "group": "agree"},
            {"code": "no", "label": "No", "group": "disagree"},
            {"code": "not_sure", "label": "Not sure"},
        ],
    }
)
GENDER = Demographic.model_validate(
    {
        "id": "gender",
        "text": "Gender?",
        "options": [{"code": "female", "label": "Female"}, {"code": "male", "label": "Male"}],
    }
)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_statsmodels(case: tuple[int, int]) -> None:
    count, base = case
    low, high = proportion_confint(count, base, alpha=0.05, method="wilson")
    assert wilson_interval(count, base) == pytest.approx((low, high), abs=1e-9)


def test_wilson_refuses_an_empty_base() -> None:
    with pytest.raises(ValueError, match="base"):
        wilson_interval(0, 0)


def test_tabulate_small_case_by_hand() -> None:
    codes = ["yes"] * 6 + ["no"] * 3 + ["not_sure"] + [None] * 2
    r = tabulate(codes, YES_NO)
    assert r.answered == 10
    assert [a.share.count for a in r.answers] == [6, 3, 1]
    assert [a.share.percent for a in r.answers] == [60.0, 30.0, 10.0]
    assert r.agree is not None and r.agree.percent == 60.0
    assert r.disagree is not None and r.disagree.percent == 30.0
    assert (r.no_answer.count, r.no_answer.base) == (2, 12)
    assert r.no_answer.percent == pytest.approx(100 * 2 / 12)


def test_tabulate_refuses_codes_off_the_scale() -> None:
    with pytest.raises(ValueError, match="maybe"):
        tabulate(["maybe"], YES_NO)


def test_chi_square_matches_a_hand_computation() -> None:
    # Women 74 of 100 agree, men 61 of 100 (the 2017 report's split).
    table = [[74, 26], [61, 39]]
    observed = np.array(table, dtype=float)
    expected = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True) / observed.sum()
    statistic = float(((observed - expected) ** 2 / expected).sum())
    test = agree_test(table)
    assert test is not None
    assert test.statistic == pytest.approx(statistic)
    assert test.dof == 1
    assert test.p_value == pytest.approx(float(chi2.sf(statistic, 1)))
    assert 0.04 < test.p_value < 0.06
    assert not test.low_expected


def test_chi_square_needs_two_groups_and_variation() -> None:
    assert agree_test([[5, 5], [0, 0]]) is None
    assert agree_test([[5, 0], [7, 0]]) is None


def test_split_counts_each_group_and_missing_demographic() -> None:
    codes = ["yes", "yes", "no", "yes", "no", "no", None, "yes"]
    groups = ["female", "female", "female", "male", "male", "male", "male", None]
    sp = split(codes, groups, YES_NO, GENDER)
    by = {g.code: g.result for g in sp.groups}
    assert by["female"].agree is not None and by["female"].agree.count == 2
    assert by["male"].agree is not None and by["male"].agree.count == 1
    assert by["male"].no_answer.count == 1
    assert sp.no_demographic == 1
    assert sp.test is not None and sp.test.low_expected
