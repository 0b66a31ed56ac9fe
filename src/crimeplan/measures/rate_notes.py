"""What a rate per 1,000 residents must say beside it: whose population, which year, and
whether the residents are the population at risk.

Every rate is divided by the Census 2021 usual resident population (ONS table TS007A); the
note names that year, and says so plainly when the period is more than a year from the census
(the population then was different; the rate is approximate). Some areas' crime happens mostly
to people who do not live there: an airport, the West End, the City. Their rates per resident
are shown with that caveat (issue 12: "Heathrow Villages ward shows 453 offences per 1,000
residents with no caveat").
"""

from __future__ import annotations

from crimeplan.geo import RATE_CAVEATS
from crimeplan.measures.periods import Period

POPULATION_YEAR = 2021
"""The Census year of every population the rates divide by."""
POPULATION_SOURCE = "Census 2021 usual residents (ONS TS007A)"

WARD_RATE_CAVEATS = {
    "E05013570": "Heathrow Villages ward contains Heathrow Airport: most of its offences are "
    "against travellers and workers, not its residents; a rate per resident overstates the "
    "risk to residents many times over.",
    "E05013808": "West End ward's residents are few against the millions who shop, work and go "
    "out there; a rate per resident overstates the risk to any one person.",
    "E05013806": "St James's ward's residents are few against those who work in and visit it; "
    "a rate per resident overstates the risk to any one person.",
    "E05013662": "Holborn & Covent Garden's residents are few against those who work in and "
    "visit it; a rate per resident overstates the risk to any one person.",
}
"""Wards whose residents are not the population at risk."""


def area_caveat(code: str) -> str | None:
    """The caveat of an area whose residents are not the population at risk, if any."""
    return RATE_CAVEATS.get(code) or WARD_RATE_CAVEATS.get(code)


def population_note(code: str, period: Period) -> str:
    """The note beside every rate: the population and its year, and any caveat.

    >>> population_note("E09000016", Period.parse("2016-17-Q3"))[:60]
    'Per 1,000 residents, Census 2021 usual residents (ONS TS007A'
    """
    note = f"Per 1,000 residents, {POPULATION_SOURCE}."
    years = abs(period.end.year - POPULATION_YEAR)
    if years > 1:
        note += (
            f" {period.label} is {years} years from the census: the population then differed, "
            "so the rate is approximate."
        )
    caveat = area_caveat(code)
    return f"{note} {caveat}" if caveat else note
