"""The shipped 2017 consultation file and the validation of consultation files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation, parse_consultation
from crimeplan.consult.errors import ConsultationError

SHARED = Path(
    os.environ.get("CRIMEPLAN_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared")
)
HAVERING = SHARED / "seeds" / "havering-crime-disorder-subcommittee-2017-01.txt"
SHIPPED = Path(__file__).resolve().parents[2] / "consultations" / "london-2017-draft-plan.yaml"


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_shipped_consultation_has_the_draft_plans_questions(loaded: LoadedConsultation) -> None:
    c = loaded.consultation
    assert (c.opens.isoformat(), c.closes.isoformat()) == ("2016-12-01", "2017-02-23")
    assert sorted({q.number for q in c.questions if q.number}) == [str(n) for n in range(1, 8)]
    chapters = {q.section for q in c.questions if q.section != "Consultation questions"}
    assert len(chapters) == 5
    assert len([q for q in c.closed_questions() if q.section in chapters]) == 15
    assert {cat.label for cat in c.respondent_categories} == {
        "Private individual",
        "Organisation",
        "Local authority",
        "Safer Neighbourhood Board",
        "Councillor",
        "MP or Assembly Member",
    }
    assert [cat.code for cat in c.respondent_categories if cat.private] == ["private_individual"]


def test_question_texts_are_the_seeds_words(loaded: LoadedConsultation) -> None:
    if not HAVERING.is_file():
        pytest.skip(f"../shared/seeds not present: {HAVERING} holds the draft plan's questions")
    seed = _words(HAVERING.read_text(encoding="utf-8"))
    for q in loaded.consultation.questions:
        assert _words(q.text) in seed, q.id


BROKEN = """\
id: broken
title: Broken
opens: 2017-03-01
closes: 2017-02-01
scales:
  yn:
    label: yes/no
    options:
      - {code: "yes", label: "Yes", group: agree}
      - {code: "yes", label: "Yes again"}
questions:
  - id: q1
    text: "First?"
    type: closed
    scale: nope
  - id: q1
    text: "Again?"
    type: open
    scale: yn
  - id: name
    text: "Reserved"
    type: open
respondent_categories:
  - {code: private_individual, label: "Private individual", private: true}
"""


def test_every_problem_is_reported_with_its_line() -> None:
    with pytest.raises(ConsultationError) as caught:
        parse_consultation(BROKEN, "broken.yaml")
    problems = caught.value.problems
    assert "line 4: closes: closes 2017-02-01 is before opens 2017-03-01" in problems
    assert "line 15: questions[0].scale: no scale 'nope' (scales: yn)" in problems
    assert "line 16: questions[1].id: 'q1' is used twice" in problems
    assert "line 19: questions[1].scale: an open question takes no scale" in problems
    assert "line 20: questions[2].id: 'name' is reserved for the respondent" in problems
    assert "line 10: scales.yn.options[1].code: 'yes' twice" in problems
    assert str(caught.value).startswith("broken.yaml: ")


def test_schema_errors_name_field_and_line() -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("type: open", "type: essay", 1)
    line = text.split("\n").index("    type: essay") + 1
    with pytest.raises(ConsultationError, match=rf"line {line}: questions\[\d+\]\.type"):
        parse_consultation(text)


def test_not_yaml_is_an_error() -> None:
    with pytest.raises(ConsultationError, match="not valid YAML"):
        parse_consultation("id: [unclosed")
