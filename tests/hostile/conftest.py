"""Databases for the hostile-file suite, each holding good data first, and their dumps."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import init_consultation
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.ingest.survey import ingest_survey_microdata, ingest_survey_published
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB, upgrade

HERE = Path(__file__).parent
INGEST_FILES = HERE.parent / "ingest" / "files"
SLUG = "london-2017-draft-plan"


def store_dump(store: Store) -> bytes:
    """Every table's rows (sorted) and every sequence's value, as bytes to compare."""
    con = store.con
    con.execute("SELECT 1").fetchall()
    parts = []
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
    ).fetchall()
    for (table,) in tables:
        rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
        parts.append(f"{table}: " + repr(sorted(map(repr, rows))))
    for name, value in con.execute(
        "SELECT sequence_name, last_value FROM duckdb_sequences() ORDER BY 1"
    ).fetchall():
        parts.append(f"sequence {name}: {value}")
    return "\n".join(parts).encode()


def sqlite_dump(url: str) -> bytes:
    """The SQL dump of an SQLite database and its main file's bytes."""
    path = url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        dump = "\n".join(con.iterdump()).encode()
    finally:
        con.close()
    return dump + b"\n--file--\n" + Path(path).read_bytes()


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding a police.uk month, an MPS table and survey data: what a refusal
    must leave exactly as it was."""
    store = Store(tmp_path_factory.mktemp("hostile") / "store.duckdb")
    ingest_police_uk(store, INGEST_FILES / "police_uk_good.csv")
    ingest_mps_crime(store, INGEST_FILES / "mps_borough_good.csv")
    ingest_survey_microdata(store, INGEST_FILES / "survey" / "standard.csv")
    ingest_survey_published(store, INGEST_FILES / "survey" / "published.csv")
    yield store
    store.close()


@pytest.fixture(scope="module")
def hostile_app_db(
    tmp_path_factory: pytest.TempPathFactory, loaded: LoadedConsultation
) -> Iterator[tuple[AppDB, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile-app') / 'app.sqlite'}"
    upgrade(url)
    db = AppDB(url)
    init_consultation(db, loaded, "setup")
    yield db, url
    db.dispose()
