"""The store: atomic transactions, data version, and Ibis after a half-read result."""

from __future__ import annotations

import pytest

from crimeplan.measures.counts import counts
from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store


def test_half_read_result_does_not_block_the_engine(demo_store: Store, london_plan: Plan) -> None:
    """DuckDB 2 refuses Ibis work while rows of an earlier execute() are unread."""
    demo_store.con.execute("SELECT * FROM mps_crime").fetchone()
    assert len(counts(demo_store, ["borough"], "mps-crime")) > 30
    demo_store.con.execute("SELECT * FROM mps_crime").fetchone()
    assert rate_plan(demo_store, london_plan, "Havering", "2024-25-Q1")


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    version = store.data_version
    with pytest.raises(RuntimeError), store.transaction() as con:
        con.execute("INSERT INTO meta VALUES ('x', 'y')")
        raise RuntimeError("boom")
    assert store.con.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone() == (0,)
    assert store.data_version == version
    with store.transaction() as con:
        con.execute("INSERT INTO meta VALUES ('x', 'y')")
    assert store.data_version == version + 1
