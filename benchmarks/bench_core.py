"""Ingest and measure-set benchmarks, each against a plain DuckDB baseline in the same run."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def best_of(n: int, fn: Any) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_police_uk_ingest(shared: Path) -> dict[str, Any]:
    """Our ingest (validate, place, load) against DuckDB's own read_csv of the same files."""
    from crimeplan.ingest.police_uk import ingest_police_uk
    from crimeplan.store import Store

    folder = shared / "data" / "policeuk"
    files = sorted(folder.rglob("*-street.csv"))
    con = duckdb.connect()
    (rows,) = con.execute(
        f"SELECT count(*) FROM read_csv({[str(f) for f in files]}, header = true, all_varchar = true)"
    ).fetchone()

    def baseline() -> None:
        # Into a database file, as ours is: both read, store and persist the same rows.
        with tempfile.TemporaryDirectory() as tmp:
            c = duckdb.connect(f"{tmp}/base.duckdb")
            c.execute(
                f"CREATE TABLE t AS SELECT * FROM read_csv({[str(f) for f in files]}, "
                "header = true, all_varchar = true)"
            )
            c.close()

    def ours() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "b.duckdb")
            ingest_police_uk(store, folder)
            store.close()

    base, mine = best_of(3, baseline), best_of(3, ours)
    return {
        "name": "police.uk ingest",
        "rows": rows,
        "baseline_s": base,
        "ours_s": mine,
        "rows_per_s": rows / mine,
        "ratio": base / mine,
        "aim": ">= 0.5 (throughput ratio)",
    }


def bench_lsoa_ingest(shared: Path) -> dict[str, Any]:
    """The Met's LSOA table (about two million monthly cells): ours against read_csv + UNPIVOT,
    each in a fresh process so peak memory (max RSS) is measured too."""
    path = shared / "data" / "mps" / "recorded-crime-lsoa.csv"
    code_base = f"""
import duckdb, time, resource, json
t = time.perf_counter()
c = duckdb.connect('{{db}}')
cols = [r[0] for r in c.execute("DESCRIBE SELECT * FROM read_csv('{path}', header=true, all_varchar=true)").fetchall()]
months = ", ".join(f'"{{m}}"' for m in cols if m.isdigit())
c.execute(f"CREATE TABLE t AS SELECT * FROM (UNPIVOT read_csv('{path}', header=true, all_varchar=true) ON {{months}} INTO NAME month VALUE n)")
c.close()
print(json.dumps({{"s": time.perf_counter() - t, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""
    code_ours = f"""
import time, resource, json
from crimeplan.store import Store
from crimeplan.ingest.mps_crime import ingest_mps_crime
t = time.perf_counter()
s = Store('{{db}}')
r = ingest_mps_crime(s, '{path}')
s.close()
print(json.dumps({{"s": time.perf_counter() - t, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "rows": r.rows}}))
"""

    def run(code: str) -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                [sys.executable, "-c", code.replace("{db}", f"{tmp}/x.duckdb")],
                capture_output=True,
                text=True,
                check=True,
                env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
            )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    base = min((run(code_base) for _ in range(2)), key=lambda r: r["s"])
    mine = min((run(code_ours) for _ in range(2)), key=lambda r: r["s"])
    return {
        "name": "MPS LSOA table ingest",
        "rows": mine["rows"],
        "baseline_s": base["s"],
        "ours_s": mine["s"],
        "ratio": base["s"] / mine["s"],
        "aim": ">= 0.5",
        "peak_mb": mine["rss_kb"] / 1024,
        "baseline_peak_mb": base["rss_kb"] / 1024,
        "peak_aim": "< 1024 MB",
    }


def bench_measure_set(store: Any, plan: Any) -> dict[str, Any]:
    """The full London measure set (every crime measure, all boroughs and wards, every month,
    with comparisons and ratings) against one hand-written GROUP BY over the same data."""
    from crimeplan.geo import Geography
    from crimeplan.measures.engine import rate_frame
    from crimeplan.measures.periods import Period

    geo = Geography.load()
    codes = [a.code for a in geo.boroughs()] + [a.code for a in geo.wards()]
    lo, hi = store.con.execute("SELECT min(month), max(month) FROM mps_crime").fetchone()
    months = [Period.month(d) for d in Period(lo, hi, "r12", "all").months()]
    measures = [m for m in plan.measures() if m.source == "mps-crime"]
    cells = 0

    def ours() -> None:
        nonlocal cells
        cells = len(rate_frame(store, plan, measures, codes, months))

    def baseline() -> None:
        store.con.execute(
            "SELECT level, area_code, offence_group, offence, month, sum(count) FROM mps_crime "
            "GROUP BY ALL"
        ).fetchall()

    base, mine = best_of(3, baseline), best_of(2, ours)
    return {
        "name": "London measure set",
        "rows": cells,
        "baseline_s": base,
        "ours_s": mine,
        "ratio": mine / base,
        "aim": "<= 3 (time ratio)",
        "detail": f"{len(measures)} measures x {len(codes)} areas x {len(months)} months",
    }
