"""First views: the server just started and declared ready (`/ready` answers 200), then every
page type fetched once for every borough and measure, as first visitors would; the p95 of
those first views as a ratio to the p95 of same-size static files from the same server.
Also `crimeplan --help` wall time against a bare `python -c pass`.

Page types: the overview (London and each borough), each borough page, one ward's overview
per borough, each measure's page and its map, the data page for each borough, and methods.
National (issue 18), on its own store of SYNTHETIC police.uk records of five forces over
three years: the list of the 43 forces, every force's page and every community safety
partnership's page (`CRIMEPLAN_BENCH_FIRST_VIEW_NATIONAL` sets the all-force records a month,
default 100,000, of which the five forces hold about a sixth).

    .venv/bin/python -m benchmarks.bench_first_view     # on its own (builds a demo store)
    .venv/bin/python -m benchmarks.bench_first_view national   # the national pages only
    make bench                                          # with the other benchmarks
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.bench_web import ROOT, free_port, plan_file_of

READY_WAIT_S = 1800


def first_view_addresses(plan: Any) -> dict[str, str]:
    """Every page to fetch once: name -> address (the default plan, the latest period)."""
    from crimeplan.geo import Geography

    geo = Geography.load()
    out = {"overview London": "/", "methods": "/methods"}
    for b in geo.boroughs():
        out[f"overview {b.name}"] = f"/?area={b.code}"
        out[f"borough {b.name}"] = f"/borough/{b.code}"
        wards = geo.wards(b.code)
        if wards:
            out[f"ward {wards[0].name}, {b.name}"] = f"/?area={wards[0].code}"
        out[f"data {b.name}"] = f"/data?area={b.code}"
    for m in plan.measures():
        out[f"measure {m.id}"] = f"/measure/{m.id}"
        out[f"map {m.id}"] = f"/map?measure={m.id}"
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def wait_ready(base: str, proc: subprocess.Popen[bytes]) -> dict[str, Any]:
    """Poll /ready until it answers 200; its body says what the warm-up took."""
    deadline = time.monotonic() + READY_WAIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the benchmark server exited with {proc.returncode}")
        try:
            r = httpx.get(base + "/ready", timeout=5)
            if r.status_code == 200:
                body: dict[str, Any] = r.json()
                return body
            if r.status_code == 500:
                raise RuntimeError(f"the warm-up failed: {r.json()['warm_up']}")
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server was not ready within {READY_WAIT_S} s")


def help_wall_time(repeats: int = 3) -> tuple[float, float]:
    """Median wall time of `python -m crimeplan --help` and of `python -c pass`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def timed(args: list[str]) -> float:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run([sys.executable, *args], env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - t)
        return sorted(times)[len(times) // 2]

    return timed(["-m", "crimeplan", "--help"]), timed(["-c", "pass"])


def first_views(
    db: Path, plan_path: Path, addresses: dict[str, str], static: Path
) -> tuple[dict[str, float], dict[str, float], dict[str, Any], float]:
    """Start the dashboard over `db` as `crimeplan serve` does, wait for /ready, fetch every
    address once, then each page's bytes as a static file from the same server. Returns our
    seconds and the static file's by page name, /ready's body and the seconds to ready."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    cmd = [sys.executable, "-m", "benchmarks.bench_web", "serve", str(db), str(plan_path)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, str(static), str(port), "--warm"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    try:
        ready = wait_ready(base, proc)
        to_ready = time.perf_counter() - started
        ours: dict[str, float] = {}
        bodies: dict[str, bytes] = {}
        with httpx.Client(base_url=base, timeout=600) as client:
            for name, address in addresses.items():
                t = time.perf_counter()
                r = client.get(address)
                ours[name] = time.perf_counter() - t
                if r.status_code != 200:
                    raise RuntimeError(f"{address}: HTTP {r.status_code}")
                bodies[name] = r.content
            twins = {}
            for i, (name, body) in enumerate(bodies.items()):
                twin = static / f"page-{i}.html"
                twin.write_bytes(body)
                twins[name] = f"/bench-static/{twin.name}"
            baseline: dict[str, float] = {}
            for name, address in twins.items():
                t = time.perf_counter()
                client.get(address).raise_for_status()
                baseline[name] = time.perf_counter() - t
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return ours, baseline, ready, to_ready


def first_view_result(
    name: str,
    ours: dict[str, float],
    baseline: dict[str, float],
    ready: dict[str, Any],
    to_ready: float,
    what: str = "",
) -> dict[str, Any]:
    """One benchmark line: p95 of first views against p95 of the same bytes served static."""
    slowest = sorted(ours, key=ours.__getitem__)[-3:]
    warm = ready.get("warm_up", {})
    by_type: dict[str, list[float]] = {}
    for page, seconds in ours.items():
        by_type.setdefault(page.split(" ")[0], []).append(seconds)
    return {
        "name": name,
        "ours_s": p95(list(ours.values())),
        "baseline_s": p95(list(baseline.values())),
        "ratio": p95(list(ours.values())) / p95(list(baseline.values())),
        "aim": "at most 3",
        "detail": (
            f"{what}{len(ours)} pages, each fetched once after /ready; slowest "
            + ", ".join(f"{n} {ours[n] * 1000:.0f} ms" for n in slowest)
            + "; p95 by type: "
            + ", ".join(f"{t} {p95(v) * 1000:.0f} ms" for t, v in sorted(by_type.items()))
            + f"; start to ready {to_ready:.0f} s (warm-up figures "
            f"{warm.get('figures_s', 0) + warm.get('national_figures_s', 0):.0f} s, pages "
            f"{warm.get('pages_s', 0):.0f} s, {warm.get('pages', 0):.0f} pages)"
        ),
    }


# The national store of the benchmark: SYNTHETIC police.uk records of five forces over three
# years (synthetic/national_store.py), about 600,000 records; built in well under a minute.
NATIONAL_ROWS_PER_MONTH = int(os.environ.get("CRIMEPLAN_BENCH_FIRST_VIEW_NATIONAL", "100000"))


def national_first_view_addresses() -> dict[str, str]:
    """The list of forces, every force's page and every partnership's page."""
    from crimeplan.geo import Geography
    from crimeplan.web.national import national_addresses

    geo = Geography.load()
    names = {a.code: a.name for a in geo.of_level("force") + geo.of_level("csp")}
    out = {}
    for address in national_addresses(geo):
        code = address.rsplit("/", 1)[-1]
        kind = address.split("/")[1]
        out[f"{kind} {names.get(code, '')}".strip()] = address
    return out


def run_national(tmp: Path) -> dict[str, Any]:
    """First views of the England and Wales pages over a small SYNTHETIC national store."""
    from crimeplan.store import Store
    from crimeplan.synthetic.national_store import DEMO_FORCES, load_synthetic_national

    db = tmp / "national.duckdb"
    t = time.perf_counter()
    with Store(db) as store:
        report = load_synthetic_national(
            store, tmp / "police-uk", rows_per_month=NATIONAL_ROWS_PER_MONTH
        )
    built = time.perf_counter() - t
    static = tmp / "static-national"
    static.mkdir()
    plan_path = ROOT / "plans" / "london-2021-25.yaml"
    ours, baseline, ready, to_ready = first_views(
        db, plan_path, national_first_view_addresses(), static
    )
    what = (
        f"SYNTHETIC police.uk records of {len(DEMO_FORCES)} forces, 2022-01 to 2024-12, "
        f"{report.rows:,} rows (store built in {built:.0f} s); "
    )
    return first_view_result("web: national first views", ours, baseline, ready, to_ready, what)


def run(store: Any = None, plan: Any = None) -> list[dict[str, Any]]:
    from crimeplan.plan import load_plan

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
        plan = load_plan(plan_path)
        static = tmp / "static"
        static.mkdir()
        london = first_view_result(
            "web: first views (p95)",
            *first_views(db, plan_path, first_view_addresses(plan), static),
        )
        national = run_national(tmp)
    help_s, python_s = help_wall_time()
    return [
        london,
        national,
        {
            "name": "cli: crimeplan --help",
            "ours_s": help_s,
            "baseline_s": python_s,
            "ratio": help_s / python_s,
            "aim": "under 1 s wall time",
            "detail": f"median of 3; python -c pass {python_s:.2f} s",
        },
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import show

    if sys.argv[1:] == ["national"]:  # the national pages only
        with tempfile.TemporaryDirectory() as tmp_name:
            show(run_national(Path(tmp_name)))
    else:
        for result in run():
            show(result)
