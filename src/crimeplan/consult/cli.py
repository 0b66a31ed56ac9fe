"""`crimeplan consult ...` and `crimeplan users ...`: thin commands over the consult services.

Mount with `app.add_typer(consult_app, name="consult")` and
`app.add_typer(users_app, name="users")`. Every command takes `--app-db URL` (default: env
`CRIMEPLAN_APP_DB`, else `sqlite:///crimeplan-app.sqlite`) and migrates the database first.
"""

from __future__ import annotations

import functools
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from crimeplan.consult import accounts
from crimeplan.consult.consultation_file import load_consultation
from crimeplan.consult.intake import IntakeReport, ingest_survey, ingest_written, init_consultation
from crimeplan.consult.summary import FORMATS, consultation_summary, format_summary
from crimeplan.consult.survey import load_mapping
from crimeplan.errors import CrimeplanError
from crimeplan.store.appdb import AppDB, upgrade

consult_app = typer.Typer(help="Consultations: set up, ingest responses, summarise.")
users_app = typer.Typer(help="Analyst accounts for the consultation pages.")

AGREE = {"strongly_agree", "tend_to_agree"}
P = ParamSpec("P")
R = TypeVar("R")

AppDbOption = Annotated[
    str | None,
    typer.Option("--app-db", help="Application database URL (default: env CRIMEPLAN_APP_DB)."),
]
ConsultationOption = Annotated[
    str | None, typer.Option("--consultation", help="Consultation id (needed if several).")
]


def shows_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a CrimeplanError as one line on stderr and exit 1, without a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CrimeplanError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def _db(url: str | None) -> AppDB:
    db = AppDB(url)
    upgrade(db.url)
    return db


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _say(report: IntakeReport, what: str) -> None:
    typer.echo(
        f"{report.source}: {report.rows:,} {what} into '{report.consultation}' "
        f"({report.added:,} new, {report.replaced:,} replaced)"
    )


@consult_app.command("init")
@shows_errors
def init_command(file: Path, app_db: AppDbOption = None) -> None:
    """Create or update a consultation from its YAML file (questions, scales, categories)."""
    loaded = load_consultation(file)
    db = _db(app_db)
    init_consultation(db, loaded, _actor())
    c = loaded.consultation
    typer.echo(
        f"{c.id}: {len(c.closed_questions())} closed and {len(c.open_questions())} open "
        f"questions, {len(c.demographics)} demographic questions"
    )


@consult_app.command("ingest-survey")
@shows_errors
def ingest_survey_command(
    file: Path,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="YAML mapping for another layout.")
    ] = None,
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Load an online-survey export (.csv or .xlsx, one row per respondent)."""
    db = _db(app_db)
    loaded_mapping = load_mapping(mapping) if mapping else None
    report = ingest_survey(db, file, _actor(), slug=consultation, mapping=loaded_mapping)
    _say(report, "survey respondents")


@consult_app.command("ingest-written")
@shows_errors
def ingest_written_command(
    folder: Path, consultation: ConsultationOption = None, app_db: AppDbOption = None
) -> None:
    """Load a folder of written responses listed in its manifest.csv."""
    db = _db(app_db)
    report = ingest_written(db, folder, _actor(), slug=consultation)
    _say(report, "written responses")


@consult_app.command("summary")
@shows_errors
def summary_command(
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Closed-question results with 95% intervals, splits and the respondent register."""
    if fmt not in FORMATS:
        raise CrimeplanError(f"unknown format '{fmt}'", hint="Use table, csv or json")
    db = _db(app_db)
    with db.reading() as session:
        summary = consultation_summary(session, consultation)
    typer.echo(format_summary(summary, fmt), nl=False)


@users_app.command("add")
@shows_errors
def users_add_command(
    username: str,
    role: Annotated[str, typer.Option("--role", help="admin, analyst or viewer.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    app_db: AppDbOption = None,
) -> None:
    """Add a user; the password is prompted for (twice) or read from stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    db = _db(app_db)
    accounts.add_user(db, username, password, role, _actor())
    typer.echo(f"user '{username}' added with role {role}")
