"""Every page type renders the engine's figures, links offline assets only, and downloads
hold what the data page shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from openpyxl import load_workbook

from crimeplan.geo import Geography
from crimeplan.measures import service as engine
from crimeplan.plan import Plan
from crimeplan.publish.measure_table import ARROWS
from crimeplan.store import Store
from crimeplan.web.rendering import fmt_value

PAGES = [
    "/",
    "/?area=Havering&period=2024-25-Q3",
    "/map",
    "/map?measure=burglary",
    "/borough/E09000016",
    "/borough/E09000016?measure=burglary",
    "/measure/total-notifiable-offences-rate",
    "/measure/burglary",
    "/data",
    "/methods",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_local_assets_only(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    html = r.text
    assert '<html lang="en"' in html and 'id="main-content"' in html
    external = re.findall(r'(?:src|href)="(https?:)?//[^"]*"', html)
    assert external == [], f"{path} loads from the internet: {external}"
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset


def test_overview_shows_every_measure_with_the_engine_value(
    client: TestClient, demo_store: Store, london_plan: Plan
) -> None:
    html = client.get("/?period=2024-25-Q3").text
    for r in engine.rate_plan(demo_store, london_plan, "London", "2024-25-Q3"):
        row = re.search(rf'data-measure="{r.measure_id}">(.*?)</tr>', html, re.S)
        assert row, r.measure_id
        value = re.search(r'cp-value">([^<]*)<', row.group(1))
        assert value and value.group(1) == fmt_value(r.value, r.unit)
        if r.dot_long is not None:  # the same arrow and word as the CLI
            arrow, word = ARROWS[r.dot_long].split(" ", 1)
            assert f'<span aria-hidden="true">{arrow}</span> {word}' in row.group(1)


def test_map_colours_every_borough(client: TestClient) -> None:
    html = client.get("/map?measure=burglary").text
    for b in Geography.load().boroughs():
        assert f'"{b.code}": "#' in html
    assert "Contains OS data © Crown copyright and database right; ONS; GLA" in html


def test_boundaries_carry_the_attribution(client: TestClient) -> None:
    boroughs = client.get("/geo/boroughs.geojson").json()
    assert len(boroughs["features"]) == 33
    assert "Contains OS data" in boroughs["metadata"]["attribution"]
    wards = client.get("/geo/wards/E09000016.geojson").json()
    havering = {w.code for w in Geography.load().wards("E09000016")}
    assert {f["properties"]["code"] for f in wards["features"]} == havering
    assert client.get("/geo/wards/E09999999.geojson").status_code == 404


def test_borough_page_lists_its_wards(client: TestClient) -> None:
    html = client.get("/borough/Havering?measure=burglary").text
    for w in Geography.load().wards("E09000016"):
        assert str(escape(w.name)) in html
    assert "Trend against last year" in html


def test_measure_page_has_funnel_and_table(client: TestClient) -> None:
    html = client.get("/measure/total-notifiable-offences-rate?period=2024-25-Q3").text
    assert 'id="funnel-spec"' in html
    assert html.count("/borough/E09") >= 33


def test_methods_page_is_generated_from_the_plan(client: TestClient, london_plan: Plan) -> None:
    html = client.get("/methods").text
    for m in london_plan.measures():
        assert f'id="{m.id}"' in html
        if m.method:
            assert m.method.split()[0] in html


def test_csv_download_equals_the_api(client: TestClient) -> None:
    query = {"area": "Havering", "period": "2024-25-Q3"}
    rows = list(csv.DictReader(io.StringIO(client.get("/data/measures.csv", params=query).text)))
    api = client.get("/api/v1/values", params=query).json()["items"]
    assert [r["measure_id"] for r in rows] == [i["measure_id"] for i in api]
    for row, item in zip(rows, api, strict=True):
        expected = item["value"]
        assert (float(row["value"]) if row["value"] else None) == expected
        assert row["rag"] == (item["rag"] or "")


def test_xlsx_and_json_downloads_hold_the_ranking(client: TestClient) -> None:
    query = {"measure": "burglary", "period": "2024-25-Q3"}
    data = client.get("/data/ranking.json", params=query).json()
    assert len(data["rows"]) == 33
    r = client.get("/data/ranking.xlsx", params=query)
    assert r.headers["content-disposition"].endswith('.xlsx"')
    sheet = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    area = list(sheet[1]).index("Area")
    assert [row[area] for row in sheet[2:35]] == [row["area"] for row in data["rows"]]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/borough/Narnia", 404, "no area called"),
        ("/measure/nothing", 404, "no measure"),
        ("/?period=2024-13", 400, "consecutive years"),
        ("/no-such-page", 404, "There is no page"),
        ("/data/secret.csv", 422, "name"),
    ],
)
def test_page_errors_are_shown_in_an_error_summary(
    client: TestClient, path: str, status: int, words: str
) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert "govuk-error-summary" in r.text and words in r.text


def test_several_plans_links_keep_the_plan(demo_store: Store) -> None:
    from crimeplan.web.app import create_app

    plans = sorted((Path(__file__).resolve().parents[2] / "plans").glob("*.yaml"))
    client = TestClient(create_app(plan_paths=plans, store=demo_store))
    assert client.app.state.figures.default_plan_id == "london-2021-25"  # type: ignore[attr-defined]
    html = client.get("/?plan=havering-2016-17&period=2016-17-Q3").text
    links = re.findall(r'href="(/(?:measure|map|data|methods)[^"]*)"', html)
    assert links and all("plan=havering-2016-17" in link for link in links)
    assert "other plans:" in html
    london = client.get("/").text
    assert "plan=london-2021-25" not in london  # the default plan needs no parameter


def test_borough_page_refuses_other_levels(client: TestClient) -> None:
    r = client.get("/borough/E05013976")
    assert r.status_code == 404 and "is a ward, not a borough" in r.text


def test_period_chooser_offers_recent_quarters(client: TestClient) -> None:
    """The embedded data runs to September 2025, so the latest quarter is 2025-26-Q2."""
    html = client.get("/").text
    select = html.split('id="period"')[1].split("</select>")[0]
    assert re.findall(r'value="([^"]+)"', select) == [
        "2025-26-Q2-YTD",
        "2025-26-Q2",
        "2025-26-Q1",
        "2024-25-Q4",
        "2024-25-Q3",
        "2024-25-Q2",
        "2024-25-Q1",
        "2023-24-Q4",
        "2023-24-Q3",
    ]
    older = client.get("/", params={"period": "2019-20"}).text
    assert 'value="2019-20" selected' in older
