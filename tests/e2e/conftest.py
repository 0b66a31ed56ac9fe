"""A real browser (Debian's Chromium driven by Playwright) against the dashboard served by
uvicorn on 127.0.0.1 and a free port. Never `playwright install`: the system Chromium is used,
and the tests skip, saying why, where it is absent (`apt-get install chromium`)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crimeplan.store import Store
from crimeplan.web.app import create_app, start_warm_up

CHROMIUM = Path(os.environ.get("CRIMEPLAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LONDON_PLAN = Path(__file__).resolve().parents[2] / "plans" / "london-2021-25.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(app: Any) -> Iterator[str]:
    """An app served by uvicorn in a background thread on a free port, until the caller
    resumes the generator."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(demo_store: Store) -> Iterator[str]:
    """The dashboard served by uvicorn in a background thread, stopped after the session."""
    app = create_app(plan_paths=[LONDON_PLAN], store=demo_store)
    # As `crimeplan serve` does: every figure and page computed before the tests start (the
    # wards' figures are left to their first visit, to keep the session short).
    start_warm_up(app, wards=False).join()
    yield from serve(app)


@pytest.fixture(scope="session")
def national_url(national_store: Store) -> Iterator[str]:
    """The dashboard over SYNTHETIC police.uk records of five forces (the England and Wales
    pages), warmed up as `crimeplan serve` does."""
    app = create_app(plan_paths=[LONDON_PLAN], store=national_store)
    start_warm_up(app).join()
    yield from serve(app)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that records every request, so tests can prove nothing left loopback."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.requested = []  # type: ignore[attr-defined]
    pg.on("request", lambda req: pg.requested.append(req.url))
    pg.set_default_timeout(60_000)
    yield pg
    context.close()
