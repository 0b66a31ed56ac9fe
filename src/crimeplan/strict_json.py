"""Strict JSON for every `--format json` output and every JSON download.

Python's `json.dumps` writes NaN and Infinity by default, which no strict parser reads
(issue 11); missing figures are written as null instead, and writing fails loudly
(`allow_nan=False`) rather than emit invalid JSON.
"""

from __future__ import annotations

import json
import math
from typing import Any


def json_safe(value: Any) -> Any:
    """A value JSON can hold: NaN and infinities become null (strict JSON has neither),
    dates and other objects their text."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return json_safe(value.item())
    return str(value)


def dumps(value: Any) -> str:
    """Strict JSON (RFC 8259): `allow_nan=False` fails loudly rather than print NaN."""
    return json.dumps(json_safe(value), indent=2, allow_nan=False) + "\n"
