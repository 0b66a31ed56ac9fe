"""The web edge: security headers on every response, sign-in throttling with an audit trail,
upload limits enforced while the body is read, upload types, and hostile uploads through the
real worker process: never a 500, never a server path, the database unchanged on refusal."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import hashlib
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from crimeplan.consult import accounts
from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import init_consultation
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.store.appdb import models as m
from crimeplan.synthetic.consultation import KnownFigures
from crimeplan.web.auth import LoginThrottle
from crimeplan.web.security import ANONYMOUS_BODY_BYTES, SecurityMiddleware

from .conftest import SLUG, sqlite_dump
from .hostile_files import consult_survey_cases
from .test_hostile_files import SERVER_PATH

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(
    tmp_path: Path, loaded: LoadedConsultation, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[FastAPI, str]]:
    """The whole app (dashboard and consultation pages) over a small store."""
    from crimeplan.ingest.mps_crime import ingest_mps_crime
    from crimeplan.web.app import create_app

    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test-secret")
    monkeypatch.setenv("CRIMEPLAN_MAX_UPLOAD_MB", "2")
    store = Store(tmp_path / "store.duckdb")
    ingest_mps_crime(store, ROOT / "tests" / "ingest" / "files" / "mps_borough_good.csv")
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    upgrade(url)
    app = create_app(store=store, app_db_url=url)
    db: AppDB = app.state.consult_db
    init_consultation(db, loaded, "setup")
    for role in accounts.ROLES:
        accounts.add_user(db, f"the-{role}", PASSWORD, role, "setup")
    yield app, url
    app.state.upload_jobs.shutdown()
    db.dispose()
    store.close()


def token_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def sign_in(client: TestClient, user: str, password: str = PASSWORD) -> Any:
    token = token_of(client.get("/consult/login").text)
    return client.post(
        "/consult/login",
        data={"username": user, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def test_security_headers_on_every_response(site: tuple[FastAPI, str]) -> None:
    app, _ = site
    client = TestClient(app)
    for path in (
        "/",
        "/api/v1/plans",
        "/static/app.css",
        "/no-such-page",
        "/openapi.json",
        "/geo/boroughs.geojson",
        "/consult/login",
        "/consult/",
    ):
        response = client.get(path, follow_redirects=False)
        assert response.status_code < 500, path
        h = response.headers
        assert "default-src 'self'" in h["content-security-policy"], path
        assert "frame-ancestors 'none'" in h["content-security-policy"], path
        assert h["x-frame-options"] == "DENY", path
        assert h["x-content-type-options"] == "nosniff", path
        assert h["referrer-policy"] == "strict-origin-when-cross-origin", path
        if path.startswith("/consult"):
            assert h["cache-control"] == "no-store", path
    # The page's inline module script is allowed by its hash, so the policy breaks nothing.
    page = client.get("/methods").text
    inline = re.findall(r'<script type="module">(.*?)</script>', page, flags=re.S)
    policy = client.get("/methods").headers["content-security-policy"]
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_signed_in_pages_with_personal_data_are_not_stored(site: tuple[FastAPI, str]) -> None:
    app, _ = site
    client = TestClient(app)
    assert sign_in(client, "the-analyst").status_code == 303
    for path in ("/consult/", f"/consult/{SLUG}", f"/consult/{SLUG}/written"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store"


def test_sign_in_is_throttled_per_account_with_back_off_and_audited(
    site: tuple[FastAPI, str],
) -> None:
    app, _ = site
    now = [1000.0]
    app.state.login_throttle = LoginThrottle(clock=lambda: now[0])
    client = TestClient(app)
    for _ in range(5):
        assert sign_in(client, "the-viewer", "wrong").status_code == 401
    refused = sign_in(client, "the-viewer")  # the right password, too soon
    assert refused.status_code == 429 and "Too many attempts" in refused.text
    assert int(refused.headers["retry-after"]) == 2
    now[0] += 3
    assert sign_in(client, "the-viewer", "wrong").status_code == 401
    assert int(sign_in(client, "the-viewer").headers["retry-after"]) == 4  # backs off
    now[0] += 5
    assert sign_in(client, "the-viewer").status_code == 303
    with app.state.consult_db.reading() as session:
        actions = [
            (e.action, e.entity_key, (e.after or {}).get("address"))
            for e in session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
            if e.entity == "session"
        ]
    assert actions.count(("login_failed", "the-viewer", "testclient")) == 6
    assert actions.count(("login_refused", "the-viewer", "testclient")) == 2
    assert actions[-1][0] == "login"


def test_sign_in_is_throttled_per_address() -> None:
    now = [0.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for i in range(20):
        throttle.failed(f"user-{i}", "10.0.0.1")
    assert throttle.wait_seconds("someone-else", "10.0.0.1") > 0
    assert throttle.wait_seconds("someone-else", "10.0.0.2") == 0
    now[0] += 1000  # the window has passed
    assert throttle.wait_seconds("someone-else", "10.0.0.1") == 0


def _asgi_post(
    middleware: SecurityMiddleware, headers: list[tuple[bytes, bytes]], chunks: int
) -> tuple[int, int]:
    """POST through the middleware alone: (status, body chunks it read)."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 65536, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": f"/consult/{SLUG}/upload/survey",
        "headers": headers,
    }
    # In a thread of its own: a browser test on the same worker may hold a running event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result()
    return sent[0]["status"], read


def test_anonymous_big_posts_are_refused_before_the_body_is_read() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    middleware = SecurityMiddleware(app)
    declared = [(b"content-length", str(300 << 20).encode())]
    assert _asgi_post(middleware, declared, 4800) == (413, 0)  # 300 MB declared: none read
    # No length declared (chunked): cut off once past the limit, not after 300 MB.
    status, read = _asgi_post(middleware, [], 4800)
    assert status == 413 and read == ANONYMOUS_BODY_BYTES // 65536 + 1
    assert _asgi_post(middleware, [], 1) == (200, 1)


def test_upload_limits_by_size_and_type(site: tuple[FastAPI, str]) -> None:
    app, _ = site
    anonymous = TestClient(app)
    response = anonymous.post(
        f"/consult/{SLUG}/upload/survey", files={"export": ("s.csv", b"x" * (300 << 10))}
    )
    assert response.status_code == 413 and "Sign in" in response.text
    analyst = TestClient(app)
    sign_in(analyst, "the-analyst")
    token = token_of(analyst.get(f"/consult/{SLUG}/upload").text)
    big = analyst.post(
        f"/consult/{SLUG}/upload/survey",
        data={"csrf_token": token},
        files={"export": ("survey.csv", b"x" * (3 << 20))},  # over the 2 MB set for the test
    )
    assert big.status_code == 413
    wrong = analyst.post(
        f"/consult/{SLUG}/upload/survey",
        data={"csrf_token": token},
        files={"export": ("survey.exe", b"MZ")},
    )
    assert wrong.status_code == 400 and "not a file this form takes" in wrong.text
    sneaky = analyst.post(
        f"/consult/{SLUG}/upload/written",
        data={"csrf_token": token},
        files=[("files", ("../../manifest.sh", b"#!"))],
    )
    assert sneaky.status_code == 400 and not SERVER_PATH.search(sneaky.text)


def test_hostile_uploads_through_the_web(
    site: tuple[FastAPI, str], synthetic: tuple[Path, KnownFigures], tmp_path: Path
) -> None:
    """Every hostile survey export through the upload form and the worker process."""
    app, url = site
    folder, _ = synthetic
    client = TestClient(app)
    sign_in(client, "the-analyst")
    token = token_of(client.get(f"/consult/{SLUG}/upload").text)
    cases = consult_survey_cases(folder / "survey.csv", folder / "survey.xlsx")
    seen = {"done": 0, "failed": 0}
    for case in cases:
        path = case.build(tmp_path)
        app.state.consult_db.engine.dispose()
        before = sqlite_dump(url)
        response = client.post(
            f"/consult/{SLUG}/upload/survey",
            data={"csrf_token": token},
            files={"export": (path.name, path.read_bytes())},
            follow_redirects=False,
        )
        assert response.status_code in (303, 400), (case.id, response.status_code)
        if response.status_code == 303:
            job = app.state.upload_jobs.wait(response.headers["location"].split("job=")[1])
            page = client.get(response.headers["location"])
            assert page.status_code == 200, case.id
            seen[job.state] += 1
            if job.state == "failed":
                assert "\n" not in job.message and job.message in html.unescape(page.text)
                assert not SERVER_PATH.search(job.message), job.message
                app.state.consult_db.engine.dispose()
                assert sqlite_dump(url) == before, case.id
            assert (job.state == "done") == (case.expect == "loaded") or case.expect == "either"
        assert "Traceback" not in response.text
    assert seen["done"] >= 5 and seen["failed"] >= 10
