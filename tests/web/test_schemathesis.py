"""Property-based API tests from the OpenAPI document (schemathesis, in-process ASGI): no
request the schema allows may get a server error or a status the document does not list.

schemathesis's pytest plugin (`from_fixture`) does not run under pytest 9.2 (it sets a
node attribute pytest no longer has), so each operation's hypothesis strategy is driven here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crimeplan.store import Store
from crimeplan.web.app import create_app

LONDON_PLAN = Path(__file__).resolve().parents[2] / "plans" / "london-2021-25.yaml"
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(demo_store: Store) -> schemathesis.schemas.BaseSchema:
    app = create_app(plan_paths=[LONDON_PLAN], store=demo_store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(
    "path", ["/api/v1/plans", "/api/v1/measures", "/api/v1/areas", "/api/v1/values"]
)
def test_api_conforms_to_its_openapi_document(
    api_schema: schemathesis.schemas.BaseSchema, path: str
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=60 if path.endswith("values") else 25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    check()
