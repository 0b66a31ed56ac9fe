"""Every report body `crimeplan report` builds (HTML, PDF text, Word, Excel, CSV), quarterly and
whole-force: no "inf" or "nan", no percentage change on a base below the small-number threshold
(the two counts instead, as the dashboard shows them), and no 0 for an offence the Met does not
publish at that level ("not published" instead). Issue 12.

The store holds the embedded Met tables, synthetic PAS microdata (survey measures with their
intervals) and the planted LSOA table (tests/conftest.py); Hounslow's homicides are the small
numbers (1 in the year to date against 0 a year before).
"""

from __future__ import annotations

import csv
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.service import force_figures, quarterly_figures
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.plan import Plan
from crimeplan.publish import build_force_report, build_quarterly_report
from crimeplan.store import Store
from crimeplan.synthetic.survey import load_synthetic_pas

from .htmltables import read_tables

pytestmark = pytest.mark.slow
PERIOD = "2025-26-Q2"
CHANGES = (
    ("last_year_pct_change", "last_year_value"),
    ("ytd_pct_change", "ytd_last_year_value"),
    ("previous_pct_change", "previous_value"),
)


@dataclass(frozen=True)
class ReportText:
    """One report as a reader gets it: each file's text, and the CSV's rows."""

    folder: Path
    texts: dict[str, str]  # format -> text
    rows: list[dict[str, str]]
    html: str


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def report_text(folder: Path) -> ReportText:
    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(folder / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    texts = {"pdf": pdf, "xlsx": _xlsx_text(folder / "measures.xlsx")}
    texts["html"] = (folder / "report.html").read_text(encoding="utf-8")
    texts["csv"] = (folder / "measures.csv").read_text(encoding="utf-8")
    if (folder / "report.docx").exists():
        texts["docx"] = _docx_text(folder / "report.docx")
    with (folder / "measures.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return ReportText(folder, texts, rows, texts["html"])


@pytest.fixture(scope="module")
def reports(
    tmp_path_factory: pytest.TempPathFactory,
    london_plan: Plan,
    plant_lsoa_table: Callable[[Path], Path],
) -> Iterator[dict[str, ReportText]]:
    folder = tmp_path_factory.mktemp("honest-reports")
    with Store(folder / "store.duckdb") as store:
        ingest_mps_crime(store, data_dir() / "mps")
        ingest_mps_crime(store, plant_lsoa_table(folder))
        load_synthetic_pas(store, folder, end="2025-09")
        out: dict[str, ReportText] = {}
        for name, area, period in (
            ("hounslow", "Hounslow", PERIOD),
            ("lsoa", "E01000006", "2024-25-Q2"),
        ):
            figures = quarterly_figures(store, london_plan, area, period, allow_missing=True)
            build_quarterly_report(figures, folder / name)
            out[name] = report_text(folder / name)
        figures = force_figures(store, london_plan, PERIOD, allow_missing=True)
        build_force_report(figures, folder / "force")
        out["force"] = report_text(folder / "force")
        yield out


@pytest.mark.parametrize("name", ["hounslow", "lsoa", "force"])
def test_no_inf_or_nan_in_any_format(
    reports: dict[str, ReportText], name: str, no_bad_numbers: Callable[[str, str], None]
) -> None:
    report = reports[name]
    assert {"html", "pdf", "xlsx", "csv"} <= set(report.texts)
    for fmt, text in report.texts.items():
        assert len(text) > 500, (name, fmt)
        no_bad_numbers(text, f"{name} {fmt}")


@pytest.mark.parametrize("name", ["hounslow", "force"])
def test_no_percentage_on_a_small_base(reports: dict[str, ReportText], name: str) -> None:
    """Exports leave the change empty on a small base; the HTML (and so the PDF) and Word
    tables print the two counts instead, and no percentage in that cell."""
    report = reports[name]
    small = 0
    for row in report.rows:
        if row["unit"] != "count":
            continue
        for change, base in CHANGES:
            if row[base] and float(row[base]) < MIN_BASE:
                assert row[change] == "", (name, row["area_name"], row["measure_id"], change)
                small += 1
    assert small > 0, "the planted small numbers must be in the report"
    cells = 0
    for table in read_tables(report.html):
        for tr in table.rows:
            by_field = tr.by_field()
            for field in ("ytd_pct_change", "dot_long", "dot_short"):
                text = by_field[field].text if field in by_field else ""
                if "against" in text:
                    assert "%" not in text and re.search(r"\d+ against \d+", text), text
                    cells += 1
    assert cells > 0, f"{name}: no small-base cell printed its two counts"
    assert re.search(r"\d+ against \d+", " ".join(reports[name].texts["pdf"].split()))
    if "docx" in report.texts:
        assert re.search(r"\d+ against \d+", report.texts["docx"])


def test_hounslow_homicides_show_the_counts(reports: dict[str, ReportText]) -> None:
    """1 homicide in the year to date against 0 a year before: the counts, never 'inf'."""
    html = reports["hounslow"].html
    rows = [tr for t in read_tables(html) for tr in t.rows if tr.attrs.get("data-measure")]
    homicide = [tr.by_field() for tr in rows if tr.attrs["data-measure"] == "homicide"]
    assert homicide[0]["ytd_pct_change"].text == "1 against 0"


def test_unpublished_offences_say_so_and_are_never_zero(reports: dict[str, ReportText]) -> None:
    report = reports["lsoa"]
    rows = {r["measure_id"]: r for r in report.rows}
    titles = {}
    for mid in ("sexual-offences", "rape"):
        assert rows[mid]["value"] == "" and rows[mid]["ytd_value"] == ""
        assert rows[mid]["note"].startswith("Not published at this level")
        titles[mid] = rows[mid]["measure_title"]
    assert float(rows["robbery"]["value"]) == 1  # published: shown as counted
    html_rows = [tr for t in read_tables(report.html) for tr in t.rows]
    for mid in titles:
        cells = next(tr.by_field() for tr in html_rows if tr.attrs.get("data-measure") == mid)
        for field in ("value", "ytd_value", "ytd_last_year_value"):
            assert cells[field].text == "not published", (mid, field, cells[field].text)
    document = docx.Document(str(report.folder / "report.docx"))
    word_rows = [
        [c.text for c in row.cells]
        for t in document.tables
        for row in t.rows
        if row.cells[0].text in titles.values()
    ]
    assert len(word_rows) >= 2
    for cells in word_rows:
        assert "0" not in cells[1:3] and cells[1] == "not published", cells
    pdf = " ".join(report.texts["pdf"].split())
    for title in titles.values():
        after = pdf.split(f"{title} ", 1)[1][:40]
        assert after.startswith("not published"), (title, after)
