"""The same numbers get the same verdict whatever else is loaded: the signal's inputs are
exactly the 36 months before the period tested (noise model) and the 24 months ending with it
(SPC chart); with less, the cell says it is not testable and why (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store

PERIOD = "2025-26-Q2"  # rated on the year to date, April to September 2025
AREAS = ("London", "Hounslow", "Havering")


def _store_from(path: Path, first_month: str) -> Store:
    store = Store(path)
    ingest_mps_crime(store, data_dir() / "mps")
    store.con.execute("DELETE FROM mps_crime WHERE month < ?", [f"{first_month}-01"])
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    folder = tmp_path_factory.mktemp("history")
    made = {
        "exactly the inputs": _store_from(folder / "a.duckdb", "2022-04"),
        "two years": _store_from(folder / "b.duckdb", "2023-10"),
    }
    yield made
    for s in made.values():
        s.close()


def _signals(store: Store, plan: Plan, area: str) -> dict[str, tuple[object, ...]]:
    return {
        r.measure_id: (r.signal, r.signal_sentence, r.extra.get("signal"))
        for r in rate_plan(store, plan, area, PERIOD)
        if r.unit == "count" and r.signal is not None
    }


@pytest.mark.slow
def test_more_history_never_changes_a_verdict(
    demo_store: Store, stores: dict[str, Store], london_plan: Plan
) -> None:
    """Fifteen years loaded or exactly the 36 months the model uses: identical verdicts,
    sentences and figures, for every count measure and area."""
    for area in AREAS:
        full = _signals(demo_store, london_plan, area)
        cut = _signals(stores["exactly the inputs"], london_plan, area)
        assert full and full == cut, area
        assert all(code != "not_testable" for code, _, _ in full.values())


@pytest.mark.slow
def test_too_little_history_is_not_testable_never_another_test(
    stores: dict[str, Store], london_plan: Plan
) -> None:
    """With two years loaded (the Met's usual download) no cell falls back to a plain Poisson
    test: each says what it needs."""
    for area in AREAS:
        for code, sentence, extra in _signals(stores["two years"], london_plan, area).values():
            assert code == "not_testable"
            assert isinstance(sentence, str)
            assert "needs 36 months of history before the period, 18 loaded" in sentence
            assert isinstance(extra, dict) and extra["change"]["method"] == "quasi-poisson-seasonal"
