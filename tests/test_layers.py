"""The lines the layers must not cross (the import contracts in pyproject.toml), and the CLI:
one package, every sub-command mounted by name, `--help` without the heavy libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    """ingest/measures/consult/publish/synthetic contracts (import-linter, no cache)."""
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--no-cache",
            str(ROOT / "pyproject.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


def test_every_sub_command_is_mounted_and_loads() -> None:
    """A sub-command whose module fails to import fails here, not silently at run time."""
    from crimeplan import cli

    root = cli.root()
    for name, mounted in cli.SUBCOMMANDS.items():
        assert name in root.commands, name
        # the help listed without importing is the command's own
        assert (root.commands[name].help or "").strip() == mounted.help, name
        result = CliRunner().invoke(cli.app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
    consult = root.commands["consult"]
    assert "synthetic" in getattr(consult, "commands", {})


def test_help_loads_no_heavy_library() -> None:
    """`crimeplan --help` imports neither pandas, DuckDB, Ibis, SQLAlchemy nor WeasyPrint."""
    code = (
        "import sys\n"
        "from crimeplan.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = {'pandas', 'duckdb', 'ibis', 'sqlalchemy', 'weasyprint', 'numpy', 'fastapi'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_survey_min_base_agrees_with_the_rule() -> None:
    from crimeplan.cli.survey import DEFAULT_MIN_BASE
    from crimeplan.measures import suppression

    assert DEFAULT_MIN_BASE == suppression.DEFAULT_MIN_BASE
