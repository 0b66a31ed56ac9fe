"""`crimeplan plan ...`: commands about plan files themselves."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

plan_app = typer.Typer(help="Plan files: compare versions.")


@plan_app.callback()
def plan_group() -> None:
    """Plan files: compare versions."""


@plan_app.command("diff")
def diff_command(
    draft: Path,
    final: Path,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """What changed from DRAFT to FINAL: added, removed and reworded priorities, outcomes,
    commitments and measures."""
    from crimeplan.plan import load_plan
    from crimeplan.plan.versions import diff_plans

    changes = diff_plans(load_plan(draft), load_plan(final))
    if fmt == "json":
        typer.echo(json.dumps([dataclasses.asdict(c) for c in changes], indent=2))
        return
    if not changes:
        typer.echo("No changes to priorities, outcomes, commitments or measures.")
    for c in changes:
        typer.echo(c.sentence())
