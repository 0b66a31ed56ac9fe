"""A store with the Met's real borough tables (embedded in the package) and the Havering
values file, built once per test session by the real ingest. The plans come from the
`havering_plan` and `london_plan` fixtures in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.values import ingest_values
from crimeplan.store import Store

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "plans"


@pytest.fixture(scope="session")
def borough_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Met recorded crime by borough, April 2010 to September 2025, plus the ASB and MARAC
    figures Havering's January 2017 committee report printed."""
    store = Store(tmp_path_factory.mktemp("store") / "reports.duckdb")
    for name in ("recorded-crime-borough-historical.csv.gz", "recorded-crime-borough.csv.gz"):
        ingest_mps_crime(store, data_dir() / "mps" / name)
    ingest_values(store, PLANS / "values" / "havering-2016-17.csv")
    yield store
    store.close()
