"""The `crimeplan` command: one package, every sub-command mounted here, by name.

Thin: each command parses, calls the measures service (or the ingest, consult, publish
functions the web calls too) and prints. Errors a person can act on (`CrimeplanError`) are
shown without a traceback, exit status 1.

Sub-commands are listed in `SUBCOMMANDS` and imported only when used, so `crimeplan --help`
does not load pandas, DuckDB, SQLAlchemy or WeasyPrint. A sub-command whose module fails to
import fails loudly when it is used (and in tests/test_cli.py), never silently disappears.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Mounted:
    """A sub-command living in its own module: where it is and its one-line help."""

    module: str
    attr: str  # a Typer (a group of commands) or a function (one command)
    help: str


SUBCOMMANDS: dict[str, Mounted] = {
    "report": Mounted(
        "crimeplan.cli.report",
        "report_app",
        "Produce performance reports (HTML, PDF, Word, Excel, CSV) from the plan and the data.",
    ),
    "survey": Mounted(
        "crimeplan.cli.survey",
        "survey_app",
        "Survey measures: load PAS-style microdata or published tables, print measures and "
        "gaps (small bases suppressed).",
    ),
    "national": Mounted(
        "crimeplan.cli.national",
        "national_app",
        "England and Wales: forces, partnerships, local authorities, most similar forces.",
    ),
    "consult": Mounted(
        "crimeplan.consult.cli",
        "consult_app",
        "Consultations: set up, ingest responses, summarise, find themes in the free text.",
    ),
    "users": Mounted(
        "crimeplan.consult.cli", "users_app", "Analyst accounts for the consultation pages."
    ),
    "scrutiny": Mounted(
        "crimeplan.scrutiny.cli",
        "scrutiny_app",
        "The recommendations register: import, list, tracker report.",
    ),
    "plan": Mounted("crimeplan.cli.plan", "plan_app", "Plan files: compare versions."),
    "serve": Mounted(
        "crimeplan.web.cli",
        "serve",
        "Serve the dashboard at http://HOST:PORT/ (JSON API under /api/v1/, docs at /docs).",
    ),
}


#: Commands added to a mounted group from the CLI package (demo tools that use `synthetic`,
#: which the group's own package must not import).
EXTRA_COMMANDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "consult": (
        ("synthetic", "crimeplan.cli.consult_synthetic", "synthetic_command"),
        (
            "evaluate-recommendations",
            "crimeplan.cli.consult_text_eval",
            "evaluate_recommendations_command",
        ),
    ),
}


def load(name: str) -> Any:
    """The click command of a mounted sub-command (importing its module now)."""
    spec = SUBCOMMANDS[name]
    obj: Any = getattr(importlib.import_module(spec.module), spec.attr)
    for command, module, attr in EXTRA_COMMANDS.get(name, ()):
        if not any(c.name == command for c in obj.registered_commands):
            obj.command(command)(getattr(importlib.import_module(module), attr))
    # built exactly as `app.add_typer(obj, name=name)` / `app.command(name)(obj)` would be
    holder = typer.Typer(add_completion=False)
    if isinstance(obj, typer.Typer):
        holder.add_typer(obj, name=name)
    else:
        holder.command(name)(obj)
    holder.callback()(lambda: None)  # a group even with one command
    group: Any = typer.main.get_command(holder)
    return group.commands[name]  # type: ignore[no-any-return]


class MountedGroup(TyperGroup):
    """The root group: eager commands as usual, mounted ones listed by their help text and
    imported when resolved."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in SUBCOMMANDS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any | None:
        if cmd_name in self.commands or cmd_name not in SUBCOMMANDS:
            return super().get_command(ctx, cmd_name)
        # listed in --help: a placeholder with the help text, no import
        return TyperCommand(cmd_name, help=SUBCOMMANDS[cmd_name].help)

    def resolve_command(
        self, ctx: Any, args: list[str]
    ) -> tuple[str | None, Any | None, list[str]]:
        name = args[0] if args else None
        if name in SUBCOMMANDS and name not in self.commands:
            self.add_command(load(name), name)
        return super().resolve_command(ctx, args)

    def load_all(self) -> None:
        """Import every mounted sub-command (for the generated CLI reference)."""
        for name in SUBCOMMANDS:
            if name not in self.commands:
                self.add_command(load(name), name)


app = typer.Typer(
    cls=MountedGroup,
    help="Run a Police and Crime Plan: ingest data, compute measures, report and publish.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def root() -> MountedGroup:
    """The click group behind `crimeplan` with every sub-command loaded."""
    group = typer.main.get_command(app)
    assert isinstance(group, MountedGroup)
    group.load_all()
    return group


def main() -> None:
    from crimeplan.cli.common import err
    from crimeplan.errors import CrimeplanError

    try:
        app()
    except CrimeplanError as e:
        from rich.markup import escape

        err.print(f"[red]error:[/] {escape(str(e))}")
        raise SystemExit(1) from None


from crimeplan.cli import data as _data  # noqa: E402,F401  (the data commands, on `app`)
