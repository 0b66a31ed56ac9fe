"""The tables the dashboard shows, and the same tables as CSV, XLSX and JSON downloads.

A page and its download are built from one `Table`, so a download holds exactly what is
shown: the same rows, the same columns, in the same order, with full-precision numbers where
the page rounds them for reading. Every value is a field of a `MeasureResult` from the engine,
or a funnel comparison from `crimeplan.measures.funnel`; nothing is computed here.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, replace
from typing import Any, Literal

from openpyxl import Workbook

from crimeplan.measures.funnel import AreaComparison, compare_rate
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.small_numbers import NOT_RANKED_NOTE, competition_ranks, result_count
from crimeplan.strict_json import json_safe
from crimeplan.text_cells import append_row, csv_text
from crimeplan.web.rendering import period_text

Kind = Literal["text", "number", "change", "rag", "direction"]
Format = Literal["csv", "xlsx", "json"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "json")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    """A caption, its columns and rows (dicts keyed by column key)."""

    name: str
    caption: str
    columns: list[Column]
    rows: list[dict[str, Any]]


MEASURE_COLUMNS = [
    # What a reader needs first (measure, value, rating, direction, signal), then the
    # comparisons, then the codes and identifiers a re-user joins on.
    Column("measure", "Measure"),
    Column("value", "Value", "number"),
    Column("unit", "Unit"),
    Column("rag", "RAG", "rag"),
    Column("dot_long", "Direction of travel (on last year)", "direction"),
    Column("signal_sentence", "Statistical signal"),
    Column("last_year_value", "Value last year", "number"),
    Column("last_year_pct_change", "Change on last year (%)", "change"),
    Column("ytd_value", "Year to date", "number"),
    Column("ytd_last_year_value", "Year to date last year", "number"),
    Column("ytd_pct_change", "Year to date change (%)", "change"),
    Column("rated_value", "Value rated", "number"),
    Column("target", "Target", "number"),
    Column("tolerance", "Tolerance"),
    Column("dot_short", "Direction of travel (on previous period)", "direction"),
    Column("signal", "Signal"),
    Column("interval_lower", "95% interval from", "number"),
    Column("interval_upper", "95% interval to", "number"),
    Column("base", "Respondents", "number"),
    Column("data", "Data"),
    Column("note", "Note"),
    Column("priority", "Priority"),
    Column("area", "Area"),
    Column("area_code", "Area code"),
    Column("period", "Period"),
    Column("last_year_period", "Same period last year"),
    Column("ytd_period", "Financial year to date"),
    Column("vintage", "Data to"),
    Column("measure_id", "Measure ID"),
]

SYNTHETIC_WORD = "synthetic"
"""What the `data` column of a download says for a figure from synthetic data."""


def data_kind(r: MeasureResult) -> str:
    """'synthetic' beside a figure drawn from synthetic data, 'real' otherwise."""
    return SYNTHETIC_WORD if r.synthetic else "real"


def measure_row(r: MeasureResult) -> dict[str, Any]:
    return {
        "priority": r.priority_title,
        "measure_id": r.measure_id,
        "measure": r.measure_title,
        "area_code": r.area_code,
        "area": r.area_name,
        "period": r.period,
        "value": r.value,
        "unit": r.unit,
        "last_year_period": r.last_year_period,
        "last_year_value": r.last_year_value,
        "last_year_pct_change": r.last_year_pct_change,
        "ytd_period": r.ytd_period,
        "ytd_value": r.ytd_value,
        "ytd_last_year_value": r.ytd_last_year_value,
        "ytd_pct_change": r.ytd_pct_change,
        "rated_value": r.rated_value,
        "target": r.target,
        "tolerance": r.tolerance,
        "rag": r.rag,
        "dot_long": r.dot_long,
        "dot_short": r.dot_short,
        "signal": r.signal,
        "signal_sentence": r.signal_sentence,
        "interval_lower": r.interval_lower,
        "interval_upper": r.interval_upper,
        "base": r.base,
        "vintage": r.vintage,
        "data": data_kind(r),
        "note": r.note,
    }


def measures_table(results: list[MeasureResult], area_name: str, period: str) -> Table:
    """Every measure of a plan for one area and period (overview and borough pages)."""
    return Table(
        name="measures",
        caption=f"Measures for {area_name}, {period_text(period)}",
        columns=MEASURE_COLUMNS,
        rows=[measure_row(r) for r in results],
    )


VALUE_LABELS = {
    "count": "Count",
    "rate_per_1000": "Rate per 1,000 residents",
    "percentage": "Percentage",
}


def ranking_table(
    results: list[MeasureResult],
    reference: MeasureResult | None,
    measure_title: str,
    area_label: str = "Area",
) -> Table:
    """Areas from highest to lowest value, with the exact 95% interval of each rate and its
    place in the Poisson funnel around the reference (London) rate where the measure is a
    rate per 1,000 residents with a count and a population. Areas with no value come last.
    Columns that would be empty for every area (no funnel for a count, no RAG without a
    target) are left out, on the page and in the download alike."""
    ordered = sorted(results, key=lambda r: (r.value is None, -(r.value or 0.0), r.area_name))
    unit = results[0].unit if results else "count"
    counts = [result_count(r.unit, r.value, r.numerator) for r in ordered]
    positions = competition_ranks([r.value for r in ordered], counts)
    rows = []
    for position, r in zip(positions, ordered, strict=True):
        comparison = rate_comparison(r, reference)
        note = r.note
        if position is None and r.value is not None:
            note = f"{NOT_RANKED_NOTE} {note}" if note else NOT_RANKED_NOTE
        rows.append(
            {
                "position": position,
                "area_code": r.area_code,
                "area": r.area_name,
                "value": r.value,
                "numerator": r.numerator,
                "population": r.population,
                "lower_95": comparison.lower_95 if comparison else None,
                "upper_95": comparison.upper_95 if comparison else None,
                "funnel": comparison.position if comparison else None,
                "last_year_pct_change": r.last_year_pct_change,
                "rag": r.rag,
                "note": note,
                "data": data_kind(r),
            }
        )
    # The columns people read first: place, area, value, how it compares with London, its
    # rating and change, and any caveat; the count, residents and intervals follow.
    columns = [
        Column("position", "Position", "number"),
        Column("area", area_label),
        Column("value", VALUE_LABELS.get(unit, "Value"), "number"),
    ]
    funnel = any(row["funnel"] for row in rows)
    if funnel:
        columns.append(Column("funnel", "Against the London rate"))
    columns.append(Column("last_year_pct_change", "Change on last year (%)", "change"))
    if any(row["rag"] for row in rows):
        columns.append(Column("rag", "RAG", "rag"))
    if any(row["note"] for row in rows):
        columns.append(Column("note", "Note"))
    if unit != "count":
        columns.append(Column("numerator", "Count", "number"))
    columns.append(Column("population", "Residents", "number"))
    if funnel:
        columns += [
            Column("lower_95", "95% interval from", "number"),
            Column("upper_95", "95% interval to", "number"),
        ]
    columns.append(Column("area_code", "Area code"))
    synthetic = any(r.synthetic for r in results)
    if synthetic:
        columns.append(Column("data", "Data"))
    period = results[0].period if results else ""
    return Table(
        name="ranking",
        caption=f"{measure_title}: areas from highest to lowest, {period_text(period)}"
        + (" (synthetic data)" if synthetic else ""),
        columns=columns,
        rows=[{c.key: row[c.key] for c in columns} | {"unit": unit} for row in rows],
    )


def rate_comparison(r: MeasureResult, reference: MeasureResult | None) -> AreaComparison | None:
    """The funnel comparison of a rate per 1,000 with the reference rate, or None."""
    if (
        reference is None
        or reference.value is None
        or r.unit != "rate_per_1000"
        or r.numerator is None
        or not r.population
    ):
        return None
    return compare_rate(r.numerator, r.population, reference.value, per=1000.0)


NO_DATA_LOADED = "No data loaded: the store holds no police.uk records of this force."


def forces_table(results: list[MeasureResult], loaded: dict[str, int], measure_title: str) -> Table:
    """Every force for one measure (`ranking_table`'s rows and columns), each force whose
    records are not loaded saying so in place of a figure, with its records loaded."""
    shown = [r if r.area_code in loaded else replace(r, note=NO_DATA_LOADED) for r in results]
    ranking = ranking_table(shown, None, measure_title, "Force")
    columns: list[Column] = []
    for c in ranking.columns:
        if c.key == "area_code":  # the records loaded, before the codes
            columns.append(Column("records", "Records loaded", "number"))
        columns.append(c)
    rows = [row | {"records": loaded.get(row["area_code"], 0)} for row in ranking.rows]
    return Table("forces", ranking.caption.replace("areas", "forces", 1), columns, rows)


SIMILAR_COLUMNS = [
    Column("force", "Force"),
    Column("role", "In the comparison"),
    Column("value", "Value", "number"),
    Column("difference_from_group_mean", "Difference from the group's mean", "number"),
    Column("rank", "Rank in the group (1 best)", "number"),
    Column("last_year_pct_change", "Change on last year (%)", "change"),
    Column("ytd_value", "Year to date", "number"),
    Column("ytd_pct_change", "Year to date change (%)", "change"),
    Column("group_mean", "Group mean (other forces)", "number"),
    Column("code", "Area code"),
]


def similar_table(frame: Any, caption: str, unit: str, synthetic: bool) -> Table:
    """A force beside its most similar forces (`measures.national.compare_similar`'s frame,
    as computed: missing values blank, never 0)."""
    rows = []
    for rec in frame.to_dict("records"):
        row = {c.key: _plain(rec.get(c.key)) for c in SIMILAR_COLUMNS if c.key != "role"}
        row["role"] = "This force" if rec["is_force"] else "Most similar force"
        row["rank"] = None if row["rank"] is None else int(row["rank"])
        rows.append(row | {"unit": unit})
    columns = SIMILAR_COLUMNS + ([Column("data", "Data")] if synthetic else [])
    if synthetic:
        caption += " (synthetic data)"
        rows = [row | {"data": SYNTHETIC_WORD if row["value"] is not None else ""} for row in rows]
    return Table("similar", caption, columns, rows)


def _plain(value: Any) -> Any:
    """A frame's cell as a plain value: NaN (no figure) as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


SERIES_COLUMNS = [
    Column("period", "Month"),
    Column("value", "Value", "number"),
    Column("last_year_period", "Same month last year"),
    Column("last_year_value", "Value last year", "number"),
]


def series_table(results: list[MeasureResult], caption: str) -> Table:
    """A measure month by month; the caption says so where the figures are synthetic."""
    if any(r.synthetic for r in results):
        caption += " (synthetic data)"
    rows = [
        {
            "period": r.period,
            "value": r.value,
            "last_year_period": r.last_year_period,
            "last_year_value": r.last_year_value,
            "unit": r.unit,  # for formatting only; not a column
        }
        for r in results
    ]
    return Table(name="trend", caption=caption, columns=SERIES_COLUMNS, rows=rows)


# -- downloads ---------------------------------------------------------------------------


def to_csv(table: Table) -> str:
    return csv_text(
        [c.key for c in table.columns],
        (["" if row[c.key] is None else row[c.key] for c in table.columns] for row in table.rows),
    )


def to_json(table: Table) -> str:
    payload = {
        "caption": table.caption,
        "columns": [{"key": c.key, "label": c.label} for c in table.columns],
        "rows": [{c.key: row[c.key] for c in table.columns} for row in table.rows],
    }
    return json.dumps(json_safe(payload), ensure_ascii=False, indent=1, allow_nan=False)


def to_xlsx(table: Table, attribution: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = table.name[:31]
    append_row(ws, [table.caption])
    append_row(ws, [c.label for c in table.columns])
    for row in table.rows:
        append_row(ws, [row[c.key] for c in table.columns])
    ws.append([])
    append_row(ws, [attribution])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render(table: Table, fmt: str, attribution: str) -> bytes:
    if fmt == "csv":
        return to_csv(table).encode("utf-8")
    if fmt == "json":
        return to_json(table).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(table, attribution)
    raise ValueError(f"no download format {fmt!r}; use one of: {', '.join(FORMATS)}")
