"""Computed values are cached by data version and recomputed after an ingest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
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


def test_warm_up_renders_every_page_so_a_first_visit_computes_nothing(demo_store: Store) -> None:
    from crimeplan.web.app import start_warm_up

    app = create_app(plan_paths=[LONDON_PLAN], store=demo_store)
    figures: Figures = app.state.figures
    client = TestClient(app)
    start_warm_up(app, wards=False).join()
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["warm_up"]["pages"] > 100
    misses, hits = figures.stats().misses, figures.stats().hits
    for address in (
        "/",
        "/?area=E09000016",
        "/borough/E09000001",
        "/measure/burglary",
        "/map?measure=burglary",
        "/data?area=E09000003",
        "/methods",
    ):
        assert client.get(address).status_code == 200
    stats = figures.stats()
    assert stats.misses == misses  # nothing computed on request
    assert stats.hits >= hits + 7  # every page from the page cache


def test_batched_figures_equal_the_per_area_calls(demo_store: Store) -> None:
    """The warm-up's batched answers (measures/batch.py) are exactly the service's own."""
    from crimeplan.geo import Geography
    from crimeplan.measures import batch, service
    from crimeplan.measures.periods import Period, month_periods
    from crimeplan.plan import load_plan

    plan = load_plan(LONDON_PLAN)
    geo = Geography.load()
    period = service.resolve_period(demo_store, plan, "latest")[0]
    codes = ["E09000016", "E09000001", "E05013967"]
    many = batch.rate_plan_many(demo_store, plan, codes, period)
    for code in codes:
        scope = service.Scope(plan, geo.area(code), period)
        assert many[code] == service.plan_results(demo_store, scope)
    havering = geo.area("E09000016")
    per_call = service.area_results(demo_store, plan, "burglary", "ward", period, havering)
    wards = batch.wards_by_borough(demo_store, plan, ["burglary"], period, geo)
    assert wards[("burglary", "E09000016")] == per_call
    # the warm-up's way: a ward table from the rows of the one call that rates every area
    wards_here = [w.code for w in geo.wards(havering.code)]
    rows = batch.plan_many(demo_store, plan, ["E09000016", *wards_here], period).rows
    assert [rows[("burglary", code)] for code in wards_here] == per_call
    start, end = Period.parse("2024-10"), Period.parse("2025-09")
    series = batch.series_many(demo_store, plan, [("burglary", "E09000016")], start, end)
    assert series[("burglary", "E09000016")] == service.series_results(
        demo_store, plan, [plan.measure("burglary")], havering, month_periods(start.start, end.end)
    )


def test_only_serving_sets_the_switch_interval(demo_store: Store, tmp_path: Path) -> None:
    """Building an app leaves the process alone; the serving app (`crimeplan serve` and the
    benchmark server, bench_starvation's included) switches threads every 1 ms."""
    from crimeplan.web.app import serving_app

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        create_app(plan_paths=[LONDON_PLAN], store=demo_store)
        assert sys.getswitchinterval() == pytest.approx(0.005)
        app = serving_app(tmp_path / "served.duckdb", [LONDON_PLAN])
        assert sys.getswitchinterval() == pytest.approx(0.001)
        app.state.figures._worker.close()
    finally:
        sys.setswitchinterval(before)
