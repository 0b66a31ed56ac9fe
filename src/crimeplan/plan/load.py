"""Read a plan file (YAML), validate it, and report every problem with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from crimeplan.errors import PlanError
from crimeplan.plan.model import Plan

Loc = tuple[str | int, ...]


def _compose_lines(node: yaml.Node, path: Loc, out: dict[Loc, int]) -> None:
    """Record the 1-based line of every mapping key and sequence item below `node`."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _compose_lines(value, (*path, str(key.value)), out)
            out[(*path, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _compose_lines(item, (*path, i), out)


def read_yaml_with_lines(path: Path) -> tuple[Any, dict[Loc, int]]:
    """The parsed YAML document and a map from each key path to its line."""
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
    if node is not None:
        _compose_lines(node, (), lines)
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
    try:
        return Plan.model_validate(body)
    except ValidationError as e:
        shifted = {k[1:]: v for k, v in lines.items() if k[:1] == ("plan",)}
        raise PlanError(path, describe_errors(e, shifted)) from None
