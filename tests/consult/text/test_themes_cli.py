"""`crimeplan consult evaluate | analyse | themes | agreement` through the CLI."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from crimeplan.consult.cli import consult_app
from crimeplan.consult.text.evalset import generate
from crimeplan.consult.text.synthetic import CODEBOOK_2017, ThemedConsultation

ROOT = Path(__file__).resolve().parents[3]
app = typer.Typer()
app.add_typer(consult_app, name="consult")


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CRIMEPLAN_APP_DB", f"sqlite:///{tmp_path / 'app.sqlite'}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_evaluate_runs_on_a_csv_it_has_never_seen(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Other column names, other order, a BOM, blanks for 0: as an analyst's export might be."""
    rows = generate(260, seed=99)
    names = {"burglary": "Burglary (home)", "drugs": "DRUGS", "knife_crime": "knives"}
    path = tmp_path / "coded sample.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Knives", "Response text", *names.values(), "knives_extra"])
        for r in rows:
            writer.writerow(["x", r["text"], *(r[k] or "" for k in names), random.random()])
    result = run(
        "consult", "evaluate", "--labelled", str(path), "--text", "Response text",
        "--themes", ",".join(names.values()), "--train-per-theme", "8", "--seed", "3",
        "--embedder", "hashed",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "tested on 52 held-out rows" in out and "8 per theme" in out
    for label in ("micro-F1", "macro-F1", "samples-F1"):
        assert re.search(rf"{label} +0\.\d{{3}} \(0\.\d{{3}}-[01]\.\d{{3}}\)", out), out
    assert re.search(r"Burglary \(home\) +\d+ +[01]\.\d\d +[01]\.\d\d", out)
    assert [line.split()[0] for line in out.splitlines()[-5:]] == ["4", "8", "16", "32", "all"]
    bad = run("consult", "evaluate", "--labelled", str(path), "--text", "nope", "--themes", "DRUGS")
    assert bad.exit_code == 1 and "no column 'nope'" in bad.output


def test_analyse_themes_and_agreement(
    run, themed: tuple[Path, ThemedConsultation], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = themed[0]
    assert (
        run("consult", "init", str(ROOT / "consultations/london-2017-draft-plan.yaml")).exit_code
        == 0
    )
    assert run("consult", "ingest-survey", str(folder / "survey.csv")).exit_code == 0
    assert run("consult", "ingest-written", str(folder / "written")).exit_code == 0
    result = run("consult", "analyse", "--embedder", "hashed", "--codebook", str(CODEBOOK_2017))
    assert result.exit_code == 0, result.output
    assert re.search(r"segments from \d+ respondents, 12 themes", result.output)
    sample = tmp_path / "sample.csv"
    result = run(
        "consult", "agreement", "--coder", "lee", "--sample", "15", "--export", str(sample)
    )
    assert result.exit_code == 0 and "15 segments" in result.output, result.output
    with sample.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    coded = tmp_path / "coded.csv"
    with coded.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["segment_id", "themes"])
        for row in rows:
            writer.writerow(
                [row["segment_id"], "burglary" if "burgl" in row["text"].lower() else ""]
            )
    result = run("consult", "agreement", "--coder", "lee", "--import", str(coded))
    assert result.exit_code == 0 and "blind coding of 15 sampled segments" in result.output
    table = run("consult", "themes", "--embedder", "hashed")
    assert table.exit_code == 0, table.output
    assert "Counts are respondents (not segments)" in table.output
    assert "kappa" in table.output  # agreement printed wherever the counts are
    merged = run("consult", "themes", "--embedder", "hashed", "--merge", "asb:drugs")
    assert merged.exit_code == 0 and "[asb]" not in merged.output
