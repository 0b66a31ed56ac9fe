"""The CLI as a user runs it: real store, real files, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crimeplan.geo import data_dir

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "crimeplan", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by the CLI itself from the embedded tables."""
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    r = run("ingest", "mps-crime", str(data_dir() / "mps"), db=path)
    assert r.returncode == 0, r.stderr
    return path


def test_measures_csv_and_json(db: Path) -> None:
    r = run(
        "measures",
        "--plan",
        "plans/havering-2016-17.yaml",
        "--area",
        "Havering",
        "--period",
        "2016-17-Q3",
        "--format",
        "csv",
        db=db,
    )
    assert r.returncode == 0, r.stderr
    rows = {row["measure_id"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    tno = rows["total-notifiable-offences"]
    assert float(tno["ytd_value"]) == 13014 and tno["rag"] == "red"
    r = run(
        "measures",
        "--plan",
        "plans/london-2021-25.yaml",
        "--area",
        "E09000016",
        "--period",
        "latest",
        "--format",
        "json",
        db=db,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {d["period"] for d in data} == {"2025-26-Q2"}


def test_errors_are_one_line_with_a_next_step(db: Path) -> None:
    r = run(
        "measures",
        "--plan",
        "plans/havering-2016-17.yaml",
        "--area",
        "Atlantis",
        "--period",
        "2016-17-Q3",
        db=db,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "no area called 'Atlantis'" in r.stderr
    r = run(
        "measures",
        "--plan",
        "plans/havering-2016-17.yaml",
        "--area",
        "Havering",
        "--period",
        "2031-32-Q1",
        db=db,
    )
    assert r.returncode == 1 and "the data runs from 2010-04" in r.stderr
    r = run("counts", "--by", "borough,colour", "--source", "mps-crime", db=db)
    assert r.returncode == 1 and "--by takes any of" in r.stderr


def test_counts_csv_columns(db: Path) -> None:
    r = run(
        "counts",
        "--source",
        "mps-crime",
        "--by",
        "borough,month,offence-group",
        "--format",
        "csv",
        "--from",
        "2025-09",
        "--to",
        "2025-09",
        db=db,
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["borough", "month", "offence_group", "count"]
    assert sum(int(x["count"]) for x in rows) == 74_016  # the borough table, September 2025


def test_reconcile_shows_levels_without_rescaling(db: Path) -> None:
    r = run("reconcile", "--month", "2025-09", "--format", "csv", db=db)
    assert r.returncode == 0, r.stderr
    total = [
        row for row in csv.DictReader(io.StringIO(r.stdout)) if row["offence_group"] == "TOTAL"
    ]
    assert total[0]["borough_table"] == "74016" and total[0]["ward_table"] == "73109"
    assert total[0]["ward_minus_borough"] == "-907"


def test_ingest_values_and_revisions(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    f = tmp_path / "v.csv"
    f.write_text(
        "area,period,measure,numerator,denominator\nHavering,2016-17-Q3,asb-incidents,1322,\n"
    )
    r = run("ingest", "values", str(f), db=db)
    assert r.returncode == 0 and "1 file(s), 1 rows loaded" in r.stdout, r.stderr
    f.write_text(
        "area,period,measure,numerator,denominator\nHavering,2016-17-Q3,asb-incidents,1330,\n"
    )
    run("ingest", "values", str(f), db=db)
    r = run("revisions", "--area", "Havering", "--format", "csv", db=db)
    assert "1322.0,1330.0" in r.stdout
