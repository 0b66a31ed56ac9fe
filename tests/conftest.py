"""Shared fixtures: the real shipped data in a store, the shipped plans, ../shared if present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.plan import Plan, load_plan
from crimeplan.store import Store

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
