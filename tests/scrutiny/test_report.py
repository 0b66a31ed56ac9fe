"""The tracker report in HTML, PDF and DOCX: counts as the tracker computed, overdue flagged,
no private individual named (planted names)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from crimeplan.scrutiny.files import read_register_csv
from crimeplan.scrutiny.register import all_recommendations, import_records
from crimeplan.scrutiny.report import tracker_content, write_tracker
from crimeplan.scrutiny.tracker import tracker_rows
from crimeplan.store.appdb import AppDB

NAME = "Ottilie Brackenridge-Moss"
CSV = (
    "number,text,respondent_category,organisation\n"
    f'1,"My name is {NAME}; call me on 07700 900461 about ward panels",private_individual,{NAME}\n'
)


def test_tracker_files_show_the_counts_and_no_private_name(
    loaded_db: AppDB, tmp_path: Path, no_bad_numbers: Callable[[str, str], None]
) -> None:
    import_records(loaded_db, read_register_csv("x.csv", CSV.encode()), "x.csv", "test")
    with loaded_db.reading() as session:
        rows = tracker_rows(all_recommendations(session), date(2026, 11, 30))
    content = tracker_content(rows, date(2026, 11, 30))
    html_path, pdf_path, docx_path = write_tracker(content, tmp_path / "out")
    html = html_path.read_text(encoding="utf-8")
    c = content.counts
    for (body, kind), n in c.body_response.items():
        assert f'data-body="{body}" data-response="{kind}">{n}<' in html.replace("&amp;", "&")
    assert f"data-total>{c.total}<" in html and f"data-total-overdue>{c.overdue}<" in html
    assert html.count(">Overdue</span>") == c.overdue
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf_path).pages).split())
    doc = Document(str(docx_path))
    docx = " ".join(p.text for p in doc.paragraphs) + " ".join(
        cell.text for t in doc.tables for row in t.rows for cell in row.cells
    )
    assert "Recommendation 13" in pdf and "Recommendation 13" in docx
    for fmt, text in (("html", html), ("pdf", pdf), ("docx", docx)):
        no_bad_numbers(text, fmt)  # issue 12: no "inf" or "nan" in any report body
        assert NAME not in text and "07700 900461" not in text
        assert not re.search(r"Brackenridge", text)
    assert "Private individuals (not named)" in html
