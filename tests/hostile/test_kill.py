"""Kill test: at least 50 SIGKILLs at random moments during an ingest (DuckDB), a survey
intake (SQLite) and a migration (Alembic on SQLite). After each kill the database is opened
again and must hold the old state or the new one, never a mix.

Each round copies a prepared database, starts `kill_child.py` in a new process, waits until it
has imported everything ("go"), sleeps a random fraction of the time the whole job takes
(measured by one run to the end, which also gives the new state), and kills it. A kill that
lands after the job ended is not counted. Seeded, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import init_consultation
from crimeplan.geo import data_dir
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.synthetic.consultation import KnownFigures

from .conftest import INGEST_FILES, SLUG

CHILD = Path(__file__).with_name("kill_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = {"ingest": 20, "intake": 20, "migrate": 10}
SEED = 17


def run_child(args: list[str], kill_after: float | None) -> tuple[bool, float]:
    """Run the child; kill it `kill_after` seconds after "go" (None: let it finish).
    Returns (killed while running, seconds from go to the end or the kill)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == b"go", (line, proc.stderr.read() if proc.stderr else b"")
    start = time.monotonic()
    if kill_after is None:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and b"done" in out, err.decode()[-2000:]
        return False, time.monotonic() - start
    time.sleep(kill_after)
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return running, time.monotonic() - start


def kill_rounds(
    name: str,
    prepare: Callable[[Path], list[str]],
    state: Callable[[Path], object],
    tmp_path: Path,
) -> dict[str, int]:
    """Measure the whole job once, then kill copies of it until KILLS[name] kills landed."""
    rng = random.Random(f"{SEED}-{name}")
    base = tmp_path / "base"
    base.mkdir()
    args = prepare(base)
    old = state(base)
    full = tmp_path / "full"
    shutil.copytree(base, full)
    _, duration = run_child([a.replace(str(base), str(full)) for a in args], None)
    new = state(full)
    assert new != old
    seen = {"old": 0, "new": 0, "kills": 0}
    rounds = 0
    while seen["kills"] < KILLS[name] and rounds < 3 * KILLS[name]:
        rounds += 1
        work = tmp_path / f"round-{rounds}"
        shutil.copytree(base, work)
        killed, _ = run_child(
            [a.replace(str(base), str(work)) for a in args], rng.uniform(0, duration * 0.95)
        )
        after = state(work)
        assert after in (old, new), f"{name} round {rounds}: a mix of old and new: {after}"
        if killed:
            seen["kills"] += 1
            seen["old" if after == old else "new"] += 1
        shutil.rmtree(work)
    assert seen["kills"] >= KILLS[name], seen
    print(f"{name}: {seen} (job {duration:.2f} s)")
    return seen


def store_state(folder: Path) -> tuple[object, ...]:
    store = Store(folder / "store.duckdb")
    try:
        con = store.con
        return (
            con.execute("SELECT count(*), coalesce(sum(count), 0) FROM mps_crime").fetchone(),
            con.execute("SELECT count(*) FROM mps_revisions").fetchone(),
            con.execute("SELECT count(*), list(name ORDER BY name) FROM ingest_files").fetchone(),
            con.execute("SELECT count(*) FROM police_uk_crimes").fetchone(),
        )
    finally:
        store.close()


@pytest.mark.slow
def test_kills_during_ingest(tmp_path: Path) -> None:
    def prepare(base: Path) -> list[str]:
        with Store(base / "store.duckdb") as store:
            ingest_police_uk(store, INGEST_FILES / "police_uk_good.csv")
        shutil.copy(data_dir() / "mps" / "recorded-crime-borough.csv.gz", base / "borough.csv.gz")
        return ["ingest", str(base / "store.duckdb"), str(base / "borough.csv.gz")]

    kill_rounds("ingest", prepare, store_state, tmp_path)


def app_state(folder: Path) -> tuple[object, ...]:
    con = sqlite3.connect(folder / "app.sqlite")
    try:
        return (
            con.execute("SELECT count(*) FROM respondents").fetchone(),
            con.execute("SELECT count(*), count(text_redacted) FROM survey_answers").fetchone(),
            con.execute("SELECT count(*) FROM audit_log").fetchone(),
        )
    finally:
        con.close()


@pytest.mark.slow
def test_kills_during_intake(
    tmp_path: Path, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, _ = synthetic

    def prepare(base: Path) -> list[str]:
        url = f"sqlite:///{base / 'app.sqlite'}"
        upgrade(url)
        db = AppDB(url)
        init_consultation(db, loaded, "setup")
        db.dispose()
        header, *rows = (folder / "survey.csv").read_text(encoding="utf-8").splitlines()
        # Ten copies of the synthetic export under new ids: an intake long enough to hit.
        many = [f"C{copy}-{row}" for copy in range(10) for row in rows if row.strip()]
        (base / "survey.csv").write_text("\n".join([header, *many]) + "\n", encoding="utf-8")
        return ["intake", url, str(base / "survey.csv"), SLUG]

    kill_rounds("intake", prepare, app_state, tmp_path)


def schema_state(folder: Path) -> tuple[object, ...]:
    path = folder / "app.sqlite"
    if not path.exists():
        return ("no file",)
    con = sqlite3.connect(path)
    try:
        tables = tuple(
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
        )
        version = (
            con.execute("SELECT version_num FROM alembic_version").fetchall()
            if "alembic_version" in tables
            else []
        )
        return (tuple(v[0] for v in version), tables)
    finally:
        con.close()


@pytest.mark.slow
def test_kills_during_migration(tmp_path: Path) -> None:
    def prepare(base: Path) -> list[str]:
        sqlite3.connect(base / "app.sqlite").close()  # an empty database file
        return ["migrate", f"sqlite:///{base / 'app.sqlite'}"]

    seen = kill_rounds("migrate", prepare, schema_state, tmp_path)
    assert seen["kills"] >= KILLS["migrate"]


def test_the_kill_total_is_at_least_fifty() -> None:
    assert sum(KILLS.values()) >= 50
