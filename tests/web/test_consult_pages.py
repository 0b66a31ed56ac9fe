"""The /consult/ pages: who may see and do what, CSRF, the audit log, and no personal data in
any page or exported file. Runs on SQLite and on a PostgreSQL 15 server started here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from crimeplan.consult import accounts
from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import init_consultation
from crimeplan.consult.summary import FORMATS, consultation_summary, format_summary
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.synthetic.consultation import KnownFigures
from crimeplan.web.consult import install_consult

ROOT = Path(__file__).resolve().parents[2]
SLUG = "london-2017-draft-plan"
PASSWORD = "correct horse battery"


@pytest.fixture
def app(
    app_db_url: str, loaded: LoadedConsultation, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FastAPI]:
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test-secret")
    application = FastAPI()
    install_consult(application, app_db_url=app_db_url)
    db: AppDB = application.state.consult_db
    init_consultation(db, loaded, "setup")
    for role in accounts.ROLES:
        accounts.add_user(db, f"the-{role}", PASSWORD, role, "setup")
    yield application
    db.dispose()


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def _client(app: FastAPI, role: str | None) -> TestClient:
    client = TestClient(app)
    if role is not None:
        token = _token(client.get("/consult/login").text)
        response = client.post(
            "/consult/login",
            data={"username": f"the-{role}", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
    return client


def finished_upload(client: TestClient, response: Response) -> Response:
    """The upload page once the worker has finished the job the POST started."""
    assert response.status_code == 303, response.text
    target = response.headers["location"]
    job = target.split("job=")[1]
    client.app.state.upload_jobs.wait(job)  # type: ignore[attr-defined]
    return client.get(target)


def _upload_all(client: TestClient, folder: Path) -> None:
    token = _token(client.get(f"/consult/{SLUG}/upload").text)
    with (folder / "survey.xlsx").open("rb") as fh:
        response = client.post(
            f"/consult/{SLUG}/upload/survey",
            data={"csrf_token": token},
            files={"export": ("survey.xlsx", fh.read())},
            follow_redirects=False,
        )
    response = finished_upload(client, response)
    assert response.status_code == 200 and "Loaded survey.xlsx" in response.text, response.text
    files = [("files", (p.name, p.read_bytes())) for p in sorted((folder / "written").iterdir())]
    response = client.post(
        f"/consult/{SLUG}/upload/written",
        data={"csrf_token": token},
        files=files,
        follow_redirects=False,
    )
    response = finished_upload(client, response)
    assert response.status_code == 200 and "Loaded" in response.text, response.text


READ_PAGES = [
    "/consult/",
    f"/consult/{SLUG}",
    f"/consult/{SLUG}/summary.csv",
    f"/consult/{SLUG}/summary.json",
]
ANALYST_PAGES = [f"/consult/{SLUG}/written", f"/consult/{SLUG}/upload"]
ADMIN_PAGES = ["/consult/users", "/consult/audit"]


def _get_routes(app: FastAPI) -> list[str]:
    """Every GET page under /consult/ with its path parameters filled in."""
    # Every route the app holds, those of included routers too (the consultation pages are
    # HTML, kept out of the public API's OpenAPI document).
    from fastapi.routing import APIRoute

    from crimeplan.web.consult import router

    assert app.state.consult_db is not None  # the router is installed in this app
    return sorted(
        {
            route.path.replace("{slug}", SLUG)
            for route in router.routes
            if isinstance(route, APIRoute) and "GET" in route.methods
        }
    )


def test_the_page_lists_cover_every_route(app: FastAPI) -> None:
    assert sorted(_get_routes(app)) == sorted(
        [*READ_PAGES, *ANALYST_PAGES, *ADMIN_PAGES, "/consult/login"]
    )


def test_anonymous_users_are_sent_to_sign_in(app: FastAPI) -> None:
    client = _client(app, None)
    for path in [*READ_PAGES, *ANALYST_PAGES, *ADMIN_PAGES]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/consult/login?next=/consult"), path
    token = _token(client.get("/consult/login").text)
    response = client.post(
        "/consult/users",
        data={"csrf_token": token, "username": "intruder", "password": PASSWORD, "role": "admin"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "intruder" not in _usernames(app)


def _usernames(app: FastAPI) -> set[str]:
    with app.state.consult_db.reading() as session:
        return set(session.scalars(select(m.User.username)))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("viewer", READ_PAGES),
        ("analyst", READ_PAGES + ANALYST_PAGES),
        ("admin", READ_PAGES + ANALYST_PAGES + ADMIN_PAGES),
    ],
)
def test_each_role_sees_only_its_pages(app: FastAPI, role: str, allowed: list[str]) -> None:
    client = _client(app, role)
    for path in [*READ_PAGES, *ANALYST_PAGES, *ADMIN_PAGES]:
        status = client.get(path).status_code
        assert status == (200 if path in allowed else 403), (role, path, status)


def test_viewers_cannot_upload_and_analysts_cannot_manage_users(
    app: FastAPI, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, _ = synthetic
    viewer = _client(app, "viewer")
    token = _token(viewer.get("/consult/").text)
    response = viewer.post(
        f"/consult/{SLUG}/upload/survey",
        data={"csrf_token": token},
        files={"export": ("survey.csv", (folder / "survey.csv").read_bytes())},
    )
    assert response.status_code == 403
    analyst = _client(app, "analyst")
    token = _token(analyst.get("/consult/").text)
    response = analyst.post(
        "/consult/users/the-viewer/role", data={"csrf_token": token, "role": "admin"}
    )
    assert response.status_code == 403
    with app.state.consult_db.reading() as session:
        assert (
            session.scalar(select(m.User.role).where(m.User.username == "the-viewer")) == "viewer"
        )
        assert session.scalar(select(m.Respondent.id)) is None


def test_a_post_without_its_csrf_token_is_refused(app: FastAPI) -> None:
    admin = _client(app, "admin")
    form = {"username": "newcomer", "password": PASSWORD, "role": "viewer"}
    assert admin.post("/consult/users", data=form).status_code == 403
    assert admin.post("/consult/users", data={**form, "csrf_token": "guess"}).status_code == 403
    assert "newcomer" not in _usernames(app)
    fresh = TestClient(app)
    response = fresh.post("/consult/login", data={"username": "the-admin", "password": PASSWORD})
    assert response.status_code == 403
    token = _token(admin.get("/consult/users").text)
    assert admin.post("/consult/users", data={**form, "csrf_token": token}).status_code == 200
    assert "newcomer" in _usernames(app)


def test_signing_out_or_disabling_ends_the_session(app: FastAPI) -> None:
    viewer = _client(app, "viewer")
    cookies = dict(viewer.cookies)
    token = _token(viewer.get("/consult/").text)
    viewer.post("/consult/logout", data={"csrf_token": token})
    replay = TestClient(app, cookies=cookies)
    assert replay.get("/consult/", follow_redirects=False).status_code == 303
    analyst = _client(app, "analyst")
    admin = _client(app, "admin")
    token = _token(admin.get("/consult/users").text)
    admin.post("/consult/users/the-analyst/active", data={"csrf_token": token, "active": "no"})
    assert analyst.get("/consult/", follow_redirects=False).status_code == 303


def test_every_edit_is_in_the_audit_log(app: FastAPI, synthetic: tuple[Path, KnownFigures]) -> None:
    folder, _ = synthetic
    analyst = _client(app, "analyst")
    _upload_all(analyst, folder)
    admin = _client(app, "admin")
    token = _token(admin.get("/consult/users").text)
    admin.post(
        "/consult/users",
        data={"csrf_token": token, "username": "temp", "password": PASSWORD, "role": "viewer"},
    )
    admin.post("/consult/users/temp/role", data={"csrf_token": token, "role": "analyst"})
    admin.post("/consult/users/temp/active", data={"csrf_token": token, "active": "no"})
    with app.state.consult_db.reading() as session:
        entries = list(session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)))
    edits = [
        (e.actor, e.action, e.entity, e.entity_key, e.before, e.after)
        for e in entries
        if e.action not in ("login", "logout")
    ]
    assert edits[-5:-3] == [
        (e.actor, e.action, e.entity, e.entity_key, e.before, e.after)
        for e in entries
        if e.entity in ("survey_export", "written_responses")
    ]
    assert [(a, b, c, d) for a, b, c, d, _, _ in edits[-5:]] == [
        ("the-analyst", "ingest", "survey_export", "survey.xlsx"),
        ("the-analyst", "ingest", "written_responses", "written"),
        ("the-admin", "create", "user", "temp"),
        ("the-admin", "update", "user", "temp"),
        ("the-admin", "update", "user", "temp"),
    ]
    assert edits[-2][4:] == ({"role": "viewer"}, {"role": "analyst"})
    assert edits[-1][4:] == ({"active": True}, {"active": False})
    page = admin.get("/consult/audit").text
    assert page.count("the-admin") >= 3 and "survey.xlsx" in page


def test_no_planted_personal_data_in_any_page_or_export(
    app: FastAPI, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, known = synthetic
    admin = _client(app, "admin")
    _upload_all(admin, folder)
    assert len(known.planted) > 100
    outputs: dict[str, str] = {}
    for path in _get_routes(app):
        response = admin.get(path)
        assert response.status_code == 200, path
        outputs[path] = response.text
    with app.state.consult_db.reading() as session:
        summary = consultation_summary(session, SLUG)
    for fmt in FORMATS:
        outputs[f"summary --format {fmt}"] = format_summary(summary, fmt)
    assert "[email]" in outputs[f"/consult/{SLUG}/written"]  # the redacted text is on the page
    leaks = {
        where: [item for item in known.planted if item.casefold() in text.casefold()]
        for where, text in outputs.items()
    }
    assert {where: found for where, found in leaks.items() if found} == {}
