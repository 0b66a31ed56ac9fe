"""`crimeplan consult ...` and `crimeplan users ...` run end to end on a fresh database."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from statsmodels.stats.proportion import proportion_confint
from typer.testing import CliRunner

from crimeplan.cli import app
from crimeplan.synthetic.consultation import KnownFigures

CONSULTATION_FILE = (
    Path(__file__).resolve().parents[2] / "consultations" / "london-2017-draft-plan.yaml"
)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CRIMEPLAN_APP_DB", f"sqlite:///{tmp_path / 'app.sqlite'}")
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=stdin)

    return invoke


def test_init_ingest_and_summarise(run, synthetic: tuple[Path, KnownFigures]) -> None:  # type: ignore[no-untyped-def]
    folder, known = synthetic
    result = run("consult", "init", str(CONSULTATION_FILE))
    assert result.exit_code == 0, result.output
    assert "19 closed and 21 open questions" in result.output
    result = run("consult", "ingest-survey", str(folder / "survey.csv"))
    assert result.exit_code == 0, result.output
    assert f"{known.respondents} survey respondents" in result.output
    result = run("consult", "ingest-written", str(folder / "written"))
    assert result.exit_code == 0, result.output
    table = run("consult", "summary").output
    low, high = proportion_confint(170, 200, method="wilson")
    assert re.search(rf"Yes +170  85% \({100 * low:.0f}-{100 * high:.0f}\)", table), table
    summary = json.loads(run("consult", "summary", "--format", "json").output)
    q2 = next(q for q in summary["questions"] if q["key"] == "q2_priorities")
    assert q2["result"]["agree"]["percent"] == pytest.approx(85.0)
    rows = list(csv.DictReader(io.StringIO(run("consult", "summary", "--format", "csv").output)))
    women = next(
        r
        for r in rows
        if r["question"] == "q1_safer_city"
        and r["split_by"] == "gender"
        and r["group"] == "female"
        and r["answer"] == "agree"
    )
    assert float(women["percent"]) == pytest.approx(74.0)


def test_errors_are_one_line_without_traceback(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    result = run("consult", "init", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith("Error: bad.yaml: ")
    assert "Traceback" not in result.output
    result = run("consult", "summary", "--format", "xml")
    assert result.exit_code == 1 and "unknown format 'xml'" in result.output


def test_users_add_reads_the_password_from_stdin(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "users",
        "add",
        "maria",
        "--role",
        "analyst",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    again = run(
        "users",
        "add",
        "maria",
        "--role",
        "analyst",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert again.exit_code == 1 and "already exists" in again.output
    short = run("users", "add", "li", "--password-stdin", stdin="short\n")
    assert short.exit_code == 1 and "shorter than 10" in short.output
    bad_role = run(
        "users",
        "add",
        "sam",
        "--role",
        "superuser",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert bad_role.exit_code == 1 and "'superuser' is not a role" in bad_role.output


def test_synthetic_writes_files_and_prints_the_known_headlines(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    result = run(
        "consult",
        "synthetic",
        str(tmp_path / "demo"),
        "--consultation-file",
        str(CONSULTATION_FILE),
    )
    assert result.exit_code == 0, result.output
    assert "women 74% vs men 61%" in result.output and "agree 85%" in result.output
    assert (tmp_path / "demo" / "written" / "manifest.csv").is_file()
