"""/consult/ID/themes: analysts read themes with counts, quotes and agreement, recode, merge,
split and blind-code; every change is in the audit log; viewers are refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from crimeplan.consult import accounts
from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.text.analysis import analyse
from crimeplan.consult.text.embed import HashedWordsEmbedder
from crimeplan.consult.text.synthetic import (
    CODEBOOK_2017,
    load_themed_consultation,
    write_themed_consultation,
)
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.store.appdb.themes import Segment, Theme
from crimeplan.web.consult import install_consult

SLUG = "london-2017-draft-plan"
PASSWORD = "correct horse battery"


@pytest.fixture
def app(
    app_db_url: str, loaded: LoadedConsultation, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[FastAPI]:
    monkeypatch.setenv("CRIMEPLAN_SECRET_KEY", "test-secret")
    monkeypatch.setenv("CRIMEPLAN_EMBEDDER", "hashed")
    application = FastAPI()
    install_consult(application, app_db_url=app_db_url)
    db: AppDB = application.state.consult_db
    write_themed_consultation(tmp_path, respondents=60, letters=2)
    load_themed_consultation(db, loaded, tmp_path)
    analyse(db, None, HashedWordsEmbedder(), codebook=CODEBOOK_2017)
    for role in ("viewer", "analyst"):
        accounts.add_user(db, f"the-{role}", PASSWORD, role, "setup")
    yield application
    db.dispose()


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _client(app: FastAPI, role: str) -> TestClient:
    client = TestClient(app)
    token = _token(client.get("/consult/login").text)
    client.post(
        "/consult/login",
        data={"username": f"the-{role}", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    return client


def test_viewers_are_refused_and_analysts_see_the_themes(app: FastAPI) -> None:
    assert _client(app, "viewer").get(f"/consult/{SLUG}/themes").status_code == 403
    page = _client(app, "analyst").get(f"/consult/{SLUG}/themes")
    assert page.status_code == 200
    assert "Respondents per theme" in page.text and "Violence against women and girls" in page.text
    assert "No analyst has blind-coded a sample yet" in page.text
    assert _client(app, "analyst").get(f"/consult/{SLUG}/themes/theme/burglary").status_code == 200


def test_recode_merge_split_and_blind_coding_are_audited(app: FastAPI) -> None:
    client = _client(app, "analyst")
    db: AppDB = app.state.consult_db
    with db.reading() as session:
        segment = session.scalars(select(Segment).order_by(Segment.id)).first()
        assert segment is not None
        burglary = [s.id for s in session.scalars(select(Segment)) if "burgl" in s.text.lower()][:2]
    token = _token(client.get(f"/consult/{SLUG}/themes").text)
    posts = [
        ("recode", {"segment_id": segment.id, "themes": ["drugs", "asb"], "stance": "concern"}),
        ("merge", {"source": "asb", "target": "drugs"}),
        (
            "split",
            {"key": "burglary", "new_key": "sheds", "new_label": "Sheds", "segment_ids": burglary},
        ),
        ("blind/sample", {"n": 3}),
        ("retrain", {}),
    ]
    for path, data in posts:
        response = client.post(
            f"/consult/{SLUG}/themes/{path}",
            data={**data, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code == 303, (path, response.text)
    blind = client.get(f"/consult/{SLUG}/themes/blind").text
    assert "Save and next" in blind and "confidence" not in blind  # the machine's codes are hidden
    sid = re.search(r'name="segment_id" value="(\d+)"', blind)
    assert sid
    response = client.post(
        f"/consult/{SLUG}/themes/blind",
        data={"segment_id": sid.group(1), "themes": ["drugs"], "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    refused = client.post(f"/consult/{SLUG}/themes/merge", data={"source": "x", "target": "y"})
    assert refused.status_code == 403  # no CSRF token
    with db.reading() as session:
        actions = [
            e.action for e in session.scalars(
                select(m.AuditEntry).where(m.AuditEntry.actor == "the-analyst").order_by(m.AuditEntry.id)
            )
        ]  # fmt: skip
        active = {t.key for t in session.scalars(select(Theme).where(Theme.active.is_(True)))}
    assert actions[-6:] == ["recode", "merge", "add", "split", "sample", "blind-code"]
    assert "asb" not in active and "sheds" in active
    page = client.get(f"/consult/{SLUG}/themes").text
    assert "Cohen&#39;s kappa" in page or "Cohen's kappa" in page
