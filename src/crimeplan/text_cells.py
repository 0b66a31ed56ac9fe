"""One writer for every text cell crimeplan puts in a CSV or XLSX file: formula-safe.

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab
or carriage return) as a formula, so an offence name, a police.uk field, a measure name or a
plan title taken from an input file could run as `=HYPERLINK(...)` when an analyst opens an
export. OWASP's CSV Injection guidance: prefix such a cell with a single quote, so it is read as
text. Real numbers stay numbers: an `int` or `float`, or a string that is exactly a number
(`-4.5`, `+3`), is written as it is, because no program reads those as a formula.

Every CSV and XLSX export goes through `safe_cell` (directly or through `write_csv`,
`csv_text`, `frame_csv`, `append_row`); tests/hostile/test_formula_cells.py opens each one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_text(value: object) -> bool:
    """True for a string a spreadsheet would read as a formula (not a plain number)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _NUMBER.fullmatch(value)
    )


def safe_cell(value: Any) -> Any:
    """The value to write into a cell: text that would start a formula gets a leading `'`."""
    return "'" + value if is_formula_text(value) else value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


def write_csv(fh: IO[str], header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> None:
    """Write a header and rows to an open text file (opened with `newline=""`)."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(r) for r in rows)


def csv_text(header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> str:
    """A whole CSV file as text."""
    out = io.StringIO()
    write_csv(out, header, rows)
    return out.getvalue()


def frame_csv(frame: Any) -> str:
    """A pandas DataFrame as CSV text (no index), every text cell formula-safe."""
    from pandas.api.types import is_numeric_dtype

    safe = frame.copy()
    for column in safe.columns:
        if not is_numeric_dtype(safe[column].dtype):  # object, string and category columns
            safe[column] = safe[column].astype(object).map(safe_cell)
    safe.columns = safe_row(str(c) for c in safe.columns)
    text: str = safe.to_csv(index=False, lineterminator="\n")
    return text


def append_row(ws: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; text never becomes a formula cell."""
    ws.append(safe_row(row))
