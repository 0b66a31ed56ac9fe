"""The docs stay true to the code: generated blocks current, every command and rule documented.

Generated blocks (tables of the code's constants, `--help` texts) are checked by running
`scripts/gen_docs.py --check`; the rest checks that hand-written sections exist for what the
code defines: each CLI command, each plan-file unit, source, polarity and aggregation, each
plan-model field, and each shipped data file's attribution.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def load_gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_docs", module)
    spec.loader.exec_module(module)
    return module


gen_docs = load_gen_docs()


def hand_written(path: Path) -> str:
    """A doc's text without its generated blocks, so only what a person wrote counts."""
    text: str = gen_docs.BLOCK.sub("", path.read_text(encoding="utf-8"))
    return text


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or higher level."""
    m = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert m, f"no heading {heading!r}"
    level = len(m.group(1))
    rest = text[m.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def test_generated_blocks_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_check_mode_finds_a_stale_block(tmp_path: Path) -> None:
    """The checker itself: a block whose text differs from the code is reported and fixed."""
    doc = "<!-- BEGIN GENERATED: decimals -->\nstale\n<!-- END GENERATED: decimals -->\n"
    rendered, problems = gen_docs.render(doc, tmp_path / "x.md")
    assert problems == []
    assert rendered != doc
    assert "`rate_per_1000` | 2 |" in rendered
    assert gen_docs.render(rendered, tmp_path / "x.md") == (rendered, [])
    _, problems = gen_docs.render("<!-- BEGIN GENERATED: nonsense -->\n", tmp_path / "x.md")
    assert problems and "no matching END" in problems[0]
    bad = "<!-- BEGIN GENERATED: nonsense -->\n<!-- END GENERATED: nonsense -->"
    _, problems = gen_docs.render(bad, tmp_path / "x.md")
    assert problems and "no generator" in problems[0]


COMMANDS = [path for path, is_group in gen_docs.cli_commands() if not is_group]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_every_cli_command_has_a_section_with_an_example(path: tuple[str, ...]) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    name = "crimeplan " + " ".join(path)
    body = section(text, name)
    assert f"<!-- BEGIN GENERATED: cli-help {' '.join(path)} -->" in body, (
        f"docs/cli.md: the section {name!r} has no generated --help block"
    )
    assert f"$ {name}" in gen_docs.BLOCK.sub("", body), (
        f"docs/cli.md: the section {name!r} has no worked example (a line '$ {name} ...')"
    )


def test_no_cli_section_is_missing() -> None:
    assert gen_docs.missing_cli_sections() == []


def plan_literals() -> list[tuple[str, str]]:
    from crimeplan.plan import model

    return [
        (kind, value)
        for kind, alias in (
            ("unit", model.Unit),
            ("source", model.Source),
            ("polarity", model.Polarity),
            ("aggregation", model.Aggregation),
        )
        for value in typing.get_args(alias)
    ]


@pytest.mark.parametrize("kind,value", plan_literals(), ids=lambda x: str(x))
def test_every_plan_literal_has_a_row_in_plan_file_doc(kind: str, value: str) -> None:
    text = hand_written(DOCS / "plan-file.md")
    assert re.search(rf"^\| `{re.escape(value)}` \|", text, re.MULTILINE), (
        f"docs/plan-file.md has no table row for the {kind} `{value}`"
    )


def plan_fields() -> list[tuple[str, str]]:
    from pydantic import BaseModel

    from crimeplan.plan import model

    models = [
        cls
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and not cls.__name__.startswith("_")
    ]
    return [(cls.__name__, f) for cls in models for f in cls.model_fields]


@pytest.mark.parametrize("model_name,field", plan_fields(), ids=lambda x: str(x))
def test_every_plan_field_is_explained(model_name: str, field: str) -> None:
    """A generated table lists the field; a person must also have said what it means."""
    text = (DOCS / "plan-file.md").read_text(encoding="utf-8")
    body = section(text, model_name)
    assert f"<!-- BEGIN GENERATED: model-fields {model_name} -->" in body
    assert f"`{field}`" in gen_docs.BLOCK.sub("", body), (
        f"docs/plan-file.md: section {model_name!r} does not explain `{field}`"
    )


def test_every_shipped_data_file_is_attributed() -> None:
    data = ROOT / "src" / "crimeplan" / "data"
    text = (data / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in text
    files = [p for p in data.rglob("*") if p.is_file() and p.name != "ATTRIBUTION.md"]
    assert files
    missing = [str(p.relative_to(data)) for p in files if f"`{p.relative_to(data)}`" not in text]
    assert missing == [], f"ATTRIBUTION.md does not name: {missing}"


def test_decision_records_have_their_sections() -> None:
    records = sorted((DOCS / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))
    assert [r.name[:4] for r in records] == [f"{i:04d}" for i in range(1, len(records) + 1)]
    for r in records:
        text = r.read_text(encoding="utf-8")
        for heading in ("## Context", "## Decision", "## Consequences"):
            assert heading in text, f"{r.name} has no '{heading}'"


def test_relative_links_in_docs_resolve() -> None:
    broken = []
    for doc in DOCS.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert broken == []


def fenced(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_plan_file_full_example_loads(tmp_path: Path) -> None:
    from crimeplan.plan import load_plan

    text = (DOCS / "plan-file.md").read_text(encoding="utf-8")
    example = fenced(section(text, "A full example"), "yaml")[0]
    (tmp_path / "plan.yaml").write_text(example, encoding="utf-8")
    plan = load_plan(tmp_path / "plan.yaml")
    assert {"mps-crime", "values", "survey", "unavailable"} <= {m.source for m in plan.measures()}


def test_plan_file_validation_example_reports_what_the_doc_says(tmp_path: Path) -> None:
    from crimeplan.errors import PlanError
    from crimeplan.plan import load_plan

    body = section(
        (DOCS / "plan-file.md").read_text(encoding="utf-8"), "How validation reports problems"
    )
    bad = fenced(body, "yaml")[0]
    said = fenced(body, "text")[0].strip().splitlines()
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(tmp_path / "bad.yaml")
    assert err.value.problems == said


def console_example(heading: str, command: str) -> list[str]:
    """The output lines the doc shows under `$ COMMAND ...` in a section's console block."""
    body = section((DOCS / "cli.md").read_text(encoding="utf-8"), heading)
    for block in fenced(body, "console"):
        lines = block.rstrip("\n").splitlines()
        for i, line in enumerate(lines):
            if line.startswith(f"$ {command}"):
                rest = lines[i + 1 :]
                end = next((j for j, x in enumerate(rest) if x.startswith("$ ")), len(rest))
                return [x.rstrip() for x in rest[:end]]
    raise AssertionError(f"no example '$ {command}' under {heading!r}")


def test_havering_example_in_cli_doc_is_what_the_command_prints(tmp_path: Path) -> None:
    """The worked `measures` example (the Havering oracle) is real output, not a mock-up."""
    from typer.testing import CliRunner

    from crimeplan import cli

    body = section((DOCS / "cli.md").read_text(encoding="utf-8"), "crimeplan ingest values")
    values = next(b for b in fenced(body, "text") if b.startswith("area,period,"))
    (tmp_path / "havering-2016-17.csv").write_text(values, encoding="utf-8")
    db = str(tmp_path / "demo.duckdb")
    shipped = ROOT / "src" / "crimeplan" / "data" / "mps"
    runner = CliRunner()
    for args in (
        ["ingest", "mps-crime", str(shipped / "recorded-crime-borough-historical.csv.gz")],
        ["ingest", "values", str(tmp_path / "havering-2016-17.csv")],
    ):
        result = runner.invoke(cli.app, [*args, "--db", db])
        assert result.exit_code == 0, result.output
    assert result.output.strip() == "\n".join(
        console_example("crimeplan ingest values", "crimeplan ingest values")
    )
    plan = str(ROOT / "plans" / "havering-2016-17.yaml")
    args = ["measures", "--plan", plan, "--area", "Havering", "--period", "2016-17-Q3", "--db", db]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    shown = [x.rstrip() for x in result.output.rstrip("\n").splitlines()]
    assert shown == console_example("crimeplan measures", "crimeplan measures")
