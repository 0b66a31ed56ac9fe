"""The statistical signal stands beside the RAG rating on the overview (issue 5)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store


def test_overview_shows_each_count_measures_signal(
    client: TestClient, demo_store: Store, london_plan: Plan
) -> None:
    html = client.get("/", params={"period": "2025-26-Q2"}).text
    assert "Statistical signal" in html
    for r in rate_plan(demo_store, london_plan, "London", "2025-26-Q2"):
        if r.signal_sentence is None:
            continue
        row = re.search(rf'data-measure="{r.measure_id}".*?</tr>', html, re.S)
        assert row is not None, r.measure_id
        assert (r.signal or "").replace("_", " ") in row.group(0)
        assert r.signal_sentence.split(" (")[0] in row.group(0).replace("&#39;", "'")
