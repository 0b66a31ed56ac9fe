"""The `--engine` option shared by every command that computes figures (`measures`,
`counts`, `report ...`, `serve`): DuckDB by default, Spark in local mode or on a cluster."""

from __future__ import annotations

from typing import Annotated, Any

import typer

ENGINE_HELP = (
    "Where figures are computed: duckdb (default), spark (local mode, local[2]), or "
    "spark:MASTER for a cluster (spark:spark://host:7077). Spark reads the store's tables "
    "through Parquet; it needs `pip install -r requirements-spark.txt` and Java 17."
)
EngineOption = Annotated[str, typer.Option("--engine", envvar="CRIMEPLAN_ENGINE", help=ENGINE_HELP)]


def with_engine(store: Any, engine: str) -> Any:
    """The store as the chosen engine sees it (the store itself for DuckDB)."""
    from crimeplan.store.engines import open_engine

    return open_engine(store, engine)
