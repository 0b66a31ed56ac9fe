"""A generic measure-values CSV for figures held elsewhere: `area,period,measure,numerator,denominator`.

For MARAC referrals, ASB calls, or figures copied from a published report. `area` is a name or an
ONS code; `period` a month (2016-12), a financial-year quarter (2016-17-Q3) or a financial year
(2016-17); `denominator` is empty for counts. Re-ingesting a row with the same area, period and
measure replaces it and records the change in `value_revisions`; one measure and area keep one
grain (months, quarters or years), so that sums over a year never count a figure twice.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crimeplan.errors import CrimeplanError, IngestError
from crimeplan.geo import Geography
from crimeplan.ingest.files import (
    IngestReport,
    already_ingested,
    check_utf8,
    open_text,
    read_header,
    register_file,
    sha256_of,
)
from crimeplan.periods import Period
from crimeplan.store import Store

SOURCE = "values"
HEADER = ["area", "period", "measure", "numerator", "denominator"]
# Plain decimals with optional thousands commas: no exponent (1e3), no inf or nan.
_DECIMAL = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def ingest_values(store: Store, path: str | Path) -> IngestReport:
    """Load a measure-values CSV, all or nothing."""
    f = Path(path)
    if not f.is_file():
        raise IngestError(f, "no such file")
    header = [h.strip().lower() for h in read_header(f)]
    if header != HEADER:
        raise IngestError(
            f, f"header is {','.join(header)!r}", line=1, hint="Expected: " + ",".join(HEADER)
        )
    check_utf8(f)
    geo = Geography.load()
    rows: list[tuple[str, str, str, float, float | None, int]] = []
    keys: dict[tuple[str, str, str], int] = {}
    with open_text(f) as fh:
        reader = csv.reader(fh, strict=True)
        next(reader)
        for line, row in _numbered(f, reader):
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(HEADER):
                raise IngestError(f, f"expected {len(HEADER)} fields, found {len(row)}", line=line)
            area_s, period_s, measure, num_s, den_s = (c.strip() for c in row)
            try:
                area = geo.resolve(area_s).code
            except CrimeplanError as e:
                raise IngestError(f, str(e), line=line, field="area") from None
            try:
                period = Period.parse(period_s)
            except CrimeplanError as e:
                raise IngestError(f, str(e), line=line, field="period") from None
            if period.kind not in ("month", "quarter", "fy"):
                raise IngestError(
                    f,
                    f"{period_s!r}: give a month, quarter or financial year",
                    line=line,
                    field="period",
                )
            if not measure:
                raise IngestError(f, "is empty", line=line, field="measure")
            num = _number(f, line, "numerator", num_s)
            if num is None:
                raise IngestError(f, "is empty", line=line, field="numerator")
            den = _number(f, line, "denominator", den_s)
            if den is not None and den <= 0:
                raise IngestError(
                    f, f"{den_s!r}: must be above zero", line=line, field="denominator"
                )
            key = (area, period.label, measure)
            if key in keys:
                raise IngestError(
                    f, f"{area_s} {period_s} {measure} repeats line {keys[key]}", line=line
                )
            keys[key] = line
            rows.append((area, period.label, measure, num, den, line))
    if not rows:
        raise IngestError(f, "has a header but no rows", line=2)
    _check_grain(store, f, rows)

    report = IngestReport(SOURCE)
    sha = sha256_of(f)
    with store.transaction() as con:
        if already_ingested(con, SOURCE, sha):
            report.skipped.append(f.name)
            return report
        file_id = register_file(
            con,
            source=SOURCE,
            path=f,
            sha=sha,
            rows=len(rows),
            vintage=max(Period.parse(r[1]).end for r in rows).strftime("%Y-%m"),
        )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE mv_new (area_code VARCHAR, period VARCHAR, "
            "measure VARCHAR, numerator DOUBLE, denominator DOUBLE)"
        )
        con.executemany("INSERT INTO mv_new VALUES (?, ?, ?, ?, ?)", [r[:5] for r in rows])
        con.execute(
            f"""
            INSERT INTO value_revisions
            SELECT e.area_code, e.period, e.measure, e.numerator, n.numerator,
                   e.denominator, n.denominator, e.file_id, {file_id}
            FROM measure_values e JOIN mv_new n USING (area_code, period, measure)
            WHERE e.numerator <> n.numerator
               OR e.denominator IS DISTINCT FROM n.denominator
            """
        )
        (revised,) = con.execute(
            f"SELECT count(*) FROM value_revisions WHERE new_file_id = {file_id}"
        ).fetchone() or (0,)
        (replaced,) = con.execute(
            "SELECT count(*) FROM measure_values e JOIN mv_new n USING (area_code, period, measure)"
        ).fetchone() or (0,)
        con.execute(
            "DELETE FROM measure_values e USING mv_new n WHERE e.area_code = n.area_code "
            "AND e.period = n.period AND e.measure = n.measure"
        )
        con.execute(f"INSERT INTO measure_values SELECT *, {file_id} FROM mv_new")
    report.files.append(f.name)
    report.rows = len(rows)
    report.revisions = int(revised)
    report.replaced = int(replaced)
    return report


def _numbered(f: Path, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each record with its line; a broken quote or an overlong cell is named by line."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as e:
        raise IngestError(f, f"not readable as CSV ({e})", line=reader.line_num) from None


def _number(f: Path, line: int, field: str, text: str) -> float | None:
    if not text:
        return None
    try:
        if not _DECIMAL.fullmatch(text):
            raise ValueError(text)
        value = float(text.replace(",", ""))
    except ValueError:
        raise IngestError(f, f"{text!r}: not a number", line=line, field=field) from None
    if not math.isfinite(value) or value < 0:
        raise IngestError(f, f"{text!r}: must be zero or more", line=line, field=field)
    return value


def _check_grain(
    store: Store, f: Path, rows: list[tuple[str, str, str, float, float | None, int]]
) -> None:
    """One measure and area keep one grain, so no figure is counted twice in a sum."""
    kinds: dict[tuple[str, str], tuple[str, int | None]] = {}
    for area, period, measure, _n, _d, _line in (
        (r[0], r[1], r[2], 0.0, None, 0)
        for r in store.con.execute(
            "SELECT area_code, period, measure FROM measure_values"
        ).fetchall()
    ):
        kinds.setdefault((area, measure), (Period.parse(period).kind, None))
    for area, period, measure, _n, _d, line in rows:
        kind = Period.parse(period).kind
        have = kinds.setdefault((area, measure), (kind, line))
        if have[0] != kind:
            where = f"line {have[1]}" if have[1] else "values already loaded"
            raise IngestError(
                f,
                f"{measure} for {area} mixes {have[0]} and {kind} figures ({where})",
                line=line,
                field="period",
                hint="Give one measure's figures for one area at one grain",
            )
