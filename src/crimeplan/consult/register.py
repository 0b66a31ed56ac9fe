"""The respondent register: who responded, grouped by category, private individuals never named.

Rule: a respondent is named only when an organisation name is given for a non-private category
(councillors, MPs and Assembly Members give their office as the organisation); everyone else,
and every category marked `private` in the consultation file, is only counted. Source: MOPAC's 2017 consultation report listed responding organisations and named
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

    A respondent is named only when they give an organisation name in a non-private category,
    and then by the organisation; a person who ticked "organisation" but named none is only
    counted (their own name may be a private individual's). Each organisation appears once
    even if it both wrote and answered the survey.
    """
    rows = list(entries)
    categories = []
    for cat in consultation.respondent_categories:
        members = [e for e in rows if e.category == cat.code]
        names: list[str] = []
        if not cat.private:
            names = sorted({(e.organisation or "").strip() for e in members} - {""})
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
