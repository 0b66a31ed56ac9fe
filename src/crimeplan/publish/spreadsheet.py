"""The measure table as CSV and Excel, with the engine's unrounded values.

Rounding is for reading; analysts who reuse the figures get them as computed, with the
period, area and data vintage on every row (the columns are `table.EXPORT_FIELDS`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo

from crimeplan.measures.results import MeasureResult
from crimeplan.publish.charts import Trend
from crimeplan.publish.table import EXPORT_FIELDS
from crimeplan.text_cells import append_row, write_csv


def _cell(value: Any) -> Any:
    return "" if value is None else value


def write_measures_csv(results: list[MeasureResult], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        write_csv(
            f, EXPORT_FIELDS, ([_cell(getattr(r, name)) for name in EXPORT_FIELDS] for r in results)
        )


def write_measures_xlsx(
    results: list[MeasureResult],
    path: Path,
    *,
    trends: list[Trend] | None = None,
    about: list[tuple[str, str]] | None = None,
) -> None:
    """A workbook: sheet `Measures` (one row per result), `Trends` (monthly values) and
    `About` (what the file is, its period and data vintage)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Measures"
    append_row(ws, EXPORT_FIELDS)
    for r in results:
        append_row(ws, [getattr(r, name) for name in EXPORT_FIELDS])
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    if results:
        last = ws.cell(row=1, column=len(EXPORT_FIELDS)).column_letter
        table = Table(displayName="Measures", ref=f"A1:{last}{len(results) + 1}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    for col in ws.columns:
        letter = col[0].column_letter
        ws.column_dimensions[letter].width = min(
            40, max(10, *(len(str(c.value or "")) + 2 for c in col))
        )
    if trends:
        wt = wb.create_sheet("Trends")
        append_row(wt, ["measure_id", "measure_title", "month", "year", "value"])
        for c in wt[1]:
            c.font = Font(bold=True)
        for t in trends:
            for p in t.points:
                for label, v in (
                    (t.this_year_label, p.this_year),
                    (t.last_year_label, p.last_year),
                ):
                    if v is not None:
                        append_row(wt, [t.measure_id, t.measure_title, p.month, label, v])
    if about:
        wa = wb.create_sheet("About")
        for key, value in about:
            append_row(wa, [key, value])
        wa.column_dimensions["A"].width = 20
        wa.column_dimensions["B"].width = 90
    wb.save(path)
