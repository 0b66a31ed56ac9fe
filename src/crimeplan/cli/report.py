"""`crimeplan report ...`: the quarterly report for an area and the whole-force view.

Mounted by `crimeplan.cli` (`SUBCOMMANDS["report"]`). The commands parse, ask the measures
service for the figures (`quarterly_figures`, `force_figures`: the call the dashboard and the
API make too) and hand them to `build_quarterly_report` / `build_force_report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crimeplan.cli.common import open_store
from crimeplan.engine_option import EngineOption, with_engine

report_app = typer.Typer(
    help="Produce performance reports (HTML, PDF, Word, Excel, CSV) from the plan and the data.",
    no_args_is_help=True,
)

PlanOpt = Annotated[
    Path, typer.Option("--plan", help="Plan file (YAML).", exists=True, dir_okay=False)
]
PeriodOpt = Annotated[str, typer.Option("--period", help="A quarter, e.g. 2016-17-Q3, or latest.")]
OutOpt = Annotated[
    Path, typer.Option("--out", help="Folder for the report files.", file_okay=False)
]
DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Store (DuckDB file); default $CRIMEPLAN_DB or ./crimeplan.duckdb."),
]
AllowOpt = Annotated[
    bool,
    typer.Option(
        "--allow-missing",
        help="Report measures without a figure as 'no figure' instead of stopping.",
    ),
]


@report_app.command("quarterly")
def quarterly(
    plan: PlanOpt,
    area: Annotated[str, typer.Option("--area", help="Borough or force: name or ONS code.")],
    period: PeriodOpt,
    out: OutOpt,
    commentary: Annotated[
        Path | None,
        typer.Option(
            "--commentary",
            help="Commentary file (YAML, docs/commentary-file.md); default "
            "commentary/<area>-<period>.yaml beside the plan, if present.",
            dir_okay=False,
        ),
    ] = None,
    db: DbOpt = None,
    allow_missing: AllowOpt = False,
    engine: EngineOption = "duckdb",
) -> None:
    """The quarterly performance report for one area, in committee order."""
    from crimeplan.measures.service import quarterly_figures
    from crimeplan.plan import load_plan
    from crimeplan.publish.build import build_quarterly_report
    from crimeplan.publish.commentary import default_commentary_path

    loaded = load_plan(plan)
    with open_store(db, must_exist=True) as store:
        figures = quarterly_figures(
            with_engine(store, engine), loaded, area, period, allow_missing=allow_missing
        )
    if figures.scope.period_note:
        typer.echo(figures.scope.period_note)
    if commentary is None:
        guess = default_commentary_path(plan, figures.area_name, figures.scope.period.label)
        if guess.exists():
            commentary = guess
            typer.echo(f"Commentary: {guess}")
    files = build_quarterly_report(figures, out, commentary)
    for path in files.paths():
        typer.echo(f"wrote {path}")


@report_app.command("force")
def force(
    plan: PlanOpt,
    period: PeriodOpt,
    out: OutOpt,
    db: DbOpt = None,
    allow_missing: AllowOpt = False,
    engine: EngineOption = "duckdb",
) -> None:
    """The whole-force view: every borough side by side for each measure, ranked."""
    from crimeplan.measures.service import force_figures
    from crimeplan.plan import load_plan
    from crimeplan.publish.build import build_force_report

    with open_store(db, must_exist=True) as store:
        figures = force_figures(
            with_engine(store, engine), load_plan(plan), period, allow_missing=allow_missing
        )
    if figures.latest:
        typer.echo(figures.latest.sentence)
    files = build_force_report(figures, out)
    for path in files.paths():
        typer.echo(f"wrote {path}")
