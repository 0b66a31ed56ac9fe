"""Rewrite the generated blocks in docs/ from the code, or check that they are current.

Usage, from the project root:
    PYTHONPATH=src .venv/bin/python scripts/gen_docs.py          # rewrite stale blocks
    PYTHONPATH=src .venv/bin/python scripts/gen_docs.py --check  # exit 1 if any is stale

A block is the text between `<!-- BEGIN GENERATED: NAME -->` and `<!-- END GENERATED: NAME -->`
in any Markdown file under docs/. NAME picks the generator: a key of GENERATORS (tables of the
constants the code uses, computed by calling the code itself), `model-fields MODEL` (the fields
of a plan-file model), `measures PLAN_ID` (the measures of plans/PLAN_ID.yaml) or
`cli-help COMMAND ...` (that command's `--help`, rendered by typer at 100 columns). The check
also fails for an unknown block name, an unclosed block, and a CLI command with no
`cli-help` block in docs/cli.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "src"))

BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[^>]+?) -->\n)"
    r"(?P<body>.*?)"
    r"(<!-- END GENERATED: (?P=name) -->)",
    re.DOTALL,
)
OPENING = re.compile(r"<!-- BEGIN GENERATED: ([^>]+?) -->")
HELP_COLUMNS = 100
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# --- small Markdown writers ------------------------------------------------------------------
def table(head: list[str], rows: list[list[Any]]) -> str:
    def cell(x: Any) -> str:
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def code(text: str, lang: str = "text") -> str:
    return f"```{lang}\n{text.rstrip()}\n```\n"


def shown(x: Any) -> str:
    """A rule's output as the docs show it: None is 'not rated'."""
    return "*none (not rated)*" if x is None else f"**{x}**"


# --- measures/rules.py ----------------------------------------------------------------------
def gen_decimals() -> str:
    from crimeplan.measures.rules import DECIMALS
    from crimeplan.publish.measure_table import fmt_value

    rows = [[f"`{u}`", d, fmt_value(1234.5678, u)] for u, d in DECIMALS.items()]
    return table(["unit", "decimal places (`DECIMALS`)", "1234.5678 is shown as"], rows)


RAG_CASES: list[tuple[str, str, float, float | None, float | None, float | None]] = [
    # (why, polarity, value, target, tolerance as a fraction of target, same period last year)
    ("on target", "lower_is_better", 100, 100, 0.05, 120),
    ("better than target", "lower_is_better", 90, 100, 0.05, 80),
    ("worse than target, within tolerance", "lower_is_better", 104, 100, 0.05, 90),
    ("worse than target by exactly the tolerance", "lower_is_better", 105, 100, 0.05, 90),
    ("off target, better than last year", "lower_is_better", 106, 100, 0.05, 110),
    ("off target, same as last year (maintained)", "lower_is_better", 106, 100, 0.05, 106),
    ("off target, worse than last year", "lower_is_better", 106, 100, 0.05, 101),
    ("off target, no figure for last year", "lower_is_better", 106, 100, 0.05, None),
    ("within tolerance, no figure for last year", "lower_is_better", 104, 100, 0.05, None),
    ("no target", "lower_is_better", 106, None, None, 101),
    ("neutral measure", "neutral", 106, 100, 0.05, 101),
    ("higher is better, off target, better than last year", "higher_is_better", 90, 100, 0.05, 85),
    ("higher is better, off target, worse than last year", "higher_is_better", 90, 100, 0.05, 95),
    ("Havering TNO 2016-17 Q3 YTD (today's data)", "lower_is_better", 13014, 12453, 0.025, 12453),
    ("Havering TNO as printed in January 2017", "lower_is_better", 13143, 12573, 0.025, 12573),
]


def gen_rag_cases() -> str:
    from crimeplan.measures.rules import rag_rating
    from crimeplan.plan.model import Tolerance

    rows = []
    for why, polarity, value, target, tol, last in RAG_CASES:
        allowance = Tolerance(relative=tol).allowance(target) if tol and target else 0.0
        nan = float("nan")
        rag = rag_rating(
            value,
            nan if target is None else target,
            allowance,
            nan if last is None else last,
            polarity,
        ).item()
        rows.append(
            [
                why,
                f"`{polarity}`",
                f"{value:,g}",
                "–" if target is None else f"{target:,g}",
                "–" if target is None else f"{allowance:,.1f} ({tol:.1%})",
                "–" if last is None else f"{last:,g}",
                shown(rag),
            ]
        )
    head = ["case", "polarity", "value", "target", "tolerance", "same period last year", "RAG"]
    return table(head, rows)


DOT_CASES: list[tuple[str, str, float, float | None, str]] = [
    # (why, unit, current, comparison, polarity)
    (
        "Havering TNO Q3 2016-17 against Q3 2015-16 (printed)",
        "count",
        4355,
        4520,
        "lower_is_better",
    ),
    ("a count one higher", "count", 5042, 5041, "lower_is_better"),
    ("a count equal", "count", 5041, 5041, "lower_is_better"),
    ("rates equal to 2 places", "rate_per_1000", 26.641, 26.644, "lower_is_better"),
    ("rates differing in the 2nd place", "rate_per_1000", 26.64, 26.65, "lower_is_better"),
    ("percentages equal to 1 place", "percentage", 28.84, 28.76, "higher_is_better"),
    ("percentages differing in the 1st place", "percentage", 28.8, 25.7, "higher_is_better"),
    ("neutral measure", "count", 1770, 1507, "neutral"),
    ("no comparison value", "count", 1770, None, "lower_is_better"),
]


def gen_direction_cases() -> str:
    from crimeplan.measures.rules import DECIMALS, direction_of_travel

    rows = []
    for why, unit, cur, cmp_, polarity in DOT_CASES:
        places = DECIMALS[unit]
        out = direction_of_travel(
            cur, float("nan") if cmp_ is None else cmp_, polarity, places
        ).item()
        rows.append(
            [
                why,
                f"`{unit}`",
                f"`{polarity}`",
                f"{cur:g}",
                "–" if cmp_ is None else f"{cmp_:g}",
                "*none (no arrow)*" if out is None else f"**{out}**",
            ]
        )
    return table(["case", "unit", "polarity", "current", "comparison", "direction"], rows)


# --- measures/periods.py --------------------------------------------------------------------
def gen_period_formats() -> str:
    from crimeplan.measures.periods import PERIOD_FORMATS

    parts, depth, start = [], 0, 0
    for i, ch in enumerate(PERIOD_FORMATS):  # split on "; " outside parentheses
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and PERIOD_FORMATS.startswith("; ", i):
            parts.append(PERIOD_FORMATS[start:i])
            start = i + 2
    parts.append(PERIOD_FORMATS[start:])
    rows = []
    for part in parts:
        form, _, meaning = part.partition(" (")
        rows.append([f"`{form}`", meaning.removesuffix(")")])
    return table(["written as", "means (`PERIOD_FORMATS`)"], rows)


PERIOD_EXAMPLES = [
    "2016-12",
    "2016-17-Q3",
    "2016-17-Q1",
    "2016-17",
    "FY2011-12",
    "2011-12",
    "2016-17-Q3-YTD",
    "2016-17-YTD",
    "R12-2016-12",
]
LATEST_MONTH = date(2017, 1, 1)


def gen_period_examples() -> str:
    from crimeplan.measures.engine import related_periods
    from crimeplan.measures.periods import Period, month_label

    rows = []
    for text in PERIOD_EXAMPLES:
        p = Period.parse(text, latest_month=LATEST_MONTH)
        rel = related_periods(p)
        rows.append(
            [
                f"`{text}`",
                p.kind,
                f"{month_label(p.start)} to {month_label(p.end)}",
                f"`{rel['prev'].label}`",
                f"`{rel['ly'].label}`",
                f"`{rel['ytd'].label}`",
                f"`{rel['ytd_ly'].label}`",
            ]
        )
    head = [
        "label",
        "kind",
        "months",
        "previous",
        "same period last year",
        "FYTD",
        "FYTD last year",
    ]
    return table(head, rows) + (
        f"\n(Open year to date `2016-17-YTD` read with data to {month_label(LATEST_MONTH)}.)\n"
    )


def gen_latest_examples() -> str:
    from crimeplan.measures.periods import latest_complete_quarter, month_label

    rows = [
        [month_label(d), f"`{latest_complete_quarter(d).label}`"]
        for d in (date(2016, 12, 1), date(2017, 1, 1), date(2017, 2, 1), date(2025, 9, 1))
    ]
    return table(["the data's last month", "`latest` is"], rows)


# --- ingest ---------------------------------------------------------------------------------
def gen_police_uk_header() -> str:
    from crimeplan.ingest.police_uk import HEADER

    return code(",".join(HEADER))


def gen_crime_types() -> str:
    from crimeplan.ingest.police_uk import CRIME_TYPES

    return "".join(f"- `{t}`\n" for t in CRIME_TYPES)


def gen_mps_roles() -> str:
    from crimeplan.ingest.mps_crime import ROLES

    return table(
        ["column (case and spaces ignored)", "read as"], [[f"`{k}`", v] for k, v in ROLES.items()]
    )


def gen_mps_aliases() -> str:
    from crimeplan.geo.areas import MPS_BOROUGH_ALIASES

    rows = [[f"`{k}`", f"`{v}`"] for k, v in MPS_BOROUGH_ALIASES.items()]
    return table(["borough as the Met writes it (any case)", "area code"], rows)


def gen_values_header() -> str:
    from crimeplan.ingest.values import HEADER

    return code(",".join(HEADER))


def gen_counts_dims() -> str:
    from crimeplan.measures.counts import MPS_DIMS, POLICE_UK_DIMS

    return table(
        ["`--source`", "`--by` takes"],
        [
            ["`police-uk`", ", ".join(f"`{d}`" for d in POLICE_UK_DIMS)],
            ["`mps-crime`", ", ".join(f"`{d}`" for d in MPS_DIMS)],
        ],
    )


def gen_police_uk_groups() -> str:
    from crimeplan.measures.reconcile import POLICE_UK_GROUPS

    return table(
        ["police.uk crime type", "Met offence group"],
        [[f"`{k}`", f"`{v}`"] for k, v in POLICE_UK_GROUPS.items()],
    )


# --- geo ------------------------------------------------------------------------------------
def gen_rate_caveats() -> str:
    from crimeplan.geo import RATE_CAVEATS, Geography

    geo = Geography.load()
    rows = [[f"`{c}`", geo.area(c).name, text] for c, text in RATE_CAVEATS.items()]
    return table(["code", "area", "caveat shown beside a rate (`RATE_CAVEATS`)"], rows)


def gen_special_areas() -> str:
    from crimeplan.geo import Geography
    from crimeplan.geo.areas import (
        AVIATION_CODE,
        CITY_BOROUGH_CODE,
        CITY_FORCE_CODE,
        FORCE_CODE,
        UNKNOWN_CODE,
    )

    geo = Geography.load()
    rows = []
    for c in (FORCE_CODE, CITY_FORCE_CODE, CITY_BOROUGH_CODE, AVIATION_CODE, UNKNOWN_CODE):
        a = geo.area(c)
        pop = geo.population.get(c)
        rows.append(
            [f"`{c}`", a.name, a.level, a.parent_code or "–", "–" if pop is None else f"{pop:,}"]
        )
    return table(["code", "name", "level", "parent", "Census 2021 residents"], rows)


def gen_area_counts() -> str:
    from collections import Counter

    from crimeplan.geo import Geography

    geo = Geography.load()
    levels = Counter(a.level for a in geo.areas.values())
    with_pop = Counter(geo.areas[c].level for c in geo.population if c in geo.areas)
    rows = [
        [lv, f"{levels[lv]:,}", f"{with_pop[lv]:,}"] for lv in ("force", "borough", "ward", "lsoa")
    ]
    return table(["level", "areas shipped", "with a population"], rows)


# --- plan files -----------------------------------------------------------------------------
def type_name(ann: Any) -> str:
    """A field's type as a plan-file author reads it."""
    origin = typing.get_origin(ann)
    if origin is typing.Literal:
        return " | ".join(f"`{a}`" for a in typing.get_args(ann))
    if origin in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in typing.get_args(ann) if a is not type(None)]
        return " | ".join(parts) + " or null"
    if origin is list:
        return f"list of {type_name(typing.get_args(ann)[0])}"
    if origin is dict:
        k, v = typing.get_args(ann)
        return f"mapping {type_name(k)} → {type_name(v)}"
    if origin is typing.Annotated:
        return type_name(typing.get_args(ann)[0])
    names = {str: "text", float: "number", int: "whole number", bool: "true/false"}
    if ann in names:
        return names[ann]
    return f"[{ann.__name__}](#{ann.__name__.lower()})"


CONSTRAINT_WORDS = (
    ("pattern", "matches"),
    ("min_length", "length ≥"),
    ("max_length", "length ≤"),
    ("ge", "≥"),
    ("le", "≤"),
)


def constraints(field: Any) -> str:
    out = []
    for m in field.metadata:
        for attr, word in CONSTRAINT_WORDS:
            v = getattr(m, attr, None)
            if v is not None:
                out.append(f"{word} `{v}`")
    return ", ".join(out)


def gen_model_fields(model_name: str) -> str:
    from pydantic_core import PydanticUndefined

    from crimeplan.plan import model as plan_model

    model = getattr(plan_model, model_name)
    rows = []
    for name, f in model.model_fields.items():
        if f.is_required():
            default = "**required**"
        elif f.default_factory is not None:
            made = f.default_factory()
            if isinstance(made, list):
                default = "`[" + ", ".join(str(x) for x in made) + "]`"
            else:
                default = "empty"
        elif f.default is PydanticUndefined or f.default is None:
            default = "none"
        else:
            default = f"`{f.default}`" if f.default != "" else '`""`'
        rows.append([f"`{name}`", type_name(f.annotation), default, constraints(f)])
    return table(["field", "type", "default", "constraints"], rows)


def gen_measures(plan_id: str) -> str:
    from crimeplan.plan import load_plan

    plan = load_plan(ROOT / "plans" / f"{plan_id}.yaml")
    rows = []
    for m in plan.measures():
        sel = [*m.select.offence_groups, *m.select.offences, *m.select.crime_types]
        t = m.target
        target = (
            "–"
            if t is None
            else f"{t.value:g}"
            if t.value is not None
            else f"vs last year {t.vs_last_year:+g}"
            if t.vs_last_year is not None
            else "by period"
        )
        rows.append(
            [
                f"`{m.id}`",
                m.title,
                m.source,
                m.unit,
                m.polarity,
                ", ".join(sel) if sel else ("every offence" if m.source == "mps-crime" else "–"),
                target,
                m.tolerance.describe(m.unit) if m.tolerance else "–",
            ]
        )
    head = ["id", "title", "source", "unit", "polarity", "selects", "target", "tolerance"]
    return table(head, rows)


# --- the CLI --------------------------------------------------------------------------------
def cli_root() -> Any:
    """The click command behind `crimeplan`, with every mounted sub-command loaded."""
    from crimeplan import cli

    return cli.root()


def cli_commands() -> Iterator[tuple[tuple[str, ...], bool]]:
    """Every command path, and whether it is a group (`ingest`) rather than a command."""

    def walk(cmd: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
        subs = getattr(cmd, "commands", None)
        yield path, subs is not None
        for name, sub in (subs or {}).items():
            if not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))

    yield from walk(cli_root(), ())


def gen_cli_help(args: str) -> str:
    from typer.testing import CliRunner

    from crimeplan import cli

    cli_root()
    env = {"COLUMNS": str(HELP_COLUMNS), "TERMINAL_WIDTH": str(HELP_COLUMNS), "NO_COLOR": "1"}
    result = CliRunner().invoke(cli.app, [*args.split(), "--help"], prog_name="crimeplan", env=env)
    if result.exit_code != 0:
        raise SystemExit(f"`crimeplan {args} --help` failed: {result.output}")
    plain = ANSI.sub("", result.output)  # where CI forces a terminal (FORCE_COLOR ...)
    lines = [line.rstrip() for line in plain.strip("\n").splitlines()]
    return code("\n".join(lines).strip("\n"))


GENERATORS: dict[str, Callable[[], str]] = {
    "decimals": gen_decimals,
    "rag-cases": gen_rag_cases,
    "direction-cases": gen_direction_cases,
    "period-formats": gen_period_formats,
    "period-examples": gen_period_examples,
    "latest-examples": gen_latest_examples,
    "police-uk-header": gen_police_uk_header,
    "crime-types": gen_crime_types,
    "mps-roles": gen_mps_roles,
    "mps-aliases": gen_mps_aliases,
    "values-header": gen_values_header,
    "counts-dims": gen_counts_dims,
    "police-uk-groups": gen_police_uk_groups,
    "rate-caveats": gen_rate_caveats,
    "special-areas": gen_special_areas,
    "area-counts": gen_area_counts,
}
PARAMETRISED: dict[str, Callable[[str], str]] = {
    "model-fields": gen_model_fields,
    "measures": gen_measures,
    "cli-help": gen_cli_help,
}


def _statistics_generators() -> dict[str, Callable[[], str]]:
    """The tables of docs/methods/statistics.md (`crimeplan.methods_tables`)."""
    from crimeplan.methods_tables import TABLES

    return {f"statistics-{name}": (lambda f=f: f() + "\n") for name, f in TABLES.items()}


GENERATORS.update(_statistics_generators())


def generate(name: str) -> str:
    if name in GENERATORS:
        return GENERATORS[name]()
    head, _, arg = name.partition(" ")
    if head in PARAMETRISED and (arg or head == "cli-help"):
        return PARAMETRISED[head](arg)
    raise KeyError(name)


def render(text: str, where: Path) -> tuple[str, list[str]]:
    """The text with every block regenerated, and the problems found on the way."""
    problems: list[str] = []
    closed = {m.start() for m in BLOCK.finditer(text)}
    for m in OPENING.finditer(text):
        if m.start() not in closed:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{where}:{line}: block {m.group(1)!r} has no matching END marker")

    def replace(m: re.Match[str]) -> str:
        try:
            body = generate(m.group("name"))
        except KeyError:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{where}:{line}: no generator for block {m.group('name')!r}")
            return m.group(0)
        return m.group(1) + body + m.group(4)

    return BLOCK.sub(replace, text), problems


def doc_files() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def missing_cli_sections() -> list[str]:
    """Commands of `crimeplan` that docs/cli.md has no `cli-help` block for."""
    path = DOCS / "cli.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    have = {m.group(1).strip() for m in OPENING.finditer(text)}
    return [
        "crimeplan " + " ".join(path)
        for path, _is_group in cli_commands()
        if f"cli-help {' '.join(path)}".strip() not in have
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any block is stale")
    args = parser.parse_args(argv)
    stale, problems = [], []
    for path in doc_files():
        rel = path.relative_to(ROOT)
        before = path.read_text(encoding="utf-8")
        after, found = render(before, rel)
        problems += found
        if after != before:
            stale.append(str(rel))
            if not args.check:
                path.write_text(after, encoding="utf-8")
    problems += [f"docs/cli.md: no section for `{c}`" for c in missing_cli_sections()]
    for p in problems:
        print(p, file=sys.stderr)
    if args.check and stale:
        print("stale generated blocks in: " + ", ".join(stale), file=sys.stderr)
        print("run: PYTHONPATH=src .venv/bin/python scripts/gen_docs.py", file=sys.stderr)
    elif stale:
        print("rewrote: " + ", ".join(stale))
    return 1 if problems or (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
