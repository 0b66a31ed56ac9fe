"""`crimeplan report ...` as a user runs it: files written, errors as one line, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.values import ingest_values
from crimeplan.store import Store

from .conftest import PLANS, REPO


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    store = Store(path)
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-borough-historical.csv.gz")
    ingest_values(store, PLANS / "values" / "havering-2016-17.csv")
    store.close()
    return path


def crimeplan(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "crimeplan", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )


@pytest.mark.slow
def test_quarterly_writes_five_files_and_finds_the_commentary(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "havering"
    run = crimeplan(
        "report",
        "quarterly",
        "--plan",
        "plans/havering-2016-17.yaml",
        "--area",
        "Havering",
        "--period",
        "2016-17-Q3",
        "--out",
        str(out),
        "--db",
        str(db),
    )
    assert run.returncode == 0, run.stderr
    assert "Commentary: plans/commentary/havering-2016-17-Q3.yaml" in run.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == ["measures.csv", "measures.xlsx", "report.docx", "report.html", "report.pdf"]
    assert "Tasking Enforcement Group" in (out / "report.html").read_text(encoding="utf-8")


def test_errors_are_one_line_without_a_traceback(db: Path, tmp_path: Path) -> None:
    run = crimeplan(
        "report",
        "quarterly",
        "--plan",
        "plans/havering-2016-17.yaml",
        "--area",
        "Atlantis",
        "--period",
        "2016-17-Q3",
        "--out",
        str(tmp_path / "o"),
        "--db",
        str(db),
    )
    assert run.returncode == 1
    assert "error:" in run.stderr and "Atlantis" in run.stderr
    assert "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_force_view(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "force"
    run = crimeplan(
        "report",
        "force",
        "--plan",
        "plans/london-2021-25.yaml",
        "--period",
        "2016-17-Q3",
        "--out",
        str(out),
        "--db",
        str(db),
        "--allow-missing",
    )
    assert run.returncode == 0, run.stderr
    assert "Havering" in (out / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [
        "measures.csv",
        "measures.xlsx",
        "report.html",
        "report.pdf",
    ]
