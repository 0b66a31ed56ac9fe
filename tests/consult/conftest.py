"""Fixtures for the consultation tests (the shared ones, also used by the web tests, are in
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crimeplan.store.appdb import AppDB


@pytest.fixture
def db(app_db_url: str) -> Iterator[AppDB]:
    database = AppDB(app_db_url)
    yield database
    database.dispose()
