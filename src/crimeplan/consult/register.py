"""The respondent register: who responded, grouped by category, private individuals never named.

Rule: organisations (and councillors, MPs and Assembly Members writing in office) are listed by
name under their category with a count; a category marked `private` in the consultation file is
only counted. Source: MOPAC's 2017 consultation report listed responding organisations and named
no private citizen (issue 6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crimeplan.consult.consultation_file import Consultation


@dataclass(frozen=True)
class RegisterEntry:
    """One respondent as the register sees it; `name` is raw and must not be shown if private."""

    category: str
    channel: str  # survey | written
    organisation: str | None
    name: str | None


@dataclass(frozen=True)
class CategoryRegister:
    code: str
    label: str
    private: bool
    count: int
    survey: int
    written: int
    names: list[str]  # empty for a private category


@dataclass(frozen=True)
class Register:
    categories: list[CategoryRegister]
    total: int


def build_register(entries: Iterable[RegisterEntry], consultation: Consultation) -> Register:
    """Count respondents per category and list the names a register may publish.

    A non-private respondent is listed by organisation, else by name; each listed name appears
    once even if the organisation both wrote and answered the survey.
    """
    rows = list(entries)
    categories = []
    for cat in consultation.respondent_categories:
        members = [e for e in rows if e.category == cat.code]
        names: list[str] = []
        if not cat.private:
            names = sorted({(e.organisation or e.name or "").strip() for e in members} - {""})
        categories.append(
            CategoryRegister(
                code=cat.code,
                label=cat.label,
                private=cat.private,
                count=len(members),
                survey=sum(1 for e in members if e.channel == "survey"),
                written=sum(1 for e in members if e.channel == "written"),
                names=names,
            )
        )
    return Register(categories=categories, total=len(rows))
