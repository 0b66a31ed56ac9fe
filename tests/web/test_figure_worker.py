"""`crimeplan serve` computes uncached figures in a worker process over the read-only store:
the same answers as in-process, a dead worker replaced, and no worker left behind when the
server is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.store import Store
from crimeplan.web.app import create_app, serving_app, start_warm_up

ROOT = Path(__file__).resolve().parents[2]
PLANS = [ROOT / "plans" / "london-2021-25.yaml"]
UNCACHED = [
    "/api/v1/values?measure=violence-with-injury&level=ward&period=2018-05",
    "/api/v1/values?measure=burglary&level=borough&period=2016-17",
    "/api/v1/values?area=Havering&period=2019-20-Q1",
]


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Its own store (the session's demo store may be in use by another test's server)."""
    path = tmp_path_factory.mktemp("served") / "built.duckdb"
    with Store(path) as store:
        ingest_mps_crime(store, data_dir() / "mps")
    return path


@pytest.fixture
def store_file(built_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "served.duckdb"
    shutil.copy(built_store, path)
    return path


def _answers(app_client: TestClient) -> list[object]:
    out = []
    for url in UNCACHED:
        r = app_client.get(url)
        out.append((r.status_code, r.json()))
    return out


def test_worker_gives_the_in_process_answers_and_survives_being_killed(store_file: Path) -> None:
    app = serving_app(store_file, PLANS)
    figures = app.state.figures
    worker = figures._worker
    try:
        with TestClient(app) as client:
            served = _answers(client)
            assert worker.calls >= len(UNCACHED)  # computed there, not here
            assert all(status == 200 for status, _ in served)
            # The worker dies: the next uncached answer starts a new one.
            (pid,) = worker.pids()
            os.kill(pid, signal.SIGKILL)
            r = client.get("/api/v1/values?measure=robbery&level=ward&period=2017-03")
            assert r.status_code == 200 and r.json()["items"]
            assert worker.restarts == 1 and worker.pids() and worker.pids() != [pid]
            # A missing measure is the same clear 404 from the worker as from the engine.
            bad = client.get("/api/v1/values?measure=nope&level=ward&period=2018-05")
            assert bad.status_code == 404 and "no measure 'nope'" in bad.text
    finally:
        worker.close(wait=True)  # its process has exited: the file's lock is free
        figures.store.close()
    in_process = create_app(store_file, PLANS)
    try:
        assert _answers(TestClient(in_process)) == served
    finally:
        in_process.state.figures.store.close()


def test_no_worker_is_left_when_the_server_is_killed(store_file: Path, tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from crimeplan.web.app import serving_app
        if __name__ == "__main__":
            app = serving_app({str(store_file)!r}, [{str(PLANS[0])!r}])
            worker = app.state.figures._worker
            while not worker.pids():
                time.sleep(0.1)
            print(worker.pids()[0], flush=True)
            time.sleep(600)
        """
    )
    (tmp_path / "server.py").write_text(script)
    server = subprocess.Popen(
        [sys.executable, str(tmp_path / "server.py")], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    pid = int(server.stdout.readline())
    server.kill()
    server.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    assert not _alive(pid), f"worker {pid} outlived its server"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_pages_answer_while_the_warm_up_computes(
    store_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm-up computes under the engine lock, never the cache lock: a first visitor's
    page (figures from the worker) and a cached answer are served while it runs. Before, the
    warm-up held the cache lock for its whole measure set and `/` did not answer for minutes."""
    import threading

    from crimeplan.measures import batch

    app = serving_app(store_file, PLANS)
    figures = app.state.figures
    started, release = threading.Event(), threading.Event()
    plan_many = batch.plan_many

    def held(*args: object, **kwargs: object) -> object:
        started.set()
        assert release.wait(300), "the test never released the warm-up"
        return plan_many(*args, **kwargs)

    monkeypatch.setattr(batch, "plan_many", held)
    try:
        with TestClient(app) as client:
            assert client.get("/api/v1/values?area=Havering&period=2019-20-Q1").status_code == 200
            warm = start_warm_up(app)
            assert started.wait(300)
            assert client.get("/ready").status_code == 503
            first = client.get("/")  # not cached: computed by the worker meanwhile
            cached = client.get("/api/v1/values?area=Havering&period=2019-20-Q1")
            assert warm.is_alive() and not release.is_set()  # answered during the warm-up
            assert first.status_code == 200 and "<h1" in first.text
            assert cached.status_code == 200
            release.set()
            warm.join(600)
            assert client.get("/ready").status_code == 200
    finally:
        release.set()
        figures._worker.close()
        figures.store.close()
