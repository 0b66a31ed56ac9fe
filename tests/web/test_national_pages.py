"""The England and Wales pages and API on SYNTHETIC police.uk records of five forces (the
`national_store` fixture): every page and endpoint answers after the warm-up, the figures on
each face (force page, partnership page, list of forces, API, CLI) equal the service's for the
same area and period, links work, synthetic figures say so and unloaded forces say "no data
loaded"."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from crimeplan.cli import app as cli_app
from crimeplan.geo import Geography
from crimeplan.measures.national import compare_similar, rate_level
from crimeplan.measures.offence_groups import police_uk_plan
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.service import plan_results, resolve
from crimeplan.plan import Plan
from crimeplan.publish.measure_table import ARROWS
from crimeplan.store import Store
from crimeplan.strict_json import json_safe
from crimeplan.synthetic.national_store import DEMO_FORCES
from crimeplan.web.app import create_app, start_warm_up
from crimeplan.web.rendering import fmt_value

pytestmark = pytest.mark.slow  # a warm-up of 354 pages over a generated store

ROOT = Path(__file__).resolve().parents[2]
LONDON_PLAN = ROOT / "plans" / "london-2021-25.yaml"
WEST_YORKSHIRE, CUMBRIA, LEEDS = "E23000010", "E23000002", "E22000345"
FIELDS = (
    "area_code",
    "measure_id",
    "period",
    "value",
    "numerator",
    "population",
    "last_year_value",
    "last_year_pct_change",
    "ytd_value",
    "ytd_pct_change",
    "dot_short",
    "dot_long",
    "rag",
    "signal",
    "synthetic",
)


@pytest.fixture(scope="module")
def app(national_store: Store) -> FastAPI:
    """The dashboard as `crimeplan serve` starts it: warmed up before the tests ask."""
    application = create_app(plan_paths=[LONDON_PLAN], store=national_store)
    start_warm_up(application).join()
    assert application.state.ready.is_set(), application.state.warm_up
    return application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="module")
def plan(national_store: Store) -> Plan:
    return police_uk_plan(national_store)


@pytest.fixture(scope="module")
def db_copy(national_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The same store as a file the CLI can open (the test session holds the original)."""
    national_store.con.execute("CHECKPOINT")
    path = tmp_path_factory.mktemp("cli") / "national.duckdb"
    shutil.copy(national_store.path, path)
    yield path


def cli_json(*args: str, db: Path) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def fields(record: Any) -> dict[str, Any]:
    """The figures of a result (a `MeasureResult`, an API item or a CLI record) as strict
    JSON reads them."""
    d = record.as_dict() if isinstance(record, MeasureResult) else record
    plain: dict[str, Any] = json.loads(json.dumps(json_safe({k: d[k] for k in FIELDS})))
    return plain


def no_nan(text: str) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"not strict JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def table_rows(html: str, table_id: str) -> list[dict[str, str]]:
    """A data table of a page (the region with this id) as {column label: cell text}."""
    region = re.search(rf'id="{table_id}".*?</table>', html, re.S)
    assert region, table_id
    heads = [text_of(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", region[0], re.S)]
    body = region[0].split("<tbody", 1)[1]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows.append(dict(zip(heads, cells, strict=True)))
    return rows


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def test_warm_up_renders_every_national_page(app: FastAPI) -> None:
    warm = app.state.warm_up
    geo = Geography.load()
    assert warm["national_pages"] == 1 + len(geo.of_level("force")) + len(geo.of_level("csp"))
    assert len(geo.of_level("force")) == 43
    assert warm["pages"] == warm["national_pages"]  # the London plan has no data here


PAGES = ["/national", f"/force/{WEST_YORKSHIRE}", f"/force/{CUMBRIA}", f"/partnership/{LEEDS}"]
API = [
    "/api/v1/forces",
    "/api/v1/forces/values",
    f"/api/v1/forces/{WEST_YORKSHIRE}/values",
    f"/api/v1/forces/{WEST_YORKSHIRE}/partnerships",
    f"/api/v1/forces/{WEST_YORKSHIRE}/similar",
    f"/api/v1/partnerships/{LEEDS}/values",
]


def test_pages_and_api_answer_in_strict_json(client: TestClient) -> None:
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "England and Wales" in r.text  # in the navigation: national data is loaded
    for path in API:
        r = client.get(path)
        assert r.status_code == 200, path
        no_nan(r.text)
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/v1/forces",
        "/api/v1/forces/values",
        "/api/v1/forces/{force}/values",
        "/api/v1/forces/{force}/partnerships",
        "/api/v1/forces/{force}/similar",
        "/api/v1/partnerships/{partnership}/values",
    ):
        assert path in spec["paths"], path


def test_force_page_api_and_cli_show_the_service_figures(
    client: TestClient, national_store: Store, plan: Plan, db_copy: Path
) -> None:
    scope = resolve(national_store, plan, WEST_YORKSHIRE, "latest")
    results = plan_results(national_store, scope)
    assert len(results) == len(plan.measures()) and all(r.value is not None for r in results)
    page = client.get(f"/force/{WEST_YORKSHIRE}").text
    assert scope.period.label in page
    for r in results:
        row = re.search(rf'data-measure="{r.measure_id}">(.*?)</tr>', page, re.S)
        assert row, r.measure_id
        value = re.search(r'cp-value">([^<]*)<', row[1])
        assert value and value[1].strip() == fmt_value(r.value, r.unit), r.measure_id
        assert f'data-direction="{r.dot_long or ""}"' in row[1]
        if r.dot_long:
            arrow, word = ARROWS[r.dot_long].split(" ", 1)
            assert f'<span aria-hidden="true">{arrow}</span> {word}' in row[1]
        assert f'data-signal="{r.signal or ""}"' in row[1]
        assert "Synthetic" in row[1] and r.synthetic
    api = client.get(f"/api/v1/forces/{WEST_YORKSHIRE}/values?page_size=500").json()
    assert api["period"] == scope.period.label and api["synthetic"] is True
    assert [fields(i) for i in api["items"]] == [fields(r) for r in results]
    cli = cli_json("national", "measures", "--area", "West Yorkshire", db=db_copy)
    assert [fields(i) for i in cli] == [fields(r) for r in results]


def test_every_force_listed_with_its_figure_or_no_data_loaded(
    client: TestClient, national_store: Store, plan: Plan, db_copy: Path
) -> None:
    period = resolve(national_store, plan, None, "latest").period
    results = rate_level(national_store, plan, "all-records-rate", "force", period)
    rows = {row["Force"]: row for row in table_rows(client.get("/national").text, "forces-table")}
    assert len(rows) == 43
    for r in results:
        row = rows[r.area_name]
        if r.area_code in DEMO_FORCES:
            assert row["Rate per 1,000 residents"] == fmt_value(r.value, r.unit)
            assert row["Data"] == "synthetic"
        else:
            assert r.value is None and row["Rate per 1,000 residents"] == ""
            assert row["Note"].startswith("No data loaded") and row["Records loaded"] == "0"
    api = client.get("/api/v1/forces/values").json()
    assert [fields(i) for i in api["items"]] == [fields(r) for r in results]
    cli = cli_json("national", "areas", "--measure", "all-records-rate", db=db_copy)
    assert [fields(i) for i in cli] == [fields(r) for r in results]
    forces = {f["code"]: f for f in client.get("/api/v1/forces").json()}
    assert forces[CUMBRIA]["loaded"] is False and forces[CUMBRIA]["records"] == 0
    loaded = dict(
        national_store.con.execute(
            "SELECT force_code, count(*) FROM police_uk_crimes GROUP BY 1"
        ).fetchall()
    )
    assert {c: f["records"] for c, f in forces.items() if f["loaded"]} == loaded


def test_partnerships_of_a_force_on_every_face(
    client: TestClient, national_store: Store, plan: Plan, db_copy: Path
) -> None:
    period = resolve(national_store, plan, None, "latest").period
    results = rate_level(
        national_store, plan, "all-records-rate", "csp", period, within=WEST_YORKSHIRE
    )
    assert {r.area_name for r in results} == {
        "Bradford",
        "Calderdale",
        "Kirklees",
        "Leeds",
        "Wakefield",
    }
    page = client.get(f"/force/{WEST_YORKSHIRE}").text
    shown = {
        row["Partnership"]: row["Rate per 1,000 residents"] for row in table_rows(page, "csp-table")
    }
    assert shown == {r.area_name: fmt_value(r.value, r.unit) for r in results}
    api = client.get(f"/api/v1/forces/{WEST_YORKSHIRE}/partnerships").json()
    assert [fields(i) for i in api["items"]] == [fields(r) for r in results]
    cli = cli_json(
        "national", "areas", "--measure", "all-records-rate", "--level", "csp",
        "--within", "West Yorkshire", db=db_copy,
    )  # fmt: skip
    assert [fields(i) for i in cli] == [fields(r) for r in results]
    # the partnership's own page: its measures, as the service gives them
    leeds = plan_results(national_store, resolve(national_store, plan, LEEDS, period))
    page = client.get(f"/partnership/{LEEDS}").text
    for r in leeds:
        row = re.search(rf'data-measure="{r.measure_id}">(.*?)</tr>', page, re.S)
        assert row and re.search(r'cp-value">([^<]*)<', row[1])[1].strip() == fmt_value(  # type: ignore[index]
            r.value, r.unit
        )
    api = client.get(f"/api/v1/partnerships/{LEEDS}/values?page_size=500").json()
    assert [fields(i) for i in api["items"]] == [fields(r) for r in leeds]
    assert f'href="/force/{WEST_YORKSHIRE}"' in page


def test_most_similar_forces_with_the_group_definition(
    client: TestClient, national_store: Store, plan: Plan, db_copy: Path
) -> None:
    period = resolve(national_store, plan, None, "latest").period
    frame, definition = compare_similar(
        national_store, plan, "all-records-rate", WEST_YORKSHIRE, period
    )
    expected = json_safe(frame.to_dict("records"))
    api = client.get(f"/api/v1/forces/{WEST_YORKSHIRE}/similar").json()
    assert api["definition"] == definition and "7 forces nearest" in definition
    assert [{k: row[k] for k in expected[0]} for row in api["rows"]] == [
        {k: (int(v) if k == "rank" and v is not None else v) for k, v in row.items()}
        for row in expected
    ]
    cli = cli_json(
        "national", "similar", "--force", "West Yorkshire", "--measure", "all-records-rate",
        db=db_copy,
    )  # fmt: skip
    assert [{k: row[k] for k in expected[0]} for row in cli] == expected
    assert {row["definition"] for row in cli} == {definition}
    page = client.get(f"/force/{WEST_YORKSHIRE}").text
    assert htmllib.escape(definition, quote=False) in page
    shown = {row["Force"]: row for row in table_rows(page, "similar-table")}
    for row in expected:
        cell = shown[row["force"]]["Value"]
        assert cell == ("" if row["value"] is None else fmt_value(row["value"], "rate_per_1000"))
    assert shown["West Yorkshire Police"]["In the comparison"] == "This force"


def test_links_work(client: TestClient) -> None:
    seen: set[str] = set()
    for path in PAGES:
        for href in re.findall(r'href="(/[^"#]*)', client.get(path).text):
            href = htmllib.unescape(href)
            if href.startswith(("/static/", "/docs", "/openapi")) or href in seen:
                continue
            seen.add(href)
    national = [h for h in seen if h.startswith(("/force/", "/partnership/", "/national"))]
    assert len(national) > 20
    for href in sorted(national):
        assert client.get(href).status_code == 200, href


def test_unloaded_force_says_no_data_loaded(client: TestClient) -> None:
    page = client.get(f"/force/{CUMBRIA}").text
    assert 'data-no-data="true"' in page and "No data loaded" in page
    rows = re.findall(r'data-measure="[^"]+">(.*?)</tr>', page, re.S)
    assert rows and all("no data" in row and "cp-synthetic" not in row for row in rows)
    for partnership in Geography.load().of_level("csp", CUMBRIA):
        assert f'href="/partnership/{partnership.code}"' in page


def test_errors_say_what_to_do(client: TestClient) -> None:
    r = client.get(f"/force/{LEEDS}")
    assert r.status_code == 404 and "not a police force" in r.text
    r = client.get("/api/v1/forces/Narnia/values")
    assert r.status_code == 404 and "Narnia" in r.json()["detail"]
    r = client.get(f"/api/v1/forces/{WEST_YORKSHIRE}/values?period=2031-32-Q1")
    assert r.status_code == 404 and "data runs from" in r.json()["detail"]
    r = client.get(f"/api/v1/forces/{WEST_YORKSHIRE}/similar?measure=nonsense")
    assert r.status_code == 404


def test_ingest_synthetic_flag_labels_every_figure(tmp_path: Path) -> None:
    """`crimeplan ingest police-uk --synthetic` marks the files; figures from them say so,
    and the same files ingested without the flag give figures that do not."""
    from crimeplan.synthetic.national import generate_national

    generate_national(tmp_path / "pu", ["2024-01", "2024-02"], rows_per_month=20_000,
                      forces=[WEST_YORKSHIRE])  # fmt: skip
    for flag, expected in ((["--synthetic"], True), ([], False)):
        db = tmp_path / f"store{len(flag)}.duckdb"
        result = CliRunner().invoke(
            cli_app, ["ingest", "police-uk", str(tmp_path / "pu"), *flag, "--db", str(db)]
        )
        assert result.exit_code == 0, result.output
        with Store(db) as store:
            assert store.holds_synthetic_source("police-uk", "police_uk_crimes") is expected
            results = rate_level(store, police_uk_plan(store), "burglary", "force", "2024-01")
            shown = [r for r in results if r.value is not None]
            assert [r.area_code for r in shown] == [WEST_YORKSHIRE]
            assert shown[0].synthetic is expected


@pytest.mark.parametrize("path", API)
def test_api_conforms_to_its_openapi_document(app: FastAPI, path: str) -> None:
    """schemathesis over each England and Wales operation (as tests/web/test_schemathesis.py
    does for the London ones): no server error, only documented statuses and bodies."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    template = path.replace(WEST_YORKSHIRE, "{force}").replace(LEEDS, "{partnership}")
    operation = schema[template]["GET"]
    checks = [
        schemathesis.checks.not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=checks)

    check()


def test_served_as_crimeplan_serve_serves_it(national_store: Store, tmp_path: Path) -> None:
    """Under `crimeplan serve` (read-only store, London figures in a worker process) the
    national pages are computed in the server's process, which knows the national plan."""
    from crimeplan.web.app import serving_app

    national_store.con.execute("CHECKPOINT")
    db = tmp_path / "served.duckdb"
    shutil.copy(national_store.path, db)
    served = serving_app(db, [LONDON_PLAN])
    try:
        client = TestClient(served)
        for path in [*PAGES, *API]:
            assert client.get(path).status_code == 200, path
    finally:
        served.state.figures._worker.close()
