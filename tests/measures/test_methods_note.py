"""The methods note's tables are the ones the code's constants generate, and every statistics
module has a section."""

from __future__ import annotations

from pathlib import Path

from crimeplan.methods_tables import MARKER, TABLES, render

NOTE = Path(__file__).resolve().parents[2] / "docs" / "methods" / "statistics.md"


def test_tables_match_the_code() -> None:
    text = NOTE.read_text(encoding="utf-8")
    assert text == render(text), (
        "docs/methods/statistics.md is out of date: run "
        "`python -m crimeplan.methods_tables docs/methods/statistics.md`"
    )
    assert {m.group(2) for m in MARKER.finditer(text)} == set(TABLES)


def test_every_statistics_module_is_described() -> None:
    text = NOTE.read_text(encoding="utf-8")
    for module in (
        "spc.py",
        "change.py",
        "survey.py",
        "disparity.py",
        "suppression.py",
        "small_numbers.py",
    ):
        assert f"(`{module}`)" in text, module
