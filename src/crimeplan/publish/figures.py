"""How a figure is written in a report: one place for numbers, changes, RAG and arrows.

Every output (HTML, PDF, Word) writes a figure through these functions, so a figure reads the
same everywhere; spreadsheets and CSV carry the engine's unrounded values instead.

Direction of travel follows the Havering committee report (Crime & Disorder Sub-Committee,
January 2017, agenda item 9): "A green arrow (↑) means performance is better and a red arrow
(↓) means performance is worse. An amber arrow (→) means that performance is the same." The
arrow states the judgement, not whether the number rose; the signed change beside it says
that. Colour is never the only carrier: each arrow comes with its word.
"""

from __future__ import annotations

from dataclasses import dataclass

from crimeplan.measures.rules import DECIMALS

MINUS = "\u2212"  # typographic minus, as printed figures use

RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}
#: A shape per rating, so that RAG reads in black and white and for colour-blind readers.
RAG_SYMBOLS = {"red": "\u25b2", "amber": "\u25c6", "green": "\u25cf"}  # ▲ ◆ ●
DOT_ARROWS = {"better": "\u2191", "worse": "\u2193", "same": "\u2192"}  # ↑ ↓ →
DOT_WORDS = {"better": "Better", "worse": "Worse", "same": "Same"}
NOT_AVAILABLE = "n/a"


@dataclass(frozen=True)
class Direction:
    """A direction-of-travel cell: arrow, word and the signed change that supports it."""

    arrow: str
    word: str
    change: str
    css: str  # better | worse | same | none

    @property
    def text(self) -> str:
        if self.css == "none":
            return self.change
        return f"{self.arrow} {self.word} ({self.change})"


def decimals_for(unit: str, value: float | None = None) -> int:
    """The engine's display precision (`measures.rules.DECIMALS`: whole counts, rates to 2
    places, percentages to 1), the precision at which direction of travel calls two values
    the same; a count the engine gives as a fraction keeps one decimal."""
    if unit == "count" and value is not None and value != round(value):
        return 1
    return DECIMALS.get(unit, 1)


def format_value(value: float | None, unit: str) -> str:
    """A measure's value in its unit: 13,014 / 2.35 (per 1,000) / 28.8%."""
    if value is None:
        return NOT_AVAILABLE
    d = decimals_for(unit, value)
    text = f"{value:,.{d}f}".replace("-", MINUS)
    if unit == "percentage":
        return f"{text}%"
    return text


def format_change(pct: float | None) -> str:
    """A percentage change with its sign: +4.5%, −3.7%, 0.0%."""
    if pct is None:
        return NOT_AVAILABLE
    rounded = round(pct, 1)
    if rounded == 0:
        return "0.0%"
    sign = "+" if rounded > 0 else MINUS
    return f"{sign}{abs(rounded):.1f}%"


def format_rag(rag: str | None) -> str:
    """The RAG word with its shape: '▲ Red'; 'Not rated' when the measure has no target."""
    if rag is None:
        return "Not rated"
    return f"{RAG_SYMBOLS[rag]} {RAG_WORDS[rag]}"


def direction(dot: str | None, pct: float | None) -> Direction:
    """The direction-of-travel cell for a judgement (better/worse/same) and its change."""
    change = format_change(pct)
    if dot is None:
        return Direction("", "", change, "none")
    return Direction(DOT_ARROWS[dot], DOT_WORDS[dot], change, dot)


def format_target(target: float | None, unit: str) -> str:
    return "No target" if target is None else format_value(target, unit)
