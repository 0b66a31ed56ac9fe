"""'You said, We did' as HTML, PDF (WeasyPrint, from the same HTML) and DOCX, all or nothing."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

from crimeplan.consult.closed import Share
from crimeplan.consult.yswd import YouSaidWeDid
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.publish.documents import FORMATS, render_document, write_documents

TEMPLATES = Path(__file__).with_name("templates")


def render_yswd(y: YouSaidWeDid) -> str:
    return render_document(TEMPLATES, "yswd.html.j2", y=y, pct=_pct)


def _pct(s: Share | None) -> str:
    """A share with its 95% interval: '62% (58 to 66%)'; on fewer than `MIN_BASE` answers the
    two counts instead ('3 of 9, too few for a percentage'), as the dashboard's small-number
    rule does for crime counts (`measures/small_numbers.py`, issue 12)."""
    if s is None or s.percent is None or s.ci_low is None or s.ci_high is None:
        return "–"
    if s.base < MIN_BASE:
        return f"{s.count} of {s.base}, too few for a percentage"
    return f"{s.percent:.0f}% ({s.ci_low:.0f} to {s.ci_high:.0f}%)"


def write_yswd_docx(y: YouSaidWeDid, path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"You said, we did: {y.summary.title}"
    doc.core_properties.language = "en-GB"
    doc.add_heading(f"You said, we did: {y.summary.title}", level=0)
    doc.add_heading("How the consultation was run", level=1)
    doc.add_paragraph(
        f"Open {y.summary.opens.isoformat()} to {y.summary.closes.isoformat()}: "
        f"{y.summary.survey_respondents} questionnaire responses and "
        f"{y.summary.written_responses} written responses."
    )
    for ch in y.channels:
        doc.add_paragraph(ch, style="List Bullet")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for i, h in enumerate(("Category", "Questionnaire", "Written", "All")):
        table.rows[0].cells[i].text = h
    for cat in y.summary.register.categories:
        cells = table.add_row().cells
        for i, v in enumerate((cat.label, cat.survey, cat.written, cat.count)):
            cells[i].text = str(v)
    if y.meetings:
        doc.add_heading("Stakeholder meetings", level=2)
        for mt in y.meetings:
            who = f", {mt.attendees} attended" if mt.attendees is not None else ""
            doc.add_paragraph(f"{mt.date.isoformat()}: {mt.title}{who}", style="List Bullet")
    doc.add_heading("Headline results", level=1)
    for q in y.headline:
        doc.add_paragraph(
            f"{q.number}. {q.text} Agree: {_pct(q.result.agree)}; disagree: "
            f"{_pct(q.result.disagree)}; {q.result.answered} answered.",
            style="List Bullet",
        )
    doc.add_heading("What you said and what we did", level=1)
    for t in y.themes:
        s = t.summary
        doc.add_heading(s.label, level=2)
        doc.add_paragraph(
            f"{s.respondents} respondents, {_pct(s.share)} of those who wrote comments."
        )
        grid = doc.add_table(rows=2, cols=2)
        grid.style = "Table Grid"
        grid.rows[0].cells[0].text, grid.rows[0].cells[1].text = "You said", "We did"
        said = grid.rows[1].cells[0]
        said.text = t.you_said
        for p in s.points:
            said.add_paragraph(f"{p.text}: {p.respondents} respondents")
        for quote in s.quotes:
            said.add_paragraph(f"“{' '.join(quote.text.split())}” ({quote.response_id})")
        did = grid.rows[1].cells[1]
        did.text = t.we_did or "Officers have not yet written what changed."
        for _, words in t.commitments:
            did.add_paragraph(f"Plan commitment: {words}")
    doc.add_heading("Agreement of the coding", level=2)
    doc.add_paragraph(y.agreement)
    if y.changes:
        doc.add_heading("What changed between the draft and the final plan", level=1)
        for change in y.changes:
            doc.add_paragraph(change.sentence(), style="List Bullet")
    doc.add_heading("Appendix: who responded", level=1)
    for cat in y.summary.register.categories:
        doc.add_heading(f"{cat.label} ({cat.count})", level=2)
        if cat.private:
            doc.add_paragraph("Private individuals are counted, not named.")
        for n in cat.names:
            doc.add_paragraph(n, style="List Bullet")
    doc.save(str(path))


def write_yswd(y: YouSaidWeDid, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write you-said-we-did.html, .pdf and .docx, all or nothing."""
    return write_documents(
        out_dir, "you-said-we-did", lambda: render_yswd(y), lambda p: write_yswd_docx(y, p), formats
    )
