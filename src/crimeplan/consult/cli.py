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

consult_app = typer.Typer(
    help="Consultations: set up, ingest responses, summarise, find themes in the free text."
)
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


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    """Refuse an unknown --format before any work is done."""
    if fmt not in allowed:
        raise CrimeplanError(
            f"unknown format '{fmt}'", hint=f"Use {', '.join(allowed[:-1])} or {allowed[-1]}"
        )


@consult_app.command("summary")
@shows_errors
def summary_command(
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Closed-question results with 95% intervals, splits and the respondent register."""
    _check_format(fmt)
    db = _db(app_db)
    with db.reading() as session:
        summary = consultation_summary(session, consultation)
    typer.echo(format_summary(summary, fmt), nl=False)


@consult_app.command("recommendations")
@shows_errors
def recommendations_command(
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Recommendations found in written responses and long survey answers (redacted text)."""
    from crimeplan.consult.textreports import consultation_recommendations, format_recommendations

    _check_format(fmt)
    db = _db(app_db)
    with db.reading() as session:
        recs = consultation_recommendations(session, consultation)
    typer.echo(format_recommendations(recs, fmt), nl=False)


@consult_app.command("campaigns")
@shows_errors
def campaigns_command(
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Organised campaigns: template, size, members and their personal additions; themes both ways."""
    from crimeplan.consult.textreports import consultation_campaigns, format_campaigns

    _check_format(fmt)
    db = _db(app_db)
    with db.reading() as session:
        campaigns, themes = consultation_campaigns(session, consultation)
    typer.echo(format_campaigns(campaigns, themes, fmt), nl=False)


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


@consult_app.command("report")
@shows_errors
def report_command(
    themes: Annotated[Path, typer.Option("--themes", help="The theme codebook (YAML).")] = Path(
        "consultations/london-2017-draft-plan-themes.yaml"
    ),
    final: Annotated[
        Path | None, typer.Option("--final", help="The final plan, for 'We did' commitments.")
    ] = None,
    draft: Annotated[
        Path | None, typer.Option("--draft", help="The draft plan, to list what changed.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the files.")] = Path(
        "reports/you-said-we-did"
    ),
    formats: Annotated[str, typer.Option("--formats", help="html,pdf,docx")] = "html,pdf,docx",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """'You said, We did': how it was run, headline results, themes, changes, who responded."""
    from crimeplan.consult.yswd import load_codebook, you_said_we_did
    from crimeplan.consult.yswd_report import write_yswd
    from crimeplan.plan import load_plan

    db = _db(app_db)
    with db.reading() as session:
        y = you_said_we_did(
            session,
            load_codebook(themes),
            load_plan(final) if final else None,
            load_plan(draft) if draft else None,
            consultation,
        )
    for p in write_yswd(y, out, tuple(f.strip() for f in formats.split(",") if f.strip())):
        typer.echo(str(p))


EmbedderOption = Annotated[
    str, typer.Option("--embedder", help="minilm (all-MiniLM-L6-v2, local) or hashed (fast).")
]


@consult_app.command("evaluate")
@shows_errors
def evaluate_command(
    labelled: Annotated[Path, typer.Option("--labelled", help="Labelled CSV: text + 0/1 columns.")],
    text: Annotated[str, typer.Option("--text", help="The column holding the text.")],
    themes: Annotated[str, typer.Option("--themes", help="Theme columns, comma-separated.")],
    train_per_theme: Annotated[
        int | None,
        typer.Option("--train-per-theme", help="Train on K examples per theme (default: all)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the 80/20 split and samples.")] = 14,
    test: Annotated[
        Path | None,
        typer.Option("--test", help="Score on this CSV instead (train on all of --labelled)."),
    ] = None,
    embedder: EmbedderOption = "minilm",
) -> None:
    """Train the theme coder on a coded CSV and report F1 on a held-out 20% (and a baseline)."""
    from crimeplan.consult.text.embed import make_embedder
    from crimeplan.consult.text.evaluate import evaluate, format_evaluation, load_labelled

    columns = [c.strip() for c in themes.split(",") if c.strip()]
    if not columns:
        raise CrimeplanError("no theme columns given", hint="--themes col1,col2,...")
    data = load_labelled(labelled, text, columns)
    model = make_embedder(embedder)
    test_data = load_labelled(test, text, columns) if test is not None else None
    result = evaluate(data, model, k=train_per_theme, seed=seed, test_data=test_data)
    typer.echo(format_evaluation(result, model.name), nl=False)


@consult_app.command("analyse")
@shows_errors
def analyse_command(
    codebook: Annotated[
        Path | None, typer.Option("--codebook", help="Codebook file (.yaml or .csv) to code to.")
    ] = None,
    rediscover: Annotated[
        bool, typer.Option("--rediscover", help="Drop the themes and discover them afresh.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed for discovery and the coder.")] = 14,
    embedder: EmbedderOption = "minilm",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Segment the free text, embed it, find (or load) themes and code every segment."""
    from crimeplan.consult.text.analysis import analyse
    from crimeplan.consult.text.embed import make_embedder

    db = _db(app_db)
    report = analyse(
        db, consultation, make_embedder(embedder), seed=seed, codebook=codebook,
        rediscover=rediscover,
    )  # fmt: skip
    found = f", {report.discovered} discovered" if report.discovered else ""
    typer.echo(
        f"{report.consultation}: {report.segments:,} segments from {report.respondents:,} "
        f"respondents, {report.themes} themes{found}; coder trained on {report.trained_on:,} "
        f"rows ({report.embedded_with}); {report.unassigned:,} segments with no theme"
    )


@consult_app.command("themes")
@shows_errors
def themes_command(
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    merge: Annotated[str | None, typer.Option("--merge", help="SOURCE:TARGET theme keys.")] = None,
    rename: Annotated[str | None, typer.Option("--rename", help="KEY=New label.")] = None,
    add: Annotated[str | None, typer.Option("--add", help="KEY=Label of a new theme.")] = None,
    drop: Annotated[str | None, typer.Option("--drop", help="KEY of a theme to drop.")] = None,
    embedder: EmbedderOption = "minilm",
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Themes: respondents, share, interval, stances, quotes, agreement; or change the codebook.

    --merge, --rename, --add and --drop are audited; run `consult analyse` after a change.
    """
    from crimeplan.consult.text import review
    from crimeplan.consult.text.embed import make_embedder
    from crimeplan.consult.text.results import format_results, theme_results

    _check_format(fmt, ("table", "json"))
    db = _db(app_db)
    if merge:
        source, _, target = merge.partition(":")
        review.merge_themes(db, consultation, source, target, _actor())
    if rename:
        key, _, label = rename.partition("=")
        review.rename_theme(db, consultation, key, label, _actor())
    if add:
        key, _, label = add.partition("=")
        review.add_theme(db, consultation, key, label or key, _actor())
    if drop:
        review.drop_theme(db, consultation, drop, _actor())
    with db.reading() as session:
        results = theme_results(session, consultation, make_embedder(embedder).name)
    typer.echo(format_results(results, fmt), nl=False)


@consult_app.command("agreement")
@shows_errors
def agreement_command(
    coder: Annotated[str, typer.Option("--coder", help="The analyst coding blind.")],
    sample: Annotated[
        int, typer.Option("--sample", help="Add N random segments to the coder's sample.")
    ] = 0,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write the sample (no machine codes) as CSV.")
    ] = None,
    coded: Annotated[
        Path | None,
        typer.Option("--import", help="CSV of segment_id,themes (keys separated by ;)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the random sample.")] = 14,
    consultation: ConsultationOption = None,
    app_db: AppDbOption = None,
) -> None:
    """Blind coding of a random sample, and per-theme precision, recall, F1 and kappa."""
    from crimeplan.consult.intake import find_consultation
    from crimeplan.consult.text import review
    from crimeplan.consult.text.agreement import format_agreement
    from crimeplan.consult.text.results import consultation_agreement

    db = _db(app_db)
    if sample:
        total = review.draw_sample(db, consultation, coder, sample, seed)
        typer.echo(f"{coder}'s blind sample: {total} segments")
    if coded is not None:
        for line, row in _coded_rows(coded):
            themes = [k.strip() for k in (row.get("themes") or "").split(";") if k.strip()]
            try:
                review.record_blind(db, consultation, int(row["segment_id"]), coder, themes)
            except (KeyError, ValueError) as exc:
                raise CrimeplanError(f"{coded.name} line {line}: no segment_id ({exc})") from None
    with db.reading() as session:
        record = find_consultation(session, consultation)
        if export is not None:
            export.write_text(review.sample_csv(session, record.id, coder), encoding="utf-8")
            typer.echo(f"{export}: the sample to code (fill the themes column, then --import)")
        rows = consultation_agreement(session, record.id)
    if rows:
        typer.echo(format_agreement(rows), nl=False)
    else:
        typer.echo("no blind codes yet")


def _coded_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    import csv

    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(enumerate(csv.DictReader(fh), start=2))
