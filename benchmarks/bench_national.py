"""National scale: police.uk records of all 43 forces, DuckDB and Spark side by side.

    CRIMEPLAN_BENCH_NATIONAL_ROWS=20000000 python -m benchmarks.bench_national

SYNTHETIC data (crimeplan.synthetic.national) for 24 months, about `rows` records in all
(default 1,000,000; the issue's figure is 20,000,000; `CRIMEPLAN_BENCH_NATIONAL_SPARK=0` leaves
Spark out, as where it is not installed). Each step runs in a fresh process while
this one samples the resident memory of that process and all its children (the JVM included)
every 50 ms: the peak is what the step needed. Steps:

1. baseline: DuckDB's own `read_csv` of the same files into a database file;
2. ingest (DuckDB): `crimeplan ingest police-uk` of the folder (validate, place in 2021 LSOA,
   ward, local authority, CSP and force, load);
3. measure set (DuckDB): every police.uk crime type, count and rate, for every force, CSP,
   local authority, ward and LSOA of England and Wales, for the latest quarter and month, with
   previous, last-year and year-to-date comparisons and ratings; its baseline: one GROUP BY
   (force, LSOA, crime type, month) on the same engine;
4. ingest (Spark): Spark reads the same CSVs and writes Parquet partitioned by force and month;
5. the same measure set on Spark (local[2]), the store's tables read through Parquet.

DuckDB's steps come first; a step still running after CRIMEPLAN_BENCH_NATIONAL_STEP_LIMIT
seconds (default 1500) is stopped and reported as not finished.

Aims (issue 18): DuckDB ingest >= 0.5 of read_csv's throughput; the measure set <= 3x one
GROUP BY; peak memory < 4 GB.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("2023-01", "2024-12")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(d))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


STEP_LIMIT_S = float(os.environ.get("CRIMEPLAN_BENCH_NATIONAL_STEP_LIMIT", "1500"))


def run_step(code: str, **params: Any) -> dict[str, Any]:
    """Run `code` in a fresh Python; its last stdout line is JSON. Adds `peak_mb`: the largest
    resident set of the process and its children (the JVM included), sampled every 50 ms.

    A step still running after `STEP_LIMIT_S` seconds is stopped (its process group killed)
    and reported as `timed_out` with the peak it had reached."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "BENCH_PARAMS": json.dumps(params)}
    # Spark's driver heap: the 2g default ran out collecting the 2.6-million-row answer at 20M
    # records under load (docs/methods/national.md, fifth pass); 3g finished.
    env.setdefault("CRIMEPLAN_SPARK_DRIVER_MEMORY", "3g")
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        start_new_session=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        out, err = proc.communicate(timeout=STEP_LIMIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        done.set()
        t.join()
        return {"timed_out": True, "s": STEP_LIMIT_S, "peak_mb": peak / 1024}
    done.set()
    t.join()
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark step failed:\n{err[-3000:]}")
    last = out.strip().splitlines()[-1]  # after DuckDB's progress bar, if it drew one
    result = dict(json.loads(last[last.index("{") :]))
    result["peak_mb"] = peak / 1024
    return result


PRELUDE = """
import json, os, time
P = json.loads(os.environ["BENCH_PARAMS"])
def done(**kw):
    print(json.dumps(kw))
"""

READ_CSV = (
    PRELUDE
    + """
import duckdb
files = sorted(str(p) for p in __import__("pathlib").Path(P["data"]).rglob("*-street.csv"))
t = time.perf_counter()
c = duckdb.connect(P["db"])
c.execute(f"CREATE TABLE t AS SELECT * FROM read_csv({files}, header = true, all_varchar = true)")
(n,) = c.execute("SELECT count(*) FROM t").fetchone()
c.close()
done(s=time.perf_counter() - t, rows=n)
"""
)

INGEST = (
    PRELUDE
    + """
from crimeplan.store import Store
from crimeplan.ingest.police_uk import ingest_police_uk
t = time.perf_counter()
s = Store(P["db"])
r = ingest_police_uk(s, P["data"])
s.close()
done(s=time.perf_counter() - t, rows=r.rows)
"""
)

SPARK_INGEST = (
    PRELUDE
    + """
from crimeplan.store.engines import spark_session
spark = spark_session()
t = time.perf_counter()
df = spark.read.option("header", True).csv(P["data"] + "/*/*-street.csv")
from pyspark.sql import functions as F
df = df.withColumn("part_force", F.col("Falls within")).withColumn("part_month", F.col("Month"))
df.write.mode("overwrite").partitionBy("part_force", "part_month").parquet(P["out"])
n = spark.read.parquet(P["out"]).count()
done(s=time.perf_counter() - t, rows=n)
"""
)

MEASURES = (
    PRELUDE
    + """
from crimeplan.store import Store
from crimeplan.store.engines import open_engine
from crimeplan.geo import Geography
from crimeplan.measures.engine import rate_frame
from crimeplan.measures.offence_groups import police_uk_plan
from crimeplan.measures.periods import Period
store = Store(P["db"], read_only=True)
t0 = time.perf_counter()
eng = open_engine(store, P["engine"])
opened = time.perf_counter() - t0
geo = Geography.load()
codes = [a.code for lv in ("force", "csp", "lad", "borough", "ward", "lsoa") for a in geo.of_level(lv)]
plan = police_uk_plan(eng)
periods = [Period.parse("2024-25-Q3"), Period.parse("2024-12")]
t = eng.ibis.table("police_uk_crimes")
g = t.group_by(["falls_within", "lsoa21_code", "crime_type", "month"]).aggregate(n=t.count())
t1 = time.perf_counter()
eng.run(g.count()) if P["engine"] != "duckdb" else store.con.execute(
    "SELECT count(*) FROM (SELECT falls_within, lsoa21_code, crime_type, month, count(*) "
    "FROM police_uk_crimes GROUP BY ALL)").fetchall()
base = time.perf_counter() - t1
t2 = time.perf_counter()
df = rate_frame(eng, plan, plan.measures(), codes, periods)
ours = time.perf_counter() - t2
(rows,) = store.con.execute("SELECT count(*) FROM police_uk_crimes").fetchone()
done(s=ours, baseline_s=base, open_s=opened, rows=rows, cells=len(df),
     measures=len(plan.measures()), areas=len(codes))
"""
)


def data_folder(rows: int) -> Path:
    """The SYNTHETIC files for `rows` records, generated once and kept for later runs."""
    from crimeplan.synthetic.national import CRIME_MIX, generate_national, month_range

    base = Path(os.environ.get("CRIMEPLAN_BENCH_DIR", tempfile.gettempdir()))
    folder = base / f"crimeplan-national-{rows}"
    stamp = folder / "DONE"
    if not stamp.exists():
        months = month_range(*MONTHS)
        t = time.perf_counter()
        # The mix's shares sum to a little under 1 (and seasonality averages out over whole
        # years): ask for enough per month that the files hold at least `rows` records.
        share = sum(s for s, _, _ in CRIME_MIX.values())
        per_month = math.ceil(rows / len(months) / share * 1.002)
        data = generate_national(folder, months, rows_per_month=per_month)
        stamp.write_text(json.dumps({"rows": data.rows, "files": len(data.files)}))
        print(
            f"generated {data.rows:,} rows in {len(data.files)} files in {time.perf_counter() - t:.0f} s"
        )
    return folder


class _Results(list):  # type: ignore[type-arg]
    """A list that shows each result as it comes (a long run that is stopped keeps its lines)."""

    def __init__(self, show: Any = None) -> None:
        super().__init__()
        self.show = show

    def append(self, r: Any) -> None:
        super().append(r)
        if self.show:
            self.show(r)


def _unfinished(name: str, step: dict[str, Any]) -> dict[str, Any]:
    """A step stopped at the step limit: no figure, said so, with the memory it had reached."""
    return {
        "name": name,
        "baseline_s": float("nan"),
        "ours_s": step["s"],
        "ratio": float("nan"),
        "aim": f"did not finish within {step['s']:.0f} s (stopped)",
        "peak_mb": step["peak_mb"],
    }


def spark_ingest(folder: Path, tmp: str, base: dict[str, Any]) -> dict[str, Any]:
    """Spark reads the CSVs and writes Parquet by force and month, beside `read_csv`."""
    sp = run_step(SPARK_INGEST, data=str(folder), out=f"{tmp}/spark-parquet")
    shutil.rmtree(f"{tmp}/spark-parquet", ignore_errors=True)
    if sp.get("timed_out"):
        return _unfinished("national ingest (Spark)", sp)
    return {
        "name": "national ingest (Spark)",
        "baseline_s": base["s"],
        "ours_s": sp["s"],
        "ratio": base["s"] / sp["s"],
        "aim": "side by side (CSV -> Parquet by force and month)",
        "rows_per_s": sp["rows"] / sp["s"],
        "peak_mb": sp["peak_mb"],
    }


def run(
    rows: int | None = None, *, spark: bool | None = None, show: Any = None
) -> list[dict[str, Any]]:
    rows = rows or int(os.environ.get("CRIMEPLAN_BENCH_NATIONAL_ROWS", "1000000"))
    folder = data_folder(rows)
    from crimeplan.store.engines import spark_available

    if spark is None and os.environ.get("CRIMEPLAN_BENCH_NATIONAL_SPARK") == "0":
        spark = False
    with_spark = spark_available() is None if spark is None else spark
    results = _Results(show)
    with tempfile.TemporaryDirectory() as tmp:
        base = run_step(READ_CSV, data=str(folder), db=f"{tmp}/base.duckdb")
        os.remove(f"{tmp}/base.duckdb")
        ours = run_step(INGEST, data=str(folder), db=f"{tmp}/store.duckdb")
        results.append(
            {
                "name": "national ingest (DuckDB)",
                "baseline_s": base["s"],
                "ours_s": ours["s"],
                "ratio": base["s"] / ours["s"],
                "aim": ">= 0.5 (throughput ratio)",
                "rows_per_s": ours["rows"] / ours["s"],
                "peak_mb": ours["peak_mb"],
                "detail": f"{ours['rows']:,} rows; read_csv {base['rows'] / base['s']:,.0f} rows/s, "
                f"peak {base['peak_mb']:,.0f} MB",
            }
        )
        for engine in ("duckdb", "spark") if with_spark else ("duckdb",):
            if engine == "spark":  # DuckDB figures first: Spark may be stopped at the limit
                results.append(spark_ingest(folder, tmp, base))
            m = run_step(MEASURES, db=f"{tmp}/store.duckdb", engine=engine)
            if m.get("timed_out"):
                results.append(_unfinished(f"national measure set ({engine})", m))
                continue
            results.append(
                {
                    "name": f"national measure set ({engine})",
                    "baseline_s": m["baseline_s"],
                    "ours_s": m["s"],
                    "ratio": m["s"] / m["baseline_s"],
                    "aim": "<= 3 (time ratio, against one GROUP BY on the same engine)",
                    "rows_per_s": m["rows"] / m["s"],
                    "peak_mb": m["peak_mb"],
                    "detail": f"{m['measures']} measures x {m['areas']:,} areas x 2 periods "
                    f"= {m['cells']:,} cells with comparisons; engine opened in "
                    f"{m['open_s']:.1f} s",
                }
            )
    return results


if __name__ == "__main__":
    from benchmarks.__main__ import show

    run(show=show)
