"""Figures not yet cached, computed in a worker process so that cached answers never wait.

`crimeplan serve` opens the store read-only and starts one worker process that opens the same
file read-only (DuckDB lets several processes read a file that none of them writes). The worker
runs at a lower CPU priority (nice 10, as the upload worker does) and answers one call at a
time with the same service functions the CLI uses. The request thread that asked waits for the
answer without holding the interpreter lock, so a page or API answer already in the cache is
served at once while an uncached ward or month is computed (`benchmarks/bench_starvation.py`).
Before this, the engine ran in the server's own process and its Python parts (Ibis compiling a
query is most of them) shared the interpreter with every cached answer.

A test or a tool that passes an open store, or a Spark engine, computes in-process as before
(`Figures` without a worker). If the worker dies, the next call starts a new one; if that also
fails, the call is computed in-process, so a page is never lost to the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from crimeplan.periods import Period

# -- in the worker process ---------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _start(server: int, db_path: str, plan_paths: list[str]) -> None:
    from crimeplan.plan import load_plan
    from crimeplan.store import Store
    from crimeplan.web.jobs import background_priority

    background_priority(server)
    _STATE["store"] = Store(db_path, read_only=True)
    _STATE["plans"] = {p.id: p for p in (load_plan(Path(x)) for x in plan_paths)}


def _ready() -> int:
    return int(_STATE["store"].data_version)


def resolve_period(plan_id: str, text: str) -> Any:
    from crimeplan.measures import service

    return service.resolve_period(_STATE["store"], _STATE["plans"][plan_id], text)


def plan_results(plan_id: str, area: Any, period: Period) -> Any:
    from crimeplan.measures import service

    scope = service.Scope(_STATE["plans"][plan_id], area, period)
    return service.plan_results(_STATE["store"], scope)


def area_results(plan_id: str, measure_id: str, level: str, period: Period, within: Any) -> Any:
    from crimeplan.measures import service

    plan = _STATE["plans"][plan_id]
    return service.area_results(_STATE["store"], plan, measure_id, level, period, within)


def series_results(plan_id: str, measure_id: str, area: Any, months: list[Period]) -> Any:
    from crimeplan.measures import service

    plan = _STATE["plans"][plan_id]
    return service.series_results(_STATE["store"], plan, [plan.measure(measure_id)], area, months)


def area_force_figures(area: Any, period: Period) -> Any:
    from crimeplan.measures import service

    return service.area_force_figures(_STATE["store"], area, period)


def forces_loaded() -> Any:
    from crimeplan.measures import national

    return national.forces_loaded(_STATE["store"])


# -- in the server -------------------------------------------------------------------------


class FigureWorker:
    """One worker process over a read-only store; `call(fn, *args)` runs `fn` there."""

    def __init__(self, db_path: str | Path, plan_paths: Sequence[str | Path]) -> None:
        self._args = (
            os.getpid(),
            str(Path(db_path).resolve()),
            [str(Path(p).resolve()) for p in plan_paths],
        )
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        self.calls = 0
        self._executor().submit(_ready)  # start it now: the first uncached page should not wait

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=self._args,
                )
            return self._pool

    def call(self, fn: Any, *args: Any) -> Any:
        """`fn(*args)` in the worker; a dead worker is replaced once, then the caller is told
        (BrokenProcessPool) so that it can compute in-process."""
        self.calls += 1
        for attempt in (1, 2):
            pool = self._executor()
            try:
                return pool.submit(fn, *args).result()
            except BrokenProcessPool:
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
                        self.restarts += 1
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def pids(self) -> list[int]:
        """The worker's process id (none before it has started)."""
        with self._lock:
            processes = getattr(self._pool, "_processes", None) or {}
            return sorted(processes)

    def close(self, wait: bool = False) -> None:
        """Stop the worker; with `wait`, return only once its process has exited (and so let go
        of the store's file lock), not after some guessed time."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)
