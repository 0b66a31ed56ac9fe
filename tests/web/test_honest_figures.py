"""Every page, API record, download and CLI output: no 'inf' or 'nan', no percentage change on
a base below the small-number threshold, no rank on a small count, and no zero for an offence
the publisher does not publish at that level (issue 12)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.service import rate_areas, rate_plan
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.plan import Plan
from crimeplan.publish.measure_table import print_measures
from crimeplan.store import Store

PERIOD = "2025-26-Q2"
PAGES = [
    f"/?period={PERIOD}",
    f"/?period={PERIOD}&area=E09000018",  # Hounslow
    f"/?period={PERIOD}&area=E09000001",  # City of London: tiny counts
    f"/measure/homicide?period={PERIOD}",
    f"/measure/robbery?period={PERIOD}&area=E09000018",
    f"/map?measure=homicide&period={PERIOD}",
    f"/borough/E09000018?period={PERIOD}",
    f"/data?period={PERIOD}&measure=homicide",
    f"/data/measures.csv?period={PERIOD}&area=E09000001",
    f"/data/ranking.csv?period={PERIOD}&measure=homicide",
    f"/data/ranking.json?period={PERIOD}&measure=homicide",
    f"/api/v1/values?period={PERIOD}",
    f"/api/v1/values?period={PERIOD}&area=E09000001",
    f"/api/v1/values?period={PERIOD}&measure=homicide&level=borough",
    f"/api/v1/values?period={PERIOD}&measure=robbery&level=ward&area=E09000018&page_size=500",
]


def _records(payload: object) -> Iterator[dict[str, object]]:
    if isinstance(payload, dict):
        if "measure_id" in payload or "unit" in payload:
            yield payload
        for v in payload.values():
            yield from _records(v)
    elif isinstance(payload, list):
        for v in payload:
            yield from _records(v)


def _check_record(r: dict[str, object], where: str) -> None:
    if r.get("unit") != "count":
        return
    for change, base in (
        ("last_year_pct_change", "last_year_value"),
        ("ytd_pct_change", "ytd_last_year_value"),
        ("previous_pct_change", "previous_value"),
    ):
        b = r.get(base)
        if isinstance(b, (int, float)) and b < MIN_BASE:
            assert r.get(change) is None, (where, r.get("measure_id"), r.get("area_code"))


@pytest.mark.slow
@pytest.mark.parametrize("url", PAGES)
def test_no_inf_nan_or_percentage_on_a_small_base(
    client: TestClient, url: str, no_bad_numbers: Callable[[str, str], None]
) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    text = response.text
    no_bad_numbers(text, url)
    if "json" in response.headers.get("content-type", ""):
        records = list(_records(response.json()))
        assert records or url.startswith("/data/"), url
        for r in records:
            _check_record(r, url)


def test_small_counts_are_not_ranked(client: TestClient) -> None:
    rows = client.get(f"/data/ranking.json?period={PERIOD}&measure=homicide").json()
    rows = rows["rows"] if isinstance(rows, dict) else rows
    small = [r for r in rows if r.get("value") is not None and r["value"] < MIN_BASE]
    assert small, "homicides by borough are small counts"
    assert all(r.get("position") is None for r in small)
    assert all("Not ranked" in (r.get("note") or "") for r in small)


def test_cli_outputs_carry_no_inf_nan_or_small_base_percentage(
    demo_store: Store,
    london_plan: Plan,
    capsys: pytest.CaptureFixture[str],
    no_bad_numbers: Callable[[str, str], None],
) -> None:
    console = Console(width=250, record=True, file=io.StringIO())
    for area in ("London", "City of London", "Hounslow"):
        results = rate_plan(demo_store, london_plan, area, PERIOD)
        for fmt in ("json", "csv"):
            print_measures(results, fmt, console)
        print_measures(results, "table", console)
        printed = capsys.readouterr().out + console.export_text()
        no_bad_numbers(printed, area)
        for r in results:
            _check_record(r.as_dict(), area)
        if area == "London":
            assert "This plan sets no numeric targets" in printed
            assert printed.count("This plan sets no numeric targets") == 1
    for r in rate_areas(demo_store, london_plan, "homicide", "borough", PERIOD):
        _check_record(r.as_dict(), "homicide by borough")
        assert r.last_year_pct_change is None or (r.last_year_value or 0) >= MIN_BASE


def test_overview_says_once_that_the_plan_has_no_targets(client: TestClient) -> None:
    html = client.get(f"/?period={PERIOD}").text
    assert html.count("This plan sets no numeric targets") == 1


@pytest.fixture
def lsoa_store(tmp_path: Path, plant_lsoa_table: Callable[[Path], Path]) -> Iterator[Store]:
    """The planted Met LSOA table (tests/conftest.py): no sexual offences, as published."""
    with Store(tmp_path / "lsoa.duckdb") as store:
        ingest_mps_crime(store, plant_lsoa_table(tmp_path))
        yield store


def test_unpublished_offences_are_never_zero(
    lsoa_store: Store, london_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {r.measure_id: r for r in rate_plan(lsoa_store, london_plan, "E01000006", "2024-07")}
    for mid in ("sexual-offences", "rape"):
        r = results[mid]
        assert r.value is None and not r.available
        assert r.note and r.note.startswith("Not published at this level")
    assert results["burglary"].value == 2
    assert results["robbery"].value == 0  # published, and truly none: 0 shown as 0
    print_measures(list(results.values()), "json", Console())
    rows = {r["measure_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["sexual-offences"]["value"] is None
    assert rows["rape"]["note"].startswith("Not published at this level")


def test_a_small_base_shows_the_two_counts_instead_of_a_percentage(client: TestClient) -> None:
    html = client.get(f"/?period={PERIOD}&area=E09000018").text  # Hounslow: 1 homicide against 0
    row = re.search(r'data-measure="homicide".*?</tr>', html, re.S)
    assert row is not None
    assert re.search(r"\d+ against \d+", row.group(0))
    assert "%" not in re.sub(r"<[^>]+>", " ", row.group(0)).split("Statistical")[0]
