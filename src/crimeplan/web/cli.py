"""`crimeplan serve`: run the dashboard with uvicorn.

Mount in the main CLI with `app.command("serve")(serve)` (a function), or
`app.add_typer(serve_app)` (a Typer whose only command is `serve`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crimeplan.engine_option import EngineOption

serve_app = typer.Typer(help="Serve the public dashboard and JSON API.")


@serve_app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    db: Annotated[
        Path | None, typer.Option(help="DuckDB store (default: CRIMEPLAN_DB or crimeplan.duckdb)")
    ] = None,
    plan: Annotated[
        list[Path] | None, typer.Option(help="Plan file(s) to serve (default: plans/*.yaml)")
    ] = None,
    engine: EngineOption = "duckdb",
) -> None:
    """Serve the dashboard at http://HOST:PORT/ (JSON API under /api/v1/, docs at /docs)."""
    import uvicorn

    from crimeplan.web.app import serving_app, start_warm_up

    app = serving_app(db, plan or None, engine)
    start_warm_up(app)  # every figure and page computed before /ready answers 200
    typer.echo(f"Dashboard: http://{host}:{port}/  (API: http://{host}:{port}/docs)")
    typer.echo(f"Warming up: http://{host}:{port}/ready answers 200 when every page is ready")
    uvicorn.run(app, host=host, port=port, log_level="warning")
