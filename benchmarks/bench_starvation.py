"""Starvation: cached pages and API answers while a 200,000-row upload and four clients asking
for uncached figures run. Aim: each cached target's p95 under 3x its idle p95, measured in the
same run against the same server.

The server is the real app (`benchmarks.bench_web serve`) over a demo store, with a
consultation and an analyst in its application database. Phases:
1. idle: one client asks each cached target in turn (`SAMPLES` times); p95 per target;
2. load: an analyst uploads a 200,000-respondent survey export (about 60 MB; the worker
   process loads it), four clients ask for ward values of a different month each time
   (never cached), and the sampling client asks the cached targets again, until the upload's
   job ends or `LOAD_SECONDS` pass; p95 per target.
Before this issue an upload ran inside the async route and a global lock held every cached
lookup behind engine calls (a cached API answer went from 6 ms to 11.6 s median).

    .venv/bin/python -m benchmarks.bench_starvation      # on its own (builds a demo store)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.bench_web import free_port, plan_file_of, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
ROWS = 200_000
SAMPLES = 200
LOAD_SECONDS = 45.0
UNCACHED_CLIENTS = 4
CACHED = {"overview page": "/", "API values": "/api/v1/values?area=E09000016"}
MEASURE = "violence-with-injury"
SLUG = "london-2017-draft-plan"
PASSWORD = "correct horse battery"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")


def big_export(folder: Path, rows: int) -> Path:
    """A survey export of `rows` respondents: the synthetic one repeated under new ids."""
    from crimeplan.consult.consultation_file import load_consultation
    from crimeplan.synthetic.consultation import generate_consultation

    loaded = load_consultation(ROOT / "consultations" / f"{SLUG}.yaml")
    generate_consultation(folder, loaded.consultation, seed=2017)
    header, *lines = (folder / "survey.csv").read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip()]
    out = folder / "survey-200k.csv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for i in range(rows):
            fh.write(f"B{i}-{lines[i % len(lines)]}\n")
    return out


def prepare_app_db(url: str) -> None:
    from crimeplan.consult import accounts
    from crimeplan.consult.consultation_file import load_consultation
    from crimeplan.consult.intake import init_consultation
    from crimeplan.store.appdb import AppDB, upgrade

    upgrade(url)
    db = AppDB(url)
    init_consultation(db, load_consultation(ROOT / "consultations" / f"{SLUG}.yaml"), "bench")
    accounts.add_user(db, "bench-analyst", PASSWORD, "analyst", "bench")
    db.dispose()


def upload(base: str, export: Path, state: dict[str, Any]) -> None:
    """Sign in, post the export, then follow the job until it ends (or the run stops)."""
    with httpx.Client(base_url=base, timeout=600) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/consult/login").text)
        assert token
        client.post(
            "/consult/login",
            data={"username": "bench-analyst", "password": PASSWORD, "csrf_token": token[1]},
        )
        page = client.get(f"/consult/{SLUG}/upload").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        t = time.perf_counter()
        with export.open("rb") as fh:
            r = client.post(
                f"/consult/{SLUG}/upload/survey",
                data={"csrf_token": token[1]},
                files={"export": (export.name, fh, "text/csv")},
                follow_redirects=False,
            )
        state["post_s"] = time.perf_counter() - t
        if r.status_code != 303:
            state["result"] = f"upload refused: HTTP {r.status_code}"
            state["done"] = True
            return
        target = r.headers["location"]
        while not state.get("stop"):
            page = client.get(target).text
            if "upload-progress" not in page:
                loaded = re.search(r"Loaded ([^<]+)", page)
                state["result"] = loaded[1] if loaded else "failed"
                state["job_s"] = time.perf_counter() - t
                break
            time.sleep(1)
        state["done"] = True


def uncached_client(base: str, months: list[str], state: dict[str, Any]) -> None:
    with httpx.Client(base_url=base, timeout=600) as client:
        while not state.get("stop") and months:
            month = months.pop()
            client.get(f"/api/v1/values?measure={MEASURE}&level=ward&period={month}")
            state["uncached"] = state.get("uncached", 0) + 1


def sample(client: httpx.Client, path: str) -> float:
    t = time.perf_counter()
    r = client.get(path)
    if r.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {r.status_code}")
    return time.perf_counter() - t


def run(store: Any = None, plan: Any = None, *, rows: int = ROWS) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "web.duckdb"
        if store is None:
            from crimeplan.geo import data_dir
            from crimeplan.ingest.mps_crime import ingest_mps_crime
            from crimeplan.store import Store

            with Store(db) as fresh:
                ingest_mps_crime(fresh, data_dir() / "mps")
        else:
            store.con.execute("CHECKPOINT")
            shutil.copy(store.path, db)
        plan_path = (
            plan_file_of(plan) if plan is not None else ROOT / "plans" / "london-2021-25.yaml"
        )
        prepare_app_db(f"sqlite:///{tmp / 'crimeplan-app.sqlite'}")
        export = big_export(tmp / "consultation", rows)
        static = tmp / "static"
        static.mkdir()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "CRIMEPLAN_SECRET_KEY": "bench",
        }
        env.pop("CRIMEPLAN_APP_DB", None)
        cmd = [sys.executable, "-m", "benchmarks.bench_web", "serve", str(db), str(plan_path)]
        proc = subprocess.Popen(
            [*cmd, str(static), str(port)], env=env, cwd=tmp, stdout=subprocess.DEVNULL
        )
        try:
            wait_until_up(base, proc)
            with httpx.Client(base_url=base, timeout=600) as client:
                for path in CACHED.values():
                    sample(client, path)  # warm-up: the figures are cached from here on
                idle = {
                    name: [sample(client, p) for _ in range(SAMPLES)] for name, p in CACHED.items()
                }
                state: dict[str, Any] = {}
                months = [f"{y}-{m:02d}" for y in range(2011, 2025) for m in range(1, 13)]
                threads = [threading.Thread(target=upload, args=(base, export, state))]
                threads += [
                    threading.Thread(target=uncached_client, args=(base, months, state))
                    for _ in range(UNCACHED_CLIENTS)
                ]
                for t in threads:
                    t.start()
                loaded: dict[str, list[float]] = {name: [] for name in CACHED}
                start = time.perf_counter()
                while time.perf_counter() - start < LOAD_SECONDS and not state.get("done"):
                    for name, path in CACHED.items():
                        loaded[name].append(sample(client, path))
                state["stop"] = True
                for t in threads:
                    t.join(timeout=600)
            results = []
            for name in CACHED:
                ours, baseline = p95(loaded[name]), p95(idle[name])
                results.append(
                    {
                        "name": f"starvation: {name}",
                        "ours_s": ours,
                        "baseline_s": baseline,
                        "ratio": ours / baseline,
                        "aim": "p95 under load within 3x idle p95",
                        "detail": (
                            f"{len(loaded[name])} requests under load over "
                            f"{time.perf_counter() - start:.0f} s; {state.get('uncached', 0)} "
                            f"uncached ward-month answers by {UNCACHED_CLIENTS} clients; upload "
                            f"of {rows:,} rows posted in {state.get('post_s', float('nan')):.1f} s, "
                            f"job: {state.get('result', 'still running when sampling stopped')}"
                        ),
                    }
                )
            return results
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    for r in run(rows=args.rows):
        print(
            f"{r['name']:<28} p95 {r['ours_s'] * 1000:8.1f} ms under load, "
            f"{r['baseline_s'] * 1000:7.1f} ms idle, ratio {r['ratio']:.2f} (aim < 3)\n"
            f"{'':<28} {r['detail']}"
        )


if __name__ == "__main__":
    main()
