"""Small-base suppression: no figure is shown when too few people answered.

Rule: a value whose unweighted base (respondents who answered) is below the threshold
(default 50, configurable) is blanked and replaced by the marker "[low base]", with a note
saying why. Every output that shows survey figures calls `suppress_frame` (tables) or
`suppress_value` (one figure); tests call `find_unsuppressed` / `scan_csv` over outputs.

Source: shared/research/performance-monitoring-anchors.md section 2.4 ("suppress or flag cells
with a small unweighted base; choose a threshold, e.g. 50-100, and state it"); issue 5.
Rationale: a percentage from 20 interviews has a 95% interval about +/-22 points wide; shown,
it would be read as a fact. The base itself stays visible so readers see why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_MIN_BASE = 50
"""Smallest unweighted base whose figures are shown."""
SUPPRESSION_MARKER = "[low base]"
"""What a blanked cell shows (in CSV exports and pages)."""

SUPPRESSED_COLUMNS = (
    "percentage",
    "lower",
    "upper",
    "value",
    "weighted_base",
    "n_eff",
    "sum_w",
    "sum_w2",
    "sum_wy",
    "reference_percentage",
    "reference_lower",
    "reference_upper",
    "gap",
    "gap_lower",
    "gap_upper",
    "estimate",
    "p_value",
)
"""Columns that carry a figure computed from respondents' answers: blanked on a small base."""


def suppression_note(base: float, threshold: int = DEFAULT_MIN_BASE) -> str:
    """The note shown beside a blanked figure."""
    return (
        f"Not shown: {int(base)} respondents answered, fewer than the {threshold} "
        "needed for a reliable figure."
    )


@dataclass(frozen=True)
class ShownValue:
    """A figure as it may be shown: the value, or None with the marker and a note."""

    value: float | None
    base: int
    suppressed: bool
    marker: str | None = None
    note: str | None = None

    def display(self, fmt: str = "{:.0f}%") -> str:
        return SUPPRESSION_MARKER if self.value is None else fmt.format(self.value)


def suppress_value(
    value: float | None, base: float | None, *, threshold: int = DEFAULT_MIN_BASE
) -> ShownValue:
    """Blank `value` when its unweighted `base` is below `threshold` (or unknown).

    >>> suppress_value(56.0, 49).display()
    '[low base]'
    >>> suppress_value(56.0, 50).display()
    '56%'
    """
    if base is None or (isinstance(base, float) and math.isnan(base)) or base < threshold:
        b = 0 if base is None or (isinstance(base, float) and math.isnan(base)) else int(base)
        return ShownValue(None, b, True, SUPPRESSION_MARKER, suppression_note(b, threshold))
    return ShownValue(value, int(base), False)


def base_columns(frame: pd.DataFrame) -> list[str]:
    """The unweighted-base columns of a table: `base` and any `*_base` except `weighted_base`."""
    return [
        c
        for c in frame.columns
        if (c == "base" or str(c).endswith("_base")) and not str(c).endswith("weighted_base")
    ]


def suppress_frame(
    frame: pd.DataFrame,
    *,
    threshold: int = DEFAULT_MIN_BASE,
    value_columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """A copy of `frame` with figures blanked (NA) on rows where any base is below `threshold`.

    Adds `suppressed` (bool) and `note` columns. `value_columns` defaults to the columns of
    `SUPPRESSED_COLUMNS` the frame has.
    """
    bases = base_columns(frame)
    if not bases:
        raise ValueError("the table has no unweighted base column ('base' or '*_base')")
    columns = [c for c in (value_columns or SUPPRESSED_COLUMNS) if c in frame.columns]
    out = frame.copy()
    min_base = out[bases].min(axis=1, skipna=False)
    small = min_base.isna() | (min_base < threshold)
    for col in columns:
        out[col] = out[col].astype("float64").where(~small)
    out["suppressed"] = small.to_numpy()
    out["note"] = [
        suppression_note(0 if pd.isna(b) else b, threshold) if s else None
        for b, s in zip(min_base, small, strict=True)
    ]
    return out


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A suppressed frame ready to show or export: blanked figures read `SUPPRESSION_MARKER`."""
    if "suppressed" not in frame.columns:
        raise ValueError("suppress the table first (suppress_frame)")
    out = frame.copy()
    for col in [c for c in SUPPRESSED_COLUMNS if c in out.columns]:
        shown = out[col].astype(object)
        out[col] = shown.where(~(out["suppressed"].astype(bool) & shown.isna()), SUPPRESSION_MARKER)
    return out


def find_unsuppressed(
    frame: pd.DataFrame,
    *,
    threshold: int = DEFAULT_MIN_BASE,
    value_columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rows that show a figure although a base is below `threshold` (empty when all is well)."""
    bases = base_columns(frame)
    if not bases:
        return frame.iloc[0:0]
    columns = [c for c in (value_columns or SUPPRESSED_COLUMNS) if c in frame.columns]
    if not columns:
        return frame.iloc[0:0]
    numeric_bases = frame[bases].apply(pd.to_numeric, errors="coerce")
    small = (numeric_bases < threshold).any(axis=1)
    values = frame[columns].replace(SUPPRESSION_MARKER, pd.NA).replace("", pd.NA)
    shown = values.notna().any(axis=1)
    return frame[small & shown]


def scan_csv(path: str | Path, *, threshold: int = DEFAULT_MIN_BASE) -> pd.DataFrame:
    """`find_unsuppressed` over a CSV file written by an output (marker cells count as blank)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return find_unsuppressed(frame, threshold=threshold)


SECONDARY_NOTE = (
    "Not shown: withheld as well, so that a figure withheld for a small base cannot be worked "
    "out from the others in its row or column."
)


def secondary_suppress(
    frame: pd.DataFrame,
    *,
    row_keys: Sequence[str] = ("area_code", "period", "characteristic"),
    column_keys: Sequence[str] = ("period", "characteristic", "group"),
    total_group: str = "all",
    value_columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Complementary suppression: no withheld cell can be recovered by subtraction.

    A breakdown's groups add up to everyone (the `total_group` row, published too), and an
    area level's areas add up to the level above; so one withheld cell in a row (an area's
    groups) or a column (a group across areas) is the total minus the others. Rule: wherever a
    row or a column holds exactly one withheld cell, also withhold its shown cell with the
    smallest base; repeat until no row or column has exactly one (the usual rule of
    complementary suppression: ONS, *Disclosure control guidance for tables*; Eurostat,
    *Handbook on Statistical Disclosure Control*, 2010, section 4.2). A frame from
    `suppress_frame`; returns a copy with the extra cells blanked, `suppressed` set and the note.
    """
    if "suppressed" not in frame.columns:
        raise ValueError("suppress the table first (suppress_frame)")
    out = frame.copy()
    bases = base_columns(out)
    base = out[bases].min(axis=1).astype("float64")
    hidden = out["suppressed"].astype(bool).to_numpy().copy()
    extra = np.zeros(len(out), dtype=bool)
    is_total = (
        (out["group"].astype(str) == total_group).to_numpy()
        if "group" in out.columns
        else np.zeros(len(out), dtype=bool)
    )
    blocks = []
    for keys in (row_keys, column_keys):
        keys = [k for k in keys if k in out.columns]
        if not keys:
            continue
        groups = out.loc[~is_total].groupby(keys, dropna=False, sort=False).indices
        sub = np.flatnonzero(~is_total)
        blocks += [sub[idx] for idx in groups.values() if len(idx) > 1]
    changed = True
    while changed:
        changed = False
        for rows in blocks:
            if hidden[rows].sum() != 1:
                continue
            shown = rows[~hidden[rows]]
            pick = shown[np.argmin(base.to_numpy()[shown])]
            hidden[pick] = extra[pick] = True
            changed = True
    columns = [c for c in (value_columns or SUPPRESSED_COLUMNS) if c in out.columns]
    mask = pd.Series(extra, index=out.index)
    for col in columns:
        out[col] = out[col].astype("float64").where(~mask)
    out["suppressed"] = hidden
    out.loc[mask, "note"] = SECONDARY_NOTE
    return out


def recoverable_cells(
    frame: pd.DataFrame,
    *,
    row_keys: Sequence[str] = ("area_code", "period", "characteristic"),
    column_keys: Sequence[str] = ("period", "characteristic", "group"),
    total_group: str = "all",
) -> pd.DataFrame:
    """Withheld cells that are the only withheld cell of their row or column (so the total
    minus the others gives them away): empty when secondary suppression has done its job."""
    is_total = frame["group"].astype(str) == total_group if "group" in frame.columns else None
    body = frame if is_total is None else frame[~is_total]
    hidden = body["suppressed"].astype(bool)
    bad = pd.Series(False, index=body.index)
    for keys in (row_keys, column_keys):
        keys = [k for k in keys if k in body.columns]
        if not keys:
            continue
        counts = hidden.groupby([body[k] for k in keys], dropna=False).transform("sum")
        sizes = hidden.groupby([body[k] for k in keys], dropna=False).transform("size")
        bad |= hidden & (counts == 1) & (sizes > 1)
    return body[bad]
