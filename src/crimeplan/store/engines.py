"""The engine that computes figures: DuckDB (the store itself) or Apache Spark.

Every measure is an Ibis expression over `store.ibis`, executed by `store.run`; this module
gives the measures a store-like object whose tables live on the engine chosen. With Spark the
DuckDB store's tables are exported to Parquet (police.uk records partitioned by force and
month, see `store/parquet.py`) and read into Spark; the same expressions then run there,
unchanged. Spark runs in local mode (`local[2]`) or on a cluster given by its master URL
(`spark://host:7077`); PySpark is an optional extra (`requirements-spark.txt`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crimeplan.errors import CrimeplanError
from crimeplan.store.analytic import Store

ENGINES = ("duckdb", "spark")


def spark_available() -> str | None:
    """None when Spark can run here, else the reason it cannot (no PySpark, no Java)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install -r requirements-spark.txt)"
    java = shutil.which("java") or (
        os.path.join(os.environ["JAVA_HOME"], "bin", "java") if "JAVA_HOME" in os.environ else None
    )
    if not java or not os.path.exists(java):
        return "Java 17+ is not installed (Spark needs a JVM)"
    return None


def open_engine(store: Store, engine: str = "duckdb", *, master: str | None = None) -> Any:
    """The store as seen by an engine: the store itself for DuckDB, a SparkStore for Spark.

    `engine` is `duckdb`, `spark` or `spark:MASTER` (`spark:spark://host:7077`); `master`
    (or that suffix) is Spark's master URL, default `CRIMEPLAN_SPARK_MASTER` or `local[2]`.
    """
    name, _, url = engine.partition(":")
    name = name.strip().lower()
    master = master or url or None
    if name == "duckdb":
        return store
    if name == "spark":
        why = spark_available()
        if why:
            raise CrimeplanError(f"--engine spark: {why}", hint="Use --engine duckdb")
        return SparkStore(store, master=master)
    raise CrimeplanError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def spark_session(master: str | None = None, *, partitions: int | None = None) -> Any:
    """A SparkSession for crimeplan: no web UI, loopback driver, UTC, few shuffle partitions."""
    from pyspark.sql import SparkSession

    master = master or os.environ.get("CRIMEPLAN_SPARK_MASTER", "local[2]")
    local = master.startswith("local")
    builder = (
        SparkSession.builder.master(master)
        .appName("crimeplan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(partitions or (4 if local else 200)))
        .config("spark.sql.ansi.enabled", "false")
        # Results come back to Python through Arrow, not row by row: a national measure set
        # (2.3 million rows) spent 250 s building Row objects without it
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", os.environ.get("CRIMEPLAN_SPARK_DRIVER_MEMORY", "2g"))
    )
    if local:
        # Adaptive execution off in local mode: with the measure set's plan (unions of six
        # levels, fifteen selections) the driver spent minutes comparing plans between
        # stages (`AdaptiveSparkPlanExec.withFinalPlanUpdate`), and one machine gains little
        # from re-planning; on a cluster it stays on.
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.adaptive.enabled", "false")
            # a task's share of a large answer (2.6 million rows in four tasks) sent straight
            # to the driver, not through the block manager, where it was evicted by the
            # cached scratch tables ("TaskResultLost" at 20M records)
            .config("spark.task.maxDirectResultSize", "512m")
            .config("spark.rpc.message.maxSize", "512")
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkStore:
    """A DuckDB store's tables read into Spark through Parquet; measures see `ibis` and `run`.

    Anything else (metadata such as `data_version`, `path`) is the DuckDB store's. The Parquet
    copy is written once per data version into `parquet_dir` (default: a temporary folder
    removed on `close()`), or read as it is when `parquet_dir` already holds an export made on
    another machine (`crimeplan store export-parquet`).
    """

    engine = "spark"

    def __init__(
        self,
        store: Store,
        *,
        master: str | None = None,
        parquet_dir: str | Path | None = None,
        session: Any = None,
    ) -> None:
        import ibis

        from crimeplan.store.parquet import export_parquet, parquet_tables

        self.store = store
        self._tmp = None if parquet_dir else tempfile.mkdtemp(prefix="crimeplan-parquet-")
        self.parquet_dir = Path(parquet_dir or self._tmp or ".")
        if not (self.parquet_dir / "manifest.json").exists():
            export_parquet(store, self.parquet_dir)
        self.session = session or spark_session(master)
        self._ibis = ibis.pyspark.connect(self.session)
        for name, path in parquet_tables(self.parquet_dir).items():
            self._register(name, path)

    def _register(self, name: str, path: Path) -> None:
        df = self.session.read.parquet(str(path))
        extra = [c for c in df.columns if c.startswith("part_")]
        if extra:  # partition columns from the folder names; the rows hold the real ones
            df = df.drop(*extra)
        df.createOrReplaceTempView(name)

    @property
    def ibis(self) -> Any:
        return self._ibis

    @property
    def con(self) -> Any:
        return self.store.con

    def run(self, expr: Any) -> Any:
        """Execute an Ibis expression on Spark to a pandas frame."""
        return self._ibis.execute(expr)

    def arrow(self, expr: Any) -> Any:
        """Execute an Ibis expression on Spark to an Arrow table."""
        return self._ibis.to_pyarrow(expr)

    @contextmanager
    def scratch(self) -> Iterator[Any]:
        """`Store.scratch` on Spark: the expression's rows are computed once and cached by
        Spark (a cached temporary view, held in the JVM's memory and spilled to its disk), so
        every part of a later plan that reads it reads the cached rows, not its lineage."""
        names: list[str] = []

        def keep(expr: Any, in_query: bool = False) -> Any:  # Spark keeps both kinds
            name = f"_crimeplan_scratch_{uuid.uuid4().hex}"
            self._ibis.create_view(name, expr, overwrite=True)
            names.append(name)
            self.session.sql(f"CACHE TABLE `{name}`")  # eager: computed here, once
            return self._ibis.table(name)

        try:
            yield keep
        finally:
            for name in names:
                self.session.catalog.uncacheTable(name)
                self.session.catalog.dropTempView(name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def close(self) -> None:
        """Drop the temporary Parquet copy (the Spark session stays for reuse)."""
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> SparkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
