"""`crimeplan national ...`: measures for every force, partnership or local authority of
England and Wales, and a force beside its most similar forces (police.uk records)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crimeplan.cli.common import Format
from crimeplan.engine_option import EngineOption, with_engine

national_app = typer.Typer(
    help="England and Wales: forces, partnerships, local authorities, most similar forces."
)
DbOpt = Annotated[Path | None, typer.Option("--db", help="The DuckDB store.")]
PlanOpt = Annotated[
    Path | None,
    typer.Option(help="A plan file; default: every police.uk crime type, count and rate."),
]


def _plan(store: object, plan: Path | None) -> object:
    from crimeplan.measures.offence_groups import police_uk_plan
    from crimeplan.plan import load_plan

    return load_plan(plan) if plan else police_uk_plan(store)  # type: ignore[arg-type]


@national_app.command("measures")
def measures_cmd(
    area: Annotated[str, typer.Option(help="A force, partnership, local authority, ward or LSOA")],
    period: Annotated[str, typer.Option(help="2024-25-Q3, 2024-12, latest")] = "latest",
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    plan: PlanOpt = None,
    db: DbOpt = None,
    engine: EngineOption = "duckdb",
) -> None:
    """Every measure for one area, with comparisons and signals (as its dashboard page)."""
    from crimeplan.cli.common import open_store, out
    from crimeplan.measures.service import plan_results, resolve
    from crimeplan.publish.measure_table import print_measures

    with open_store(db) as store:
        eng = with_engine(store, engine)
        scope = resolve(eng, _plan(eng, plan), area, period)  # type: ignore[arg-type]
        results = plan_results(eng, scope)
    print_measures(results, format.value, out, period_note=scope.period_note)


@national_app.command("areas")
def areas_cmd(
    measure: Annotated[str, typer.Option(help="Measure id, e.g. burglary or all-records-rate")],
    level: Annotated[str, typer.Option(help="force, csp or lad")] = "force",
    within: Annotated[str | None, typer.Option(help="Only the areas of this force")] = None,
    period: Annotated[str, typer.Option(help="2024-25-Q3, 2024-12, latest")] = "latest",
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    plan: PlanOpt = None,
    db: DbOpt = None,
    engine: EngineOption = "duckdb",
) -> None:
    """One measure for every force, CSP or local authority, with its comparisons."""
    from crimeplan.cli.common import open_store, out
    from crimeplan.measures.national import rate_level
    from crimeplan.publish.measure_table import print_measures

    with open_store(db) as store:
        eng = with_engine(store, engine)
        results = rate_level(eng, _plan(eng, plan), measure, level, period, within)  # type: ignore[arg-type]
    print_measures(results, format.value, out)


@national_app.command("similar")
def similar_cmd(
    force: Annotated[str, typer.Option(help="A force: name or PFA code")],
    measure: Annotated[str, typer.Option(help="Measure id, e.g. all-records-rate")],
    period: Annotated[str, typer.Option(help="2024-25-Q3, 2024-12, latest")] = "latest",
    groups: Annotated[
        Path | None, typer.Option(help="CSV force,similar: your own most similar groups")
    ] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    plan: PlanOpt = None,
    db: DbOpt = None,
    engine: EngineOption = "duckdb",
) -> None:
    """A force beside its most similar forces: values, changes, the group mean and rank."""
    from crimeplan.cli.common import open_store, out, print_frame
    from crimeplan.measures.national import compare_similar

    with open_store(db) as store:
        eng = with_engine(store, engine)
        df, definition = compare_similar(eng, _plan(eng, plan), measure, force, period, groups)  # type: ignore[arg-type]
    if format is Format.table:
        out.print(definition)
        print_frame(df, format)
    else:  # every row says whose group it is and how it was defined
        print_frame(df.assign(definition=definition), format)
