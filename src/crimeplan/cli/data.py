"""`crimeplan ingest ...`, `measures`, `counts`, `revisions`, `reconcile` and `demo`.

Thin: each command parses, calls the measures service or an ingest function, and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from crimeplan.cli import app
from crimeplan.cli.common import DbOption, Format, err, open_store, out, print_frame, progress_bar
from crimeplan.engine_option import EngineOption, with_engine

ingest_app = typer.Typer(help="Load data files into the store (atomic; re-running is harmless).")
app.add_typer(ingest_app, name="ingest")


def _print_report(report: Any) -> None:
    out.print(escape(report.summary()))
    for w in report.warnings:
        err.print(f"[yellow]warning:[/] {escape(w)}")


@ingest_app.command("police-uk")
def ingest_police_uk_cmd(
    path: Annotated[Path, typer.Argument(help="A street-level CSV, a folder of months or a .zip")],
    synthetic: Annotated[
        bool,
        typer.Option(
            "--synthetic",
            help="The files are synthetic (crimeplan.synthetic.national): label every figure "
            "drawn from them so.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Ingest data.police.uk street-level crime files."""
    from crimeplan.ingest.police_uk import SOURCE, ingest_police_uk

    with open_store(db) as store, progress_bar("police.uk") as step:
        report = ingest_police_uk(store, path, progress=step)
        if synthetic:
            store.mark_synthetic_files(SOURCE, report.files + report.skipped)
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
    from crimeplan.measures.service import plan_results, resolve
    from crimeplan.plan import load_plan
    from crimeplan.publish.measure_table import print_measures

    p = load_plan(plan)
    with open_store(db) as store:
        eng = with_engine(store, engine)
        scope = resolve(eng, p, area, period)
        results = plan_results(eng, scope)
    print_measures(results, format.value, out, period_note=scope.period_note)


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
    print_frame(df, format)


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
    print_frame(df, format)


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
    print_frame(df, format)
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
