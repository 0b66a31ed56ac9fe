"""Build report files: `build_quarterly_report` and `build_force_report`.

The CLI (`crimeplan report ...`) and the web both call these: they gather the content from
the measures engine (`gather`) and hand it to the writers (`writers`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crimeplan.plan import Plan
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
from crimeplan.store import Store

__all__ = [
    "ReportFiles",
    "build_force_report",
    "build_quarterly_report",
    "quarterly_report_html",
]


def build_quarterly_report(
    store: Store,
    plan: Plan,
    area: str,
    period: str,
    out_dir: Path,
    commentary: Commentary | Path | None = None,
    *,
    formats: tuple[str, ...] = ALL_FORMATS,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> ReportFiles:
    """The quarterly performance report for one area: HTML, PDF, Word, Excel and CSV."""
    check_formats(formats)
    content = quarterly_content(
        store, plan, area, period, commentary, allow_missing=allow_missing, produced_on=produced_on
    )
    return write_quarterly(content, out_dir, formats=formats)


def quarterly_report_html(
    store: Store,
    plan: Plan,
    area: str,
    period: str,
    commentary: Commentary | Path | None = None,
    *,
    allow_missing: bool = False,
) -> str:
    """The quarterly report as one HTML page, written nowhere (for the web to serve)."""
    content = quarterly_content(store, plan, area, period, commentary, allow_missing=allow_missing)
    return render_quarterly(content)


def quarterly_content(
    store: Store,
    plan: Plan,
    area: str,
    period: str,
    commentary: Commentary | Path | None = None,
    *,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> QuarterlyContent:
    """Gather the report's content and check the commentary fits it (area, period, plan)."""
    notes = load_commentary(commentary) if isinstance(commentary, Path) else commentary
    content = gather_quarterly(
        store, plan, area, period, notes, allow_missing=allow_missing, produced_on=produced_on
    )
    if notes is not None:
        check_commentary(
            notes,
            source=commentary.name if isinstance(commentary, Path) else "commentary",
            area_names={content.area_name, content.area_code},
            period=content.period,
            measure_ids=[m.id for m in plan.measures()],
        )
    return content


def build_force_report(
    store: Store,
    plan: Plan,
    period: str,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = FORCE_FORMATS,
    allow_missing: bool = False,
    produced_on: date | None = None,
) -> ReportFiles:
    """The whole-force view: every borough side by side for each measure, ranked."""
    check_formats(formats)
    if "docx" in formats:
        raise ValueError("the whole-force view has no Word version")
    content = gather_force(
        store, plan, period, allow_missing=allow_missing, produced_on=produced_on
    )
    return write_force(content, out_dir, formats=formats)
