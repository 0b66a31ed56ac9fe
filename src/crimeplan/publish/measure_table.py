"""The measures table as people read it: formatted figures, arrows with words, CSV and JSON.

Formatting only; every figure comes from `MeasureResult`.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from crimeplan.measures.results import MeasureResult
from crimeplan.measures.rules import results_without_targets
from crimeplan.publish.figures import format_change as fmt_change
from crimeplan.publish.figures import format_value as fmt_value
from crimeplan.strict_json import dumps
from crimeplan.text_cells import csv_text

SYNTHETIC = "SYNTHETIC"
"""The word printed beside every figure drawn from synthetic data."""

ARROWS = {"better": "↑ better", "worse": "↓ worse", "same": "→ same"}
RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
SIGNAL_WORDS = {
    "significant_increase": "significant increase",
    "significant_decrease": "significant decrease",
    "no_significant_change": "no significant change",
    "not_testable": "not testable",
}

COLUMNS = [
    ("measure_id", "measure"),
    ("area_name", "area"),
    ("period", "period"),
    ("value", "value"),
    ("previous_value", "previous period"),
    ("last_year_value", "same period last year"),
    ("last_year_pct_change", "change on last year %"),
    ("ytd_value", "year to date"),
    ("ytd_last_year_value", "year to date last year"),
    ("ytd_pct_change", "year to date change %"),
    ("parent_ytd_pct_change", "London year to date change %"),
    ("rated_value", "value rated"),
    ("target", "target"),
    ("tolerance", "tolerance"),
    ("rag", "RAG"),
    ("dot_short", "short term"),
    ("dot_long", "long term"),
    ("signal", "signal"),
    ("signal_sentence", "signal in words"),
    ("interval_lower", "95% interval from"),
    ("interval_upper", "95% interval to"),
    ("base", "respondents"),
    ("synthetic", "synthetic data"),
    ("vintage", "data to"),
    ("note", "note"),
]


def rows_for_export(results: list[MeasureResult]) -> list[dict[str, Any]]:
    """Unformatted rows (full precision) for CSV and JSON."""
    return [{k: getattr(r, k) for k in (c for c, _ in COLUMNS)} | {"unit": r.unit} for r in results]


def print_measures(
    results: list[MeasureResult], fmt: str, console: Console, *, period_note: str | None = None
) -> None:
    """The results as CSV, strict JSON or a table; `period_note` says what `latest` meant
    (printed under the table; in JSON and CSV every record carries its period)."""
    if fmt == "csv":
        rows = rows_for_export(results)
        fields = list(rows[0]) if rows else [c for c, _ in COLUMNS]
        sys.stdout.write(csv_text(fields, ([r[k] for k in fields] for r in rows)))
        return
    if fmt == "json":
        sys.stdout.write(dumps([r.as_dict() for r in results]))
        return
    if not results:
        console.print("No measures.")
        return
    first = results[0]
    table = Table(title=f"{first.area_name}, {first.period}", show_lines=False)
    for head in (
        "measure",
        "value",
        "last year",
        "change",
        "year to date",
        "YTD change",
        "London YTD",
        "rated vs target",
        "RAG",
        "short term",
        "long term",
        "signal",
    ):
        table.add_column(head, justify="left" if head in ("measure", "RAG", "signal") else "right")
    notes = []
    for r in results:
        if not r.available or r.value is None:
            table.add_row(r.measure_title, "–", *([""] * 10))
            notes.append(f"{r.measure_title}: {r.note}")
            continue
        rag = f"[{RAG_STYLE[r.rag]}]{r.rag.upper()}[/]" if r.rag else "not rated"
        value = fmt_value(r.value, r.unit)
        if r.interval_lower is not None and r.interval_upper is not None:
            value += (
                f" ({fmt_value(r.interval_lower, r.unit)} to {fmt_value(r.interval_upper, r.unit)})"
            )
        instead = r.extra.get("counts_instead", {})
        table.add_row(
            r.measure_title + (f" [{SYNTHETIC}]" if r.synthetic else ""),
            value + (f" {SYNTHETIC}" if r.synthetic else ""),
            fmt_value(r.last_year_value, r.unit),
            instead.get("last_year_pct_change") or fmt_change(r.last_year_pct_change),
            fmt_value(r.ytd_value, r.unit),
            instead.get("ytd_pct_change") or fmt_change(r.ytd_pct_change),
            fmt_change(r.parent_ytd_pct_change),
            f"{fmt_value(r.rated_value, r.unit)} vs {fmt_value(r.target, r.unit)}"
            if r.target is not None
            else "no target",
            rag,
            ARROWS.get(r.dot_short or "", "–"),
            ARROWS.get(r.dot_long or "", "–"),
            SIGNAL_WORDS.get(r.signal or "", "–"),
        )
        if r.note:
            notes.append(f"{r.measure_title}: {r.note}")
    console.print(table)
    vintages = sorted({r.vintage for r in results if r.vintage})
    if vintages:
        console.print(
            f"Data to {', '.join(vintages)}. Short term: against the previous period; "
            "long term: against the same period last year."
        )
    if period_note:
        console.print(period_note)
    if any(r.synthetic for r in results):
        console.print(
            f"{SYNTHETIC}: figures marked so come from synthetic data, not real survey responses."
        )
    for n in notes:
        console.print(f"- {n}")
    no_targets = results_without_targets(results)
    if no_targets:
        console.print(no_targets)


def print_offence_groups(results: list[MeasureResult], console: Console) -> None:
    """Counts beside rates, one line per offence group (from `offence_group_plan`)."""
    by_id = {r.measure_id: r for r in results}
    first = results[0]
    table = Table(title=f"Recorded crime by offence group: {first.area_name}, {first.period}")
    for head in (
        "offence group",
        "offences",
        "per 1,000 residents",
        "change on last year",
        "year to date change",
        "London year to date change",
    ):
        table.add_column(head, justify="left" if head == "offence group" else "right")
    for r in results:
        if r.unit != "count":
            continue
        rate = by_id.get(r.measure_id + "-rate")
        table.add_row(
            r.measure_title,
            fmt_value(r.value, "count"),
            fmt_value(rate.value if rate else None, "rate_per_1000"),
            fmt_change(r.last_year_pct_change),
            fmt_change(r.ytd_pct_change),
            fmt_change(r.parent_ytd_pct_change),
        )
    console.print(table)
    notes = {x.note for x in results if x.note}
    for n in sorted(notes):
        console.print(f"- {n}")
