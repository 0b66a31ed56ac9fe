"""Reporting periods: months, financial-year quarters, financial years, year to date, rolling 12.

The UK public-sector financial year runs April to March: `2016-17` is April 2016 to March 2017,
its Q1 is April-June, Q3 is October-December. Labels are written as users write them:

    >>> Period.parse("2016-17-Q3").months()[0], Period.parse("2016-17-Q3").months()[-1]
    (datetime.date(2016, 10, 1), datetime.date(2016, 12, 1))
    >>> Period.parse("2016-17-Q3").ytd().label
    '2016-17-Q3-YTD'
    >>> Period.parse("2016-12").same_last_year().label
    '2015-12'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from crimeplan.errors import CrimeplanError

PeriodKind = Literal["month", "quarter", "fy", "ytd", "r12"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_FY_PREFIXED = re.compile(r"^FY(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YTD = re.compile(r"^(\d{4})-(\d{2})(?:-Q([1-4]))?-YTD$")
_YTD_MONTH = re.compile(r"^(\d{4})-(\d{2})-YTD-(\d{4})-(\d{2})$")
_R12 = re.compile(r"^R12-(\d{4})-(\d{2})$")

PERIOD_FORMATS = (
    "YYYY-MM (a month: 2016-12); YYYY-YY (a financial year: 2016-17; FY2011-12 where the years could read as a month); YYYY-YY-Qn (a "
    "financial-year quarter: 2016-17-Q3 is Oct-Dec 2016); YYYY-YY-Qn-YTD (April to the end of "
    "that quarter); YYYY-YY-YTD (April to the latest month with data); R12-YYYY-MM (12 months "
    "ending that month); latest (the latest complete quarter)"
)


class PeriodError(CrimeplanError):
    """A period label that cannot be read."""


def add_months(d: date, n: int) -> date:
    """The first day of the month `n` months after `d`'s month."""
    index = d.year * 12 + (d.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def month_label(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def fy_start_year(d: date) -> int:
    """The calendar year in which the financial year containing `d` starts."""
    return d.year if d.month >= 4 else d.year - 1


def fy_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole months from `start` to `end` inclusive, with the label users write."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    # --- constructors -------------------------------------------------------------------
    @classmethod
    def month(cls, d: date) -> Period:
        d = date(d.year, d.month, 1)
        return cls(d, d, "month", month_label(d))

    @classmethod
    def quarter(cls, fy_year: int, q: int) -> Period:
        start = add_months(date(fy_year, 4, 1), 3 * (q - 1))
        return cls(start, add_months(start, 2), "quarter", f"{fy_label(fy_year)}-Q{q}")

    @classmethod
    def financial_year(cls, fy_year: int) -> Period:
        start = date(fy_year, 4, 1)
        label = fy_label(fy_year)
        if (fy_year + 1) % 100 <= 12:  # 2011-12 would read as a month
            label = "FY" + label
        return cls(start, add_months(start, 11), "fy", label)

    @classmethod
    def year_to_date(cls, end: date, label: str | None = None) -> Period:
        fy = fy_start_year(end)
        start = date(fy, 4, 1)
        return cls(start, end, "ytd", label or f"{fy_label(fy)}-YTD-{month_label(end)}")

    @classmethod
    def rolling_12(cls, end: date) -> Period:
        return cls(add_months(end, -11), end, "r12", f"R12-{month_label(end)}")

    @classmethod
    def parse(cls, text: str, *, latest_month: date | None = None) -> Period:
        """Read a label (see PERIOD_FORMATS). `YYYY-YY-YTD` needs `latest_month`."""
        s = text.strip()
        if m := _QUARTER.match(s):
            year = _fy_year(m.group(1), m.group(2), text)
            return cls.quarter(year, int(m.group(3)))
        if m := _YTD.match(s):
            year = _fy_year(m.group(1), m.group(2), text)
            if m.group(3):
                q = int(m.group(3))
                end = add_months(date(year, 4, 1), 3 * q - 1)
                return cls.year_to_date(end, f"{fy_label(year)}-Q{q}-YTD")
            fy = cls.financial_year(year)
            if latest_month is None:
                raise PeriodError(f"period {text!r}: year to date needs data to end it")
            end = min(max(latest_month, fy.start), fy.end)
            return cls.year_to_date(end, f"{fy_label(year)}-YTD")
        if m := _YTD_MONTH.match(s):
            year = _fy_year(m.group(1), m.group(2), text)
            end = _month(m.group(3), m.group(4), text)
            if fy_start_year(end) != year:
                raise PeriodError(f"period {text!r}: {month_label(end)} is not in {fy_label(year)}")
            return cls.year_to_date(end)
        if m := _R12.match(s):
            return cls.rolling_12(_month(m.group(1), m.group(2), text))
        if m := _FY_PREFIXED.match(s):
            return cls.financial_year(_fy_year(m.group(1), m.group(2), text))
        if m := _MONTH.match(s):
            if int(m.group(2)) > 12:
                return cls.financial_year(_fy_year(m.group(1), m.group(2), text))
            # 2011-12 reads as December 2011, as police.uk and the Met write months; the
            # financial year 2011-12 is written FY2011-12.
            return cls.month(_month(m.group(1), m.group(2), text))
        raise PeriodError(f"period {text!r} is not a period; write one of: {PERIOD_FORMATS}")

    # --- relations ----------------------------------------------------------------------
    def months(self) -> list[date]:
        out, d = [], self.start
        while d <= self.end:
            out.append(d)
            d = add_months(d, 1)
        return out

    @property
    def n_months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The period of the same kind just before: previous month, quarter or year."""
        if self.kind == "month":
            return Period.month(add_months(self.start, -1))
        if self.kind == "quarter":
            q = (self.start.month - 4) % 12 // 3 + 1
            fy = fy_start_year(self.start)
            return Period.quarter(fy - 1, 4) if q == 1 else Period.quarter(fy, q - 1)
        if self.kind == "fy":
            return Period.financial_year(self.start.year - 1)
        if self.kind == "r12":
            return Period.rolling_12(add_months(self.end, -12))
        return self.same_last_year()

    def same_last_year(self) -> Period:
        """The same months one year earlier, labelled the same way."""
        start, end = add_months(self.start, -12), add_months(self.end, -12)
        if self.kind == "month":
            return Period.month(start)
        if self.kind == "quarter":
            return Period.quarter(fy_start_year(start), int(self.label[-1]))
        if self.kind == "fy":
            return Period.financial_year(start.year)
        if self.kind == "r12":
            return Period.rolling_12(end)
        suffix = self.label[7:]  # '-Q3-YTD', '-YTD' or '-YTD-2016-12'
        if suffix.startswith("-YTD-"):
            return Period.year_to_date(end)
        return Period(start, end, "ytd", fy_label(fy_start_year(start)) + suffix)

    def ytd(self) -> Period:
        """April to the end of this period: the financial year to date it closes."""
        if self.kind == "ytd":
            return self
        if self.kind == "quarter":
            return Period.year_to_date(self.end, f"{self.label}-YTD")
        if self.kind == "fy":
            return Period.year_to_date(self.end, f"{fy_label(self.start.year)}-Q4-YTD")
        return Period.year_to_date(self.end)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return self.label


def month_periods(start: date, end: date) -> list[Period]:
    """Every month from `start`'s month to `end`'s month, as month periods.

    >>> [p.label for p in month_periods(date(2016, 11, 1), date(2017, 1, 1))]
    ['2016-11', '2016-12', '2017-01']
    """
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        out.append(Period.month(d))
        d = add_months(d, 1)
    return out


def period_label(p: Period) -> str:
    """A period in plain words, as a reader says it.

    >>> period_label(Period.parse("2025-26-Q2"))
    'July to September 2025'
    >>> period_label(Period.parse("2025-09")), period_label(Period.parse("2024-25"))
    ('September 2025', 'April 2024 to March 2025')
    >>> period_label(Period.parse("2024-25-Q4"))
    'January to March 2025'
    """
    return span_label(p.start, p.end)


def span_label(start: date, end: date) -> str:
    """The months from `start` to `end` in plain words.

    >>> span_label(date(2025, 4, 1), date(2025, 9, 1))
    'April to September 2025'
    """
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def latest_complete_quarter(last_month: date) -> Period:
    """The latest financial-year quarter whose three months all lie on or before `last_month`."""
    end = last_month
    while (end.month - 3) % 3 != 0:  # quarter ends: June, September, December, March
        end = add_months(end, -1)
    start = add_months(end, -2)
    return Period.quarter(fy_start_year(start), (start.month - 4) % 12 // 3 + 1)


def _fy_year(first: str, second: str, text: str) -> int:
    year = int(first)
    if int(second) != (year + 1) % 100:
        raise PeriodError(
            f"period {text!r}: a financial year is written with consecutive years, "
            f"like {fy_label(year)}"
        )
    return year


def _month(year: str, month: str, text: str) -> date:
    m = int(month)
    if not 1 <= m <= 12:
        raise PeriodError(
            f"period {text!r}: month {m} is not 01-12; write one of: {PERIOD_FORMATS}"
        )
    return date(int(year), m, 1)
