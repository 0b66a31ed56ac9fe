"""The recommendations tracker as a committee report: HTML, PDF (WeasyPrint) and DOCX.

Content first (`TrackerContent`, built from the register by `tracker_content`), then writers
that only format it, all or nothing (`publish.output.staged_output`), as the quarterly report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

from crimeplan.publish.documents import FORMATS, render_document, write_documents
from crimeplan.publish.figures import format_rag
from crimeplan.publish.word import _repeat_header
from crimeplan.scrutiny.model import (
    RESPONSE_KINDS,
    STATUS_LABELS,
    STATUSES,
    response_label,
)
from crimeplan.scrutiny.tracker import TrackerCounts, TrackerRow, tracker_counts

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class TrackerContent:
    title: str
    produced_on: date
    rows: list[TrackerRow]
    counts: TrackerCounts

    @property
    def bodies(self) -> list[str]:
        return sorted(self.counts.by_body)


def tracker_content(
    rows: list[TrackerRow], today: date, title: str | None = None
) -> TrackerContent:
    return TrackerContent(
        title=title or "Recommendations tracker",
        produced_on=today,
        rows=rows,
        counts=tracker_counts(rows),
    )


def render_tracker(content: TrackerContent) -> str:
    return render_document(
        TEMPLATES,
        "tracker.html.j2",
        c=content,
        response_label=response_label,
        STATUS_LABELS=STATUS_LABELS,
        RESPONSE_KINDS=RESPONSE_KINDS,
        STATUSES=STATUSES,
        format_rag=format_rag,
    )


def link_sentence(row: TrackerRow) -> list[str]:
    """Each link in words, a measure with its latest rating and signal."""
    out = []
    for k in row.links:
        if k.kind == "commitment":
            out.append(f"Plan commitment: {k.label}")
            continue
        text = f"Measure: {k.label}"
        if k.status is not None:
            s = k.status
            text += f" ({s.area}, {s.period}): {s.value}, {format_rag(s.rag)}"
            if s.signal_sentence:
                text += f"; {s.signal_sentence}"
        out.append(text)
    return out


def write_tracker_docx(content: TrackerContent, path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = content.title
    doc.core_properties.language = "en-GB"
    doc.add_heading(content.title, level=0)
    doc.add_paragraph(f"Produced {content.produced_on.isoformat()} by crimeplan.")
    c = content.counts
    doc.add_heading("Summary", level=1)
    doc.add_paragraph(
        f"{c.total} recommendations from {len(c.by_body)} bodies; {c.overdue} overdue."
    )
    header = ["Body", *[response_label(k) for k in (*RESPONSE_KINDS, None)], "Overdue", "All"]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for i, h in enumerate(header):
        table.rows[0].cells[i].text = h
    for body in content.bodies:
        cells = table.add_row().cells
        values = [c.body_response.get((body, k), 0) for k in (*RESPONSE_KINDS, "awaiting")]
        for i, v in enumerate([body, *values, c.overdue_by_body.get(body, 0), c.by_body[body]]):
            cells[i].text = str(v)
    doc.add_paragraph(
        "By status: " + "; ".join(f"{STATUS_LABELS[s]} {c.by_status[s]}" for s in STATUSES) + "."
    )
    for body in content.bodies:
        doc.add_heading(body, level=1)
        for row in [x for x in content.rows if x.body == body]:
            doc.add_heading(f"Recommendation {row.number} ({row.report})", level=2)
            doc.add_paragraph(row.text)
            for point in row.sub_points:
                doc.add_paragraph(point, style="List Bullet")
            p = doc.add_paragraph()
            p.add_run(f"Response: {response_label(row.response_kind)}. ").bold = True
            p.add_run(row.response_text or "")
            status = f"Status: {STATUS_LABELS[row.status]}"
            if row.owner:
                status += f"; owner {row.owner}"
            if row.due:
                status += f"; due {row.due.isoformat()}"
            if row.overdue:
                status += "; OVERDUE"
            doc.add_paragraph(status)
            for line in link_sentence(row):
                doc.add_paragraph(line, style="List Bullet")
            for on, st, text in row.updates:
                doc.add_paragraph(f"{on.isoformat()} ({STATUS_LABELS[st]}): {text}")
    for section in doc.sections:
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2))
    doc.save(str(path))


def write_tracker(
    content: TrackerContent, out_dir: Path, formats: tuple[str, ...] = FORMATS
) -> list[Path]:
    """Write tracker.html, tracker.pdf and tracker.docx, all or nothing."""
    return write_documents(
        out_dir,
        "tracker",
        lambda: render_tracker(content),
        lambda path: write_tracker_docx(content, path),
        formats,
    )
