"""Charts for reports: Altair specs rendered to SVG (and PNG for Word) by vl-convert.

No browser is involved, so reports render on a bare server. Every chart comes with a text
alternative and the numbers in a table beside it; lines differ by dash and point shape as
well as colour, so the chart reads in black and white.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert as vlc

from crimeplan.publish.figures import format_value

THIS_YEAR_COLOUR = "#1d70b8"  # GOV.UK blue
LAST_YEAR_COLOUR = "#505a5f"  # GOV.UK dark grey


@dataclass(frozen=True)
class TrendPoint:
    """One month of the financial year: this year's value and last year's, if known."""

    month: str  # "Apr" ... "Mar", or "Q1" ... "Q4" for quarterly data
    this_year: float | None
    last_year: float | None


@dataclass(frozen=True)
class Trend:
    """A measure's month-by-month values, this financial year against last."""

    measure_id: str
    measure_title: str
    unit: str
    this_year_label: str  # 2016-17
    last_year_label: str  # 2015-16
    points: list[TrendPoint]
    step: str = "month"  # month | quarter: the grain the data holds

    def has_data(self) -> bool:
        return any(p.this_year is not None or p.last_year is not None for p in self.points)


def trend_spec(trend: Trend) -> dict[str, Any]:
    """The Vega-Lite spec of a trend chart: two lines over April to March."""
    rows: list[dict[str, Any]] = []
    for p in trend.points:
        if p.last_year is not None:
            rows.append({"month": p.month, "year": trend.last_year_label, "value": p.last_year})
        if p.this_year is not None:
            rows.append({"month": p.month, "year": trend.this_year_label, "value": p.this_year})
    months = [p.month for p in trend.points]
    years = [trend.this_year_label, trend.last_year_label]
    encoding_year = alt.Scale(domain=years, range=[THIS_YEAR_COLOUR, LAST_YEAR_COLOUR])
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        x=alt.X("month:O", sort=months, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=_axis_title(trend.unit), scale=alt.Scale(zero=False)),
        color=alt.Color("year:N", scale=encoding_year, title=None),
        strokeDash=alt.StrokeDash(
            "year:N", scale=alt.Scale(domain=years, range=[[1, 0], [5, 3]]), title=None
        ),
        shape=alt.Shape(
            "year:N", scale=alt.Scale(domain=years, range=["circle", "square"]), title=None
        ),
    )
    chart = (base.mark_line() + base.mark_point(filled=True, size=40)).properties(
        width=330, height=130
    )
    # validate=False: the spec's shape is fixed here and checked by the tests; validating it
    # again for every chart costs more than rendering it.
    configured = chart.configure_legend(orient="top", direction="horizontal")
    spec: dict[str, Any] = configured.to_dict(validate=False)
    return spec


def ranking_spec(names: list[str], values: list[float], unit: str) -> dict[str, Any]:
    """A horizontal bar chart of areas in rank order (best at the top)."""
    rows = [{"area": n, "value": v} for n, v in zip(names, values, strict=True)]
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar(color=THIS_YEAR_COLOUR)
        .encode(
            y=alt.Y("area:N", sort=names, title=None, axis=alt.Axis(labelLimit=220)),
            # At most five ticks, and labels that would collide are dropped ("1,2001,400").
            x=alt.X(
                "value:Q",
                title=_axis_title(unit),
                axis=alt.Axis(tickCount=5, labelOverlap="greedy", labelFlush=True),
            ),
        )
        .properties(width=260, height=12 * max(len(names), 1), padding={"left": 40, "top": 5})
    )
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def svg(spec: dict[str, Any]) -> str:
    """Render a spec to SVG text (no XML declaration, ready to inline or embed)."""
    text: str = vlc.vegalite_to_svg(spec)
    return text


def svg_data_uri(svg_text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode()).decode()


def png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """Render a spec to PNG bytes (for Word, which does not take SVG everywhere)."""
    data: bytes = vlc.vegalite_to_png(spec, scale=scale)
    return data


def trend_alt_text(trend: Trend) -> str:
    """A text alternative that says what the chart shows, with its key figures."""
    parts = [
        f"Line chart of {trend.measure_title}, {trend.step} by {trend.step}, "
        f"{trend.this_year_label} against {trend.last_year_label}."
    ]
    for label, attr in ((trend.this_year_label, "this_year"), (trend.last_year_label, "last_year")):
        known = [(p.month, getattr(p, attr)) for p in trend.points if getattr(p, attr) is not None]
        if not known:
            parts.append(f"{label}: no data.")
            continue
        high = max(known, key=lambda mv: mv[1])
        low = min(known, key=lambda mv: mv[1])
        parts.append(
            f"{label}: {known[0][0]} to {known[-1][0]}, highest {format_value(high[1], trend.unit)}"
            f" in {high[0]}, lowest {format_value(low[1], trend.unit)} in {low[0]}."
        )
    parts.append("The figures are in the table beside the chart.")
    return " ".join(parts)


def _axis_title(unit: str) -> str:
    # "Per cent", not "%": a one-character title sat on top of the axis labels.
    return {"count": "Count", "rate_per_1000": "Per 1,000 residents", "percentage": "Per cent"}.get(
        unit, unit
    )
