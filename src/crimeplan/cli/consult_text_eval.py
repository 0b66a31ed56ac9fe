"""`crimeplan consult evaluate-recommendations`: recall and precision of recommendation extraction.

It lives with the CLI, not in `consult/`, because with no folder it scores the built-in labelled
set from `crimeplan.synthetic.recommendation_docs` (`consult` must not import `synthetic`).
`crimeplan.cli.load` mounts it on the `consult` group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def evaluate_recommendations_command(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Labelled folder: documents + labels.csv (file,text). "
            "Default: the built-in set of 24 documents."
        ),
    ] = None,
) -> None:
    """Recall and precision of recommendation extraction on a labelled folder."""
    import tempfile

    from crimeplan.consult.recommendations import evaluate_folder
    from crimeplan.synthetic.recommendation_docs import generate_recommendation_docs

    with tempfile.TemporaryDirectory() as tmp:
        if folder is None:
            folder = Path(tmp)
            generate_recommendation_docs(folder)
        ev = evaluate_folder(folder)
    typer.echo(
        f"{ev.documents} documents, {ev.gold} labelled, {ev.predicted} found, {ev.matched} matched: "
        f"recall {ev.recall:.3f}, precision {ev.precision:.3f}"
    )
    for file, text in ev.missed[:20]:
        typer.echo(f"missed  {file}: {text}")
    for file, text in ev.extra[:20]:
        typer.echo(f"extra   {file}: {text}")
