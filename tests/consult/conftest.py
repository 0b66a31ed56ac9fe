"""Fixtures for the consultation tests: the shipped consultation, the synthetic consultation,
and an application database on SQLite and on a PostgreSQL 15 server started here."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation, load_consultation
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.store.appdb.postgres import PostgresServer, PostgresUnavailable, start_postgres
from crimeplan.synthetic.consultation import KnownFigures, generate_consultation

ROOT = Path(__file__).resolve().parents[2]
CONSULTATION_FILE = ROOT / "consultations" / "london-2017-draft-plan.yaml"


@pytest.fixture(scope="session")
def loaded() -> LoadedConsultation:
    return load_consultation(CONSULTATION_FILE)


@pytest.fixture(scope="session")
def synthetic(
    tmp_path_factory: pytest.TempPathFactory, loaded: LoadedConsultation
) -> tuple[Path, KnownFigures]:
    folder = tmp_path_factory.mktemp("synthetic")
    return folder, generate_consultation(folder, loaded.consultation, seed=2017)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL 15 not available here: {exc}")
    yield server
    server.stop()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=[pytest.mark.slow, pytest.mark.xdist_group("postgresql")]),
    ]
)
def app_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty application database, migrated to the latest revision, on each engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.sqlite'}"
        upgrade(url)
        yield url
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = server.create_database(name)
    upgrade(url)
    yield url
    server.drop_database(name)


@pytest.fixture
def db(app_db_url: str) -> Iterator[AppDB]:
    database = AppDB(app_db_url)
    yield database
    database.dispose()
