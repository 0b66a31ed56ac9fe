"""`crimeplan survey ...` end to end: synth, ingest, measure, gaps; output never shows a small
base."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from crimeplan.cli.survey import survey_app
from crimeplan.measures.suppression import scan_csv

runner = CliRunner()
POSITIVE = ["-p", "Strongly agree", "-p", "Tend to agree"]


def test_synth_ingest_measure_and_gaps(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "s.duckdb")]
    csv = tmp_path / "pas.csv"
    result = runner.invoke(survey_app, ["synth", str(csv), "--months", "12", "--seed", "3"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(survey_app, ["ingest", str(csv), *db])
    assert result.exit_code == 0, result.output
    assert "answers to 5 questions" in result.output

    result = runner.invoke(
        survey_app,
        [
            "measure",
            "trust_mps",
            *POSITIVE,
            "--by",
            "ethnic_group",
            "--area-level",
            "borough",
            "--format",
            "csv",
            *db,
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output), dtype=str, keep_default_na=False)
    assert "[low base]" in set(table["percentage"])  # small groups in small boroughs
    out = tmp_path / "measure.csv"
    out.write_text(result.output)
    assert scan_csv(out).empty

    result = runner.invoke(
        survey_app,
        [
            "gaps",
            "trust_mps",
            "ethnic_group",
            *POSITIVE,
            "--month",
            "2023-03",
            "--reference",
            "White",
            "--format",
            "csv",
            *db,
        ],
    )
    assert result.exit_code == 0, result.output
    gaps = pd.read_csv(io.StringIO(result.output))
    assert gaps.set_index("group").loc["Black", "rating"] == "outside_the_aim"


def test_subgroup_option_must_name_a_characteristic(tmp_path: Path) -> None:
    result = runner.invoke(
        survey_app,
        ["measure", "trust_mps", *POSITIVE, "--only", "female", "--db", str(tmp_path / "s.duckdb")],
    )
    assert result.exit_code != 0
    assert "characteristic=value" in str(result.exception)
