"""Write gathered report content to files: HTML, PDF, Word, Excel and CSV, all or nothing.

Every file is rendered into a staging folder that replaces the output only when all files
are complete (see `output.staged_output`). No writer asks the engine; they take content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crimeplan.plan import Plan
from crimeplan.publish.content import ForceContent, QuarterlyContent
from crimeplan.publish.html import render_force, render_quarterly
from crimeplan.publish.output import staged_output
from crimeplan.publish.pdf import write_pdf
from crimeplan.publish.spreadsheet import write_measures_csv, write_measures_xlsx
from crimeplan.publish.word import write_quarterly_docx

ALL_FORMATS = ("html", "pdf", "docx", "xlsx", "csv")
FORCE_FORMATS = ("html", "pdf", "xlsx", "csv")
FILE_NAMES = {
    "html": "report.html",
    "pdf": "report.pdf",
    "docx": "report.docx",
    "xlsx": "measures.xlsx",
    "csv": "measures.csv",
}


@dataclass(frozen=True)
class ReportFiles:
    """The files a report build wrote (a format not asked for is None)."""

    out_dir: Path
    html: Path | None = None
    pdf: Path | None = None
    docx: Path | None = None
    xlsx: Path | None = None
    csv: Path | None = None

    def paths(self) -> list[Path]:
        return [p for p in (self.html, self.pdf, self.docx, self.xlsx, self.csv) if p is not None]


def write_quarterly(
    content: QuarterlyContent, out_dir: Path, *, formats: tuple[str, ...] = ALL_FORMATS
) -> ReportFiles:
    """Render gathered content to files, all or nothing."""
    written: dict[str, Path] = {}
    with staged_output(out_dir) as stage:
        html = render_quarterly(content) if {"html", "pdf"} & set(formats) else ""
        if "html" in formats:
            (stage / FILE_NAMES["html"]).write_text(html, encoding="utf-8")
        if "pdf" in formats:
            write_pdf(html, stage / FILE_NAMES["pdf"])
        if "docx" in formats:
            write_quarterly_docx(content, stage / FILE_NAMES["docx"])
        if "xlsx" in formats:
            write_measures_xlsx(
                content.results,
                stage / FILE_NAMES["xlsx"],
                trends=[b.trend for b in content.blocks],
                about=_about(content.plan, content.area_name, content.period, content.vintage),
            )
        if "csv" in formats:
            write_measures_csv(content.results, stage / FILE_NAMES["csv"])
        written = {f: out_dir.resolve() / FILE_NAMES[f] for f in formats}
    return ReportFiles(out_dir=out_dir.resolve(), **written)


def write_force(
    content: ForceContent, out_dir: Path, *, formats: tuple[str, ...] = FORCE_FORMATS
) -> ReportFiles:
    results = [r for fm in content.measures for r in [fm.force, *fm.boroughs]]
    with staged_output(out_dir) as stage:
        html = render_force(content) if {"html", "pdf"} & set(formats) else ""
        if "html" in formats:
            (stage / FILE_NAMES["html"]).write_text(html, encoding="utf-8")
        if "pdf" in formats:
            write_pdf(html, stage / FILE_NAMES["pdf"])
        if "xlsx" in formats:
            write_measures_xlsx(
                results,
                stage / FILE_NAMES["xlsx"],
                about=_about(content.plan, "every borough", content.period, content.vintage),
            )
        if "csv" in formats:
            write_measures_csv(results, stage / FILE_NAMES["csv"])
    written = {f: out_dir.resolve() / FILE_NAMES[f] for f in formats}
    return ReportFiles(out_dir=out_dir.resolve(), **written)


def check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}; known: {ALL_FORMATS}")


def _about(plan: Plan, area: str, period: str, vintage: str | None) -> list[tuple[str, str]]:
    return [
        ("Plan", f"{plan.title} ({plan.id})"),
        ("Area", area),
        ("Period", period),
        ("Data up to", vintage or "not recorded"),
        ("Values", "As computed by crimeplan's measures engine, unrounded."),
        ("Columns", "See docs/reports.md for what each column means and how it is computed."),
        (
            "Licence",
            "Contains public sector information licensed under the Open Government Licence v3.0.",
        ),
    ]
