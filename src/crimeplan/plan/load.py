"""Read a plan file (YAML), validate it, and report every problem with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from crimeplan.errors import PlanError
from crimeplan.plan.model import Plan

Loc = tuple[str | int, ...]


def _compose_lines(
    node: yaml.Node, path: Loc, out: dict[Loc, int], dups: list[str] | None = None
) -> None:
    """Record the 1-based line of every mapping key and sequence item below `node`, and
    note any key given twice in one mapping (YAML would silently keep the last)."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in seen and dups is not None:
                dups.append(f"line {line}: '{name}' is given twice (first on line {seen[name]})")
            seen.setdefault(name, line)
            _compose_lines(value, (*path, name), out, dups)
            out[(*path, name)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _compose_lines(item, (*path, i), out, dups)


def read_yaml_with_lines(path: Path) -> tuple[Any, dict[Loc, int]]:
    """The parsed YAML document and a map from each key path to its line; a key given twice
    in one mapping is an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(path, ["file not found"]) from None
    except UnicodeDecodeError as e:
        raise PlanError(path, [f"not UTF-8 text (byte {e.start})"]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise PlanError(path, [f"{where}not valid YAML ({getattr(e, 'problem', e)})"]) from None
    lines: dict[Loc, int] = {}
    dups: list[str] = []
    if node is not None:
        _compose_lines(node, (), lines, dups)
    if dups:
        raise PlanError(path, dups)
    return data, lines


def describe_errors(err: ValidationError, lines: dict[Loc, int]) -> list[str]:
    """Turn pydantic's errors into 'line N: a.b[0].c: message' strings."""
    problems = []
    for e in err.errors():
        loc: Loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and "[" in x))
        line = None
        probe = loc
        while probe:
            if probe in lines:
                line = lines[probe]
                break
            probe = probe[:-1]
        dotted = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in loc).lstrip(".")
        msg = e["msg"].removeprefix("Value error, ")
        prefix = f"line {line}: " if line else ""
        problems.append(f"{prefix}{dotted or 'plan'}: {msg}")
    return problems


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan file; a `PlanError` lists every problem with its line."""
    path = Path(path)
    data, lines = read_yaml_with_lines(path)
    if not isinstance(data, dict) or "plan" not in data:
        raise PlanError(path, ["line 1: a plan file starts with a 'plan:' mapping"])
    body = data["plan"]
    shifted = {k[1:]: v for k, v in lines.items() if k[:1] == ("plan",)}
    problems = _duplicate_measure_ids(body, shifted)
    try:
        plan = Plan.model_validate(body)
    except ValidationError as e:
        problems += [p for p in describe_errors(e, shifted) if "is used twice" not in p]
    if problems:
        raise PlanError(path, problems)
    return plan


def _duplicate_measure_ids(body: Any, lines: dict[Loc, int]) -> list[str]:
    """Each measure id used twice, with the lines of both uses."""
    first: dict[str, int] = {}
    problems = []
    priorities = body.get("priorities") if isinstance(body, dict) else None
    for i, prio in enumerate(priorities if isinstance(priorities, list) else []):
        outcomes = prio.get("outcomes") if isinstance(prio, dict) else None
        for j, outcome in enumerate(outcomes if isinstance(outcomes, list) else []):
            measures = outcome.get("measures") if isinstance(outcome, dict) else None
            for k, m in enumerate(measures if isinstance(measures, list) else []):
                mid = m.get("id") if isinstance(m, dict) else None
                if not isinstance(mid, str):
                    continue
                line = lines.get(("priorities", i, "outcomes", j, "measures", k, "id"), 0)
                if mid in first:
                    problems.append(
                        f"line {line}: measure id {mid!r} is used twice (first on line "
                        f"{first[mid]})"
                    )
                else:
                    first[mid] = line
    return problems
