"""Read figures back out of the Word, Excel, CSV and PDF files, for comparison with results."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from crimeplan.measures.results import MeasureResult

from .checks import DIRECTION_FIELDS, FIGURE_FIELDS, figure_agrees
from .htmltables import read_tables


def assert_docx_matches_html(docx_path: Path, html: str) -> int:
    """The Word tables say, cell for cell, what the HTML measure tables say."""
    html_rows = [
        [c.text for c in row.cells]
        for t in read_tables(html)
        if "measures" in t.attrs.get("class", "")
        for row in t.rows
    ]
    document = docx.Document(str(docx_path))
    word_rows = [
        [" ".join(cell.text.split()) for cell in row.cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "Measure"
        for row in table.rows
    ]
    assert word_rows == html_rows
    return sum(len(r) for r in word_rows)


def assert_docx_figures(docx_path: Path, results: list[MeasureResult]) -> None:
    """Independently of the HTML: each Word row's figures equal the results."""
    document = docx.Document(str(docx_path))
    by_title = {r.measure_title: r for r in results}
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] != "Measure":
            continue
        fields = _header_fields(header)
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            r = by_title[cells[0]]
            for name, text in zip(fields, cells, strict=True):
                if name in FIGURE_FIELDS:
                    assert figure_agrees(text, r, name), (r.measure_id, name, text)
                elif name in DIRECTION_FIELDS:
                    assert figure_agrees(text, r, DIRECTION_FIELDS[name]), (name, text)


def _header_fields(header: list[str]) -> list[str]:
    out = []
    for h in header:
        if h == "Measure":
            out.append("measure_title")
        elif h.startswith("Value") and h != "Value rated":
            out.append("value")
        elif h == "Value rated":
            out.append("rated_value")
        elif h == "Target":
            out.append("target")
        elif h.startswith("Short term"):
            out.append("dot_short")
        elif h.startswith("Long term"):
            out.append("dot_long")
        elif h == "Year to date, last year":
            out.append("ytd_last_year_value")
        elif h == "Year to date change":
            out.append("ytd_pct_change")
        elif h.startswith("Year to date"):
            out.append("ytd_value")
        elif h.endswith("year to date change"):
            out.append("parent_ytd_pct_change")
        else:
            out.append(h.lower())
    return out


def assert_xlsx_matches(xlsx_path: Path, results: list[MeasureResult]) -> int:
    """Every numeric cell of the Measures sheet is the engine's value, unrounded."""
    wb = openpyxl.load_workbook(xlsx_path, read_only=True)
    rows = list(wb["Measures"].iter_rows(values_only=True))
    header = list(rows[0])
    assert len(rows) - 1 == len(results)
    compared = 0
    for r, values in zip(results, rows[1:], strict=True):
        record = dict(zip(header, values, strict=True))
        assert record["measure_id"] == r.measure_id and record["area_code"] == r.area_code
        for name, got in record.items():
            want = getattr(r, str(name))
            if isinstance(want, float | int) and not isinstance(want, bool):
                assert got is not None and math.isclose(float(got), float(want)), (name, got)
                compared += 1
            else:
                assert got == want, (name, got, want)
    return compared


def assert_csv_matches(csv_path: Path, results: list[MeasureResult]) -> None:
    with csv_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(results)
    for r, rec in zip(results, rows, strict=True):
        for name, got in rec.items():
            want = getattr(r, name)
            if want is None:
                assert got == ""
            elif isinstance(want, bool):
                assert got == str(want), (name, got, want)
            elif isinstance(want, float | int):
                assert math.isclose(float(got), float(want)), (name, got, want)
            else:
                assert got == str(want)


def pdf_text(pdf_path: Path) -> tuple[int, str]:
    reader = PdfReader(str(pdf_path))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


def pdf_to_pngs(pdf_path: Path, out_dir: Path, resolution: int = 60) -> list[Path]:
    """Turn PDF pages into PNG with poppler's pdftoppm, to be looked at."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: `make system-deps`")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), str(pdf_path), str(out_dir / "page")],
        check=True,
    )
    return sorted(out_dir.glob("page-*.png"))


def page_fill(pdf_path: Path, top_mm: float = 14.0, bottom_mm: float = 16.0) -> list[float]:
    """How full each page is: the share of the body (inside the top and bottom margins, where
    the running head and page number sit) from its top down to the lowest thing drawn on it
    (text, pictures, chart marks, table rules), read from the page rendered at 25 dpi."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    out = pdf_path.parent / f"{pdf_path.stem}-fill"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    subprocess.run(
        ["pdftoppm", "-r", "25", "-gray", "-png", str(pdf_path), str(out / "p")], check=True
    )
    fills = []
    for png in sorted(out.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
        img = Image.open(png).convert("L")
        width, height = img.size
        px_per_mm = height / (PdfReader(str(pdf_path)).pages[0].mediabox.height * 25.4 / 72)
        top, bottom = round(top_mm * px_per_mm), height - round(bottom_mm * px_per_mm)
        pixels = img.load()
        inked = [y for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(width))]
        fills.append(((max(inked) - top + 1) / (bottom - top)) if inked else 0.0)
    return fills
