"""The dashboard over the embedded Met tables (the `demo_store` fixture) and the London plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crimeplan.store import Store
from crimeplan.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
LONDON_PLAN = ROOT / "plans" / "london-2021-25.yaml"


@pytest.fixture(scope="session")
def app(demo_store: Store) -> FastAPI:
    return create_app(plan_paths=[LONDON_PLAN], store=demo_store)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)
