"""Chart specs are valid Vega-Lite (they are built without validation for speed), render
to SVG without a browser, and say in words what they show."""

from __future__ import annotations

import altair as alt

from crimeplan.publish import charts

from .seed_content import TRENDS


def test_trend_spec_is_valid_vega_lite_and_renders() -> None:
    spec = charts.trend_spec(TRENDS["total-notifiable-offences"])
    alt.LayerChart.from_dict(spec, validate=True)
    svg = charts.svg(spec)
    assert svg.lstrip().startswith("<svg") and "2015-16" in svg and "Apr" in svg


def test_ranking_spec_is_valid_vega_lite_and_renders() -> None:
    spec = charts.ranking_spec(["Havering", "Barnet"], [4355.0, 7100.0], "count")
    alt.Chart.from_dict(spec, validate=True)
    assert "Havering" in charts.svg(spec)


def test_text_alternative_states_the_range() -> None:
    text = charts.trend_alt_text(TRENDS["total-notifiable-offences"])
    assert text.startswith("Line chart of Total notifiable offences, month by month")
    assert "2016-17: Apr to Dec, highest 1,560 in May, lowest 1,420 in Dec." in text
    assert "2015-16: no data." not in text
