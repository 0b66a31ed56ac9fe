"""How published figures changed after the fact: every revision with both files."""

from __future__ import annotations

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
    where, params = ["TRUE"], []
    if area:
        where.append("r.area_code = ?")
        params.append(Geography.load().resolve(area).code)
    if measure and plan is not None:
        m = plan.measure(measure)
        if m.source != "mps-crime":
            where.append("FALSE")  # a values measure has no crime-table revisions
        if m.select.offence_groups:
            where.append(
                "r.offence_group IN (" + ", ".join("?" for _ in m.select.offence_groups) + ")"
            )
            params += m.select.offence_groups
        if m.select.offences:
            where.append("r.offence IN (" + ", ".join("?" for _ in m.select.offences) + ")")
            params += m.select.offences
    elif measure:
        where.append("r.offence_group = upper(?)")
        params.append(measure)
    crime = store.con.execute(
        f"""
        SELECT r.level, r.area_code, a.name AS area_name, r.offence_group, r.offence,
               strftime(r.month, '%Y-%m') AS month, r.old_count AS old_value,
               r.new_count AS new_value, r.new_count - r.old_count AS change,
               fo.name AS old_file, fo.vintage AS old_vintage,
               fn.name AS new_file, fn.vintage AS new_vintage
        FROM mps_revisions r
        LEFT JOIN areas a ON a.code = r.area_code
        JOIN ingest_files fo ON fo.file_id = r.old_file_id
        JOIN ingest_files fn ON fn.file_id = r.new_file_id
        WHERE {" AND ".join(where)}
        ORDER BY r.level, r.area_code, r.offence_group, r.offence, r.month
        """,
        params,
    ).df()
    vwhere, vparams = ["TRUE"], []
    if area:
        vwhere.append("r.area_code = ?")
        vparams.append(params[0])
    if measure:
        vwhere.append("r.measure = ?")
        vparams.append(plan.measure(measure).key if plan is not None else measure)
    values = store.con.execute(
        f"""
        SELECT 'values' AS level, r.area_code, a.name AS area_name, r.measure AS offence_group,
               '' AS offence, r.period AS month, r.old_numerator AS old_value,
               r.new_numerator AS new_value, r.new_numerator - r.old_numerator AS change,
               fo.name AS old_file, fo.vintage AS old_vintage,
               fn.name AS new_file, fn.vintage AS new_vintage
        FROM value_revisions r
        LEFT JOIN areas a ON a.code = r.area_code
        JOIN ingest_files fo ON fo.file_id = r.old_file_id
        JOIN ingest_files fn ON fn.file_id = r.new_file_id
        WHERE {" AND ".join(vwhere)}
        """,
        vparams,
    ).df()
    frames = [f for f in (crime, values) if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else crime
