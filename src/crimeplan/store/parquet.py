"""Parquet as the exchange format between the store and a remote engine.

`export_parquet(store, folder)` writes every table of the store to `folder/<table>/`;
police.uk records are partitioned by force and month (`part_force=.../part_month=.../`), so a
store built on one machine can be copied, appended to a month at a time, and queried from
another (Spark, or DuckDB itself). `manifest.json` names the tables, their rows and the store's
data version.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crimeplan.store.analytic import Store

# Tables partitioned on export: table -> SQL for its partition columns.
PARTITIONED = {
    "police_uk_crimes": {
        "part_force": "regexp_replace(lower(falls_within), '[^a-z0-9]+', '-', 'g')",
        "part_month": "strftime(month, '%Y-%m')",
    }
}


# DuckDB's memory for an export unless CRIMEPLAN_DUCKDB_MEMORY_LIMIT bounds the store already.
# Unbounded (80% of the machine), the partitioned COPY of 20 million records held 11.8 GB;
# bounded, it spills and peaks near the bound (docs/methods/national.md, fifth pass).
EXPORT_MEMORY_LIMIT = "2GB"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def _bounded(con: Any) -> Iterator[None]:
    """Bound DuckDB's memory and drop row order for the export, then put both back."""
    own_limit = not os.environ.get("CRIMEPLAN_DUCKDB_MEMORY_LIMIT")
    if own_limit:
        con.execute(f"SET memory_limit = {_q(EXPORT_MEMORY_LIMIT)}")
    # Files are read as sets of rows (Spark, DuckDB): no need to keep the table's order.
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute("RESET preserve_insertion_order")
        if own_limit:
            con.execute("RESET memory_limit")


def export_parquet(store: Store, folder: str | Path) -> dict[str, Any]:
    """Write every table to Parquet under `folder`; returns the manifest it writes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = store.con
    con.execute("SELECT 1").fetchall()
    names = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND NOT temporary ORDER BY 1"
        ).fetchall()
    ]
    tables: dict[str, int] = {}
    with _bounded(con):
        for name in names:
            tables[name] = _export_table(con, name, folder / name)
    manifest = {"tables": tables, "data_version": store.data_version, "partitioned": PARTITIONED}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _export_table(con: Any, name: str, target: Path) -> int:
    """Write one table under `target` (partitioned where PARTITIONED says); returns its rows."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (rows,) = con.execute(f'SELECT count(*) FROM "{name}"').fetchone() or (0,)
    parts = PARTITIONED.get(name)
    if parts and rows:
        extra = ", ".join(f"{sql} AS {col}" for col, sql in parts.items())
        con.execute(
            f'COPY (SELECT *, {extra} FROM "{name}") TO {_q(str(target))} '
            f"(FORMAT parquet, PARTITION_BY ({', '.join(parts)}), OVERWRITE_OR_IGNORE)"
        )
    else:
        con.execute(f'COPY "{name}" TO {_q(str(target / "part-0.parquet"))} (FORMAT parquet)')
    return int(rows)


def parquet_tables(folder: str | Path) -> dict[str, Path]:
    """The tables of an export: name -> its folder."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {name: folder / name for name in manifest["tables"]}
