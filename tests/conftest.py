"""Shared fixtures: the real shipped data in a store, the shipped plans, ../shared if present."""

from __future__ import annotations

import csv
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation, load_consultation
from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import HEADER as POLICE_UK_HEADER
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


# --- issue 12: what no output may print --------------------------------------------------------
#: "inf", "infinity" or "nan" printed as a figure (not inside a word such as "information").
BAD_NUMBER = re.compile(r"(?<![\w-])-?(inf|infinity|nan)(?![\w-])", re.I)

#: A Met LSOA table in its published layout, for July to September 2024: like the real one it
#: has no sexual offences or rape (the Met does not publish them by LSOA), so a figure for them
#: must say "not published", never 0; robbery is published, and truly 0 in two months.
PLANTED_LSOA_CSV = (
    '"lsoa_code","lsoa_name","borough","major_category","minor_category","202407","202408",'
    '"202409"\n'
    '"E01000006","Barking and Dagenham 016A","E09000002","BURGLARY","RES BURGLARY OF A HOME",'
    "2,1,0\n"
    '"E01000006","Barking and Dagenham 016A","E09000002","ROBBERY",'
    '"ROBBERY OF PERSONAL PROPERTY",0,0,1\n'
)


@pytest.fixture(scope="session")
def no_bad_numbers() -> Callable[[str, str], None]:
    """A check that a printed output carries no "inf" or "nan" (issue 12)."""

    def check(text: str, where: str) -> None:
        found = BAD_NUMBER.search(text)
        assert found is None, (where, text[max(0, found.start() - 80) : found.end() + 80])

    return check


@pytest.fixture(scope="session")
def plant_lsoa_table() -> Callable[[Path], Path]:
    """Write the planted LSOA table (`PLANTED_LSOA_CSV`) into a folder; returns its path."""

    def plant(folder: Path) -> Path:
        path = folder / "recorded-crime-lsoa.csv"
        path.write_text(PLANTED_LSOA_CSV, encoding="utf-8")
        return path

    return plant


# --- issue 13: City of London Police street files in the police.uk layout ------------------
CITY_FORCE = "City of London Police"
ASB = "Anti-social behaviour"


def _city_row(
    month: str, crime_type: str, lsoa: str, name: str, force: str = CITY_FORCE
) -> list[str]:
    return [
        f"id-{month}-{crime_type}-{lsoa}",
        month,
        force,
        force,
        "-0.09",
        "51.51",
        "On or near Cheapside",
        lsoa,
        name,
        crime_type,
        "" if crime_type == ASB else "Under investigation",
        "",
    ]


def write_city_street_files(folder: Path) -> list[Path]:
    """Police.uk street files for six months of 2024 and 2025: City crimes of three types,
    anti-social behaviour, one crime placed in Camden, and a Met file the count must ignore.
    August 2024 is held back, as police.uk sometimes does: a gap, not a 0."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = {
        "2024-04": [("Shoplifting", 3), ("Robbery", 1)],
        "2024-07": [("Shoplifting", 2), ("Other theft", 4), (ASB, 2)],
        "2025-05": [("Shoplifting", 5)],
        "2025-07": [("Shoplifting", 6), ("Robbery", 2), (ASB, 1)],
        "2025-08": [("Other theft", 7)],
        "2025-09": [("Robbery", 1)],
    }
    paths = []
    for month, items in plan.items():
        rows = [
            _city_row(month, t, "E01000001", "City of London 001A")
            for t, n in items
            for _ in range(n)
        ]
        if month == "2025-07":
            rows.append(_city_row(month, "Other theft", "E01000917", "Camden 027C"))
        path = folder / f"{month}-city-of-london-street.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(POLICE_UK_HEADER)
            w.writerows(rows)
        paths.append(path)
    met = folder / "2025-07-metropolitan-street.csv"
    with met.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(POLICE_UK_HEADER)
        w.writerow(
            _city_row(
                "2025-07",
                "Shoplifting",
                "E01000001",
                "City of London 001A",
                "Metropolitan Police Service",
            )
        )
    return [*paths, met]


@pytest.fixture(scope="session")
def city_street_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Small City of London Police street files (`write_city_street_files`), written once."""
    return write_city_street_files(tmp_path_factory.mktemp("city-street") / "files")


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
