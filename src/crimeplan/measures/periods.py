"""Reporting periods, as the measures know them: the rules live in `crimeplan.periods`.

Periods sit below ingest (an ingested values file is checked against them), so they are not a
part of `measures/`; this module keeps the names `measures` code has always imported.
"""

from crimeplan.periods import (
    PERIOD_FORMATS,
    Period,
    PeriodError,
    PeriodKind,
    add_months,
    fy_label,
    fy_start_year,
    latest_complete_quarter,
    month_label,
    month_periods,
    period_label,
    span_label,
)

__all__ = [
    "PERIOD_FORMATS",
    "Period",
    "PeriodError",
    "PeriodKind",
    "add_months",
    "fy_label",
    "fy_start_year",
    "latest_complete_quarter",
    "month_label",
    "month_periods",
    "period_label",
    "span_label",
]
