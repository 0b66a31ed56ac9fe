"""No CSV or XLSX the product writes holds a live formula that came from input text.

Formula text is planted where input text reaches an export: offence and offence-group names
in an MPS table (two publications, so revisions exist), a plan's title and a measure's title,
and a consultation file's question number. Then every export is written and opened again with
`csv` and `openpyxl`: the CLI's counts, reconcile, revisions and measures CSV, the report's
measures.xlsx and measures.csv, the dashboard's downloads (CSV and XLSX) and the consultation
summary CSV. No cell may start with a formula character unless it is a plain number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from crimeplan.consult.consultation_file import load_consultation
from crimeplan.consult.intake import init_consultation
from crimeplan.consult.summary import consultation_summary, format_summary
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.service import quarterly_figures
from crimeplan.plan import load_plan
from crimeplan.publish.build import build_quarterly_report
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.text_cells import FORMULA_PREFIXES, csv_text, is_formula_text, safe_cell

ROOT = Path(__file__).resolve().parents[2]
OFFENCE = '=HYPERLINK("http://example.com/x","click")'
GROUP = "@SUM(1+1)"
TITLE = "=1+2 Havering plan"
MEASURE_TITLE = "+cmd|' /C calc'!A0"
MONTHS = [f"{y}{m:02d}" for y in (2023, 2024) for m in range(1, 13)][:18]


def _mps_table(path: Path, bump: int) -> Path:
    head = ["majortext", "minortext", "boroughname", *MONTHS]
    rows = [
        [GROUP, OFFENCE, "Havering", *(str(10 + i + bump) for i in range(len(MONTHS)))],
        ["BURGLARY", "-BURGLARY", "Havering", *(str(5 + i) for i in range(len(MONTHS)))],
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([head, *rows])
    return path


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path, Path]]:
    folder = tmp_path_factory.mktemp("formula")
    store = Store(folder / "store.duckdb")
    ingest_mps_crime(store, _mps_table(folder / "mps-a.csv", 0))
    ingest_mps_crime(store, _mps_table(folder / "mps-b.csv", 3))  # a later publication revises
    plan = yaml.safe_load((ROOT / "plans" / "havering-2016-17.yaml").read_text(encoding="utf-8"))
    plan["plan"]["title"] = TITLE
    plan["plan"]["priorities"][0]["outcomes"][0]["measures"][0]["title"] = MEASURE_TITLE
    plan_path = folder / "plan.yaml"
    plan_path.write_text(yaml.safe_dump(plan), encoding="utf-8")
    store.close()
    yield Store(folder / "store.duckdb"), plan_path, folder


def cells_of_csv(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def cells_of_xlsx(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    return [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]


def live_formulas(cells: list[object]) -> list[object]:
    return [c for c in cells if is_formula_text(c)]


def planted_seen(cells: list[object]) -> bool:
    text = " ".join(str(c) for c in cells)
    return any(p[1:] in text for p in (OFFENCE, GROUP, TITLE, MEASURE_TITLE))


def test_the_cell_writer() -> None:
    assert safe_cell(OFFENCE) == "'" + OFFENCE
    for prefix in FORMULA_PREFIXES:
        assert safe_cell(prefix + "x") == "'" + prefix + "x"
    assert safe_cell(-4.5) == -4.5 and safe_cell("-4.5") == "-4.5" and safe_cell("+12") == "+12"
    assert safe_cell("Burglary") == "Burglary" and safe_cell(None) is None
    assert cells_of_csv(csv_text(["a"], [["=1+1"], [-3]])) == ["a", "'=1+1", "-3"]


def test_cli_csv_exports(planted: tuple[Store, Path, Path]) -> None:
    from crimeplan.cli import app

    store, plan_path, _ = planted
    db = store.path
    store.close()
    runner = CliRunner()
    outputs = {}
    for name, args in {
        "counts": ["counts", "--source", "mps-crime", "--by", "offence-group,offence"],
        "reconcile": ["reconcile", "--month", "2024-03"],
        "revisions": ["revisions"],
        "measures": [
            "measures",
            "--plan",
            str(plan_path),
            "--area",
            "Havering",
            "--period",
            "2024-25-Q1",
        ],
    }.items():
        result = runner.invoke(app, [*args, "--format", "csv", "--db", db])
        assert result.exit_code == 0, (name, result.output, result.exception)
        outputs[name] = cells_of_csv(result.stdout)
    for name, cells in outputs.items():
        assert live_formulas(cells) == [], name
    # The measures CSV carries ids and figures, no input text; the others carry offences.
    assert planted_seen(outputs["counts"]) and planted_seen(outputs["revisions"])
    assert planted_seen(outputs["reconcile"])


def test_report_spreadsheets(planted: tuple[Store, Path, Path]) -> None:
    store, plan_path, folder = planted
    with Store(store.path) as s:
        figures = quarterly_figures(
            s, load_plan(plan_path), "Havering", "2024-25-Q1", allow_missing=True
        )
        files = build_quarterly_report(figures, folder / "report", formats=("xlsx", "csv"))
    assert files.xlsx is not None and files.csv is not None
    xlsx_cells = cells_of_xlsx(files.xlsx.read_bytes())
    csv_cells = cells_of_csv(files.csv.read_text(encoding="utf-8"))
    assert live_formulas(xlsx_cells) == [] and live_formulas(csv_cells) == []
    assert planted_seen(xlsx_cells) and planted_seen(csv_cells)
    book = load_workbook(files.xlsx)
    assert not [
        c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]


def test_dashboard_downloads(planted: tuple[Store, Path, Path]) -> None:
    from crimeplan.web.app import create_app

    store, plan_path, folder = planted
    with Store(store.path) as s:
        app = create_app(
            store=s, plan_paths=[plan_path], app_db_url=f"sqlite:///{folder / 'a.sqlite'}"
        )
        client = TestClient(app)
        query = "?area=Havering&period=2024-25-Q1&measure=total-notifiable-offences"
        for name in ("measures", "ranking"):
            for fmt in ("csv", "xlsx"):
                response = client.get(f"/data/{name}.{fmt}{query}")
                assert response.status_code == 200, (name, fmt, response.text[:300])
                cells = (
                    cells_of_csv(response.text) if fmt == "csv" else cells_of_xlsx(response.content)
                )
                assert live_formulas(cells) == [], (name, fmt)
                if name == "measures":
                    assert planted_seen(cells), (name, fmt)


def test_consultation_summary_csv(tmp_path: Path) -> None:
    source = ROOT / "consultations" / "london-2017-draft-plan.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["questions"][0]["number"] = "=1+1"
    planted_file = tmp_path / "planted.yaml"
    planted_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    upgrade(url)
    db = AppDB(url)
    init_consultation(db, load_consultation(planted_file), "test")
    with db.reading() as session:
        text = format_summary(consultation_summary(session), "csv")
    db.dispose()
    cells = cells_of_csv(text)
    assert "'=1+1" in cells and live_formulas(cells) == []
