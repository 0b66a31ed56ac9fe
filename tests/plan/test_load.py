"""Plan files: the shipped plans load; a bad plan lists every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.errors import PlanError
from crimeplan.plan import load_plan

PLANS = Path(__file__).resolve().parents[2] / "plans"


def test_shipped_plans_load() -> None:
    london = load_plan(PLANS / "london-2021-25.yaml")
    assert [p.title for p in london.priorities] == [
        "Reducing and preventing violence",
        "Increasing trust and confidence",
        "Better supporting victims",
        "Protecting people from exploitation and harm",
    ]
    havering = load_plan(PLANS / "havering-2016-17.yaml")
    assert [m.id for m in havering.measures()] == [
        "total-notifiable-offences",
        "asb-incidents",
        "marac-repeat-referrals",
    ]
    marac = havering.measure("marac-repeat-referrals")
    assert marac.agg == "ratio" and marac.tolerance is not None
    assert marac.tolerance.describe(marac.unit) == "±3 points"


def test_every_problem_reported_with_its_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        """plan:
  id: Bad Id
  title: x
  priorities:
    - id: p
      title: P
      outcomes:
        - id: o
          title: O
          measures:
            - id: m1
              title: M1
              source: crime
            - id: m2
              title: M2
              source: mps-crime
              unit: percentage
              tolerance: {relative: 0.1}
""",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        load_plan(f)
    problems = info.value.problems
    text = "\n".join(problems)
    assert "line 2: id:" in text
    assert "line 13: priorities[0].outcomes[0].measures[0].source:" in text
    assert "priorities[0].outcomes[0].measures[1]" in text and "percentage" in text
    assert len(problems) >= 3


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("plan:\n  id: x\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"broken.yaml: line \d+: not valid YAML"):
        load_plan(f)


def test_duplicate_keys_and_measure_ids_have_lines(tmp_path: Path) -> None:
    f = tmp_path / "dup.yaml"
    f.write_text(
        """plan:
  id: dup
  title: Dup
  priorities:
    - id: p
      title: P
      title: P again
      outcomes:
        - id: o
          title: O
          measures:
            - {id: m, title: M, source: mps-crime}
            - {id: m, title: M2, source: mps-crime}
""",
        encoding="utf-8",
    )
    with pytest.raises(PlanError, match=r"line 7: 'title' is given twice \(first on line 6\)"):
        load_plan(f)
    f.write_text(f.read_text().replace("      title: P again\n", ""), encoding="utf-8")
    with pytest.raises(
        PlanError, match=r"line 12: measure id 'm' is used twice \(first on line 11\)"
    ):
        load_plan(f)
