"""Tables, downloads, formatting and chart shaping on hand-made engine results."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from crimeplan.measures.funnel import compare_rate
from crimeplan.measures.results import MeasureResult
from crimeplan.web import charts, tables
from crimeplan.web.rendering import fmt_change, fmt_value

BASE = MeasureResult(
    measure_id="tno-rate",
    measure_title="Total notifiable offences per 1,000 residents",
    priority_id="trust",
    priority_title="Trust and confidence",
    unit="rate_per_1000",
    polarity="lower_is_better",
    area_code="E09000016",
    area_name="Havering",
    area_level="borough",
    period="2016-17-Q3",
    source="mps-crime",
)


def borough(code: str, name: str, count: float | None, residents: float) -> MeasureResult:
    value = None if count is None else count * 1000 / residents
    return replace(
        BASE, area_code=code, area_name=name, value=value, numerator=count, population=residents
    )


LONDON = replace(BASE, area_code="E23000001", area_name="London", area_level="force", value=20.0)
BOROUGHS = [
    borough("E09000016", "Havering", 13014, 262_000),
    borough("E09000002", "Barking and Dagenham", 4000, 220_000),
    borough("E09000001", "City of London", None, 8_600),
    borough("E09000003", "Barnet", 8000, 400_000),
]


def test_ranking_orders_highest_first_missing_last_with_funnel_oracle() -> None:
    table = tables.ranking_table(BOROUGHS, LONDON, BASE.measure_title)
    assert [r["area"] for r in table.rows] == [
        "Havering",
        "Barnet",
        "Barking and Dagenham",
        "City of London",
    ]
    assert [r["position"] for r in table.rows] == [1, 2, 3, None]
    havering = table.rows[0]
    oracle = compare_rate(13014, 262_000, 20.0)
    assert havering["lower_95"] == oracle.lower_95
    assert havering["upper_95"] == oracle.upper_95
    assert havering["funnel"] == "above 99.8%"
    assert table.rows[1]["funnel"] == "within 95%"  # Barnet: exactly London's 20 per 1,000
    assert table.rows[3]["funnel"] is None


def test_no_funnel_for_counts_or_without_a_reference() -> None:
    counts = [replace(b, unit="count") for b in BOROUGHS]
    assert "funnel" not in [c.key for c in tables.ranking_table(counts, LONDON, "x").columns]
    assert "funnel" not in [c.key for c in tables.ranking_table(BOROUGHS, None, "x").columns]


def test_downloads_hold_exactly_the_table() -> None:
    table = tables.measures_table(BOROUGHS, "London", "2016-17-Q3")
    rows = list(csv.DictReader(io.StringIO(tables.to_csv(table))))
    assert list(rows[0]) == [c.key for c in table.columns]
    assert [float(r["value"]) if r["value"] else None for r in rows] == [
        r["value"] for r in table.rows
    ]
    assert rows[2]["value"] == ""  # missing stays missing, never 0
    payload = json.loads(tables.to_json(table))
    assert payload["rows"] == table.rows
    wb = load_workbook(io.BytesIO(tables.to_xlsx(table, "OGL attribution")))
    sheet = list(wb.active.iter_rows(values_only=True))
    assert sheet[0] == (table.caption,) + (None,) * (len(table.columns) - 1)
    assert list(sheet[1]) == [c.label for c in table.columns]
    col = [c.key for c in table.columns].index("value")
    # Excel keeps 15 significant digits
    for got, row in zip([r[col] for r in sheet[2:6]], table.rows, strict=True):
        assert got == (None if row["value"] is None else pytest.approx(row["value"], rel=1e-14))
    assert sheet[-1][0] == "OGL attribution"


def test_unknown_download_format_is_refused() -> None:
    with pytest.raises(ValueError, match="no download format 'pdf'"):
        tables.render(tables.measures_table([], "London", "x"), "pdf", "")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (13014.0, "count", "13,014"),
        (49.67, "rate_per_1000", "49.67"),
        (1.914, "rate_per_1000", "1.91"),
        (28.8, "percentage", "28.8%"),
        (None, "count", "no data"),
    ],
)
def test_fmt_value(value: float | None, unit: str, text: str) -> None:
    assert fmt_value(value, unit) == text


def test_fmt_change_uses_a_true_minus() -> None:
    assert [fmt_change(x) for x in (4.5, -2.0, 0.0, None)] == ["+4.5%", "−2.0%", "0.0%", "no data"]


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=1, max_size=40))
def test_colour_classes_cover_every_value_in_order(values: list[float | None]) -> None:
    classes = charts.colour_classes(values)
    known = [v for v in values if v is not None]
    if not known:
        assert classes == []
        return
    assert classes[0].low == min(known) and classes[-1].high == max(known)
    assert all(a.high <= b.low or a.high == b.high for a, b in pairwise(classes))
    for v in known:
        assert charts.colour_of(v, classes) in charts.CLASS_COLOURS
    assert charts.colour_of(None, classes) == charts.NO_DATA_COLOUR


def test_sparkline_skips_missing_months_and_spans_the_box() -> None:
    pts = charts.sparkline_points([10.0, None, 20.0, 15.0], width=120, height=32)
    xy = [tuple(map(float, p.split(","))) for p in pts.split()]
    assert len(xy) == 3
    assert xy[0] == (2.0, 30.0) and xy[1][1] == 2.0  # lowest at the bottom, highest at the top
    assert charts.sparkline_points([None, 3.0]) == ""


def test_trend_spec_draws_both_years_from_the_table() -> None:
    rows = [
        {"period": "2016-10", "value": 5.0, "last_year_period": "2015-10", "last_year_value": 4.0},
        {"period": "2016-11", "value": None, "last_year_period": "2015-11", "last_year_value": 3.0},
    ]
    spec = charts.trend_spec(rows, "Burglary", "count")
    assert spec["data"]["values"] == [
        {"month": "2016-10", "series": "This year", "value": 5.0},
        {"month": "2016-10", "series": "Last year", "value": 4.0},
        {"month": "2016-11", "series": "Last year", "value": 3.0},
    ]


def test_series_table_formats_counts_as_whole_numbers() -> None:
    months = [replace(BASE, unit="count", period="2025-02", value=93.0, last_year_value=204.0)]
    table = tables.series_table(months, "Burglary")
    assert [c.key for c in table.columns] == [
        "period",
        "value",
        "last_year_period",
        "last_year_value",
    ]
    assert fmt_value(table.rows[0]["value"], table.rows[0]["unit"]) == "93"
