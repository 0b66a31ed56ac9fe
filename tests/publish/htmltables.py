"""Read tables back out of report HTML with the standard library, for figure checks.

Independent of the code under test: it knows nothing of how figures were written, only how
a reader reads them ("13,143", "+4.5%", "↓ Worse (+16.0%)", "−3.0%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlCell:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class HtmlRow:
    attrs: dict[str, str]
    cells: list[HtmlCell] = field(default_factory=list)
    section: str = "tbody"

    def by_field(self) -> dict[str, HtmlCell]:
        return {c.attrs["data-field"]: c for c in self.cells if "data-field" in c.attrs}


@dataclass
class HtmlTable:
    attrs: dict[str, str]
    caption: str = ""
    rows: list[HtmlRow] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self._stack: list[HtmlTable] = []
        self._cell: HtmlCell | None = None
        self._in_caption = False
        self._section = "tbody"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            t = HtmlTable(a)
            self.tables.append(t)
            self._stack.append(t)
        elif not self._stack:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._stack[-1].rows.append(HtmlRow(a, section=self._section))
        elif tag in ("td", "th"):
            self._cell = HtmlCell(tag, a)
            self._stack[-1].rows[-1].cells.append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._stack:
            self._stack.pop()
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th"):
            if self._cell is not None:
                self._cell.text = " ".join(self._cell.text.split())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._stack:
            self._stack[-1].caption += data
        elif self._cell is not None:
            self._cell.text += data


def read_tables(html: str) -> list[HtmlTable]:
    p = _TableParser()
    p.feed(html)
    return p.tables


_NUMBER = re.compile(r"[+\u2212-]?[\d,]+(?:\.\d+)?")


def read_number(text: str) -> tuple[float, int] | None:
    """The first number in a cell and its printed decimals; None for 'n/a' or no number."""
    m = _NUMBER.search(text)
    if m is None:
        return None
    raw = m.group(0).replace(",", "").replace("\u2212", "-")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return float(raw), decimals


def agrees(printed: str, value: float | None) -> bool:
    """A printed figure agrees with a value when it is that value rounded as printed;
    'n/a' agrees only with a missing value."""
    got = read_number(printed)
    if value is None:
        return got is None
    if got is None:
        return False
    number, decimals = got
    return abs(number - value) <= 0.5 * 10**-decimals + 1e-9
