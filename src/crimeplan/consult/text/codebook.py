"""A codebook written by hand, as YAML or CSV.

YAML: a list under `themes:` of `{key, label, description?, examples?: [text, ...]}`.
CSV: columns `key, label, description, examples` with examples separated by ` | `.
Examples are short texts that belong to the theme: they train the coder (with the analysts'
codes) when no discovered cluster stands behind a theme. Keys are lower-case letters, digits and
underscores, unique.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from crimeplan.errors import IngestError

KEY = re.compile(r"^[a-z0-9_]{1,100}$")


@dataclass(frozen=True)
class CodebookTheme:
    key: str
    label: str
    description: str | None = None
    examples: list[str] = field(default_factory=list)


def load_codebook(path: Path) -> list[CodebookTheme]:
    if not path.is_file():
        raise IngestError(path, "no such file")
    rows: list[tuple[int, dict[str, Any]]]
    if path.suffix.lower() in (".yaml", ".yml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = raw.get("themes") if isinstance(raw, dict) else None
        if not isinstance(items, list):
            raise IngestError(path, "no list under 'themes:'", hint="See docs/themes.md")
        rows = [(n + 1, item) for n, item in enumerate(items)]
    elif path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = []
            for line, row in enumerate(csv.DictReader(fh), start=2):
                examples = [e.strip() for e in (row.get("examples") or "").split(" | ")]
                rows.append((line, {**row, "examples": [e for e in examples if e]}))
    else:
        raise IngestError(path, "a codebook is .yaml or .csv")
    out: list[CodebookTheme] = []
    seen: set[str] = set()
    for line, item in rows:
        if not isinstance(item, dict):
            raise IngestError(path, "each theme is a mapping", line=line)
        key = str(item.get("key") or "").strip()
        if not KEY.match(key):
            raise IngestError(path, f"'{key}' is not a key (a-z, 0-9, _)", line=line, field="key")
        if key in seen:
            raise IngestError(path, f"theme '{key}' given twice", line=line, field="key")
        seen.add(key)
        label = str(item.get("label") or "").strip()
        if not label:
            raise IngestError(path, "no label", line=line, field="label")
        examples = [str(e) for e in item.get("examples") or []]
        out.append(CodebookTheme(key, label, item.get("description") or None, examples))
    return out
