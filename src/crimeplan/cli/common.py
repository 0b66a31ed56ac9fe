"""What every sub-command shares: the consoles, the `--db` and `--format` options, the store,
and strict JSON output. Heavy libraries are imported inside the functions that need them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from crimeplan.strict_json import dumps

if TYPE_CHECKING:
    from crimeplan.store import Store

out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The DuckDB store (default: $CRIMEPLAN_DB or ./crimeplan.duckdb)."),
]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def open_store(db: Path | None, *, must_exist: bool = False) -> Store:
    from crimeplan.store import Store, default_db_path

    path = db if db is not None else default_db_path()
    if must_exist and not path.exists():
        from crimeplan.errors import NotFoundError

        raise NotFoundError(
            f"no store at {path}",
            hint="Run `crimeplan demo` or `crimeplan ingest ...` first, or pass --db",
        )
    return Store(path)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str], None]]:
    """A spinner naming the file in hand; silent where output is not a terminal."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(description)

        def step(name: str) -> None:
            bar.update(task, description=f"{description}: {name}")

        yield step


def print_frame(df: Any, format: Format) -> None:
    """A data frame as CSV, strict JSON records, or a table."""
    if format is Format.csv:
        from crimeplan.text_cells import frame_csv

        sys.stdout.write(frame_csv(df))
    elif format is Format.json:
        records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        sys.stdout.write(dumps(records))
    else:
        from rich.table import Table

        table = Table(show_lines=False)
        for c in df.columns:
            table.add_column(str(c), justify="right" if df[c].dtype.kind in "iuf" else "left")
        for row in df.itertuples(index=False):
            table.add_row(
                *("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row)
            )
        out.print(table)
