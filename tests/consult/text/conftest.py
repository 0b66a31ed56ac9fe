"""A consultation with themed free text (known labels), ingested by the real intake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.text.synthetic import (
    ThemedConsultation,
    load_themed_consultation,
    write_themed_consultation,
)
from crimeplan.store.appdb import AppDB


@pytest.fixture(scope="session")
def themed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ThemedConsultation]:
    folder = tmp_path_factory.mktemp("themed")
    return folder, write_themed_consultation(folder, respondents=150, letters=4, seed=14)


@pytest.fixture
def themed_db(
    app_db_url: str, loaded: LoadedConsultation, themed: tuple[Path, ThemedConsultation]
) -> Iterator[AppDB]:
    db = AppDB(app_db_url)
    load_themed_consultation(db, loaded, themed[0])
    yield db
    db.dispose()
