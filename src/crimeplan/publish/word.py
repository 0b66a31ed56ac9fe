"""The quarterly report as a Word document officers can edit.

Word's own heading styles (so the navigation pane and a generated contents table work), the
committee table with a repeating header row, the trend charts as pictures with alternative
text, commentary, corrective action and the methods note. Figures are written by the same
`table.cell` as the HTML, so the two agree.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Row

from crimeplan.measures.results import MeasureResult
from crimeplan.publish import charts
from crimeplan.publish.content import MeasureBlock, QuarterlyContent
from crimeplan.publish.figures import RAG_WORDS, format_rag, format_value
from crimeplan.publish.table import Column, quarterly_columns, row

RED = RGBColor(0xD4, 0x35, 0x1C)
HOW_TO_READ = (
    "\u25b2 Red: more than the tolerance off target, and not improved on the same period "
    "last year.",
    "\u25c6 Amber: more than the tolerance off target, but improved on (or the same as) the "
    "same period last year.",
    "\u25cf Green: on target, better than target, or within the tolerance of it.",
    "\u2191 Better, \u2193 Worse, \u2192 Same: direction of travel against the previous "
    "quarter (short term) and the same quarter last year (long term); the signed change beside "
    "the arrow says whether the number rose or fell.",
)


def write_quarterly_docx(
    content: QuarterlyContent, path: Path, *, with_charts: bool = True
) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"{content.area_name} performance report {content.period}"
    doc.core_properties.language = "en-GB"

    doc.add_heading(f"{content.area_name}: performance in {content.period}", level=0)
    doc.add_paragraph(content.plan.title)
    doc.add_paragraph(
        f"Area {content.area_name} ({content.area_code}); period {content.period}; "
        f"data up to {content.vintage or 'not recorded'}; produced {content.produced_on}."
    )

    summary = content.summary
    doc.add_heading("Summary", level=1)
    doc.add_paragraph(summary.sentence())
    for rag in ("red", "amber", "green"):
        names = [r.measure_title for r in content.results if r.rag == rag]
        doc.add_paragraph(
            f"{RAG_WORDS[rag]}: {summary.counts.get(rag, 0)}"
            + (f" ({'; '.join(names)})" if names else ""),
            style="List Bullet",
        )
    doc.add_heading("What moved", level=2)
    unchanged = "No measure changed its RAG rating since the previous period."
    for sentence in summary.moved or [unchanged]:
        doc.add_paragraph(sentence, style="List Bullet")
    if summary.not_compared:
        doc.add_paragraph(
            "No rating for the previous period to compare with: "
            + "; ".join(summary.not_compared)
            + ".",
            style="List Bullet",
        )
    missing = [b for b in content.blocks if b.missing_corrective_action]
    if missing:
        _flag(
            doc,
            f"Corrective action missing for {len(missing)} Red measure(s): "
            + "; ".join(b.result.measure_title for b in missing)
            + ".",
        )
    if content.commentary and content.commentary.overview:
        doc.add_heading("Overview", level=2)
        _paragraphs(doc, content.commentary.overview)
    doc.add_heading("How to read this report", level=2)
    for line in HOW_TO_READ:
        doc.add_paragraph(line, style="List Bullet")

    columns = quarterly_columns(content.results)
    for s in content.sections:
        doc.add_heading(s.title, level=1)
        if s.description:
            doc.add_paragraph(s.description)
        _measure_table(doc, s.results, columns)
        for b in s.blocks:
            _measure_block(doc, b, with_charts=with_charts)

    doc.add_heading("Methods and data", level=1)
    for b in content.blocks:
        m, r = b.measure, b.result
        doc.add_heading(m.title, level=2)
        doc.add_paragraph(f"Source: {r.source}. Data up to {r.vintage or 'not recorded'}.")
        doc.add_paragraph(f"How counted: {m.method or m.description or 'Not stated in the plan.'}")
        for cav in m.caveats:
            doc.add_paragraph(cav, style="List Bullet")
    doc.save(str(path))


def _measure_table(doc: DocxDocument, results: list[MeasureResult], columns: list[Column]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for i, col in enumerate(columns):
        header.cells[i].text = col.header
        for run in header.cells[i].paragraphs[0].runs:
            run.font.bold = True
            run.font.size = Pt(8)
    for r in results:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for i, c in enumerate(row(r, columns)):
            cells[i].text = c.text
            for run in cells[i].paragraphs[0].runs:
                run.font.size = Pt(8)
                if c.field == "rag" and r.rag == "red":
                    run.font.bold = True
    return table


def _measure_block(doc: DocxDocument, b: MeasureBlock, *, with_charts: bool) -> None:
    r = b.result
    doc.add_heading(f"{r.measure_title}: {format_rag(r.rag)}", level=2)
    if r.note:
        doc.add_paragraph(f"Note: {r.note}")
    if with_charts and b.trend.has_data():
        image = charts.png(charts.trend_spec(b.trend))
        doc.add_picture(BytesIO(image), width=Cm(13))
        _alt_text(doc, charts.trend_alt_text(b.trend))
    trend_table = doc.add_table(rows=1, cols=3)
    trend_table.style = "Table Grid"
    for i, text in enumerate(
        (b.trend.step.capitalize(), b.trend.this_year_label, b.trend.last_year_label)
    ):
        trend_table.rows[0].cells[i].text = text
    for p in b.trend.points:
        cells = trend_table.add_row().cells
        cells[0].text = p.month
        cells[1].text = "" if p.this_year is None else format_value(p.this_year, r.unit)
        cells[2].text = "" if p.last_year is None else format_value(p.last_year, r.unit)
    if b.commentary.commentary:
        doc.add_heading("Commentary", level=3)
        if b.stale_quotes:
            doc.add_paragraph(
                f"⚠ Figures differ from today's data. This commentary quotes "
                f"{', '.join(b.stale_quotes)}, not in the figures above: it was written from the "
                "data as published then, and the data have since been revised."
            )
        _paragraphs(doc, b.commentary.commentary)
    if b.commentary.corrective_action or r.rag == "red":
        doc.add_heading("Corrective action", level=3)
        if b.commentary.corrective_action:
            _paragraphs(doc, b.commentary.corrective_action)
            if b.commentary.owner:
                doc.add_paragraph(f"Lead: {b.commentary.owner}")
        else:
            _flag(
                doc,
                "No corrective action: this measure is Red and the commentary file "
                "gives no corrective action for it.",
            )


def _paragraphs(doc: DocxDocument, text: str) -> None:
    for block in text.strip().split("\n\n"):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if lines and all(ln.startswith(("- ", "* ")) for ln in lines):
            for ln in lines:
                doc.add_paragraph(ln[2:].strip(), style="List Bullet")
        elif lines:
            doc.add_paragraph(" ".join(lines))


def _flag(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run("\u26a0 " + text)
    run.font.bold = True
    run.font.color.rgb = RED


def _repeat_header(row_: _Row) -> None:
    """Mark a table row as a header row that repeats on every page."""
    tr_pr = row_._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _alt_text(doc: DocxDocument, text: str) -> None:
    """Set the alternative text (descr) of the picture just added."""
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", text)
