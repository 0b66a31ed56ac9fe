"""`crimeplan consult synthetic`: write a synthetic consultation with known answers (demos).

It lives with the CLI, not in `consult/`, because the synthetic generators are used only by
the demo, the tests and these demo commands (`consult` must not import `synthetic`; checked
by the import contracts in tests/test_layers.py). `crimeplan.cli.load` mounts it on the
`consult` group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

AGREE = {"strongly_agree", "tend_to_agree"}


def synthetic_command(
    folder: Path,
    file: Annotated[
        Path, typer.Option("--consultation-file", help="The consultation file to follow.")
    ] = Path("consultations/london-2017-draft-plan.yaml"),
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same files.")
    ] = 2017,
) -> None:
    """Write a synthetic survey export and written responses with known answers (for demos)."""
    from crimeplan.consult.consultation_file import load_consultation
    from crimeplan.synthetic.consultation import generate_consultation

    loaded = load_consultation(file)
    known = generate_consultation(folder, loaded.consultation, seed=seed)
    typer.echo(
        f"{folder}: survey.csv and survey.xlsx ({known.respondents} respondents), "
        f"written/ ({len(known.written_files)} responses with manifest.csv)"
    )
    typer.echo(
        "known: q2_priorities agree "
        f"{known.agree_percent('q2_priorities', {'yes'}):.0f}%; q1_safer_city agree, women "
        f"{known.agree_percent('q1_safer_city', AGREE, ('gender', 'female')):.0f}% vs men "
        f"{known.agree_percent('q1_safer_city', AGREE, ('gender', 'male')):.0f}%"
    )
