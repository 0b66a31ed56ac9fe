"""The FastAPI application: public dashboard pages, the JSON API, static assets and boundaries.

`create_app(db_path, plan_paths)` opens the store, loads the plans and wires the routers.
Errors a person can act on (`CrimeplanError`: unknown area, measure or plan, a malformed
period, no data) are answered once, here: 404 or 400 with the message as JSON under
`/api/` and as a GOV.UK error summary on pages. Nothing else is caught: a bug is a 500.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from crimeplan.errors import CrimeplanError, NoDataError, NotFoundError
from crimeplan.geo import Geography, data_dir
from crimeplan.plan import Plan, load_plan
from crimeplan.store import Store
from crimeplan.store.analytic import default_db_path
from crimeplan.web import api, national, national_api, pages
from crimeplan.web.figures import Figures
from crimeplan.web.models import API_PREFIX
from crimeplan.web.rendering import SERVICE_NAME, render_page

STATIC_DIR = Path(__file__).parent / "static"
GEO_CACHE_SECONDS = 86400


def default_plan_paths() -> list[Path]:
    """`CRIMEPLAN_PLANS` (files separated by the path separator), else `plans/*.yaml` in the
    working directory, else the repository's shipped `plans/` folder."""
    env = os.environ.get("CRIMEPLAN_PLANS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    for folder in (Path.cwd() / "plans", Path(__file__).resolve().parents[3] / "plans"):
        found = sorted(folder.glob("*.yaml"))
        if found:
            return found
    raise NotFoundError(
        "no plan files found; give them with --plan or CRIMEPLAN_PLANS, or run from the "
        "folder that holds plans/"
    )


@cache
def boundaries(name: str) -> dict[str, Any]:
    """A shipped boundary file (`boroughs` or `wards`), parsed once."""
    data: dict[str, Any] = json.loads(
        (data_dir() / "geo" / f"{name}.geojson").read_text(encoding="utf-8")
    )
    return data


@cache
def ward_boundaries(borough_code: str) -> bytes:
    """The wards of one borough as GeoJSON, with the collection's attribution metadata."""
    wards = boundaries("wards")
    features = [f for f in wards["features"] if f["properties"]["borough_code"] == borough_code]
    if not features:
        raise NotFoundError(f"no ward boundaries for {borough_code!r}; give a borough's E09 code")
    out = {**wards, "features": features}
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def status_of(exc: CrimeplanError) -> int:
    return 404 if isinstance(exc, (NotFoundError, NoDataError)) else 400


def create_app(
    db_path: str | Path | None = None,
    plan_paths: list[Path] | None = None,
    *,
    store: Store | None = None,
    app_db_url: str | None = None,
) -> FastAPI:
    """The dashboard over the store at `db_path` (default `CRIMEPLAN_DB` or crimeplan.duckdb)
    for the plans in `plan_paths` (default: see `default_plan_paths`). A test may pass an
    open `store` instead, to ingest into it while the app runs."""
    plans: list[Plan] = [load_plan(p) for p in (plan_paths or default_plan_paths())]
    if store is None:
        store = Store(db_path if db_path is not None else default_db_path())
    app = FastAPI(
        docs_url=None,  # served from vendored files: install_docs_routes
        redoc_url=None,
        title=f"{SERVICE_NAME}: JSON API",
        version="1.0.0",
        description=(
            "Measures of a Police and Crime Plan for London, its boroughs and wards: values, "
            "comparisons with last year and the financial year to date, targets, RAG ratings "
            "and direction of travel; and, where police.uk records are loaded, every force and "
            "community safety partnership of England and Wales with each force's most similar "
            "forces. Open Government Licence v3.0."
        ),
    )
    app.state.figures = Figures(store, plans, Geography.load())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(national_api.router)
    app.include_router(pages.router)
    app.include_router(national.router)
    install_geo_routes(app)
    install_docs_routes(app)
    install_readiness(app)
    install_error_handlers(app)
    # Consultation pages: behind a login, in the application database (SQLAlchemy). Default:
    # CRIMEPLAN_APP_DB, else an SQLite file beside the analytical store.
    from crimeplan.web.consult import install_consult

    if app_db_url is None and not os.environ.get("CRIMEPLAN_APP_DB") and store.path != ":memory:":
        app_db_url = f"sqlite:///{Path(store.path).resolve().parent / 'crimeplan-app.sqlite'}"
    install_consult(app, app_db_url=app_db_url)
    from crimeplan.web.scrutiny import install_register

    install_register(app)
    return app


def serving_app(
    db_path: str | Path | None = None,
    plan_paths: list[Path] | None = None,
    engine: str = "duckdb",
) -> FastAPI:
    """The app as `crimeplan serve` runs it. The store is brought up to date once (opened
    for writing, then closed) and served read-only; with DuckDB, figures not yet cached are
    computed in a worker process over the same file (`crimeplan.web.figure_worker`), so that
    cached pages never share the interpreter with an engine call. The interpreter switches
    threads every 1 ms instead of 5, so that the request threads that are left take turns
    quickly (benchmarks/bench_starvation.py). The warm-up is started by the caller."""
    from crimeplan.engine_option import with_engine
    from crimeplan.web.figure_worker import FigureWorker

    path = Path(db_path if db_path is not None else default_db_path())
    Store(path).close()  # create it, or load changed geography, while nobody reads it
    plans = plan_paths or default_plan_paths()
    store = with_engine(Store(path, read_only=True), engine)
    sys.setswitchinterval(0.001)
    app = create_app(path, plans, store=store)
    if engine == "duckdb":
        app.state.figures.use_worker(FigureWorker(path, plans))
    return app


def install_readiness(app: FastAPI) -> None:
    """`/ready`: 200 once the warm-up (`start_warm_up`) has computed every figure and page,
    503 while it runs. An app started without a warm-up is ready at once."""
    app.state.ready = threading.Event()
    app.state.ready.set()
    app.state.warm_up = {}

    @app.get("/ready", include_in_schema=False)
    def ready() -> JSONResponse:
        done = app.state.ready.is_set()
        failed = "failed" in app.state.warm_up
        status = 200 if done else 500 if failed else 503
        return JSONResponse({"ready": done, "warm_up": app.state.warm_up}, status_code=status)


def start_warm_up(app: FastAPI, wards: bool = True) -> threading.Thread:
    """Run `pages.warm_up` in a background thread; `/ready` answers 503 until it ends, or
    500 with the reason if it fails (pages then still work, computed on request)."""
    app.state.ready.clear()

    def run() -> None:
        start = time.perf_counter()
        try:
            timings = pages.warm_up(app, wards=wards)
        except Exception as exc:  # said on /ready (500), then raised in this thread
            app.state.warm_up = {"failed": f"{type(exc).__name__}: {exc}"}
            raise
        app.state.warm_up = {**timings, "total_s": time.perf_counter() - start}
        app.state.ready.set()

    thread = threading.Thread(target=run, name="crimeplan-warm-up", daemon=True)
    thread.start()
    return thread


def install_docs_routes(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from the vendored files in static/apidocs:
    nothing is fetched from a CDN, so both work offline."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{app.title}: Swagger UI",
            swagger_js_url="/static/apidocs/swagger-ui-bundle.js",
            swagger_css_url="/static/apidocs/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title=f"{app.title}: ReDoc",
            redoc_js_url="/static/apidocs/redoc.standalone.js",
            redoc_favicon_url="data:,",
            with_google_fonts=False,
        )


def install_geo_routes(app: FastAPI) -> None:
    @app.get("/geo/boroughs.geojson", include_in_schema=False)
    def borough_geojson() -> Response:
        body = (data_dir() / "geo" / "boroughs.geojson").read_bytes()
        return Response(
            body,
            media_type="application/geo+json",
            headers={"Cache-Control": f"public, max-age={GEO_CACHE_SECONDS}"},
        )

    @app.get("/geo/wards/{borough_code}.geojson", include_in_schema=False)
    def ward_geojson(borough_code: str) -> Response:
        return Response(
            ward_boundaries(borough_code.upper()),
            media_type="application/geo+json",
            headers={"Cache-Control": f"public, max-age={GEO_CACHE_SECONDS}"},
        )


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(API_PREFIX) or path.endswith((".json", ".geojson"))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CrimeplanError)
    async def crimeplan_error(request: Request, exc: CrimeplanError) -> Response:
        status = status_of(exc)
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        heading = "Not found" if status == 404 else "There is a problem"
        return render_page(
            request, "error.html", nav="", status=status, heading=heading, message=str(exc)
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request) or exc.status_code not in (404, 405):
            return JSONResponse(
                {"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
            )
        return render_page(
            request,
            "error.html",
            nav="",
            status=exc.status_code,
            heading="Page not found" if exc.status_code == 404 else "There is a problem",
            message=f"There is no page at {request.url.path}.",
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):  # FastAPI's documented HTTPValidationError body
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
            for e in exc.errors()
        )
        return render_page(
            request,
            "error.html",
            nav="",
            status=422,
            heading="There is a problem",
            message=problems,
        )
