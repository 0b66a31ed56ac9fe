"""How figures are drawn: Vega-Lite specs, inline SVG sparklines and map colour classes.

Drawing only: every number drawn is a field of a table from `tables.py` or a funnel limit from
`crimeplan.measures.funnel`. Each chart is shown next to a table of the same numbers.
Colours are from the GOV.UK palette and the map's classes from a colour-blind-safe sequential
scheme (ColorBrewer "Blues", 5 classes), with a text legend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crimeplan.measures.funnel import FunnelPoint

BLUE = "#1d70b8"
GREY = "#505a5f"
BLACK = "#0b0c0c"
CLASS_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_COLOUR = "#ffffff"
FONT = "arial, sans-serif"


def _config() -> dict[str, Any]:
    return {
        # The chart's container carries role="img" and the description; marks inside it
        # with ARIA roles of their own (an empty chart's lone mark has no label) would
        # confuse screen readers and fail axe's svg-img-alt.
        "aria": False,
        "mark": {"aria": False},
        "line": {"aria": False},
        "point": {"aria": False},
        "rule": {"aria": False},
        "area": {"aria": False},
        "axis": {"aria": False, "labelFontSize": 14, "titleFontSize": 14, "labelColor": BLACK},
        "font": FONT,
        "legend": {"labelFontSize": 14, "titleFontSize": 14, "orient": "bottom"},
        "view": {"stroke": None},
    }


def trend_spec(rows: list[dict[str, Any]], title: str, unit: str) -> dict[str, Any]:
    """This year's months against the same months last year (rows from `series_table`)."""
    data = []
    for row in rows:
        if row["value"] is not None:
            data.append({"month": row["period"], "series": "This year", "value": row["value"]})
        if row["last_year_value"] is not None:
            data.append(
                {"month": row["period"], "series": "Last year", "value": row["last_year_value"]}
            )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"{title}: monthly values this year and the same months last year",
        "width": "container",
        "height": 260,
        "data": {"values": data},
        "mark": {"type": "line", "point": True, "strokeWidth": 3},
        "encoding": {
            "x": {
                "field": "month",
                "type": "ordinal",
                "title": "Month",
                "axis": {"labelAngle": -45},
            },
            "y": {"field": "value", "type": "quantitative", "title": unit_label(unit)},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "legend": {"orient": "top", "symbolStrokeWidth": 3},
                "scale": {"domain": ["This year", "Last year"], "range": [BLUE, GREY]},
            },
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": ["This year", "Last year"], "range": [[1, 0], [6, 4]]},
                "legend": None,
            },
            "tooltip": [
                {"field": "month", "title": "Month"},
                {"field": "series", "title": "Series"},
                {"field": "value", "title": unit_label(unit), "format": ",.1f"},
            ],
        },
        "config": _config(),
    }


def funnel_spec(
    rows: list[dict[str, Any]], curve: list[FunnelPoint], reference: float, title: str
) -> dict[str, Any]:
    """Each area's rate against its residents, inside 95% and 99.8% limits around London."""
    points = [
        {
            "area": r["area"],
            "residents": r["population"],
            "rate": r["value"],
            "funnel": r.get("funnel"),
        }
        for r in rows
        if r["value"] is not None and r["population"]
    ]
    limits = []
    for p in curve:
        for name, value in (
            ("99.8% limits", p.lower_998),
            ("95% limits", p.lower_95),
            ("95% limits", p.upper_95),
            ("99.8% limits", p.upper_998),
        ):
            side = "lower" if value < reference else "upper"
            limits.append(
                {"residents": p.denominator, "rate": value, "limit": name, "line": name + side}
            )
    x = {
        "field": "residents",
        "type": "quantitative",
        "title": "Residents",
        "scale": {"zero": False},
    }
    y = {"field": "rate", "type": "quantitative", "title": "Rate per 1,000 residents"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"Funnel plot of {title}",
        "width": "container",
        "height": 360,
        "layer": [
            {
                "data": {"values": limits},
                "mark": {"type": "line", "strokeWidth": 1.2},
                "encoding": {
                    "x": x,
                    "y": y,
                    "detail": {"field": "line"},
                    "strokeDash": {
                        "field": "limit",
                        "title": "Limits",
                        "scale": {
                            "domain": ["95% limits", "99.8% limits"],
                            "range": [[1, 0], [8, 4]],
                        },
                    },
                    "color": {
                        "field": "limit",
                        "title": "Limits",
                        "scale": {"domain": ["95% limits", "99.8% limits"], "range": [GREY, BLACK]},
                    },
                },
            },
            {
                "data": {"values": [{"rate": reference}]},
                "mark": {"type": "rule", "color": BLACK, "strokeWidth": 1.5},
                "encoding": {"y": {"field": "rate", "type": "quantitative"}},
            },
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 70, "color": BLUE},
                "encoding": {
                    "x": x,
                    "y": y,
                    "tooltip": [
                        {"field": "area", "title": "Area"},
                        {"field": "rate", "title": "Rate per 1,000 residents", "format": ",.2f"},
                        {"field": "residents", "title": "Residents", "format": ","},
                        {"field": "funnel", "title": "Against London"},
                    ],
                },
            },
        ],
        "config": _config(),
    }


def bar_spec(
    rows: list[dict[str, Any]],
    title: str,
    unit: str,
    name_key: str,
    highlight: str | None = None,
    mean: float | None = None,
) -> dict[str, Any]:
    """One bar per area with a value (rows from `forces_table` or `similar_table`), highest
    first; the area `highlight` (a code) in blue and the others grey; `mean` as a rule."""
    data = [
        {
            "area": r[name_key],
            "value": r["value"],
            "shown": "This force" if r.get("code") == highlight else "Other forces",
        }
        for r in rows
        if r["value"] is not None
    ]
    y = {"field": "area", "type": "nominal", "title": None, "sort": "-x"}
    x = {"field": "value", "type": "quantitative", "title": unit_label(unit)}
    colour: dict[str, Any] = (
        {
            "color": {
                "field": "shown",
                "type": "nominal",
                "title": None,
                "scale": {"domain": ["This force", "Other forces"], "range": [BLUE, GREY]},
                "legend": {"orient": "top"},
            }
        }
        if highlight
        else {}
    )
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": data},
            "mark": {"type": "bar", "color": BLUE},
            "encoding": {
                "y": y,
                "x": x,
                **colour,
                "tooltip": [
                    {"field": "area", "title": "Force"},
                    {"field": "value", "title": unit_label(unit), "format": ",.2f"},
                ],
            },
        }
    ]
    if mean is not None:
        layers.append(
            {
                "data": {"values": [{"value": mean}]},
                "mark": {"type": "rule", "color": BLACK, "strokeWidth": 2, "strokeDash": [6, 4]},
                "encoding": {"x": {"field": "value", "type": "quantitative"}},
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"{title}: one bar per force with a figure"
        + (", the dashed line the group's mean" if mean is not None else ""),
        "width": "container",
        "height": {"step": 22},
        "layer": layers,
        "config": _config(),
    }


def sparkline_points(values: list[float | None], width: int = 120, height: int = 32) -> str:
    """SVG polyline points for a small trend line; missing months break nothing, they are
    skipped. Returns "" when fewer than two values exist."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    lo = min(v for _, v in known)
    hi = max(v for _, v in known)
    span = hi - lo or 1.0
    step = (width - 4) / max(len(values) - 1, 1)
    return " ".join(
        f"{2 + i * step:.1f},{height - 2 - (v - lo) / span * (height - 4):.1f}" for i, v in known
    )


@dataclass(frozen=True)
class ColourClass:
    low: float
    high: float
    colour: str


def colour_classes(values: list[float | None], n: int = 5) -> list[ColourClass]:
    """Up to `n` classes of equal counts (quantiles) over the known values, for the map."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return []
    classes: list[ColourClass] = []
    n = min(n, len(known))
    palette = CLASS_COLOURS if n == len(CLASS_COLOURS) else CLASS_COLOURS[-n:]
    for i in range(n):
        low = known[round(i * (len(known) - 1) / n)] if i else known[0]
        high = known[round((i + 1) * (len(known) - 1) / n)] if i < n - 1 else known[-1]
        if classes and low <= classes[-1].high:
            low = classes[-1].high
        classes.append(ColourClass(low, high, palette[i]))
    return classes


def colour_of(value: float | None, classes: list[ColourClass]) -> str:
    if value is None or not classes:
        return NO_DATA_COLOUR
    for c in classes:
        if value <= c.high:
            return c.colour
    return classes[-1].colour


def unit_label(unit: str) -> str:
    """The unit as an axis title or key heading: "Rate per 1,000 residents"."""
    from crimeplan.publish.labels import unit_label as plain

    text = plain(unit)
    return text[:1].upper() + text[1:]
