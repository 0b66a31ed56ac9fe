"""data.police.uk street-level crime CSVs: one file, a month folder, or an archive of months.

Validates the header, the month, the LSOA code and the crime-type vocabulary; an error names
file, line and field. Atomic: a batch loads whole or not at all. Idempotent: a force's month is
replaced when ingested again (never duplicated); an unchanged file is skipped. Only
`*-street.csv` files are read; outcomes and stop-and-search files in a folder are left alone.
"""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from crimeplan.errors import IngestError
from crimeplan.ingest.files import (
    IngestReport,
    already_ingested,
    check_utf8,
    csv_error,
    open_text,
    read_header,
    register_file,
    sha256_of,
    sql_str,
)
from crimeplan.store import Store

SOURCE = "police-uk"
HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
# The crime categories police.uk publishes (data.police.uk/about/#columns).
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
_MONTH_IN_NAME = re.compile(r"^(\d{4}-\d{2})-")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_LSOA = re.compile(r"^[EW]01\d{6}$")
_COLUMNS = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in HEADER) + "}"


def street_files(path: Path, workdir: Path) -> list[Path]:
    """The street-level CSVs in a file, a folder (searched recursively) or a .zip archive."""
    if not path.exists():
        raise IngestError(path, "no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*-street.csv*") if p.is_file())
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith("-street.csv")]
            z.extractall(workdir, members=names)
        files = sorted(workdir / n for n in names)
    else:
        files = [path]
    if not files:
        raise IngestError(path, "holds no police.uk street-level file (*-street.csv)")
    return files


def ingest_police_uk(
    store: Store, path: str | Path, *, progress: Callable[[str], None] | None = None
) -> IngestReport:
    """Load police.uk street-level files into `police_uk_crimes`, all or nothing."""
    path = Path(path)
    report = IngestReport(SOURCE)
    with tempfile.TemporaryDirectory() as tmp:
        files = street_files(path, Path(tmp))
        with store.transaction() as con:
            seen: dict[tuple[str, str], Path] = {}
            for f in files:
                if progress:
                    progress(f.name)
                _load_file(con, f, seen, report)
    return report


def _load_file(
    con: duckdb.DuckDBPyConnection,
    f: Path,
    seen: dict[tuple[str, str], Path],
    report: IngestReport,
) -> None:
    header = read_header(f)
    if header != HEADER:
        missing = [c for c in HEADER if c not in header]
        extra = [c for c in header if c not in HEADER]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(repr(c) for c in missing))
        if extra:
            detail.append("unexpected " + ", ".join(repr(c) for c in extra))
        if not detail:
            detail.append("columns out of order")
        raise IngestError(
            f,
            "not a police.uk street-level header: " + "; ".join(detail),
            line=1,
            hint="Expected: " + ",".join(HEADER),
        )
    check_utf8(f)
    sha = sha256_of(f)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE pu_raw AS SELECT * FROM read_csv("
            f"{sql_str(f)}, header = true, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {_COLUMNS}, auto_detect = false, strict_mode = true)"
        )
    except duckdb.Error as e:
        raise csv_error(f, e) from None
    (n,) = con.execute("SELECT count(*) FROM pu_raw").fetchone() or (0,)
    if n == 0:
        raise IngestError(f, "has a header but no rows", line=2)

    name_month = m.group(1) if (m := _MONTH_IN_NAME.match(f.name)) else None
    _check_column(
        con,
        f,
        "Month",
        f"NOT regexp_full_match(\"Month\", '{_MONTH.pattern[1:-1]}')",
        "not a month (YYYY-MM)",
    )
    if name_month:
        _check_column(
            con,
            f,
            "Month",
            f"\"Month\" <> '{name_month}'",
            f"month differs from the file's month {name_month}",
        )
    types = ", ".join("'" + t.replace("'", "''") + "'" for t in CRIME_TYPES)
    _check_column(
        con,
        f,
        "Crime type",
        f'"Crime type" NOT IN ({types}) OR "Crime type" IS NULL',
        "not a police.uk crime type",
        hint="Known types: " + ", ".join(CRIME_TYPES),
    )
    _check_column(
        con,
        f,
        "LSOA code",
        f'"LSOA code" IS NOT NULL AND NOT regexp_full_match("LSOA code", '
        f"'{_LSOA.pattern[1:-1]}')",
        "not an LSOA code (E01 or W01 and six digits)",
    )
    _check_column(con, f, "Falls within", '"Falls within" IS NULL', "is empty")
    # A well-formed code that no lookup knows and whose name names no London borough.
    _check_column(
        con,
        f,
        "LSOA code",
        '"LSOA code" IS NOT NULL AND "LSOA code" NOT IN (SELECT code FROM areas) AND '
        '("LSOA name" IS NULL OR NOT regexp_full_match("LSOA name", \'.+ \\d{3}[A-Z]\'))',
        "unknown LSOA: not a 2021 London LSOA and no 'Borough 012A' style name to place it",
        hint="Check the file is a police.uk street-level file",
    )

    for force, month in con.execute(
        'SELECT DISTINCT "Falls within", "Month" FROM pu_raw'
    ).fetchall():
        key = (force, month)
        if key in seen:
            raise IngestError(
                f,
                f"{force} {month} is also in {seen[key].name}: the same month twice",
                field="Month",
                hint="Ingest each month once; a later ingest replaces it",
            )
        seen[key] = f

    if already_ingested(con, SOURCE, sha):
        report.skipped.append(f.name)
        return

    months = con.execute('SELECT DISTINCT "Falls within", "Month" FROM pu_raw').fetchall()
    for force, month in months:
        (old,) = con.execute(
            "SELECT count(*) FROM police_uk_crimes WHERE falls_within = ? "
            "AND month = CAST(? || '-01' AS DATE)",
            [force, month],
        ).fetchone() or (0,)
        if old:
            con.execute(
                "DELETE FROM police_uk_crimes WHERE falls_within = ? "
                "AND month = CAST(? || '-01' AS DATE)",
                [force, month],
            )
            report.replaced += int(old)
    vintage = max(month for _, month in months)
    file_id = register_file(con, source=SOURCE, path=f, sha=sha, rows=int(n), vintage=vintage)
    con.execute(
        f"""
        INSERT INTO police_uk_crimes
        SELECT r."Crime ID", CAST(r."Month" || '-01' AS DATE), r."Reported by", r."Falls within",
               TRY_CAST(r."Longitude" AS DOUBLE), TRY_CAST(r."Latitude" AS DOUBLE), r."Location",
               r."LSOA code", r."LSOA name", r."Crime type", r."Last outcome category",
               r."Context", l.parent_code,
               COALESCE(w.parent_code, b.code), {file_id}
        FROM pu_raw r
        LEFT JOIN areas l ON l.code = r."LSOA code" AND l.level = 'lsoa'
        LEFT JOIN areas w ON w.code = l.parent_code
        LEFT JOIN areas b ON b.level = 'borough' AND lower(b.name) =
             lower(regexp_extract(r."LSOA name", '^(.*\\S)\\s+\\d{{3}}[A-Z]$', 1))
        """
    )
    (outside,) = con.execute(
        "SELECT count(*) FROM police_uk_crimes WHERE file_id = ? AND lsoa_code IS NOT NULL "
        "AND borough_code IS NULL",
        [file_id],
    ).fetchone() or (0,)
    if outside:
        report.warnings.append(
            f"{f.name}: {outside:,} rows lie in LSOAs outside London; they count in the "
            "force total only"
        )
    report.files.append(f.name)
    report.rows += int(n)


def _check_column(
    con: duckdb.DuckDBPyConnection,
    f: Path,
    field: str,
    bad_sql: str,
    message: str,
    *,
    hint: str | None = None,
) -> None:
    row = con.execute(f'SELECT "{field}" FROM pu_raw WHERE {bad_sql} LIMIT 1').fetchone()
    if row is None:
        return
    value = row[0]
    raise IngestError(
        f, f"{value!r}: {message}", line=_line_of(f, field, value), field=field, hint=hint
    )


def _line_of(f: Path, field: str, value: object) -> int | None:
    """The line of the first row whose `field` holds `value` (error path only)."""
    index = HEADER.index(field)
    with open_text(f) as fh:
        for i, row in enumerate(csv.reader(fh), start=1):
            if i > 1 and len(row) > index and (row[index] or None) == value:
                return i
    return None
