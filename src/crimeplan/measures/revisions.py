"""How published figures changed after the fact: every revision with both files."""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from crimeplan.geo import Geography
from crimeplan.plan.model import Plan
from crimeplan.store import Store


def list_revisions(
    store: Store, *, area: str | None = None, measure: str | None = None, plan: Plan | None = None
) -> pd.DataFrame:
    """Revised counts (Met tables) and revised values (values CSV), newest publication last.

    `measure` is a plan measure id (with `plan`: its offence selection) or an offence group.
    """
    code = Geography.load().resolve(area).code if area else None
    r = store.ibis.table("mps_revisions")
    if code:
        r = r.filter(r.area_code == code)
    if measure and plan is not None:
        m = plan.measure(measure)
        if m.source != "mps-crime":
            r = r.filter(ibis.literal(False))  # a values measure has no crime-table revisions
        if m.select.offence_groups:
            r = r.filter(r.offence_group.isin(list(m.select.offence_groups)))
        if m.select.offences:
            r = r.filter(r.offence.isin(list(m.select.offences)))
    elif measure:
        r = r.filter(r.offence_group == measure.upper())
    crime = store.run(
        _with_files(
            store,
            r.select(
                "level",
                "area_code",
                "offence_group",
                "offence",
                "old_file_id",
                "new_file_id",
                month=r.month.strftime("%Y-%m"),
                old_value=r.old_count,
                new_value=r.new_count,
                change=r.new_count - r.old_count,
            ),
        ).order_by("level", "area_code", "offence_group", "offence", "month")
    )
    v = store.ibis.table("value_revisions")
    if code:
        v = v.filter(v.area_code == code)
    if measure:
        v = v.filter(v.measure == (plan.measure(measure).key if plan is not None else measure))
    values = store.run(
        _with_files(
            store,
            v.select(
                "area_code",
                "old_file_id",
                "new_file_id",
                level=ibis.literal("values"),
                offence_group=v.measure,
                offence=ibis.literal(""),
                month=v.period,
                old_value=v.old_numerator,
                new_value=v.new_numerator,
                change=v.new_numerator - v.old_numerator,
            ),
        )
    )
    frames = [f for f in (crime, values) if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else crime


def _with_files(store: Store, r: Any) -> Any:
    """Revisions with the area's name and both files' names and vintages, in report order."""
    a = store.ibis.table("areas").select(area_code="code", area_name="name")
    files = store.ibis.table("ingest_files")
    old = files.select(old_file_id="file_id", old_file="name", old_vintage="vintage")
    new = files.select(new_file_id="file_id", new_file="name", new_vintage="vintage")
    j = r.left_join(a, "area_code")
    j = j.drop(*[c for c in j.columns if c.endswith("_right")])
    j = j.join(old, "old_file_id").join(new, "new_file_id")
    return j.select(
        "level",
        "area_code",
        "area_name",
        "offence_group",
        "offence",
        "month",
        "old_value",
        "new_value",
        "change",
        "old_file",
        "old_vintage",
        "new_file",
        "new_vintage",
    )
