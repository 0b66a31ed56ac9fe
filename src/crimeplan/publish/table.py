"""The measure table: which columns a committee reads, in which order, and what each cell says.

One definition serves the HTML, the PDF (same HTML), Word, Excel and CSV, so the figures
agree across them. The column order follows the Havering corporate performance report
(January 2017, agenda item 9): indicator, value, target, tolerance, RAG, short- and long-term
direction of travel, then the year to date against last year and London.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crimeplan.measures.results import MeasureResult
from crimeplan.publish.figures import (
    Direction,
    direction,
    format_change,
    format_rag,
    format_target,
    format_value,
)

CellKind = Literal["title", "value", "change", "text", "rag", "dot"]


@dataclass(frozen=True)
class Column:
    """A column: the `MeasureResult` field it shows, its header and how the cell is written.

    For a direction column (`kind == "dot"`), `field` holds the judgement (better/worse/same)
    and `change_field` the percentage change printed beside the arrow.
    """

    field: str
    header: str
    kind: CellKind
    change_field: str | None = None


@dataclass(frozen=True)
class Cell:
    text: str
    field: str
    css: str = ""  # rag-red, dot-better ... for styling; the text always carries the meaning


def quarterly_columns(results: list[MeasureResult]) -> list[Column]:
    """The columns of a quarterly table, headed with the periods the results compare."""
    first = results[0]
    period = first.period
    previous = first.previous_period or "previous period"
    last_year = first.last_year_period or "same period last year"
    ytd_heading = f"Year to date {first.ytd_period}" if first.ytd_period else "Year to date"
    columns = [
        Column("measure_title", "Measure", "title"),
        Column("value", f"Value {period}", "value"),
        Column("rated_value", "Value rated", "value"),
        Column("target", "Target", "value"),
        Column("tolerance", "Tolerance", "text"),
        Column("rag", "RAG", "rag"),
        Column("dot_short", f"Short term: vs {previous}", "dot", "previous_pct_change"),
        Column("dot_long", f"Long term: vs {last_year}", "dot", "last_year_pct_change"),
        Column("ytd_value", ytd_heading, "value"),
        Column("ytd_last_year_value", "Year to date, last year", "value"),
        Column("ytd_pct_change", "Year to date change", "change"),
    ]
    # London beside a borough; not beside London itself
    parent = next(
        (r.parent_name for r in results if r.parent_name and r.parent_code != r.area_code), None
    )
    if parent is not None:
        columns.append(Column("parent_ytd_pct_change", f"{parent} year to date change", "change"))
    return columns


def cell(result: MeasureResult, column: Column) -> Cell:
    """The text of one cell, from one field of one result."""
    raw = getattr(result, column.field)
    if column.kind == "title":
        return Cell(str(raw), column.field)
    if column.kind == "value":
        if column.field == "target":
            return Cell(format_target(raw, result.unit), column.field)
        if raw is None and result.extra.get("not_published"):
            return Cell(NOT_PUBLISHED, column.field)
        text = format_value(raw, result.unit)
        if column.field == "value" and result.synthetic and raw is not None:
            text += " (synthetic)"
        return Cell(text, column.field)
    if column.kind == "change":
        return Cell(_change_text(result, column.field, raw), column.field)
    if column.kind == "rag":
        return Cell(format_rag(raw), column.field, f"rag-{raw or 'none'}")
    if column.kind == "dot":
        assert column.change_field is not None
        d = direction(raw, getattr(result, column.change_field))
        counts = _change_text(result, column.change_field, getattr(result, column.change_field))
        d = Direction(d.arrow, d.word, counts, d.css)
        return Cell(d.text, column.field, f"dot-{d.css}")
    return Cell("" if raw is None else str(raw), column.field)


#: What a report prints for a figure the publisher does not publish at the area's level
#: (`engine._unpublished`): never 0, never a bare "n/a" (issue 12).
NOT_PUBLISHED = "not published"


def _change_text(result: MeasureResult, field: str, pct: float | None) -> str:
    """A percentage change, or on a small count base the two counts the engine gives in its
    place ("1 against 0", `small_numbers.counts_instead`), as the dashboard shows them."""
    instead = result.extra.get("counts_instead", {}).get(field)
    if instead:
        return str(instead)
    if pct is None and result.extra.get("not_published"):
        return NOT_PUBLISHED
    return format_change(pct)


def row(result: MeasureResult, columns: list[Column]) -> list[Cell]:
    return [cell(result, c) for c in columns]


#: The fields written to measures.csv and measures.xlsx, unrounded, in this order.
EXPORT_FIELDS: tuple[str, ...] = (
    "area_code",
    "area_name",
    "period",
    "priority_id",
    "priority_title",
    "measure_id",
    "measure_title",
    "unit",
    "polarity",
    "value",
    "numerator",
    "denominator",
    "rated_value",
    "target",
    "tolerance",
    "rag_basis",
    "rag",
    "previous_period",
    "previous_value",
    "previous_pct_change",
    "dot_short",
    "last_year_period",
    "last_year_value",
    "last_year_pct_change",
    "dot_long",
    "ytd_period",
    "ytd_value",
    "ytd_last_year_value",
    "ytd_pct_change",
    "parent_code",
    "parent_name",
    "parent_value",
    "parent_last_year_pct_change",
    "parent_ytd_pct_change",
    "signal",
    "signal_sentence",
    "interval_lower",
    "interval_upper",
    "base",
    "source",
    "synthetic",
    "vintage",
    "note",
)


@dataclass(frozen=True)
class RankedResult:
    rank: int | None  # None: no value, so not ranked
    result: MeasureResult


def rank_results(results: list[MeasureResult], polarity: str) -> list[RankedResult]:
    """Areas in rank order, best first: lowest first when lower is better, else highest first.

    Equal values share a rank (1, 2, 2, 4). Areas with no value come last, unranked, so a
    missing figure is never read as the best or the worst; so do areas whose count is too small
    to rank (`measures/small_numbers.py`).
    """
    from crimeplan.measures.small_numbers import competition_ranks, rankable, result_count

    def small(r: MeasureResult) -> bool:
        count = result_count(r.unit, r.value, r.numerator)
        return count is not None and not rankable(count)

    with_value = [r for r in results if r.value is not None and not small(r)]
    without = [r for r in results if r.value is None or small(r)]
    descending = polarity != "lower_is_better"
    ordered = sorted(
        with_value, key=lambda r: -(r.value or 0.0) if descending else (r.value or 0.0)
    )
    ranks = competition_ranks([r.value for r in ordered], [None] * len(ordered))
    ranked = [RankedResult(rank, r) for rank, r in zip(ranks, ordered, strict=True)]
    ranked.extend(RankedResult(None, r) for r in sorted(without, key=lambda r: r.area_name))
    return ranked


def force_columns(results: list[MeasureResult]) -> list[Column]:
    """Columns of the whole-force table: one row per borough (headed by the first)."""
    if not results:
        raise ValueError("a whole-force table needs at least one borough's result")
    first = results[0]
    last_year = first.last_year_period or "same period last year"
    ytd = first.ytd_period or "year to date"
    columns = [
        Column("area_name", "Borough", "title"),
        Column("value", f"Value {first.period}", "value"),
        Column("dot_long", f"vs {last_year}", "dot", "last_year_pct_change"),
        Column("ytd_value", f"Year to date {ytd}", "value"),
        Column("ytd_pct_change", "Year to date change", "change"),
    ]
    if any(r.rag is not None for r in results):
        columns.append(Column("rag", "RAG", "rag"))
    return columns
