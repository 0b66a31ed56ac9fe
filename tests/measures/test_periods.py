"""Periods: financial years April-March, quarters, year to date, rolling 12 months."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.measures.periods import Period, PeriodError, add_months, latest_complete_quarter

months = st.builds(lambda y, m: date(y, m, 1), st.integers(2000, 2040), st.integers(1, 12))


@pytest.mark.parametrize(
    ("label", "start", "end", "kind"),
    [
        ("2016-12", date(2016, 12, 1), date(2016, 12, 1), "month"),
        ("2016-17", date(2016, 4, 1), date(2017, 3, 1), "fy"),
        ("FY2011-12", date(2011, 4, 1), date(2012, 3, 1), "fy"),
        ("2016-17-Q1", date(2016, 4, 1), date(2016, 6, 1), "quarter"),
        ("2016-17-Q3", date(2016, 10, 1), date(2016, 12, 1), "quarter"),
        ("2016-17-Q4", date(2017, 1, 1), date(2017, 3, 1), "quarter"),
        ("2016-17-Q3-YTD", date(2016, 4, 1), date(2016, 12, 1), "ytd"),
        ("R12-2016-12", date(2016, 1, 1), date(2016, 12, 1), "r12"),
    ],
)
def test_parse(label: str, start: date, end: date, kind: str) -> None:
    p = Period.parse(label)
    assert (p.start, p.end, p.kind, p.label) == (start, end, kind, label)
    assert Period.parse(p.label) == p


def test_open_year_to_date_ends_at_the_data() -> None:
    p = Period.parse("2025-26-YTD", latest_month=date(2025, 9, 1))
    assert (p.start, p.end) == (date(2025, 4, 1), date(2025, 9, 1))


@pytest.mark.parametrize("bad", ["2016-13", "2016-18", "2016-17-Q5", "Q3", "2016/17", ""])
def test_bad_labels_say_what_to_write(bad: str) -> None:
    with pytest.raises(PeriodError, match="period"):
        Period.parse(bad)


@given(months)
def test_month_relations(d: date) -> None:
    p = Period.month(d)
    assert p.previous().end == add_months(p.start, -1)
    assert p.same_last_year().start == date(d.year - 1, d.month, 1)
    ytd = p.ytd()
    assert ytd.end == p.end and ytd.start.month == 4 and ytd.n_months <= 12
    assert ytd.contains(p)


@given(st.integers(2001, 2040), st.integers(1, 4))
def test_quarter_relations(year: int, q: int) -> None:
    p = Period.quarter(year, q)
    assert p.n_months == 3
    assert Period.financial_year(year).contains(p)
    assert p.previous().end == add_months(p.start, -1)
    assert p.same_last_year().label == f"{year - 1}-{year % 100:02d}-Q{q}"
    assert p.ytd().n_months == 3 * q


@given(months)
def test_latest_complete_quarter_is_complete_and_latest(d: date) -> None:
    q = latest_complete_quarter(d)
    assert q.end <= d and add_months(q.end, 3) > d
