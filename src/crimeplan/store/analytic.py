"""The embedded DuckDB store that holds ingested data, with its schema and transactions.

Only this package connects and executes; measures build Ibis expressions over `Store.ibis`.
"""

from __future__ import annotations

import functools
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from crimeplan.geo.national import FORCE_NAMES, NATIONAL_LSOA, NATIONAL_LSOA11
from crimeplan.store.schema import SCHEMA_SQL, SCHEMA_VERSION

POPULATION_SOURCE = "Census 2021 TS007A, sum of LSOAs (England and Wales lookups)"


def default_db_path() -> Path:
    """`CRIMEPLAN_DB` if set, else `crimeplan.duckdb` in the working directory."""
    return Path(os.environ.get("CRIMEPLAN_DB", "crimeplan.duckdb"))


@functools.cache
def _shipped_geography() -> tuple[list[Path], str]:
    """The shipped geography files and their SHA-256, read once per process (about 1 MB)."""
    import hashlib

    from crimeplan.geo import data_dir

    geo = data_dir() / "geo"
    files = [geo / n for n in ("areas.csv", "population.csv", NATIONAL_LSOA, NATIONAL_LSOA11)]
    return files, hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


class Store:
    """One DuckDB database file (or `:memory:`) with the crimeplan schema applied."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = str(path if path is not None else default_db_path())
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            from crimeplan.errors import CrimeplanError

            raise CrimeplanError(
                f"cannot open the store {self.path}: {str(e).splitlines()[0]}",
                hint="Another crimeplan process may be using it; stop it or use another --db",
            ) from None
        # DuckDB draws a progress bar on stderr for long queries: useful in a terminal, noise in
        # a server's log or a redirected file (seen: the dashboard's log full of bars).
        if not sys.stderr.isatty():
            self.con.execute("SET enable_progress_bar = false")
        # Bounded memory where asked (CRIMEPLAN_DUCKDB_MEMORY_LIMIT, e.g. 3GB): DuckDB spills an
        # ingest to disk beyond it. Not by default: the national measure set over every LSOA
        # ran out of memory at 3GB in a read-only store (docs/methods/national.md).
        limit = os.environ.get("CRIMEPLAN_DUCKDB_MEMORY_LIMIT")
        if limit:
            self.con.execute(f"SET memory_limit = '{limit.replace(chr(39), '')}'")
        if not read_only:
            self.con.execute(SCHEMA_SQL)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            self._load_geography()
        self._ibis: Any = None

    def _load_geography(self) -> None:
        """Copy the shipped areas and populations in, so queries can join them; only when
        the shipped files differ from what the store holds (opening a store stays cheap)."""
        files, fingerprint = _shipped_geography()
        row = self.con.execute("SELECT value FROM meta WHERE key = 'geo_fingerprint'").fetchall()
        if row and row[0][0] == fingerprint:
            return

        def path(p: Any) -> str:
            return "'" + str(p).replace("'", "''") + "'"

        def csv(p: Any) -> str:
            return f"read_csv({path(p)}, header = true, all_varchar = true)"

        # England and Wales: LSOA 2021 -> ward, local authority, CSP, force; LSOA 2011 -> 2021.
        self.con.execute(
            "CREATE OR REPLACE TABLE geo_lsoa AS SELECT * EXCLUDE (population), "
            f"CAST(population AS BIGINT) AS population FROM {csv(files[2])}"
        )
        self.con.execute(f"CREATE OR REPLACE TABLE geo_lsoa11 AS SELECT * FROM {csv(files[3])}")
        # London's areas as shipped, then the rest of England and Wales (geo/national.py
        # builds the same list for Geography); London's populations and sources first.
        forces = ", ".join(f"({path(c)}, {path(n)})" for c, n in FORCE_NAMES.items())
        self.con.execute(
            f"""
            CREATE OR REPLACE TABLE areas AS
            WITH london AS (SELECT * FROM {csv(files[0])}),
            national AS (
                SELECT DISTINCT f.name, l.force_code AS code, 'force' AS level,
                       NULL AS parent_code, 1 AS k
                FROM geo_lsoa l JOIN (VALUES {forces}) f(code, name) ON f.code = l.force_code
                UNION ALL SELECT DISTINCT csp_name, csp_code, 'csp', force_code, 2 FROM geo_lsoa
                UNION ALL SELECT DISTINCT lad_name, lad_code,
                       CASE WHEN lad_code LIKE 'E09%' THEN 'borough' ELSE 'lad' END, force_code, 3
                FROM geo_lsoa
                UNION ALL SELECT DISTINCT ward_name, ward_code, 'ward', lad_code, 4 FROM geo_lsoa
                UNION ALL SELECT lsoa_name, lsoa_code, 'lsoa', ward_code, 5 FROM geo_lsoa
            )
            SELECT code, name, level, parent_code FROM london
            UNION ALL
            SELECT code, name, level, parent_code FROM (
                SELECT *, row_number() OVER (PARTITION BY code ORDER BY k) AS n FROM national
            ) WHERE n = 1 AND code NOT IN (SELECT code FROM london)
            """
        )
        self.con.execute(
            f"""
            CREATE OR REPLACE TABLE population AS
            WITH london AS (SELECT code, CAST(population AS BIGINT) AS population, source
                            FROM {csv(files[1])}),
            national AS (
                SELECT unnest([lsoa_code, ward_code, lad_code, csp_code, force_code]) AS code,
                       population FROM geo_lsoa
            )
            SELECT * FROM london
            UNION ALL
            SELECT code, sum(population)::BIGINT, {path(POPULATION_SOURCE)} FROM national
            WHERE code NOT IN (SELECT code FROM london) GROUP BY code
            """
        )
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('geo_fingerprint', ?)", [fingerprint]
        ).fetchall()

    @property
    def ibis(self) -> Any:
        """An Ibis backend over the same connection (created on first use).

        DuckDB 2 refuses new work through Ibis while an earlier `execute()` on the connection
        has rows not fetched (a `fetchone()` leaves them); a trivial query finishes it first.
        """
        self.con.execute("SELECT 1").fetchall()
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis

    def run(self, expr: Any) -> Any:
        """Execute an Ibis expression to a pandas frame (only the store executes)."""
        self.con.execute("SELECT 1").fetchall()  # finish any half-read result first
        return expr.execute()

    def arrow(self, expr: Any) -> Any:
        """Execute an Ibis expression to an Arrow table (a large answer, without pandas)."""
        self.con.execute("SELECT 1").fetchall()
        return expr.to_pyarrow()

    @contextmanager
    def scratch(self) -> Iterator[Any]:
        """A function that computes an Ibis expression once into a temporary table and returns
        that table (`scratch(expr)`), for a part that a query reads several times; the tables
        are dropped when the block ends. Works on a read-only store (temporary tables live in
        memory, spilled to DuckDB's temporary folder). `scratch(expr, in_query=True)`: the
        part is read more than once by one query only, which DuckDB computes once by itself
        (a materialised CTE), so it is left in the query."""
        names: list[str] = []

        def keep(expr: Any, in_query: bool = False) -> Any:
            if in_query:
                return expr
            name = f"_crimeplan_scratch_{uuid.uuid4().hex}"
            names.append(name)
            self.con.execute("SELECT 1").fetchall()
            return self.ibis.create_table(name, expr, temp=True)

        try:
            yield keep
        finally:
            for name in names:
                self.con.execute(f'DROP TABLE IF EXISTS temp."{name}"')

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a failure inside rolls every statement back."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
            self.data_version_bump()

    def data_version_bump(self) -> None:
        """Record that ingested data changed, so caches keyed on `data_version` expire."""
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('data_version', "
            "CAST(COALESCE((SELECT CAST(value AS BIGINT) FROM meta "
            "WHERE key = 'data_version'), 0) + 1 AS VARCHAR))"
        )

    def mark_synthetic(self, file_id: int) -> None:
        """Record that an ingested file holds synthetic data (the demo's survey), so every
        figure drawn from it is labelled synthetic wherever it is shown."""
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, 'synthetic')", [f"synthetic_file:{file_id}"]
        )
        self.data_version_bump()

    def mark_synthetic_files(self, source: str, names: list[str]) -> int:
        """`mark_synthetic` for every ingested file of `source` with one of these names (an
        ingest report's files and skipped files); returns how many were marked."""
        if not names:
            return 0
        rows = self.con.execute(
            "SELECT file_id FROM ingest_files WHERE source = ? AND list_contains(?, name)",
            [source, names],
        ).fetchall()
        for (file_id,) in rows:
            self.mark_synthetic(int(file_id))
        return len(rows)

    def holds_synthetic_source(self, source: str, table: str) -> bool:
        """Whether `table` holds rows from a file of `source` marked synthetic; the small
        file list is asked first, so a store with none marked is never scanned."""
        ids = [
            int(i)
            for (i,) in self.con.execute(
                "SELECT f.file_id FROM ingest_files f JOIN meta m "
                "ON m.key = 'synthetic_file:' || CAST(f.file_id AS VARCHAR) WHERE f.source = ?",
                [source],
            ).fetchall()
        ]
        if not ids:
            return False
        t = self.ibis.table(table)
        return bool(self.run(t.filter(t.file_id.isin(ids)).limit(1).count()))

    def holds_synthetic(self, table: str) -> bool:
        """Whether any row of `table` (one with a file_id) came from a synthetic file."""
        marked = self.con.execute(
            "SELECT count(*) FROM meta WHERE starts_with(key, 'synthetic_file:')"
        ).fetchone()
        if not marked or not marked[0]:  # nothing marked: no scan of a large table
            return False
        meta = self.ibis.table("meta")
        ids = meta.filter(meta.key.startswith("synthetic_file:")).key.substr(15).cast("int64")
        t = self.ibis.table(table)
        return bool(self.run(t.filter(t.file_id.isin(ids)).limit(1).count()))

    @property
    def data_version(self) -> int:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
