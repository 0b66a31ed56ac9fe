"""The `crimeplan` command: thin, it parses, calls the same functions as the web, and prints.

Errors a person can act on (`CrimeplanError`) are shown without a traceback, exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from crimeplan.engine_option import EngineOption, with_engine
from crimeplan.errors import CrimeplanError
from crimeplan.store import Store, default_db_path

app = typer.Typer(
    help="Run a Police and Crime Plan: ingest data, compute measures, report and publish.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
ingest_app = typer.Typer(help="Load data files into the store (atomic; re-running is harmless).")
app.add_typer(ingest_app, name="ingest")
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


def open_store(db: Path | None) -> Store:
    return Store(db if db is not None else default_db_path())


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str], None]]:
    """A spinner naming the file in hand; silent where output is not a terminal."""
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


def _print_report(report: Any) -> None:
    out.print(escape(report.summary()))
    for w in report.warnings:
        err.print(f"[yellow]warning:[/] {escape(w)}")


@ingest_app.command("police-uk")
def ingest_police_uk_cmd(
    path: Annotated[Path, typer.Argument(help="A street-level CSV, a folder of months or a .zip")],
    db: DbOption = None,
) -> None:
    """Ingest data.police.uk street-level crime files."""
    from crimeplan.ingest.police_uk import ingest_police_uk

    with open_store(db) as store, progress_bar("police.uk") as step:
        report = ingest_police_uk(store, path, progress=step)
    _print_report(report)


@ingest_app.command("mps-crime")
def ingest_mps_crime_cmd(
    path: Annotated[Path, typer.Argument(help="A published MPS recorded-crime table or a folder")],
    db: DbOption = None,
) -> None:
    """Ingest the Met's borough, ward or LSOA recorded-crime tables (London Datastore)."""
    from crimeplan.ingest.mps_crime import ingest_mps_crime

    with open_store(db) as store, progress_bar("MPS recorded crime") as step:
        report = ingest_mps_crime(store, path, progress=step)
    _print_report(report)


@ingest_app.command("values")
def ingest_values_cmd(
    file: Annotated[Path, typer.Argument(help="CSV: area,period,measure,numerator,denominator")],
    db: DbOption = None,
) -> None:
    """Ingest figures held elsewhere (MARAC referrals, figures from a published report)."""
    from crimeplan.ingest.values import ingest_values

    with open_store(db) as store:
        report = ingest_values(store, file)
    _print_report(report)


@app.command()
def measures(
    plan: Annotated[Path, typer.Option(help="The plan file (YAML).")],
    area: Annotated[str, typer.Option(help="Area name or ONS code; London for the force.")],
    period: Annotated[
        str, typer.Option(help="2016-12, 2016-17-Q3, 2016-17, 2016-17-YTD, latest")
    ] = "latest",
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
    engine: EngineOption = "duckdb",
) -> None:
    """The plan's measures for one area and period, with comparisons and ratings."""
    from crimeplan.measures.engine import rate_plan
    from crimeplan.plan import load_plan
    from crimeplan.publish.measure_table import print_measures

    p = load_plan(plan)
    with open_store(db) as store:
        results = rate_plan(with_engine(store, engine), p, area, period)
    print_measures(results, format.value, out)


@app.command()
def counts(
    by: Annotated[str, typer.Option(help="Comma-separated: borough,month,crime-type ...")],
    source: Annotated[str, typer.Option(help="police-uk or mps-crime")] = "police-uk",
    start: Annotated[str | None, typer.Option("--from", help="First month, YYYY-MM")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last month, YYYY-MM")] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
    engine: EngineOption = "duckdb",
) -> None:
    """Aggregated counts of the ingested records, by any of their dimensions."""
    from crimeplan.measures.counts import counts as count_records

    with open_store(db) as store:
        df = count_records(
            with_engine(store, engine),
            [b.strip() for b in by.split(",") if b.strip()],
            source,
            start=start,
            end=end,
        )
    _print_frame(df, format)


@app.command()
def revisions(
    area: Annotated[str | None, typer.Option(help="Area name or ONS code")] = None,
    measure: Annotated[
        str | None, typer.Option(help="A measure id (with --plan) or an offence group")
    ] = None,
    plan: Annotated[Path | None, typer.Option(help="The plan file, to name measures")] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """Published figures that a newer publication changed: old value, new value, both files."""
    from crimeplan.measures.revisions import list_revisions
    from crimeplan.plan import load_plan

    with open_store(db) as store:
        df = list_revisions(
            store, area=area, measure=measure, plan=load_plan(plan) if plan else None
        )
    _print_frame(df, format)


@app.command()
def reconcile(
    month: Annotated[str, typer.Option(help="YYYY-MM")],
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    db: DbOption = None,
) -> None:
    """Each source's and each level's total for a month, per offence group, with differences."""
    from crimeplan.measures.reconcile import reconcile as reconcile_month

    with open_store(db) as store:
        df, notes = reconcile_month(store, month)
    _print_frame(df, format)
    if format is Format.table:
        for n in notes:
            out.print(f"- {n}")


@app.command()
def demo(
    db: Annotated[Path, typer.Option(help="Where to build the demo store")] = Path(
        "var/demo.duckdb"
    ),
    serve: Annotated[bool, typer.Option(help="Serve the dashboard afterwards")] = False,
) -> None:
    """Ingest the embedded Met data and print the London plan's measures for the latest quarter."""
    from crimeplan.demo import run_demo

    run_demo(db, out, serve=serve)


def _print_frame(df: Any, format: Format) -> None:
    if format is Format.csv:
        sys.stdout.write(df.to_csv(index=False))
    elif format is Format.json:
        sys.stdout.write(json.dumps(json.loads(df.to_json(orient="records")), indent=2) + "\n")
    else:
        table = Table(show_lines=False)
        for c in df.columns:
            table.add_column(str(c), justify="right" if df[c].dtype.kind in "iuf" else "left")
        for row in df.itertuples(index=False):
            table.add_row(
                *("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row)
            )
        out.print(table)


def _mount_optional() -> None:
    """Sub-commands that live with their own packages."""
    import importlib

    for module, attr, name in (
        ("crimeplan.consult.cli", "consult_app", "consult"),
        ("crimeplan.consult.cli", "users_app", "users"),
        ("crimeplan.publish.cli", "report_app", "report"),
        ("crimeplan.measures.survey_cli", "survey_app", "survey"),
        ("crimeplan.measures.national_cli", "national_app", "national"),
    ):
        try:
            sub = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            continue
        app.add_typer(sub, name=name)
    try:
        from crimeplan.web.cli import serve as serve_cmd
    except ImportError:
        return
    app.command("serve")(serve_cmd)


def main() -> None:
    _mount_optional()
    try:
        app()
    except CrimeplanError as e:
        err.print(f"[red]error:[/] {escape(str(e))}")
        raise SystemExit(1) from None
