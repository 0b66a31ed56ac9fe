"""Dashboard and API under load: requests per second and p95 latency with 50 concurrent
clients on loopback, each as a ratio to a static file of the same size served by the same
uvicorn server in the same run.

The server runs in a subprocess (`python -m benchmarks.bench_web serve ...`): the real app
from `create_app`, plus a `/bench-static/` mount holding, for each target, a file of exactly
the bytes of that target's response. Each target gets one warm-up request (the figures are
then cached, as they are for a public dashboard after its first visitor), then a bounded
number of requests from 50 concurrent httpx clients; the run stops by itself.

    .venv/bin/python -m benchmarks.bench_web          # on its own (builds a demo store)
    make bench                                        # with the other benchmarks
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CONCURRENCY = 50
REQUESTS = 1000
TARGETS = {
    "overview": "/",
    "borough page": "/borough/E09000016",
    "API values": "/api/v1/values?area=E09000016",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def hammer(base: str, path: str, requests: int, concurrency: int) -> dict[str, float]:
    """`requests` GETs of `path` from `concurrency` clients: throughput and latencies."""
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def worker() -> None:
            while True:
                try:
                    queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                r = await client.get(path)
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {r.status_code}")

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": requests / wall,
        "p95_s": latencies[int(0.95 * (len(latencies) - 1))],
        "median_s": latencies[len(latencies) // 2],
    }


def wait_until_up(base: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the benchmark server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/v1/plans", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the benchmark server did not answer within {seconds:.0f} s")


def plan_file_of(plan: Any) -> Path:
    from crimeplan.plan import load_plan

    for path in sorted((ROOT / "plans").glob("*.yaml")):
        if load_plan(path).id == plan.id:
            return path
    raise FileNotFoundError(f"no file in plans/ holds plan {plan.id}")


def run(
    store: Any = None,
    plan: Any = None,
    *,
    requests: int = REQUESTS,
    concurrency: int = CONCURRENCY,
) -> list[dict[str, Any]]:
    """Serve a copy of `store` (default: a fresh demo store) and measure every target."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "web.duckdb"
        if store is None:
            from crimeplan.geo import data_dir
            from crimeplan.ingest.mps_crime import ingest_mps_crime
            from crimeplan.store import Store

            with Store(db) as fresh:
                ingest_mps_crime(fresh, data_dir() / "mps")
        else:  # DuckDB lets one process hold a file: serve a checkpointed copy
            store.con.execute("CHECKPOINT")
            shutil.copy(store.path, db)
        plan_path = (
            plan_file_of(plan) if plan is not None else ROOT / "plans" / "london-2021-25.yaml"
        )
        static = tmp / "static"
        static.mkdir()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
        cmd = [sys.executable, "-m", "benchmarks.bench_web", "serve", str(db), str(plan_path)]
        proc = subprocess.Popen(
            [*cmd, str(static), str(port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )
        try:
            wait_until_up(base, proc)
            results = []
            for name, path in TARGETS.items():
                t = time.perf_counter()
                body = httpx.get(base + path, timeout=600).content  # warm-up, fills the cache
                cold = time.perf_counter() - t
                twin = static / f"{name.replace(' ', '-')}.bin"
                twin.write_bytes(body)
                ours = asyncio.run(hammer(base, path, requests, concurrency))
                baseline = asyncio.run(
                    hammer(base, f"/bench-static/{twin.name}", requests, concurrency)
                )
                results.append(
                    {
                        "name": f"web: {name}",
                        "ours_s": ours["p95_s"],
                        "baseline_s": baseline["p95_s"],
                        "ratio": ours["p95_s"] / baseline["p95_s"],
                        "aim": "p95 within 3x a static file of the same size",
                        "detail": (
                            f"{len(body):,} bytes; {ours['rps']:,.0f} req/s against "
                            f"{baseline['rps']:,.0f} for the static file (throughput ratio "
                            f"{ours['rps'] / baseline['rps']:.2f}); {concurrency} clients, "
                            f"{requests} requests each; first request (cold cache) {cold:.2f} s"
                        ),
                        "cold_s": cold,
                        "rps": ours["rps"],
                        "static_rps": baseline["rps"],
                        "rps_ratio": ours["rps"] / baseline["rps"],
                        "p95_s": ours["p95_s"],
                        "static_p95_s": baseline["p95_s"],
                        "bytes": len(body),
                    }
                )
            return results
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def serve(db: str, plan: str, static: str, port: int, warm: bool = False) -> None:
    """The benchmark server: the dashboard plus the same-size static files, on loopback;
    with `warm`, started as `crimeplan serve` starts it (warm-up, then /ready)."""
    import uvicorn
    from fastapi.staticfiles import StaticFiles

    from crimeplan.web.app import serving_app, start_warm_up

    app = serving_app(db, [Path(plan)])
    if warm:
        start_warm_up(app)
    app.mount("/bench-static", StaticFiles(directory=static), name="bench-static")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    s = sub.add_parser("serve")
    s.add_argument("db")
    s.add_argument("plan")
    s.add_argument("static")
    s.add_argument("port", type=int)
    s.add_argument("--warm", action="store_true")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.db, args.plan, args.static, args.port, warm=args.warm)
        return
    for r in run(requests=args.requests):
        print(
            f"{r['name']:<20} p95 {r['p95_s'] * 1000:7.1f} ms (static {r['static_p95_s'] * 1000:6.1f} ms,"
            f" ratio {r['ratio']:.2f})   {r['rps']:7.0f} req/s (static {r['static_rps']:6.0f},"
            f" ratio {r['rps_ratio']:.2f})   {r['bytes']:,} bytes   cold {r['cold_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
