"""The Met's "MPS Borough / Ward / LSOA Level Crime" tables (London Datastore), every variant.

Each published file has one row per area, offence group (`majortext`) and offence
(`minortext`) and one column per month (`201004` ...). The headers differ between files in
case, quoting and names (`MajorText`/`majortext`/`major_category`, `WardCode`,
`LookUp_BoroughName`, `lsoa_code`, a borough as a name or an E09 code); each is accepted as
published. Every monthly cell becomes one row of `mps_crime`.

Revisions: published counts change after the fact. When a file with a later data vintage (its
latest month) holds a different count for a month already loaded, the newer count is used and
the change is kept in `mps_revisions` (old value, new value, both files). A file older than the
data already loaded never overwrites it. The same file twice changes nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from crimeplan.errors import IngestError
from crimeplan.ingest.files import (
    IngestReport,
    already_ingested,
    csv_error,
    line_of,
    open_text,
    read_header,
    register_file,
    sha256_of,
    sql_str,
)
from crimeplan.store import Store

SOURCE = "mps-crime"
FIRST_MONTH = "2000-01"
ROLES = {
    "majortext": "offence_group",
    "major_category": "offence_group",
    "minortext": "offence",
    "minor_category": "offence",
    "boroughname": "borough",
    "lookup_boroughname": "borough",
    "borough": "borough",
    "wardcode": "area_code",
    "wardname": "area_name",
    "lsoa_code": "area_code",
    "lsoa_name": "area_name",
}
_MONTH_COL = re.compile(r"^(\d{4})(\d{2})$")


def mps_files(path: Path) -> list[Path]:
    if not path.exists():
        raise IngestError(path, "no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz")))
        if not files:
            raise IngestError(path, "holds no .csv file")
        return files
    return [path]


def ingest_mps_crime(
    store: Store, path: str | Path, *, progress: Callable[[str], None] | None = None
) -> IngestReport:
    """Load one published table or a folder of them, all or nothing."""
    report = IngestReport(SOURCE)
    files = mps_files(Path(path))
    with store.transaction() as con:
        for f in files:
            if progress:
                progress(f.name)
            _load_file(con, f, report)
    return report


def publication_month() -> str:
    """The latest month a table can hold: the current month (UTC), as YYYY-MM; a published
    table cannot count crimes in a month that has not begun."""
    return datetime.now(UTC).strftime("%Y-%m")


def read_layout(f: Path) -> tuple[str, dict[str, str], list[tuple[str, str]]]:
    """The level, the id columns by role, and (column, YYYY-MM) for each month column."""
    header = read_header(f)
    roles: dict[str, str] = {}
    months: list[tuple[str, str]] = []
    seen: set[str] = set()
    last = publication_month()
    for col in header:
        key = col.strip().lower()
        if key in seen:
            raise IngestError(
                f,
                "column appears twice",
                line=1,
                field=col,
                hint="A month or id column must appear once",
            )
        seen.add(key)
        if key in ROLES:
            roles[ROLES[key]] = col
            continue
        m = _MONTH_COL.match(key)
        if not m:
            raise IngestError(
                f,
                "not a month column (YYYYMM) nor a known id column",
                line=1,
                field=col,
                hint="Known id columns: " + ", ".join(sorted(ROLES)),
            )
        if not 1 <= int(m.group(2)) <= 12:
            raise IngestError(f, "not a month: the month part is not 01-12", line=1, field=col)
        if not FIRST_MONTH <= f"{m.group(1)}-{m.group(2)}" <= last:
            raise IngestError(
                f,
                f"month column outside {FIRST_MONTH} to {last}: no table holds months before "
                "2000 and none can hold months after it was published",
                line=1,
                field=col,
            )
        months.append((col, f"{m.group(1)}-{m.group(2)}"))
    if "offence_group" not in roles or "offence" not in roles:
        raise IngestError(
            f,
            "unknown header variant: no offence group and offence columns "
            "(majortext/minortext or major_category/minor_category)",
            line=1,
        )
    if not months:
        raise IngestError(f, "unknown header variant: no month columns (YYYYMM)", line=1)
    if "area_code" in roles:
        level = "lsoa" if roles["area_code"].lower() == "lsoa_code" else "ward"
    elif "borough" in roles:
        level = "borough"
    else:
        raise IngestError(f, "unknown header variant: no borough, ward or LSOA column", line=1)
    return level, roles, months


def _load_file(con: duckdb.DuckDBPyConnection, f: Path, report: IngestReport) -> None:
    level, roles, months = read_layout(f)
    sha = sha256_of(f)
    if already_ingested(con, SOURCE, sha):
        report.skipped.append(f.name)
        return
    header = read_header(f)
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in header) + "}"
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE mc_raw AS SELECT * FROM read_csv("
            f"{sql_str(f)}, header = true, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {columns}, auto_detect = false, strict_mode = true)"
        )
    except duckdb.Error as e:
        raise csv_error(f, e) from None
    (n,) = con.execute("SELECT count(*) FROM mc_raw").fetchone() or (0,)
    if n == 0:
        raise IngestError(f, "has a header but no rows", line=2)

    q = quote_ident
    group, offence = q(roles["offence_group"]), q(roles["offence"])
    borough = q(roles["borough"]) if "borough" in roles else "NULL"
    code = q(roles["area_code"]) if "area_code" in roles else borough
    name = q(roles["area_name"]) if "area_name" in roles else borough
    _resolve_areas(con, f, level, roles, code, borough)
    dup = con.execute(
        f"""
        SELECT {"b.borough_code" if level == "borough" else "a.area_code"},
               upper(trim({group})), upper(trim({offence})), count(*)
        FROM mc_raw r
        LEFT JOIN mc_boroughs b ON b.raw_borough IS NOT DISTINCT FROM trim(r.{borough})
        LEFT JOIN mc_codes a ON a.raw_code IS NOT DISTINCT FROM trim(r.{code})
        GROUP BY 1, b.borough_code, 2, 3 HAVING count(*) > 1 LIMIT 1
        """
    ).fetchone()
    if dup is not None:
        raise IngestError(
            f, f"{dup[0]} {dup[1]} / {dup[2]} appears {dup[3]} times", field=roles["offence"]
        )

    area_code = "b.borough_code" if level == "borough" else "a.area_code"
    # Codes and names are settled once per row of the published table (about 100,000 rows),
    # then the month columns are unpivoted into cells in one pass on the way in: the two
    # million cells of an LSOA table are never held twice in memory.
    month_cols = ", ".join(q(c) for c, _ in months)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE mc_norm AS
        SELECT {area_code} AS area_code, trim(r.{name}) AS area_name, b.borough_code,
               upper(trim(r.{group})) AS offence_group, upper(trim(r.{offence})) AS offence,
               {month_cols}
        FROM mc_raw r
        LEFT JOIN mc_boroughs b ON b.raw_borough IS NOT DISTINCT FROM trim(r.{borough})
        LEFT JOIN mc_codes a ON a.raw_code IS NOT DISTINCT FROM trim(r.{code})
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW mc_new AS
        SELECT '{level}' AS level, area_code, area_name, borough_code, offence_group, offence,
               make_date(CAST(substr(trim(month_col), 1, 4) AS INTEGER),
                         CAST(substr(trim(month_col), 5, 2) AS INTEGER), 1) AS month,
               CASE WHEN regexp_full_match(cell, '\\s*[0-9]{{1,18}}\\s*')
                    THEN CAST(trim(cell) AS BIGINT) ELSE error('crimeplan: bad cell') END AS count
        FROM (UNPIVOT mc_norm ON {month_cols} INTO NAME month_col VALUE cell)
        """
    )
    vintage = max(m for _, m in months)
    file_id = register_file(
        con, source=SOURCE, path=f, sha=sha, rows=int(n) * len(months), level=level, vintage=vintage
    )
    try:
        _merge(con, file_id, vintage, report, f, level, [m for _, m in months])
    except duckdb.Error as e:
        if "crimeplan: bad cell" in str(e):
            _first_bad_cell(f, months)
            raise IngestError(f, "a monthly count is not a whole number") from None
        raise
    empty = " OR ".join(f"{quote_ident(c)} IS NULL" for c, _ in months)
    if con.execute(f"SELECT 1 FROM mc_raw WHERE {empty} LIMIT 1").fetchone():
        _first_bad_cell(f, months)  # an empty cell: UNPIVOT passes over it
    report.files.append(f.name)
    report.rows += int(n) * len(months)


def _first_bad_cell(f: Path, months: list[tuple[str, str]]) -> None:
    """Every monthly cell must be a whole number, zero or more: name the first that is not
    (error path only; the load itself checks every cell as it goes)."""
    with open_text(f) as fh:
        reader = csv.reader(fh)
        header = next(reader)
        index = {c: header.index(c) for c, _ in months}
        for line, row in enumerate(reader, start=2):
            for col, i in index.items():
                cell = row[i] if i < len(row) else ""
                if not re.fullmatch(r"\s*[0-9]{1,18}\s*", cell, re.ASCII):
                    why = (
                        "missing count"
                        if not cell.strip()
                        else "negative count"
                        if re.fullmatch(r"\s*-[0-9]+\s*", cell, re.ASCII)
                        else "a count too large to be true (18 digits at most)"
                        if re.fullmatch(r"\s*[0-9]+\s*", cell, re.ASCII)
                        else "not a whole number"
                    )
                    raise IngestError(f, f"{cell[:40]!r}: {why}", line=line, field=col)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _resolve_areas(
    con: duckdb.DuckDBPyConnection,
    f: Path,
    level: str,
    roles: dict[str, str],
    code: str,
    borough: str,
) -> None:
    """Give every row its ONS codes; an unknown borough, ward or LSOA is an error.

    The few distinct names are resolved first, so the cells join on equality.
    """
    from crimeplan.geo.areas import MPS_BOROUGH_ALIASES

    aliases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in MPS_BOROUGH_ALIASES.items())
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE mc_boroughs AS
        SELECT r.raw_borough, min(b.code) AS borough_code
        FROM (SELECT DISTINCT trim({borough}) AS raw_borough FROM mc_raw) r
        LEFT JOIN areas b ON b.level = 'borough' AND (
             b.code = upper(r.raw_borough) OR lower(b.name) = lower(r.raw_borough)
             OR b.code = CASE lower(r.raw_borough) {aliases} END)
        GROUP BY r.raw_borough
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE mc_codes AS
        SELECT r.raw_code, a.code AS area_code
        FROM (SELECT DISTINCT trim({code}) AS raw_code FROM mc_raw) r
        LEFT JOIN (SELECT code FROM areas WHERE level = '{level}') a ON a.code = upper(r.raw_code)
        """
    )
    if "borough" in roles:
        row = con.execute(
            "SELECT raw_borough FROM mc_boroughs WHERE borough_code IS NULL LIMIT 1"
        ).fetchone()
        if row is not None:
            raise IngestError(
                f,
                f"{row[0]!r}: unknown borough",
                line=line_of(f, roles["borough"], row[0]),
                field=roles["borough"],
                hint="Give a London borough name or its E09 code",
            )
    if level != "borough":
        row = con.execute(
            "SELECT raw_code FROM mc_codes WHERE area_code IS NULL LIMIT 1"
        ).fetchone()
        if row is not None:
            kind = "ward" if level == "ward" else "LSOA"
            raise IngestError(
                f,
                f"{row[0]!r}: unknown {kind} code",
                line=line_of(f, roles["area_code"], row[0]),
                field=roles["area_code"],
                hint=f"{kind} codes must be London's (wards: 2022/2025 E05; LSOAs: 2021 E01)",
            )


def _merge(
    con: duckdb.DuckDBPyConnection,
    file_id: int,
    vintage: str,
    report: IngestReport,
    f: Path,
    level: str,
    months: list[str],
) -> None:
    """Insert new cells; replace older publications' cells, recording each changed count."""
    key = "level, area_code, borough_code, offence_group, offence, month"
    (existing,) = con.execute(
        "SELECT count(*) FROM mps_crime WHERE level = ? AND month BETWEEN CAST(? AS DATE) "
        "AND CAST(? AS DATE)",
        [level, f"{min(months)}-01", f"{max(months)}-01"],
    ).fetchone() or (0,)
    if not existing:
        con.execute(
            f"INSERT INTO mps_crime SELECT level, area_code, area_name, borough_code, "
            f"offence_group, offence, month, count, {file_id} FROM mc_new"
        )
        return
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE mc_overlap AS
        SELECT e.{key.replace(", ", ", e.")}, e.count AS old_count, n.count AS new_count,
               e.file_id AS old_file_id, fi.vintage AS old_vintage
        FROM mps_crime e
        JOIN mc_new n USING ({key})
        JOIN ingest_files fi ON fi.file_id = e.file_id
        """
    )
    (older,) = con.execute(
        "SELECT count(*) FROM mc_overlap WHERE old_vintage > ?", [vintage]
    ).fetchone() or (0,)
    if older:
        report.warnings.append(
            f"{f.name}: {older:,} cells are from an older publication than those loaded; "
            "the newer figures were kept"
        )
    con.execute(
        f"""
        INSERT INTO mps_revisions
        SELECT {key}, old_count, new_count, old_file_id, {file_id}
        FROM mc_overlap WHERE old_vintage <= ? AND old_count <> new_count
        """,
        [vintage],
    )
    (revised,) = con.execute(
        "SELECT count(*) FROM mc_overlap WHERE old_vintage <= ? AND old_count <> new_count",
        [vintage],
    ).fetchone() or (0,)
    (replaced,) = con.execute(
        "SELECT count(*) FROM mc_overlap WHERE old_vintage <= ?", [vintage]
    ).fetchone() or (0,)
    if replaced:
        con.execute(
            """
            DELETE FROM mps_crime e USING mc_overlap o
            WHERE o.old_vintage <= ? AND e.level = o.level AND e.area_code = o.area_code
              AND e.borough_code IS NOT DISTINCT FROM o.borough_code
              AND e.offence_group = o.offence_group AND e.offence = o.offence
              AND e.month = o.month
            """,
            [vintage],
        )
    con.execute(
        f"""
        INSERT INTO mps_crime
        SELECT n.level, n.area_code, n.area_name, n.borough_code, n.offence_group, n.offence,
               n.month, n.count, {file_id}
        FROM mc_new n
        ANTI JOIN (SELECT {key} FROM mc_overlap WHERE old_vintage > ?) o USING ({key})
        """,
        [vintage],
    )
    report.revisions += int(revised)
    report.replaced += int(replaced)
