"""Computed values are cached by data version and recomputed after an ingest."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.store import Store
from crimeplan.web.app import create_app
from crimeplan.web.figures import Figures

LONDON_PLAN = Path(__file__).resolve().parents[2] / "plans" / "london-2021-25.yaml"


def test_ingest_invalidates_the_cache(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-borough.csv.gz")
    app = create_app(plan_paths=[LONDON_PLAN], store=store)
    figures: Figures = app.state.figures
    client = TestClient(app)
    query = {"area": "Havering", "measure": "burglary", "period": "2024-25-Q3"}

    first = client.get("/api/v1/values", params=query).json()
    page = client.get("/", params={"area": "Havering", "period": "2024-25-Q3"}).text
    assert client.get("/", params={"area": "Havering", "period": "2024-25-Q3"}).text == page
    misses = figures.stats().misses
    again = client.get("/api/v1/values", params=query).json()
    assert again == first
    assert figures.stats().misses == misses  # answered from the cache
    assert figures.stats().hits >= 1

    # Without the historical table there is no same quarter last year to compare with.
    assert first["items"][0]["last_year_value"] is None
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-borough-historical.csv.gz")
    after = client.get("/api/v1/values", params=query).json()
    assert after["data_version"] > first["data_version"]
    assert figures.stats().misses > misses  # recomputed, not served stale
    assert after["items"][0]["value"] == first["items"][0]["value"]
    assert after["items"][0]["last_year_value"] is not None
    # The rendered page was cached too, and is rebuilt from the new data.
    page_after = client.get("/", params={"area": "Havering", "period": "2024-25-Q3"}).text
    row = 'data-measure="burglary"'
    assert page.split(row)[1].split("</tr>")[0] != page_after.split(row)[1].split("</tr>")[0]
    store.close()


def test_warm_fills_the_overview_so_the_first_visit_computes_nothing(demo_store: Store) -> None:
    from crimeplan.web.pages import warm

    app = create_app(plan_paths=[LONDON_PLAN], store=demo_store)
    figures: Figures = app.state.figures
    warm(figures)
    misses = figures.stats().misses
    assert misses > 1  # the overview's values and one series per measure with a value
    assert TestClient(app).get("/").status_code == 200
    assert figures.stats().misses == misses
