"""`crimeplan plan diff` lists exactly the changes planted between the draft and final plan."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from crimeplan.cli.plan import plan_app
from crimeplan.plan import load_plan
from crimeplan.plan.versions import PlanChange, diff_plans

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "plans" / "london-2021-25.yaml"
FINAL = ROOT / "plans" / "versions" / "london-2021-25-final.yaml"

PLANTED = {
    ("reworded", "priority", "reducing-violence"),
    ("removed", "commitment", "violence-reduced#2"),
    ("added", "commitment", "violence-reduced#2"),
    ("reworded", "commitment", "neighbourhood-crime-reduced#1"),
    ("reworded", "measure", "possession-of-weapons"),
    ("removed", "measure", "vehicle-offences"),
    ("added", "measure", "rape-charge-rate"),
}


def test_diff_lists_exactly_the_planted_changes() -> None:
    changes = diff_plans(load_plan(DRAFT), load_plan(FINAL))
    assert {(c.kind, c.level, c.key) for c in changes} == PLANTED
    assert len(changes) == len(PLANTED)
    removed = next(c for c in changes if c.kind == "removed" and c.level == "commitment")
    assert removed.before == "MPS to pursue dangerous firearms offenders through Operation Viper."


def test_a_plan_against_itself_has_no_changes() -> None:
    plan = load_plan(DRAFT)
    assert diff_plans(plan, plan) == []


def test_reversed_diff_swaps_added_and_removed() -> None:
    forward = diff_plans(load_plan(DRAFT), load_plan(FINAL))
    backward = diff_plans(load_plan(FINAL), load_plan(DRAFT))
    swap = {"added": "removed", "removed": "added", "reworded": "reworded"}
    assert {(swap[c.kind], c.level, c.before) for c in forward} == {
        (c.kind, c.level, c.after) for c in backward
    }


def test_cli_prints_each_change() -> None:
    result = CliRunner().invoke(plan_app, ["diff", str(DRAFT), str(FINAL)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == len(PLANTED)
    assert "removed measure vehicle-offences: Vehicle offences" in lines
    assert isinstance(PlanChange("added", "measure", "x", None, "X").sentence(), str)
