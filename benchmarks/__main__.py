"""Run every benchmark and print a table of ratios against same-run baselines."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import bench_core

ROOT = Path(__file__).resolve().parents[1]


def shared() -> Path | None:
    p = Path(os.environ.get("CRIMEPLAN_SHARED", ROOT.parent / "shared"))
    return p if (p / "data").is_dir() else None


def show(r: dict[str, Any]) -> None:
    line = (
        f"{r['name']:<28} ours {r['ours_s']:8.3f} s   baseline {r['baseline_s']:8.3f} s   "
        f"ratio {r['ratio']:6.2f}   (aim {r['aim']})"
    )
    print(line)
    for k in ("rows_per_s", "peak_mb", "detail"):
        if k in r:
            v = r[k]
            print(f"{'':<28} {k}: {v:,.0f}" if isinstance(v, float) else f"{'':<28} {k}: {v}")
    sys.stdout.flush()


def main() -> None:
    from crimeplan.geo import data_dir
    from crimeplan.ingest.mps_crime import ingest_mps_crime
    from crimeplan.plan import load_plan
    from crimeplan.store import Store

    print("crimeplan benchmarks: each line is our time against a baseline from the same run\n")
    data = shared()
    if data is None:
        print("../shared/data absent: the ingest benchmarks on real files are skipped")
    else:
        show(bench_core.bench_police_uk_ingest(data))
        show(bench_core.bench_lsoa_ingest(data))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        ingest_mps_crime(store, data_dir() / "mps")
        plan = load_plan(ROOT / "plans" / "london-2021-25.yaml")
        show(bench_core.bench_measure_set(store, plan))
        for module in (
            "bench_reports",
            "bench_web",
            "bench_register",
            "bench_starvation",
            "bench_text",
            "bench_themes",
            "bench_first_view",
        ):
            try:
                mod = __import__(f"benchmarks.{module}", fromlist=["run"])
            except ImportError:
                continue
            result = mod.run(store=store, plan=plan)
            for r in result if isinstance(result, list) else [result]:
                show(r)
        store.close()
    # National scale (issue 18): SYNTHETIC records of all 43 forces, DuckDB and Spark side by
    # side; CRIMEPLAN_BENCH_NATIONAL_ROWS=20000000 for the size.
    from benchmarks import bench_national

    bench_national.run(show=show)


if __name__ == "__main__":
    main()
