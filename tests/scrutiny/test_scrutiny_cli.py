"""`crimeplan scrutiny import|list|report` through typer's CliRunner on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from crimeplan.scrutiny.cli import LIST_COLUMNS, scrutiny_app

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "registers" / "london-register.yaml"
DOCUMENT = Path(__file__).with_name("files") / "pcc-response-draft-plan-2021-25.txt"


def test_import_list_and_report(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    done = runner.invoke(scrutiny_app, ["import", str(REGISTER), "--app-db", url])
    assert done.exit_code == 0, done.output
    assert "41 recommendations from 4 reports of 4 bodies (41 new, 0 updated)" in done.output
    doc = runner.invoke(
        scrutiny_app,
        [
            "import",
            str(DOCUMENT),
            "--body",
            "Test Committee",
            "--report",
            "Response",
            "--app-db",
            url,
        ],
    )
    assert doc.exit_code == 0 and "13 recommendations" in doc.output
    listed = runner.invoke(scrutiny_app, ["list", "--format", "csv", "--app-db", url])
    rows = list(csv.DictReader(io.StringIO(listed.output)))
    assert tuple(rows[0]) == LIST_COLUMNS and len(rows) == 54
    test_committee = [r for r in rows if r["body"] == "Test Committee"]
    assert [r["number"] for r in test_committee] == [str(n) for n in range(1, 14)]
    assert test_committee[0]["sub_points"].count(" | ") == 1
    as_json = json.loads(
        runner.invoke(scrutiny_app, ["list", "--format", "json", "--app-db", url]).output
    )
    assert len(as_json) == 54
    out = tmp_path / "tracker"
    report = runner.invoke(
        scrutiny_app, ["report", "--out", str(out), "--formats", "html,docx", "--app-db", url]
    )
    assert report.exit_code == 0, report.output
    assert (out / "tracker.html").is_file() and (out / "tracker.docx").is_file()


def test_a_response_document_needs_its_body(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        scrutiny_app, ["import", str(DOCUMENT), "--app-db", f"sqlite:///{tmp_path / 'a.sqlite'}"]
    )
    assert result.exit_code == 1
    assert "is a response document. Say who wrote it with --body NAME" in result.output


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    for name, extra in (("nope.csv", []), ("nope.txt", ["--body", "B"])):
        result = CliRunner().invoke(
            scrutiny_app, ["import", str(tmp_path / name), *extra, "--app-db", url]
        )
        assert result.exit_code == 1 and f"{name}: file not found" in result.output
