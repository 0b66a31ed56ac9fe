"""install_consult: the secret key, and its error pages beside the main app's own."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from crimeplan.consult import accounts
from crimeplan.errors import CrimeplanError
from crimeplan.web.auth import secret_key
from crimeplan.web.consult import install_consult

PASSWORD = "correct horse battery"


def test_a_generated_secret_is_kept_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRIMEPLAN_SECRET_KEY", raising=False)
    monkeypatch.setenv("CRIMEPLAN_SECRET_FILE", str(tmp_path / "var" / "secret_key"))
    first = secret_key()
    assert len(first) >= 48
    assert stat.S_IMODE((tmp_path / "var" / "secret_key").stat().st_mode) == 0o600
    assert secret_key() == first
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "from-env")
    assert secret_key() == "from-env"


def _signed_in(app: FastAPI) -> TestClient:
    accounts.add_user(app.state.consult_db, "viewer1", PASSWORD, "viewer", "setup")
    client = TestClient(app)
    page = client.get("/consult/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/consult/login", data={"username": "viewer1", "password": PASSWORD, "csrf_token": token}
    )
    return client


def test_unknown_consultation_is_a_404_error_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test")
    app = FastAPI()
    install_consult(app, app_db_url=f"sqlite:///{tmp_path / 'app.sqlite'}")
    response = _signed_in(app).get("/consult/no-such-thing")
    assert response.status_code == 404
    assert 'class="govuk-error-summary"' in response.text
    assert "no consultation &#39;no-such-thing&#39;" in response.text


def test_the_main_apps_error_handler_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test")
    app = FastAPI()

    @app.exception_handler(CrimeplanError)
    def main_handler(_request: Request, exc: CrimeplanError) -> PlainTextResponse:
        return PlainTextResponse(f"main: {exc}", status_code=418)

    install_consult(app, app_db_url=f"sqlite:///{tmp_path / 'app.sqlite'}")
    response = _signed_in(app).get("/consult/no-such-thing")
    assert (response.status_code, response.text[:6]) == (418, "main: ")
