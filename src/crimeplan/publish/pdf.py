"""PDF from the report's own HTML with WeasyPrint: A4, page numbers, contents with pages.
Tagged as PDF/UA-1 (`pdf_variant`), so a screen reader finds the headings, tables, the
reading order and the charts' alternative text.

Page size, running heads, "Page n of m" and the contents' page numbers come from the print
rules in templates/report.css (`@page`, `target-counter`); WeasyPrint also writes the
headings as PDF bookmarks.
"""

from __future__ import annotations

from pathlib import Path


def write_pdf(html: str, path: Path) -> None:
    """Render `html` to a PDF file at `path` (charts are embedded as data URIs)."""
    from weasyprint import HTML  # imported here: loading pango takes a moment

    HTML(string=html, base_url=str(path.parent)).write_pdf(str(path), pdf_variant="pdf/ua-1")
