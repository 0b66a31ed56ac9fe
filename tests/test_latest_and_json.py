"""`latest` follows the plan's main source, `counts` says when a year is partial, and every
`--format json` output is strict JSON (issue 11's defects)."""

from __future__ import annotations

import doctest
import importlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.latest import latest_complete
from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.store import Store

ROOT = Path(__file__).resolve().parents[1]


def strict_loads(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def ahead(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Store]]:
    """The Met's borough tables, and a ward table that runs three months past them (as the
    Met's ward table sometimes does): the ward rows of the last borough months, moved on."""
    path = tmp_path_factory.mktemp("ahead") / "ahead.duckdb"
    store = Store(path)
    for name in ("recorded-crime-borough-historical.csv.gz", "recorded-crime-borough.csv.gz"):
        ingest_mps_crime(store, data_dir() / "mps" / name)
    store.con.execute(
        """
        INSERT INTO mps_crime
        SELECT 'ward', 'E05013500', 'A ward', area_code, offence_group, offence,
               month + INTERVAL 3 MONTH, count, file_id
        FROM mps_crime
        WHERE level = 'borough' AND area_code = 'E09000016'
          AND month > (SELECT max(month) FROM mps_crime) - INTERVAL 3 MONTH
        """
    )
    yield path, store
    store.close()


def test_latest_is_the_borough_tables_last_quarter(
    ahead: tuple[Path, Store], london_plan: Plan
) -> None:
    _path, store = ahead
    (borough_last, last) = store.con.execute(
        "SELECT max(month) FILTER (level = 'borough'), max(month) FROM mps_crime"
    ).fetchone() or (None, None)
    assert last > borough_last  # the ward table runs ahead
    latest = latest_complete(store, london_plan)
    assert latest.last_month == date(borough_last.year, borough_last.month, 1)
    assert latest.period.end == latest.last_month or latest.period.end < latest.last_month
    assert "borough table" in latest.sentence and "ward table runs to" in latest.sentence
    results = rate_plan(store, london_plan, "London", "latest")
    assert results[0].period == latest.period.label
    # the London and borough figures are there, not blank
    assert sum(r.value is not None for r in results) >= 10
    assert any(r.value is not None for r in rate_plan(store, london_plan, "Havering", "latest"))


def run(db: Path, *args: str) -> str:
    from crimeplan import cli

    result = CliRunner().invoke(cli.app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_json_output_is_strict_json(ahead: tuple[Path, Store]) -> None:
    path, _store = ahead
    plan = str(ROOT / "plans" / "london-2021-25.yaml")
    outputs = [
        run(path, "measures", "--plan", plan, "--area", "London", "--format", "json"),
        run(path, "measures", "--plan", plan, "--area", "City of London", "--format", "json"),
        run(path, "counts", "--source", "mps-crime", "--by", "borough,quarter", "--format", "json"),
        run(path, "revisions", "--format", "json"),
        run(path, "reconcile", "--month", "2024-06", "--format", "json"),
    ]
    for text in outputs:
        strict_loads(text)
    records = strict_loads(outputs[0])
    assert len(records) == len(json.loads(outputs[0]))
    assert "NaN" not in "".join(outputs) and "Infinity" not in "".join(outputs)


def test_counts_say_when_a_year_is_partial(ahead: tuple[Path, Store]) -> None:
    path, store = ahead
    (last,) = store.con.execute(
        "SELECT max(month) FROM mps_crime WHERE level = 'borough'"
    ).fetchone() or (None,)
    rows = strict_loads(
        run(path, "counts", "--source", "mps-crime", "--by", "financial-year", "--format", "json")
    )
    labels = [r["financial_year"] for r in rows]
    assert labels[0] == "2010-11"  # as the Met and the plan write it
    whole = [lbl for lbl in labels if "months" not in lbl]
    partial = [lbl for lbl in labels if "months" in lbl]
    if last.month != 3:  # the data ends inside a financial year
        assert len(partial) == 1 and partial[0].startswith(labels[-1][:7])
        assert f"to {last:%B %Y}" in partial[0]
    assert all(len(lbl) == 7 for lbl in whole)


@pytest.mark.parametrize(
    "name", ["crimeplan.periods", "crimeplan.publish.commentary", "crimeplan.consult.closed"]
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
