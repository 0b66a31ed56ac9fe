"""data.police.uk street-level crime CSVs: one file, a month folder, or an archive of months.

Validates the header, the month, the LSOA code and the crime-type vocabulary; an error names
file, line and field. Atomic: a batch loads whole or not at all. Idempotent: a force's month is
replaced when ingested again (never duplicated); an unchanged file is skipped. Only
`*-street.csv` files are read; outcomes and stop-and-search files in a folder are left alone.

Two paths, one result. The fast path (national scale: millions of rows) reads the files once,
straight into `police_uk_crimes`, and checks the loaded batch in one columnar scan; a batch
with any fault is rolled back and loaded again by the careful path, which reads the files into
a staging table, validates them there and names the first faulty row (file, line, field).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from crimeplan.errors import IngestError
from crimeplan.geo.national import LSOA21_FROM
from crimeplan.ingest.archives import check_zip, extract_members
from crimeplan.ingest.files import (
    IngestReport,
    csv_error,
    line_of,
    next_file_ids,
    read_header,
    register_files,
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
        names = [i.filename for i in check_zip(path) if i.filename.endswith("-street.csv")]
        files = sorted(extract_members(path, names, workdir))
    else:
        files = [path]
    if not files:
        raise IngestError(path, "holds no police.uk street-level file (*-street.csv)")
    return files


class _Fault(Exception):
    """The fast path found something wrong: the careful path names it."""


def ingest_police_uk(
    store: Store, path: str | Path, *, progress: Callable[[str], None] | None = None
) -> IngestReport:
    """Load police.uk street-level files into `police_uk_crimes`, all or nothing.

    Each file's header, encoding and checksum are checked one by one; then every new file is
    read in one pass and loaded in one statement, and the batch is validated in one scan.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        checked = []
        for f in street_files(path, Path(tmp)):
            if progress:
                progress(f.name)
            _check_header(f)  # DuckDB's reader names a line that is not UTF-8
            checked.append((f, sha256_of(f)))
        try:
            return _ingest(store, checked, _load_fast)
        except _Fault:
            return _ingest(store, checked, _load_careful)


Loader = Callable[[duckdb.DuckDBPyConnection, list[tuple[Path, str]], IngestReport], None]


def _ingest(store: Store, checked: list[tuple[Path, str]], load: Loader) -> IngestReport:
    report = IngestReport(SOURCE)
    with store.transaction() as con:
        known = {
            sha
            for (sha,) in con.execute(
                "SELECT sha256 FROM ingest_files WHERE source = ?", [SOURCE]
            ).fetchall()
        }
        new = []
        for f, sha in checked:
            if sha in known:
                report.skipped.append(f.name)
            else:
                new.append((f, sha))
        if new:
            load(con, new, report)
    return report


def _check_header(f: Path) -> None:
    header = read_header(f)
    if header == HEADER:
        return
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


def _read_csv(files: list[tuple[Path, str]]) -> str:
    paths = "[" + ", ".join(sql_str(f) for f, _ in files) + "]"
    return (
        f"read_csv({paths}, header = true, delim = ',', quote = '\"', escape = '\"', "
        f"columns = {_COLUMNS}, auto_detect = false, strict_mode = true, filename = true)"
    )


def _file_table(con: duckdb.DuckDBPyConnection, files: list[tuple[Path, str]]) -> list[int]:
    """`pu_files`: each file's path, the month its name gives and the id it will be registered
    under (increasing); returns the ids."""
    ids = next_file_ids(con, len(files))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE pu_files "
        "(filename VARCHAR, name_month VARCHAR, file_id BIGINT)"
    )
    con.executemany(
        "INSERT INTO pu_files VALUES (?, ?, ?)",
        [
            (str(f), m.group(1) if (m := _MONTH_IN_NAME.match(f.name)) else None, i)
            for (f, _), i in zip(files, ids, strict=True)
        ],
    )
    return ids


def _insert_rows(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Load `source`'s rows (raw police.uk columns and `filename`), each placed in its 2021
    LSOA, ward, local authority, CSP and force: a 2011-only code by the ONS best fit; a code
    that is both a 2011 and a 2021 code read as 2011 before police.uk moved to 2021 codes
    (geo/national.py). A month that is not the file's month (or, where the name gives none, not
    a month) loads as NULL, which the table refuses."""
    con.execute(
        f"""
        INSERT INTO police_uk_crimes BY NAME
        SELECT r."Crime ID" AS crime_id,
               CASE WHEN r."Month" = i.name_month OR (i.name_month IS NULL
                    AND regexp_full_match(r."Month", '{_MONTH.pattern[1:-1]}'))
                    THEN CAST(r."Month" || '-01' AS DATE) END AS month,
               r."Reported by" AS reported_by, r."Falls within" AS falls_within,
               TRY_CAST(r."Longitude" AS DOUBLE) AS longitude,
               TRY_CAST(r."Latitude" AS DOUBLE) AS latitude, r."Location" AS location,
               r."LSOA code" AS lsoa_code, r."LSOA name" AS lsoa_name,
               r."Crime type" AS crime_type, r."Last outcome category" AS last_outcome,
               r."Context" AS context, g.ward_code,
               CASE WHEN g.lad_code LIKE 'E09%' THEN g.lad_code END AS borough_code,
               i.file_id, g.lsoa_code AS lsoa21_code, g.lad_code, g.csp_code, g.force_code
        FROM {source} r
        JOIN pu_files i USING (filename)
        LEFT JOIN geo_lsoa11 o ON o.lsoa11_code = r."LSOA code"
        LEFT JOIN geo_lsoa n ON n.lsoa_code = r."LSOA code"
        LEFT JOIN geo_lsoa g ON g.lsoa_code = CASE
            WHEN n.lsoa_code IS NOT NULL AND (o.lsoa11_code IS NULL
                 OR r."Month" >= '{LSOA21_FROM}') THEN n.lsoa_code
            ELSE o.lsoa21_code END
        """
    )


def _load_fast(
    con: duckdb.DuckDBPyConnection, files: list[tuple[Path, str]], report: IngestReport
) -> None:
    """One read of the files into the table, then one scan of the loaded batch for anything
    the careful path would refuse; `_Fault` (the caller rolls back) where there is any."""
    ids = _file_table(con, files)
    batch = f"file_id BETWEEN {min(ids)} AND {max(ids)}"  # zone maps skip earlier rows
    try:
        _insert_rows(con, _read_csv(files))
    except duckdb.Error as e:  # a malformed file, a NULL where the table refuses one
        raise _Fault(str(e)) from e
    types = ", ".join("'" + t.replace("'", "''") + "'" for t in CRIME_TYPES)
    # Rows placed in a 2021 LSOA hold a code the lookups know: only the others need the
    # pattern checks.
    (faults,) = con.execute(
        f"""
        SELECT count(*) FILTER (WHERE crime_type NOT IN ({types})
            OR (lsoa21_code IS NULL AND lsoa_code IS NOT NULL AND (
                NOT regexp_full_match(lsoa_code, '{_LSOA.pattern[1:-1]}')
                OR (lsoa_code NOT IN (SELECT lsoa11_code FROM geo_lsoa11)
                    AND lsoa_code NOT IN (SELECT lsoa_code FROM geo_lsoa)
                    AND (lsoa_name IS NULL
                         OR NOT regexp_full_match(lsoa_name, '.+ \\d{{3}}[A-Z]'))))))
        FROM police_uk_crimes WHERE {batch}
        """
    ).fetchone() or (0,)
    per_file = {
        i: (n, m)
        for i, n, m in con.execute(
            f"SELECT file_id, count(*), strftime(max(month), '%Y-%m') FROM police_uk_crimes "
            f"WHERE {batch} GROUP BY 1"
        ).fetchall()
    }
    if faults or len(per_file) < len(files) or _month_twice(con, "police_uk_crimes", batch):
        raise _Fault(f"{faults} faulty rows")
    _finish(con, files, ids, per_file, report)


def _month_twice(con: duckdb.DuckDBPyConnection, table: str, batch: str) -> tuple[Any, ...] | None:
    """A force and month that two files of the batch hold, and those files' ids."""
    return con.execute(
        f"SELECT falls_within, strftime(month, '%Y-%m'), min(file_id), max(file_id) FROM {table} "
        f"WHERE {batch} GROUP BY 1, 2 HAVING count(DISTINCT file_id) > 1 LIMIT 1"
    ).fetchone()


def _finish(
    con: duckdb.DuckDBPyConnection,
    files: list[tuple[Path, str]],
    ids: list[int],
    per_file: dict[int, tuple[int, str]],
    report: IngestReport,
) -> None:
    """After a batch is in: replace the months an earlier ingest loaded, register the files,
    place pre-2021 codes by their name's borough, and warn of rows no lookup places."""
    lo, hi = min(ids), max(ids)
    earlier = (
        f"SELECT DISTINCT falls_within AS fw, month AS m FROM police_uk_crimes "
        f"WHERE file_id BETWEEN {lo} AND {hi}"
    )
    (old,) = con.execute(
        f"SELECT count(*) FROM police_uk_crimes c JOIN ({earlier}) k "
        f"ON c.falls_within = k.fw AND c.month = k.m WHERE c.file_id < {lo}"
    ).fetchone() or (0,)
    if old:
        con.execute(
            f"DELETE FROM police_uk_crimes c USING ({earlier}) k "
            f"WHERE c.falls_within = k.fw AND c.month = k.m AND c.file_id < {lo}"
        )
        report.replaced += int(old)
    registered = register_files(
        con,
        source=SOURCE,
        files=[(f, sha, *per_file[i]) for (f, sha), i in zip(files, ids, strict=True)],
    )
    assert registered == ids, "file ids moved during the ingest"
    # The borough a pre-2021 code's LSOA name names ('Havering 012A'), where its code does not
    # place it in a London borough.
    con.execute(
        f"""
        UPDATE police_uk_crimes c SET borough_code = b.code
        FROM (SELECT n.lsoa_name, b.code
              FROM (SELECT DISTINCT lsoa_name FROM police_uk_crimes
                    WHERE file_id BETWEEN {lo} AND {hi} AND borough_code IS NULL) n
              JOIN areas b ON b.level = 'borough' AND lower(b.name) =
                   lower(regexp_extract(n.lsoa_name, '^(.*\\S)\\s+\\d{{3}}[A-Z]$', 1))) b
        WHERE c.file_id BETWEEN {lo} AND {hi} AND c.borough_code IS NULL
          AND c.lsoa_name = b.lsoa_name
        """
    )
    for name, outside in con.execute(
        "SELECT any_value(i.filename), count(*) FROM police_uk_crimes c JOIN pu_files i "
        "USING (file_id) WHERE c.file_id BETWEEN ? AND ? AND c.lsoa_code IS NOT NULL "
        "AND c.lsoa21_code IS NULL GROUP BY c.file_id ORDER BY 1",
        [lo, hi],
    ).fetchall():
        report.warnings.append(
            f"{Path(name).name}: {outside:,} rows name an LSOA that no lookup places; they "
            "count in the force total only"
        )
    report.files.extend(f.name for f, _ in files)
    report.rows += sum(per_file[i][0] for i in ids)


def _load_careful(
    con: duckdb.DuckDBPyConnection, files: list[tuple[Path, str]], report: IngestReport
) -> None:
    """Stage the files, validate every row there and name the first fault; else load."""
    by_name = {str(f): f for f, _ in files}
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE pu_raw AS SELECT * FROM {_read_csv(files)}")
    except duckdb.Error as e:
        m = re.search(r"file = (.+)", str(e))
        raise csv_error(
            by_name.get(m.group(1).strip(), files[0][0]) if m else files[0][0], e
        ) from None
    ids = _file_table(con, files)
    per_file = {
        i: (n, m)
        for i, n, m in con.execute(
            'SELECT file_id, count(*), max("Month") FROM pu_raw JOIN pu_files USING (filename) '
            "GROUP BY 1"
        ).fetchall()
    }
    for (f, _), i in zip(files, ids, strict=True):
        if i not in per_file:
            raise IngestError(f, "has a header but no rows", line=2)
    types = ", ".join("'" + t.replace("'", "''") + "'" for t in CRIME_TYPES)
    checks: list[tuple[str, str, str, str | None]] = [
        (
            "Month",
            f"NOT regexp_full_match(\"Month\", '{_MONTH.pattern[1:-1]}')",
            "not a month (YYYY-MM)",
            None,
        ),
        (
            "Month",
            '"Month" <> coalesce(name_month, "Month")',
            "month differs from the file's month",
            None,
        ),
        (
            "Crime type",
            f'"Crime type" NOT IN ({types}) OR "Crime type" IS NULL',
            "not a police.uk crime type",
            "Known types: " + ", ".join(CRIME_TYPES),
        ),
        (
            "LSOA code",
            f'"LSOA code" IS NOT NULL AND NOT regexp_full_match("LSOA code", '
            f"'{_LSOA.pattern[1:-1]}')",
            "not an LSOA code (E01 or W01 and six digits)",
            None,
        ),
        ("Falls within", '"Falls within" IS NULL', "is empty", None),
        # A well-formed code that no lookup knows and whose name names no London borough.
        (
            "LSOA code",
            '"LSOA code" IS NOT NULL AND "LSOA code" NOT IN (SELECT lsoa_code FROM geo_lsoa) '
            'AND "LSOA code" NOT IN (SELECT lsoa11_code FROM geo_lsoa11) '
            'AND ("LSOA name" IS NULL OR NOT regexp_full_match("LSOA name", \'.+ \\d{3}[A-Z]\'))',
            "unknown LSOA: not a 2011 or 2021 LSOA of England and Wales, and no "
            "'Borough 012A' style name to place it",
            "Check the file is a police.uk street-level file",
        ),
    ]
    # One scan counts every kind of fault; only a faulty file is scanned again for details.
    counts = (
        con.execute(
            "SELECT "
            + ", ".join(f"count(*) FILTER (WHERE {sql})" for _, sql, _, _ in checks)
            + " FROM pu_raw LEFT JOIN pu_files USING (filename)"
        ).fetchone()
        or ()
    )
    for (field, sql, message, hint), bad in zip(checks, counts, strict=True):
        if bad:
            _raise_first(con, by_name, field, sql, message, hint)
    twice = _month_twice(
        con,
        '(SELECT "Falls within" AS falls_within, CAST("Month" || \'-01\' AS DATE) AS month, '
        "file_id FROM pu_raw JOIN pu_files USING (filename))",
        "true",
    )
    if twice is not None:
        name = {i: f for (f, _), i in zip(files, ids, strict=True)}
        raise IngestError(
            name[twice[3]],
            f"{twice[0]} {twice[1]} is also in {name[twice[2]].name}: the same month twice",
            field="Month",
            hint="Ingest each month once; a later ingest replaces it",
        )
    _insert_rows(con, "pu_raw")
    _finish(con, files, ids, per_file, report)


def _raise_first(
    con: duckdb.DuckDBPyConnection,
    by_name: dict[str, Path],
    field: str,
    bad_sql: str,
    message: str,
    hint: str | None,
) -> None:
    """Name the first faulty row: its file, line and field (error path only)."""
    row = con.execute(
        f'SELECT filename, "{field}" FROM pu_raw LEFT JOIN pu_files USING (filename) '
        f"WHERE {bad_sql} ORDER BY filename LIMIT 1"
    ).fetchone()
    assert row is not None
    f, value = by_name[row[0]], row[1]
    if message == "month differs from the file's month":
        expected = _MONTH_IN_NAME.match(f.name)
        message = f"{message} {expected.group(1) if expected else ''}".strip()
    raise IngestError(
        f, f"{value!r}: {message}", line=line_of(f, field, value), field=field, hint=hint
    )
