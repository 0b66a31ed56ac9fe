"""Offence group titles: the Met publishes them in capitals; readers see sentence case."""

import pytest

from crimeplan.measures.offence_groups import group_title


@pytest.mark.parametrize(
    ("group", "title"),
    [
        ("NFIB FRAUD", "NFIB fraud"),
        ("FRAUD AND FORGERY", "Fraud and forgery"),
        ("ARSON AND CRIMINAL DAMAGE", "Arson and criminal damage"),
        ("VIOLENCE AGAINST THE PERSON", "Violence against the person"),
        ("nfib fraud", "NFIB fraud"),
        ("", ""),
    ],
)
def test_group_title_keeps_initialisms(group: str, title: str) -> None:
    assert group_title(group) == title
