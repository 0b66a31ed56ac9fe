"""data.police.uk street-level crime CSVs: one file, a month folder, or an archive of months.

Validates the header, the month, the LSOA code and the crime-type vocabulary; an error names
file, line and field. Atomic: a batch loads whole or not at all. Idempotent: a force's month is
replaced when ingested again (never duplicated); an unchanged file is skipped. Only
`*-street.csv` files are read; outcomes and stop-and-search files in a folder are left alone.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from crimeplan.errors import IngestError
from crimeplan.geo.national import LSOA21_FROM
from crimeplan.ingest.archives import check_zip, extract_members
from crimeplan.ingest.files import (
    IngestReport,
    csv_error,
    line_of,
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


def ingest_police_uk(
    store: Store, path: str | Path, *, progress: Callable[[str], None] | None = None
) -> IngestReport:
    """Load police.uk street-level files into `police_uk_crimes`, all or nothing.

    Each file's header, encoding and checksum are checked one by one; then every new file is
    read in one pass, validated in one scan, and loaded in one statement.
    """
    path = Path(path)
    report = IngestReport(SOURCE)
    with tempfile.TemporaryDirectory() as tmp:
        files = street_files(path, Path(tmp))
        with store.transaction() as con:
            known = {
                sha
                for (sha,) in con.execute(
                    "SELECT sha256 FROM ingest_files WHERE source = ?", [SOURCE]
                ).fetchall()
            }
            new: list[tuple[Path, str]] = []
            for f in files:
                if progress:
                    progress(f.name)
                _check_header(f)  # DuckDB's reader names a line that is not UTF-8
                sha = sha256_of(f)
                if sha in known:
                    report.skipped.append(f.name)
                else:
                    new.append((f, sha))
            if new:
                _load_files(con, new, report)
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


def _load_files(
    con: duckdb.DuckDBPyConnection, files: list[tuple[Path, str]], report: IngestReport
) -> None:
    by_name = {str(f): f for f, _ in files}
    paths = "[" + ", ".join(sql_str(f) for f, _ in files) + "]"
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE pu_raw AS SELECT * FROM read_csv("
            f"{paths}, header = true, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {_COLUMNS}, auto_detect = false, strict_mode = true, filename = true)"
        )
    except duckdb.Error as e:
        m = re.search(r"file = (.+)", str(e))
        raise csv_error(
            by_name.get(m.group(1).strip(), files[0][0]) if m else files[0][0], e
        ) from None
    per_file = dict(con.execute("SELECT filename, count(*) FROM pu_raw GROUP BY 1").fetchall())
    for f, _ in files:
        if not per_file.get(str(f)):
            raise IngestError(f, "has a header but no rows", line=2)
    con.execute("CREATE OR REPLACE TEMP TABLE pu_files (filename VARCHAR, name_month VARCHAR)")
    con.executemany(
        "INSERT INTO pu_files VALUES (?, ?)",
        [(str(f), m.group(1) if (m := _MONTH_IN_NAME.match(f.name)) else None) for f, _ in files],
    )
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

    twice = con.execute(
        'SELECT "Falls within", "Month", min(filename), max(filename) FROM pu_raw '
        "GROUP BY 1, 2 HAVING count(DISTINCT filename) > 1 LIMIT 1"
    ).fetchone()
    if twice is not None:
        raise IngestError(
            by_name[twice[3]],
            f"{twice[0]} {twice[1]} is also in {Path(twice[2]).name}: the same month twice",
            field="Month",
            hint="Ingest each month once; a later ingest replaces it",
        )

    (old,) = con.execute(
        'SELECT count(*) FROM police_uk_crimes c JOIN (SELECT DISTINCT "Falls within" AS fw, '
        "CAST(\"Month\" || '-01' AS DATE) AS m FROM pu_raw) k "
        "ON c.falls_within = k.fw AND c.month = k.m"
    ).fetchone() or (0,)
    if old:
        con.execute(
            'DELETE FROM police_uk_crimes c USING (SELECT DISTINCT "Falls within" AS fw, '
            "CAST(\"Month\" || '-01' AS DATE) AS m FROM pu_raw) k "
            "WHERE c.falls_within = k.fw AND c.month = k.m"
        )
        report.replaced += int(old)
    vintages = dict(con.execute('SELECT filename, max("Month") FROM pu_raw GROUP BY 1').fetchall())
    ids = register_files(
        con,
        source=SOURCE,
        files=[(f, sha, int(per_file[str(f)]), vintages[str(f)]) for f, sha in files],
    )
    con.execute("CREATE OR REPLACE TEMP TABLE pu_ids (filename VARCHAR, file_id BIGINT)")
    con.executemany(
        "INSERT INTO pu_ids VALUES (?, ?)",
        [(str(f), i) for (f, _), i in zip(files, ids, strict=True)],
    )
    # The borough each distinct LSOA name names ('Havering 012A'): for pre-2021 codes.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE pu_names AS
        SELECT n.lsoa_name, b.code
        FROM (SELECT DISTINCT "LSOA name" AS lsoa_name FROM pu_raw) n
        JOIN areas b ON b.level = 'borough' AND lower(b.name) =
             lower(regexp_extract(n.lsoa_name, '^(.*\\S)\\s+\\d{3}[A-Z]$', 1))
        """
    )
    # Each row's 2021 LSOA: a 2011-only code by the ONS best fit; a code that is both a 2011
    # and a 2021 code read as 2011 before police.uk moved to 2021 codes (geo/national.py).
    con.execute(
        f"""
        INSERT INTO police_uk_crimes BY NAME
        SELECT r."Crime ID" AS crime_id, CAST(r."Month" || '-01' AS DATE) AS month,
               r."Reported by" AS reported_by, r."Falls within" AS falls_within,
               TRY_CAST(r."Longitude" AS DOUBLE) AS longitude,
               TRY_CAST(r."Latitude" AS DOUBLE) AS latitude, r."Location" AS location,
               r."LSOA code" AS lsoa_code, r."LSOA name" AS lsoa_name,
               r."Crime type" AS crime_type, r."Last outcome category" AS last_outcome,
               r."Context" AS context, g.ward_code,
               COALESCE(CASE WHEN g.lad_code LIKE 'E09%' THEN g.lad_code END, b.code)
                   AS borough_code,
               i.file_id, g.lsoa_code AS lsoa21_code, g.lad_code, g.csp_code, g.force_code
        FROM pu_raw r
        JOIN pu_ids i USING (filename)
        LEFT JOIN geo_lsoa11 o ON o.lsoa11_code = r."LSOA code"
        LEFT JOIN geo_lsoa n ON n.lsoa_code = r."LSOA code"
        LEFT JOIN geo_lsoa g ON g.lsoa_code = CASE
            WHEN n.lsoa_code IS NOT NULL AND (o.lsoa11_code IS NULL
                 OR r."Month" >= '{LSOA21_FROM}') THEN n.lsoa_code
            ELSE o.lsoa21_code END
        LEFT JOIN pu_names b ON b.lsoa_name = r."LSOA name"
        """
    )
    # Only this batch's rows (file ids are increasing: the table's zone maps skip the rest).
    for name, outside in con.execute(
        "SELECT any_value(i.filename), count(*) FROM police_uk_crimes c JOIN pu_ids i "
        "USING (file_id) WHERE c.file_id BETWEEN ? AND ? AND c.lsoa_code IS NOT NULL "
        "AND c.lsoa21_code IS NULL GROUP BY c.file_id ORDER BY 1",
        [min(ids), max(ids)],
    ).fetchall():
        report.warnings.append(
            f"{Path(name).name}: {outside:,} rows name an LSOA that no lookup places; they "
            "count in the force total only"
        )
    report.files.extend(f.name for f, _ in files)
    report.rows += sum(int(per_file[str(f)]) for f, _ in files)


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
