"""The commentary file: read, checked against the report, errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.publish.commentary import (
    CommentaryError,
    check_commentary,
    default_commentary_path,
    load_commentary,
)

REPO = Path(__file__).resolve().parents[2]
HAVERING = REPO / "plans" / "commentary" / "havering-2016-17-Q3.yaml"
IDS = ["total-notifiable-offences", "asb-incidents", "marac-repeat-referrals"]


def test_shipped_havering_commentary_reads() -> None:
    c = load_commentary(HAVERING)
    assert c.area == "Havering" and c.period == "2016-17-Q3"
    assert set(c.measures) == set(IDS)
    assert "4,810" in c.for_measure("asb-incidents").commentary
    assert "Tasking Enforcement Group" in c.for_measure("asb-incidents").corrective_action
    # the committee report's text gives no corrective action for TNO: left empty, flagged
    assert c.for_measure("total-notifiable-offences").corrective_action == ""
    check_commentary(
        c,
        source=HAVERING.name,
        area_names={"Havering", "E09000016"},
        period="2016-17-Q3",
        measure_ids=IDS,
    )


def test_found_beside_the_plan_by_convention() -> None:
    plan = REPO / "plans" / "havering-2016-17.yaml"
    assert default_commentary_path(plan, "Havering", "2016-17-Q3") == HAVERING


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "area: Havering\nperiod: 2016-17-Q3\nmeasures:\n  asb-incidents:\n"
        "    corective_action: typo\n",
    )
    with pytest.raises(CommentaryError, match=r"c.yaml: 'measures.asb-incidents.corective_action'"):
        load_commentary(p)


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "area: Havering\nperiod: [2016\n")
    with pytest.raises(CommentaryError, match=r"c.yaml line \d+: not valid YAML"):
        load_commentary(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommentaryError, match="no such commentary file"):
        load_commentary(tmp_path / "none.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("area: Barking\nperiod: 2016-17-Q3\n", "written for area 'Barking'"),
        ("area: havering\nperiod: 2016-17-Q2\n", "written for period '2016-17-Q2'"),
        (
            "area: E09000016\nperiod: 2016-17-Q3\nmeasures:\n  burglary: {commentary: x}\n",
            "'burglary', not in the plan",
        ),
    ],
)
def test_commentary_for_another_report_is_refused(tmp_path: Path, text: str, message: str) -> None:
    c = load_commentary(_write(tmp_path, text))
    with pytest.raises(CommentaryError, match=message):
        check_commentary(
            c,
            source="c.yaml",
            area_names={"Havering", "E09000016"},
            period="2016-17-Q3",
            measure_ids=IDS,
        )
