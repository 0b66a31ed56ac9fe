"""`crimeplan survey ...`: load survey files, draw synthetic PAS data, print survey measures.

Thin: each command parses, calls the functions the engine and web call, and prints. Mounted
by `crimeplan.cli` (`SUBCOMMANDS["survey"]`). Printed tables are always suppressed on small
bases. The synthetic generator is used only by `survey synth` (a demo tool).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from crimeplan.cli.common import open_store
from crimeplan.errors import CrimeplanError

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_MIN_BASE = 50
"""Suppress figures on fewer respondents (the value of `measures.suppression.DEFAULT_MIN_BASE`,
written here so `--help` does not load the statistics; tests/test_cli.py checks they agree)."""

survey_app = typer.Typer(
    help="Survey measures: load PAS-style microdata or published tables, print measures and "
    "gaps (small bases suppressed).",
    no_args_is_help=True,
)
out = Console(width=None if sys.stdout.isatty() else 200)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The DuckDB store (default: $CRIMEPLAN_DB or ./crimeplan.duckdb)."),
]
PositiveOption = Annotated[
    list[str],
    typer.Option("--positive", "-p", help="An answer counted as positive (repeat for more)."),
]
FormatOption = Annotated[str, typer.Option("--format", help="table or csv")]


def _subgroup(values: list[str]) -> dict[str, list[str]]:
    """`sex=female` options as {characteristic: [values]}."""
    subgroup: dict[str, list[str]] = {}
    for item in values:
        if "=" not in item:
            raise CrimeplanError(
                f"--only {item!r}: write it as characteristic=value, e.g. sex=female"
            )
        key, value = item.split("=", 1)
        subgroup.setdefault(key.strip(), []).append(value.strip())
    return subgroup


def _print(frame: pd.DataFrame, format: str) -> None:
    import pandas as pd
    from rich.table import Table

    from crimeplan.measures.suppression import for_display

    rounded = frame.drop(columns=["month"], errors="ignore")
    floats = rounded.select_dtypes("float").columns
    rounded[floats] = rounded[floats].round(1)
    shown = for_display(rounded)
    if format == "csv":
        from crimeplan.text_cells import frame_csv

        sys.stdout.write(frame_csv(shown))
        return
    table = Table()
    for column in shown.columns:
        table.add_column(str(column))
    for row in shown.itertuples(index=False):
        table.add_row(
            *("" if pd.isna(v) else f"{v:.1f}" if isinstance(v, float) else str(v) for v in row)
        )
    out.print(table)


@survey_app.command("ingest")
def ingest_cmd(
    path: Annotated[Path, typer.Argument(help="Survey microdata CSV, one row per respondent")],
    mapping: Annotated[
        Path | None, typer.Option(help="YAML mapping file for another layout")
    ] = None,
    synthetic: Annotated[
        bool,
        typer.Option(
            "--synthetic", help="The file is synthetic (e.g. from `survey synth`): label it so."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Load survey microdata (see docs/survey-data.md); respondents already loaded are replaced."""
    from crimeplan.ingest.survey import ingest_survey_microdata

    with open_store(db) as store:
        s = ingest_survey_microdata(store, path, mapping=mapping)
        if synthetic:
            store.mark_synthetic(s.file_id)
    out.print(
        f"{path.name}: {s.respondents:,} respondents, {s.answers:,} answers to "
        f"{len(s.questions)} questions ({', '.join(s.questions)}); latest month {s.vintage}"
    )


@survey_app.command("published")
def published_cmd(
    path: Annotated[Path, typer.Argument(help="CSV: area, period, measure, percentage, base")],
    db: DbOption = None,
) -> None:
    """Load a published survey table; figures already loaded for the same cell are replaced."""
    from crimeplan.ingest.survey import ingest_survey_published

    with open_store(db) as store:
        s = ingest_survey_published(store, path)
    out.print(f"{path.name}: {s.respondents:,} published figures ({', '.join(s.questions)})")


@survey_app.command("synth")
def synth_cmd(
    path: Annotated[Path, typer.Argument(help="Where to write the synthetic microdata CSV")],
    start: Annotated[str, typer.Option(help="First interview month, YYYY-MM")] = "2022-04",
    months: Annotated[int, typer.Option(help="Months of interviews")] = 24,
    per_borough_year: Annotated[int, typer.Option(help="Interviews a borough a year")] = 400,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same data")] = 2021,
) -> None:
    """Write synthetic PAS-style microdata calibrated to published figures (never real data)."""
    from crimeplan.synthetic.survey import generate_pas, write_pas_csv

    frame = generate_pas(start=start, months=months, per_borough_year=per_borough_year, seed=seed)
    write_pas_csv(frame, path)
    out.print(
        f"{path}: {len(frame):,} synthetic respondents, {start}, {months} months, seed {seed}"
    )


@survey_app.command("measure")
def measure_cmd(
    question: Annotated[str, typer.Argument(help="The question's column, e.g. trust_mps")],
    positive: PositiveOption,
    by: Annotated[list[str] | None, typer.Option(help="A characteristic to break down by")] = None,
    area_level: Annotated[str, typer.Option(help="force, borough or ward")] = "force",
    window: Annotated[int, typer.Option(help="Months pooled: 12 = rolling year")] = 12,
    month: Annotated[str | None, typer.Option(help="Only this window-end month, YYYY-MM")] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Keep respondents, e.g. sex=female")
    ] = None,
    survey: Annotated[str, typer.Option(help="The survey's name in the store")] = "pas",
    min_base: Annotated[int, typer.Option(help="Suppress figures on fewer respondents")] = (
        DEFAULT_MIN_BASE
    ),
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Print a survey measure: weighted %, 95% interval, base and effective n per area and month."""
    from crimeplan.measures.survey_measure import survey_measure_frame

    with open_store(db) as store:
        frame = survey_measure_frame(
            store,
            question,
            positive,
            by=by or None,
            area_level=area_level,
            window=window,
            months=(month, month) if month else None,
            subgroup=_subgroup(only or []),
            survey=survey,
            min_base=min_base,
        )
    _print(frame, format)


@survey_app.command("gaps")
def gaps_cmd(
    question: Annotated[str, typer.Argument(help="The question's column, e.g. trust_mps")],
    characteristic: Annotated[str, typer.Argument(help="e.g. ethnic_group")],
    positive: PositiveOption,
    month: Annotated[str, typer.Option(help="Window-end month, YYYY-MM")],
    reference: Annotated[str | None, typer.Option(help="Compare with this group")] = None,
    area_level: Annotated[str, typer.Option(help="force, borough or ward")] = "force",
    window: Annotated[int, typer.Option(help="Months pooled")] = 12,
    survey: Annotated[str, typer.Option(help="The survey's name in the store")] = "pas",
    min_base: Annotated[int, typer.Option(help="Suppress figures on fewer respondents")] = (
        DEFAULT_MIN_BASE
    ),
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Print each group's gap to the rest (or to --reference), rated against the ±5 point aim."""
    from crimeplan.measures.survey_measure import survey_gaps_frame

    with open_store(db) as store:
        frame = survey_gaps_frame(
            store,
            question,
            positive,
            characteristic,
            month=month,
            area_level=area_level,
            window=window,
            reference=reference,
            survey=survey,
            min_base=min_base,
        )
    _print(frame, format)
