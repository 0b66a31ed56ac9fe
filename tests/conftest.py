"""Shared fixtures: the real shipped data in a store, the shipped plans, ../shared if present."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation, load_consultation
from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.plan import Plan, load_plan
from crimeplan.store import Store
from crimeplan.store.appdb import upgrade
from crimeplan.store.appdb.postgres import PostgresServer, PostgresUnavailable, start_postgres
from crimeplan.synthetic.consultation import KnownFigures, generate_consultation

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"


def shared_dir() -> Path | None:
    """../shared beside the checkout (or $CRIMEPLAN_SHARED), if it holds the data."""
    candidate = Path(os.environ.get("CRIMEPLAN_SHARED", ROOT.parent / "shared"))
    return candidate if (candidate / "data" / "README.md").is_file() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared/data is not present (it is on the project's development machines)")
    return path


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The embedded Met borough and ward tables (April 2010 on), loaded by the real loader."""
    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    ingest_mps_crime(store, data_dir() / "mps")
    yield store
    store.close()


@pytest.fixture(scope="session")
def national_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """SYNTHETIC police.uk records of five forces (West Yorkshire, two of its most similar
    forces and two others), October 2022 to December 2024 (2011 and 2021 LSOA codes), through
    the real ingest, marked synthetic: the England and Wales pages' store."""
    from crimeplan.synthetic.national_store import load_synthetic_national

    d = tmp_path_factory.mktemp("national")
    store = Store(d / "national.duckdb")
    load_synthetic_national(store, d / "police-uk", first="2022-10", rows_per_month=40_000)
    yield store
    store.close()


@pytest.fixture(scope="session")
def london_plan() -> Plan:
    return load_plan(PLANS / "london-2021-25.yaml")


@pytest.fixture(scope="session")
def havering_plan() -> Plan:
    return load_plan(PLANS / "havering-2016-17.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "t.duckdb")
    yield s
    s.close()


# --- consultations: used by tests/consult and tests/web -------------------------------------
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
