"""`crimeplan scrutiny ...`: import a register file or a committee's response, list the
register, write the tracker report. Thin: each command calls the scrutiny services."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from crimeplan.consult.cli import AppDbOption, ConsultationOption, _actor, _db, shows_errors
from crimeplan.errors import CrimeplanError
from crimeplan.scrutiny.model import STATUS_LABELS, response_label
from crimeplan.scrutiny.tracker import TrackerRow

scrutiny_app = typer.Typer(help="The recommendations register: import, list, tracker report.")

LIST_COLUMNS = (
    "id",
    "body",
    "report",
    "number",
    "text",
    "sub_points",
    "addressee",
    "theme",
    "response_kind",
    "response_text",
    "responder",
    "responded_on",
    "status",
    "owner",
    "due",
    "overdue",
    "version",
)
PlanOption = Annotated[
    list[Path] | None, typer.Option("--plan", help="Plan files to link to (default plans/*.yaml).")
]
PeriodOption = Annotated[
    str, typer.Option("--period", help="Period to rate linked measures for (with --db).")
]
StoreOption = Annotated[
    Path | None,
    typer.Option("--db", help="The DuckDB store, to show linked measures' latest ratings."),
]


@scrutiny_app.command("import")
@shows_errors
def import_command(
    file: Path,
    body: Annotated[
        str | None, typer.Option(help="For a response document: the body that wrote it.")
    ] = None,
    body_kind: Annotated[
        str, typer.Option(help="committee, board, group or member.")
    ] = "committee",
    report: Annotated[str | None, typer.Option(help="The report's title.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    responder: Annotated[str | None, typer.Option(help="Who wrote the responses.")] = None,
    written: Annotated[
        bool, typer.Option("--written", help="FILE names a written response already ingested.")
    ] = False,
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Import a register (.yaml, .csv) or a committee's response document (.txt .docx .pdf ...)."""
    from crimeplan.scrutiny.files import read_register
    from crimeplan.scrutiny.intake import records_from_document, records_from_written
    from crimeplan.scrutiny.register import import_records

    db = _db(app_db)
    if written:
        records = records_from_written(
            db, file.name, consultation=consultation, body_kind=body_kind
        )
    elif file.suffix.lower() in (".yaml", ".yml", ".csv"):
        records = read_register(file)
    else:
        if not body:
            raise CrimeplanError(
                f"{file.name} is a response document", hint="Say who wrote it with --body NAME"
            )
        records = records_from_document(
            file,
            body,
            body_kind=body_kind,
            report_title=report,
            published=date.fromisoformat(published) if published else None,
            responder=responder,
        )
    typer.echo(import_records(db, records, file.name, _actor()).summary())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def rows_csv(rows: list[TrackerRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, c)) for c in LIST_COLUMNS])
    return out.getvalue()


def rows_table(rows: list[TrackerRow]) -> str:
    lines = []
    for row in rows:
        flag = "  OVERDUE" if row.overdue else ""
        lines.append(
            f"{row.body} | {row.report} | {row.number:>3} | {response_label(row.response_kind)}"
            f" | {STATUS_LABELS[row.status]}{flag}"
        )
        lines.append(f"      {row.text}")
    return "\n".join(lines) + "\n"


@scrutiny_app.command("list")
@shows_errors
def list_command(
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    plan: PlanOption = None,
    db: StoreOption = None,
    period: PeriodOption = "latest",
    app_db: AppDbOption = None,
) -> None:
    """Every recommendation with its response, status, owner, due date and overdue flag."""
    if fmt not in ("table", "csv", "json"):
        raise CrimeplanError(f"unknown format '{fmt}'", hint="Use table, csv or json")
    rows = _rows(app_db, plan, db, period)
    if fmt == "json":
        typer.echo(json.dumps([dataclasses.asdict(r) for r in rows], default=str, indent=2))
    else:
        typer.echo(rows_csv(rows) if fmt == "csv" else rows_table(rows), nl=False)


def _rows(
    app_db: str | None, plan: list[Path] | None, db: Path | None, period: str
) -> list[TrackerRow]:
    from crimeplan.scrutiny.service import register_rows, shipped_plans
    from crimeplan.store import Store

    database = _db(app_db)
    store = Store(db) if db is not None else None
    try:
        return register_rows(database, date.today(), shipped_plans(plan or []), store, period)
    finally:
        if store is not None:
            store.close()


@scrutiny_app.command("report")
@shows_errors
def report_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the files.")] = Path(
        "reports/scrutiny"
    ),
    formats: Annotated[str, typer.Option("--formats", help="html,pdf,docx")] = "html,pdf,docx",
    title: Annotated[str | None, typer.Option(help="The report's title.")] = None,
    plan: PlanOption = None,
    db: StoreOption = None,
    period: PeriodOption = "latest",
    app_db: AppDbOption = None,
) -> None:
    """The recommendations tracker: counts by body, response and status, overdue flagged."""
    from crimeplan.scrutiny.report import tracker_content, write_tracker

    rows = _rows(app_db, plan, db, period)
    paths = write_tracker(
        tracker_content(rows, date.today(), title),
        out,
        tuple(f.strip() for f in formats.split(",") if f.strip()),
    )
    for p in paths:
        typer.echo(str(p))
