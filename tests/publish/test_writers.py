"""Report files: the same figures in HTML, Word, Excel and CSV; a paged PDF; all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.publish import writers
from crimeplan.publish.writers import write_quarterly

from .checks import assert_table_matches
from .filechecks import (
    assert_csv_matches,
    assert_docx_figures,
    assert_docx_matches_html,
    assert_xlsx_matches,
    pdf_text,
    pdf_to_pngs,
)
from .seed_content import RESULTS, content


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports") / "havering-2016-17-Q3"
    write_quarterly(content(), out)
    return out


def test_writes_every_file(report: Path) -> None:
    names = sorted(p.name for p in report.iterdir())
    assert names == ["measures.csv", "measures.xlsx", "report.docx", "report.html", "report.pdf"]
    assert not [p for p in report.parent.iterdir() if p.name.startswith(".")]


def test_word_excel_and_csv_hold_the_same_figures(report: Path) -> None:
    html = (report / "report.html").read_text(encoding="utf-8")
    assert assert_table_matches(html, RESULTS) > 0
    assert assert_docx_matches_html(report / "report.docx", html) == 4 * 12
    assert_docx_figures(report / "report.docx", RESULTS)
    assert assert_xlsx_matches(report / "measures.xlsx", RESULTS) > 20
    assert_csv_matches(report / "measures.csv", RESULTS)


def test_pdf_has_contents_page_numbers_and_the_figures(report: Path) -> None:
    pages, text = pdf_text(report / "report.pdf")
    assert 4 <= pages <= 8
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Contents" in text and "Methods and data" in text
    for figure in ("13,143", "12,573", "+4.5%", "4,810", "+26.0%", "28.8%"):
        assert figure in text
    assert "No corrective action" in text


def test_pdf_pages_render_to_png(report: Path, tmp_path: Path) -> None:
    pngs = pdf_to_pngs(report / "report.pdf", tmp_path)
    pages, _ = pdf_text(report / "report.pdf")
    assert len(pngs) == pages
    assert all(p.stat().st_size > 5_000 for p in pngs)


def test_a_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str, path: Path) -> None:
        path.write_bytes(b"%PDF-half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(writers, "write_pdf", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk full"):
        write_quarterly(content(), out)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_leaves_an_earlier_report_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_quarterly(content(), out, formats=("html", "csv"))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("docx failed")

    monkeypatch.setattr(writers, "write_quarterly_docx", broken)
    with pytest.raises(RuntimeError):
        write_quarterly(content(), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
