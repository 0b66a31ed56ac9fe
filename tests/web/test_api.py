"""The JSON API against the engine called directly: same figures, clear 4xx for bad requests."""

from __future__ import annotations

import math
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crimeplan.geo import Geography
from crimeplan.measures import service as engine
from crimeplan.plan import Plan
from crimeplan.store import Store


def same(api_item: dict[str, Any], expected: dict[str, Any]) -> None:
    assert api_item.keys() == expected.keys()
    for key, value in expected.items():
        if isinstance(value, float) and not math.isnan(value):
            assert api_item[key] == pytest.approx(value, rel=1e-12), key
        else:
            assert api_item[key] == value, key


def test_plans_lists_the_plan_and_its_measures(client: TestClient, london_plan: Plan) -> None:
    body = client.get("/api/v1/plans").json()
    assert [p["id"] for p in body] == [london_plan.id]
    ids = [m for pr in body[0]["priorities"] for m in pr["measures"]]
    assert ids == [m.id for m in london_plan.measures()]


def test_measures_in_plan_order_with_methods(client: TestClient, london_plan: Plan) -> None:
    body = client.get("/api/v1/measures", params={"plan": london_plan.id}).json()
    assert [m["id"] for m in body] == [m.id for m in london_plan.measures()]
    first = london_plan.measures()[0]
    assert body[0]["method"] == first.method
    assert body[0]["unit"] == first.unit


def test_areas_by_level_and_within(client: TestClient) -> None:
    geo = Geography.load()
    boroughs = client.get("/api/v1/areas", params={"level": "borough"}).json()
    assert [a["code"] for a in boroughs] == [a.code for a in geo.boroughs()]
    assert len(boroughs) == 33
    wards = client.get("/api/v1/areas", params={"within": "Havering"}).json()
    assert wards and {w["parent_code"] for w in wards} == {"E09000016"}
    assert {w["code"][:3] for w in wards} == {"E05"}


def test_values_for_london_equal_the_engine(
    client: TestClient, demo_store: Store, london_plan: Plan
) -> None:
    period = engine.latest_period(demo_store, london_plan)
    body = client.get("/api/v1/values").json()
    assert body["period"] == period
    expected = engine.rate_plan(demo_store, london_plan, "E23000001", period)
    assert body["total"] == len(expected)
    for item, result in zip(body["items"], expected, strict=True):
        same(item, result.as_dict())


def test_values_for_every_borough_equal_the_engine(
    client: TestClient, demo_store: Store, london_plan: Plan
) -> None:
    params = {"measure": "burglary", "level": "borough", "period": "2024-25-Q3"}
    body = client.get("/api/v1/values", params=params).json()
    expected = engine.rate_areas(demo_store, london_plan, "burglary", "borough", "2024-25-Q3")
    assert body["total"] == len(expected) == 33
    for item, result in zip(body["items"], expected, strict=True):
        same(item, result.as_dict())


def test_values_of_wards_within_a_borough(client: TestClient) -> None:
    params = {"measure": "burglary", "level": "ward", "area": "Havering", "period": "2024-09"}
    body = client.get("/api/v1/values", params=params).json()
    codes = {w.code for w in Geography.load().wards("E09000016")}
    assert {i["area_code"] for i in body["items"]} == codes


def test_pages_of_values_cover_everything_once(client: TestClient) -> None:
    full = client.get("/api/v1/values", params={"area": "Camden"}).json()
    seen: list[str] = []
    for page in range(1, full["total"] // 4 + 2):
        body = client.get(
            "/api/v1/values", params={"area": "Camden", "page": page, "page_size": 4}
        ).json()
        assert body["pages"] == math.ceil(full["total"] / 4)
        seen += [i["measure_id"] for i in body["items"]]
    assert seen == [i["measure_id"] for i in full["items"]]


def test_one_measure_for_one_area(client: TestClient) -> None:
    body = client.get("/api/v1/values", params={"area": "E09000016", "measure": "burglary"}).json()
    assert [(i["measure_id"], i["area_name"]) for i in body["items"]] == [("burglary", "Havering")]


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"area": "Narnia"}, 404, "no area called 'Narnia'"),
        ({"period": "2024-13"}, 400, "period '2024-13'"),
        ({"period": "last tuesday"}, 400, "is not a period"),
        ({"page_size": 100000}, 422, "less than or equal to 500"),
        ({"page": 0}, 422, "greater than or equal to 1"),
        ({"measure": "no-such-measure"}, 404, "no measure 'no-such-measure'"),
        ({"plan": "no-such-plan"}, 404, "no plan 'no-such-plan'"),
        ({"level": "borough"}, 400, "needs a measure"),
        ({"level": "county", "measure": "burglary"}, 422, "'borough' or 'ward'"),
    ],
)
def test_bad_requests_get_a_clear_4xx(
    client: TestClient, params: dict[str, Any], status: int, words: str
) -> None:
    r = client.get("/api/v1/values", params=params)
    assert r.status_code == status
    assert words in r.text


def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}


def test_openapi_documents_every_error(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert set(doc["paths"]) == {
        "/api/v1/plans",
        "/api/v1/measures",
        "/api/v1/areas",
        "/api/v1/values",
        "/api/v1/recommendations",
        "/api/v1/recommendations/{rec_id}",
        # England and Wales (web/national_api.py)
        "/api/v1/forces",
        "/api/v1/forces/values",
        "/api/v1/forces/{force}/values",
        "/api/v1/forces/{force}/partnerships",
        "/api/v1/forces/{force}/similar",
        "/api/v1/partnerships/{partnership}/values",
    }
    for path in ("/api/v1/values", "/api/v1/forces/{force}/values"):
        values = doc["paths"][path]["get"]
        assert {"200", "400", "404", "422"} <= set(values["responses"])


def test_periods_are_read_against_the_data(client: TestClient) -> None:
    """An open year to date ends at the data's latest month; a period outside the data is a
    404 that says where the data runs."""
    body = client.get("/api/v1/values", params={"period": "2024-25-YTD"}).json()
    assert body["period"] == "2024-25-YTD"
    assert body["items"][0]["ytd_period"] is not None
    r = client.get("/api/v1/values", params={"period": "2099-01"})
    assert r.status_code == 404 and "the data runs from" in r.json()["detail"]
