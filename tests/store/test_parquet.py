"""The store's export to Parquet: every row once, partitioned, and DuckDB's settings put back."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.store import Store
from crimeplan.store.parquet import export_parquet, parquet_tables
from crimeplan.synthetic.national import generate_national, month_range


def _settings(store: Store) -> tuple:
    return store.con.execute(
        "SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')"
    ).fetchone()


@pytest.fixture
def small_store(tmp_path: Path) -> Store:
    generate_national(
        tmp_path / "pu",
        month_range("2024-01", "2024-03"),
        rows_per_month=3_000,
        forces=["E23000034", "E23000017"],
    )
    store = Store(tmp_path / "s.duckdb")
    ingest_police_uk(store, tmp_path / "pu")
    return store


def test_export_holds_every_row_and_restores_settings(small_store: Store, tmp_path: Path) -> None:
    before = _settings(small_store)
    manifest = export_parquet(small_store, tmp_path / "pq")
    assert _settings(small_store) == before
    con = small_store.con
    crimes = parquet_tables(tmp_path / "pq")["police_uk_crimes"]
    (parts,) = con.execute(
        "SELECT count(DISTINCT (falls_within, month)) FROM police_uk_crimes"
    ).fetchone()
    assert len({p.parent for p in crimes.glob("part_force=*/part_month=*/*.parquet")}) == parts > 1
    assert manifest["tables"]["police_uk_crimes"] > 50
    for name, folder in parquet_tables(tmp_path / "pq").items():
        cols = ", ".join(f'"{r[0]}"' for r in con.execute(f'DESCRIBE "{name}"').fetchall())
        read = f"read_parquet('{folder}/**/*.parquet')"
        for a, b in ((f'"{name}"', read), (read, f'"{name}"')):
            diff = con.execute(
                f"SELECT count(*) FROM (SELECT {cols} FROM {a} EXCEPT ALL SELECT {cols} FROM {b})"
            ).fetchone()
            assert diff == (0,), name
        assert con.execute(f"SELECT count(*) FROM {read}").fetchone() == (manifest["tables"][name],)


def test_export_keeps_a_bound_the_store_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRIMEPLAN_DUCKDB_MEMORY_LIMIT", "1GB")
    store = Store(tmp_path / "s.duckdb")
    before = _settings(store)
    export_parquet(store, tmp_path / "pq")
    assert _settings(store) == before
