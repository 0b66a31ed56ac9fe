"""Checks shared by the rendering tests and the real-data tests: a report's HTML table
against the results it was made from, and its accessibility basics."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from crimeplan.measures.results import MeasureResult

from .htmltables import agrees, read_tables

#: Cells that print a figure, and the result field it must equal.
FIGURE_FIELDS = (
    "value",
    "rated_value",
    "target",
    "ytd_value",
    "ytd_last_year_value",
    "ytd_pct_change",
    "parent_ytd_pct_change",
)
#: Direction cells: the judgement field and the change printed beside it.
DIRECTION_FIELDS = {"dot_short": "previous_pct_change", "dot_long": "last_year_pct_change"}
WORDS = {"better": "Better", "worse": "Worse", "same": "Same"}


def figure_agrees(printed: str, r: MeasureResult, field: str) -> bool:
    """A printed cell agrees with a result's field; a percentage change withheld on a small
    base must print the two counts the engine gives instead ("1 against 0"), and a figure
    the publisher does not publish must say so (issue 12)."""
    instead = r.extra.get("counts_instead", {}).get(field)
    if instead:
        return instead in printed and "%" not in printed
    if getattr(r, field) is None and r.extra.get("not_published"):
        return "not published" in printed
    return agrees(printed, getattr(r, field))


def assert_table_matches(html: str, results: list[MeasureResult]) -> int:
    """Every figure in every measure table equals the engine's value for that cell.

    Returns how many cells were compared, so a caller can check the table was not empty.
    """
    by_id = {r.measure_id: r for r in results}
    compared = 0
    seen: set[str] = set()
    for table in read_tables(html):
        if "measures" not in table.attrs.get("class", ""):
            continue
        for row in table.rows:
            mid = row.attrs.get("data-measure")
            if mid is None:
                continue
            r = by_id[mid]
            seen.add(mid)
            cells = row.by_field()
            assert cells["measure_title"].text == r.measure_title
            for name, cell in cells.items():
                if name in FIGURE_FIELDS:
                    assert figure_agrees(cell.text, r, name), (mid, name, cell.text)
                    compared += 1
                elif name in DIRECTION_FIELDS:
                    judgement = getattr(r, name)
                    if judgement is not None:
                        assert WORDS[judgement] in cell.text, (mid, name, cell.text)
                    assert figure_agrees(cell.text, r, DIRECTION_FIELDS[name]), (mid, cell.text)
                    compared += 1
                elif name == "rag":
                    word = {"red": "Red", "amber": "Amber", "green": "Green"}.get(
                        r.rag or "", "Not rated"
                    )
                    assert word in cell.text, (mid, cell.text)
                    compared += 1
                elif name == "tolerance":
                    assert cell.text == (r.tolerance or "")
    assert seen == set(by_id), f"measures missing from the tables: {set(by_id) - seen}"
    return compared


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.lang: str | None = None
        self.imgs: list[dict[str, str]] = []
        self.ths: list[dict[str, str]] = []
        self.tables = 0
        self.captions = 0
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.imgs.append(a)
        if tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        if tag == "th":
            self.ths.append(a)
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1


def assert_accessible(html: str) -> None:
    """Language set, one h1, headings never skip a level, every table captioned, every
    header cell scoped, every image with a text alternative."""
    o = _Outline()
    o.feed(html)
    assert o.lang == "en-GB"
    assert o.headings.count(1) == 1 and o.headings[0] == 1
    for before, after in zip(o.headings, o.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{before} is followed by h{after}"
    assert o.tables == o.captions
    assert all(th.get("scope") in ("col", "row") for th in o.ths)
    assert all(len(img.get("alt", "")) > 20 for img in o.imgs)
