"""Fixtures for the register tests: a migrated application DB (SQLite, and PostgreSQL when
slow tests run) loaded with the shipped realistic register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.scrutiny.files import read_register
from crimeplan.scrutiny.register import import_records
from crimeplan.store.appdb import AppDB

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "registers" / "london-register.yaml"
FILES = Path(__file__).with_name("files")


@pytest.fixture
def db(app_db_url: str) -> Iterator[AppDB]:
    database = AppDB(app_db_url)
    yield database
    database.dispose()


@pytest.fixture
def loaded_db(db: AppDB) -> AppDB:
    import_records(db, read_register(REGISTER), REGISTER.name, "test")
    return db
