"""Build report files: `build_quarterly_report` and `build_force_report`.

They take the figures the measures service computed (`service.quarterly_figures`,
`service.force_figures`), never the store, shape them (`gather`) and hand them to the writers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crimeplan.measures.service import ForceFigures, QuarterlyFigures
from crimeplan.publish.commentary import Commentary, check_commentary, load_commentary
from crimeplan.publish.content import QuarterlyContent
from crimeplan.publish.gather import gather_force, gather_quarterly
from crimeplan.publish.html import render_quarterly
from crimeplan.publish.writers import (
    ALL_FORMATS,
    FORCE_FORMATS,
    ReportFiles,
    check_formats,
    write_force,
    write_quarterly,
)

__all__ = [
    "ReportFiles",
    "build_force_report",
    "build_quarterly_report",
    "quarterly_report_html",
]


def build_quarterly_report(
    figures: QuarterlyFigures,
    out_dir: Path,
    commentary: Commentary | Path | None = None,
    *,
    formats: tuple[str, ...] = ALL_FORMATS,
    produced_on: date | None = None,
) -> ReportFiles:
    """The quarterly performance report for one area: HTML, PDF, Word, Excel and CSV."""
    check_formats(formats)
    content = quarterly_content(figures, commentary, produced_on=produced_on)
    return write_quarterly(content, out_dir, formats=formats)


def quarterly_report_html(
    figures: QuarterlyFigures, commentary: Commentary | Path | None = None
) -> str:
    """The quarterly report as one HTML page, written nowhere (for the web to serve)."""
    return render_quarterly(quarterly_content(figures, commentary))


def quarterly_content(
    figures: QuarterlyFigures,
    commentary: Commentary | Path | None = None,
    *,
    produced_on: date | None = None,
) -> QuarterlyContent:
    """Shape the report's content and check the commentary fits it (area, period, plan)."""
    notes = load_commentary(commentary) if isinstance(commentary, Path) else commentary
    if notes is not None:
        check_commentary(
            notes,
            source=commentary.name if isinstance(commentary, Path) else "commentary",
            area_names={figures.area_name, figures.area_code},
            period=figures.scope.period.label,
            measure_ids=[m.id for m in figures.scope.plan.measures()],
        )
    return gather_quarterly(figures, notes, produced_on=produced_on)


def build_force_report(
    figures: ForceFigures,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = FORCE_FORMATS,
    produced_on: date | None = None,
) -> ReportFiles:
    """The whole-force view: every borough side by side for each measure, ranked."""
    check_formats(formats)
    if "docx" in formats:
        raise ValueError("the whole-force view has no Word version")
    return write_force(gather_force(figures, produced_on=produced_on), out_dir, formats=formats)
