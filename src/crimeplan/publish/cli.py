"""`crimeplan report ...`: the quarterly report for an area and the whole-force view.

The lead's `crimeplan/cli.py` mounts `report_app` (`app.add_typer(report_app, name="report")`)
and shows any `CrimeplanError` without a traceback. The commands only parse and call
`build_quarterly_report` / `build_force_report`, which the web calls too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crimeplan.engine_option import EngineOption, with_engine
from crimeplan.plan import load_plan
from crimeplan.publish.build import build_force_report, build_quarterly_report
from crimeplan.publish.commentary import default_commentary_path
from crimeplan.store import Store
from crimeplan.store.analytic import default_db_path

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


def _open_store(db: Path | None) -> Store:
    path = db or default_db_path()
    if not path.exists():
        from crimeplan.errors import NotFoundError

        raise NotFoundError(
            f"no store at {path}",
            hint="Run `crimeplan demo` or `crimeplan ingest ...` first, or pass --db",
        )
    # not read-only: the engine's survey measures create their tables on first use
    return Store(path)


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
    loaded = load_plan(plan)
    store = with_engine(_open_store(db), engine)
    if commentary is None:
        guess = default_commentary_path(plan, area, period)
        if guess.exists():
            commentary = guess
            typer.echo(f"Commentary: {guess}")
    files = build_quarterly_report(
        store, loaded, area, period, out, commentary, allow_missing=allow_missing
    )
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
    loaded = load_plan(plan)
    store = with_engine(_open_store(db), engine)
    files = build_force_report(store, loaded, period, out, allow_missing=allow_missing)
    for path in files.paths():
        typer.echo(f"wrote {path}")
