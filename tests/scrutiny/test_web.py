"""The register on the web: public pages and API without private names, analysts' edits with
CSRF, audit, and a concurrent edit refused with a clear message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crimeplan.consult import accounts
from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import init_consultation
from crimeplan.scrutiny.files import read_register, read_register_csv
from crimeplan.scrutiny.register import import_records
from crimeplan.store.appdb import AppDB
from crimeplan.web.consult import install_consult
from crimeplan.web.scrutiny import install_register

REGISTER = Path(__file__).resolve().parents[2] / "registers" / "london-register.yaml"
PASSWORD = "correct horse battery"
PLANTED_NAME = "Ottilie Brackenridge-Moss"
PLANTED = [PLANTED_NAME, "ottilie.bm@example.org", "07700 900461"]
PRIVATE_CSV = (
    "number,text,respondent_category,organisation,source_file\n"
    f'1,"I, {PLANTED_NAME}, ask that burglary victims get a visit; write to {PLANTED[1]} '
    f'or {PLANTED[2]}",private_individual,{PLANTED_NAME},response-03.txt\n'
)


@pytest.fixture
def app(app_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test-secret")
    application = FastAPI()
    install_consult(application, app_db_url=app_db_url)
    install_register(application)
    db: AppDB = application.state.consult_db
    import_records(db, read_register(REGISTER), REGISTER.name, "setup")
    import_records(db, read_register_csv("extracted.csv", PRIVATE_CSV.encode()), "x", "setup")
    for role in ("viewer", "analyst"):
        accounts.add_user(db, f"the-{role}", PASSWORD, role, "setup")
    yield application
    db.dispose()


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"(?: id="[^"]*")? value="([^"]*)"', page)
    assert found, f"no {name} field"
    return found.group(1)


def _client(app: FastAPI, role: str) -> TestClient:
    client = TestClient(app)
    token = _field(client.get("/consult/login").text, "csrf_token")
    r = client.post(
        "/consult/login",
        data={"username": f"the-{role}", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return client


def test_public_pages_and_api_list_recommendations_without_private_names(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/recommendations")
    assert page.status_code == 200
    assert "Recommendation" in page.text and "Green Party group on the London Assembly" in page.text
    api = client.get("/api/v1/recommendations").json()
    assert len(api) == 42
    private = next(x for x in api if x["body"] == "Private individuals (not named)")
    detail = client.get(f"/recommendations/{private['id']}")
    assert detail.status_code == 200 and "burglary victims get a visit" in detail.text
    one = client.get(f"/api/v1/recommendations/{private['id']}")
    pages = [page.text, detail.text, one.text, client.get("/api/v1/recommendations").text]
    pages += [client.get(f"/recommendations/{x['id']}").text for x in api[:5]]
    for body in pages:
        for item in PLANTED:
            assert item not in body
    assert client.get("/api/v1/recommendations/999999").status_code == 404
    assert client.get("/api/v1/recommendations/99999999999999999999").status_code == 422
    schema = client.get("/openapi.json").json()
    assert "/api/v1/recommendations" in schema["paths"]
    assert "/api/v1/recommendations/{rec_id}" in schema["paths"]


def test_filters_by_body_response_and_overdue(app: FastAPI) -> None:
    client = TestClient(app)
    noted = client.get("/api/v1/recommendations", params={"response": "noted"}).json()
    assert noted and all(x["response"] == "noted" for x in noted)
    overdue = client.get("/api/v1/recommendations", params={"status": "overdue"}).json()
    assert overdue and all(x["overdue"] for x in overdue)
    lambeth = client.get("/api/v1/recommendations", params={"body": "lambeth-snb"}).json()
    assert len(lambeth) == 9


def test_concurrent_web_edits_are_refused_with_a_clear_message(app: FastAPI) -> None:
    alice, bob = _client(app, "analyst"), _client(app, "analyst")
    rec = TestClient(app).get("/api/v1/recommendations", params={"body": "lambeth-snb"}).json()[6]
    url = f"/consult/register/{rec['id']}/edit"
    form_a, form_b = alice.get(url).text, bob.get(url).text
    base = {"status": "in_progress", "due": "2027-07-31", "theme": "Young people"}
    first = alice.post(
        url,
        data={
            **base,
            "owner": "Alice's team",
            "version": _field(form_a, "version"),
            "csrf_token": _field(form_a, "csrf_token"),
        },
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = bob.post(
        url,
        data={
            **base,
            "owner": "Bob's team",
            "version": _field(form_b, "version"),
            "csrf_token": _field(form_b, "csrf_token"),
        },
    )
    assert second.status_code == 409
    assert (
        "was changed by the-analyst" in second.text and "your changes were not saved" in second.text
    )
    assert "Alice&#39;s team" in second.text or "Alice's team" in second.text  # the fresh form
    after = TestClient(app).get(f"/api/v1/recommendations/{rec['id']}").json()
    assert after["owner"] == "Alice's team" and after["status"] == "in_progress"


def test_edits_need_an_analyst_and_the_csrf_token(app: FastAPI) -> None:
    rec = TestClient(app).get("/api/v1/recommendations").json()[0]
    url = f"/consult/register/{rec['id']}/edit"
    assert _client(app, "viewer").get(url).status_code == 403
    analyst = _client(app, "analyst")
    form = analyst.get(url).text
    refused = analyst.post(url, data={"status": "open", "version": _field(form, "version")})
    assert refused.status_code == 403
    anonymous = TestClient(app).get(url, follow_redirects=False)
    assert anonymous.status_code == 303 and "/consult/login" in anonymous.headers["location"]


def test_officers_edit_you_said_we_did_and_a_stale_edit_is_refused(
    app: FastAPI, loaded: LoadedConsultation
) -> None:
    db: AppDB = app.state.consult_db
    init_consultation(db, loaded, "setup")
    url = "/consult/london-2017-draft-plan/you-said-we-did"
    alice, bob = _client(app, "analyst"), _client(app, "analyst")
    page_a, page_b = alice.get(url), bob.get(url)
    assert page_a.status_code == 200 and "Visible and local policing" in page_a.text
    post = f"{url}/victims"
    data = {"you_said": "You said: support.", "we_did": "We did: visits.", "version": ""}
    first = alice.post(
        post, data={**data, "csrf_token": _field(page_a.text, "csrf_token")}, follow_redirects=False
    )
    assert first.status_code == 303
    second = bob.post(
        post, data={**data, "you_said": "Bob", "csrf_token": _field(page_b.text, "csrf_token")}
    )
    assert second.status_code == 409 and "your changes were not saved" in second.text
    assert "You said: support." in alice.get(url).text
    assert TestClient(app).get(url, follow_redirects=False).status_code == 303  # sign in first


def test_public_page_shows_a_linked_measures_current_rag(
    app_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crimeplan.ingest.values import ingest_values
    from crimeplan.store import Store
    from crimeplan.web.app import create_app

    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test-secret")
    root = Path(__file__).resolve().parents[2]
    store = Store(tmp_path / "s.duckdb")
    ingest_values(store, root / "plans" / "values" / "havering-2016-17.csv")
    app = create_app(
        plan_paths=[root / "plans" / "havering-2016-17.yaml"], store=store, app_db_url=app_db_url
    )
    db: AppDB = app.state.consult_db
    import_records(db, read_register(REGISTER), REGISTER.name, "setup")
    client = TestClient(app)
    rows = client.get("/api/v1/recommendations", params={"body": "havering-crime-disorder"}).json()
    asb = next(r for r in rows if r["number"] == "1")
    one = client.get(f"/api/v1/recommendations/{asb['id']}").json()
    (link,) = one["links"]
    # The Havering report rates ASB Red at Q3 2016/17, the latest quarter of these figures.
    assert (link["target"], link["period"], link["rag"]) == ("asb-incidents", "2016-17-Q3", "red")
    page = client.get(f"/recommendations/{asb['id']}").text
    assert 'data-rag="red"' in page and "Red" in page
    db.dispose()
    store.close()
