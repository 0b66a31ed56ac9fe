"""The examples in the statistics modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "crimeplan.measures.spc",
    "crimeplan.measures.change",
    "crimeplan.measures.survey",
    "crimeplan.measures.disparity",
    "crimeplan.measures.suppression",
    "crimeplan.measures.signals",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.attempted > 0, f"{name} has no docstring example"
    assert result.failed == 0
