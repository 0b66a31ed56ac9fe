"""Uploads processed off the request path: stored on disk, then loaded by a worker process.

A route saves the uploaded files to a folder of their own and submits a job; the worker runs
the same intake as the CLI (`consult.intake`) in a separate process, so a 200,000-row export
neither blocks the event loop nor competes with page requests for the interpreter lock. The
upload page shows the job's state (queued, running with the time so far, done, or the one-line
error) and refreshes itself until the job ends. Jobs are kept in memory for the life of the
server process; the intake is one transaction, so a job cut short by a restart loaded nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from crimeplan.errors import CrimeplanError, NotFoundError

KEEP_JOBS = 200  # finished jobs remembered for their pages


@dataclass
class UploadJob:
    id: str
    slug: str
    kind: str  # survey | written
    source: str  # the uploaded file's (or folder's) name
    actor: str
    state: str = "queued"  # queued | running | done | failed
    message: str = ""
    submitted: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def seconds(self) -> int:
        return int((self.finished or time.time()) - self.submitted)

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")


def background_priority(server: int) -> None:
    """In a worker process: yield the CPU to the server's page requests (nice 10, where there
    is one), and end when the server (process id `server`) does (`exit_with_parent`)."""
    if hasattr(os, "nice"):
        os.nice(10)
    exit_with_parent(server)


def exit_with_parent(parent: int, every: float = 1.0) -> None:
    """End this worker process when its parent `parent` has gone (a server stopped by a signal
    leaves its pool's workers running otherwise, holding the store and the terminal)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def run_upload(
    db_url: str, kind: str, folder: str, export: str, mapping: str | None, actor: str, slug: str
) -> tuple[bool, str]:
    """In the worker process: load one stored upload; (True, summary) or (False, error)."""
    from crimeplan.consult.intake import ingest_survey, ingest_written
    from crimeplan.consult.survey import load_mapping
    from crimeplan.store.appdb import AppDB

    db = AppDB(db_url)
    try:
        if kind == "survey":
            mapped = load_mapping(Path(folder) / mapping) if mapping else None
            report = ingest_survey(db, Path(folder) / export, actor, slug=slug, mapping=mapped)
            return True, (
                f"{report.source}: {report.rows:,} respondents ({report.added:,} new, "
                f"{report.replaced:,} replaced)"
            )
        report = ingest_written(db, Path(folder) / export, actor, slug=slug)
        return True, (
            f"{report.rows:,} written responses ({report.added:,} new, "
            f"{report.replaced:,} replaced)"
        )
    except CrimeplanError as exc:
        return False, str(exc).replace(folder, "").replace(str(Path(folder).resolve()), "")
    finally:
        db.dispose()


class UploadJobs:
    """The jobs of one server: a single worker process (intakes of one database run one at a
    time, as they would from the CLI), started on first use."""

    def __init__(self, db_url: str, *, use_process: bool = True) -> None:
        self.db_url = db_url
        self.use_process = use_process
        self._jobs: dict[str, UploadJob] = {}
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def new_folder(self) -> Path:
        import tempfile

        return Path(tempfile.mkdtemp(prefix="crimeplan-upload-"))

    def submit(
        self,
        *,
        slug: str,
        kind: str,
        folder: Path,
        export: str,
        actor: str,
        mapping: str | None = None,
    ) -> UploadJob:
        job = UploadJob(secrets.token_urlsafe(12), slug, kind, export, actor)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            if self._pool is None and self.use_process:
                # spawn, not fork: the server has threads, and a forked lock stays locked.
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=background_priority,
                    initargs=(os.getpid(),),
                )
            pool = self._pool
        args = (self.db_url, kind, str(folder), export, mapping, actor, slug)
        if pool is not None:
            future: Future[tuple[bool, str]] = pool.submit(run_upload, *args)
        else:  # tests of the pages alone may run the intake in a thread
            future = Future()
            threading.Thread(target=lambda: future.set_result(run_upload(*args))).start()
        job.state = "running"

        def finished(done: Future[tuple[bool, str]]) -> None:
            try:
                ok, message = done.result()
            except Exception as exc:  # the worker died or a bug: the page says so
                ok, message = False, f"the upload could not be processed ({type(exc).__name__})"
            job.state, job.message, job.finished = (
                ("done" if ok else "failed"),
                message,
                time.time(),
            )
            shutil.rmtree(folder, ignore_errors=True)

        future.add_done_callback(finished)
        return job

    def get(self, job_id: str, slug: str) -> UploadJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.slug != slug:
            raise NotFoundError("no such upload; it may be from before the server restarted")
        return job

    def wait(self, job_id: str, timeout: float = 600.0) -> UploadJob:
        """Block until a job ends (for tests and the CLI's `serve --get`)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                job = self._jobs[job_id]
            if not job.active or time.monotonic() > deadline:
                return job
            time.sleep(0.05)

    def _forget_old(self) -> None:
        done = [j for j in self._jobs.values() if not j.active]
        for job in sorted(done, key=lambda j: j.submitted)[: max(0, len(done) - KEEP_JOBS)]:
            del self._jobs[job.id]

    def shutdown(self, *, wait: bool = False) -> None:
        """Stop the worker. By default a running intake is killed rather than waited for: it
        is one transaction, so the database keeps its old state (tests/hostile/test_kill.py),
        and the server stops at once."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        workers = list(getattr(pool, "_processes", {}).values())  # not public: no other way
        pool.shutdown(wait=wait, cancel_futures=True)
        if not wait:
            for process in workers:
                process.kill()
                process.join(timeout=10)
