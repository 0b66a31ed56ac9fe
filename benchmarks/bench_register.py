"""The recommendations tracker on a large register against plain SQL counts.

A register of 41 x 25 = 1,025 recommendations (the shipped register, each report copied 25
times) in a fresh SQLite application database. Baseline: the counts by body and response in one
SQL GROUP BY. Ours: reading every recommendation with its report, body, responses, links and
progress, and counting by body, response, status and overdue (`tracker_rows` +
`tracker_counts`), as `crimeplan scrutiny report` does before it writes anything.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from crimeplan.plan import Plan
from crimeplan.scrutiny.files import read_register
from crimeplan.scrutiny.register import all_recommendations, import_records
from crimeplan.scrutiny.tracker import tracker_counts, tracker_rows
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB, upgrade

ROOT = Path(__file__).resolve().parents[1]
COPIES = 25


def run(store: Store, plan: Plan) -> dict[str, Any]:
    records = read_register(ROOT / "registers" / "london-register.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'app.sqlite'}"
        upgrade(url)
        db = AppDB(url)
        for n in range(COPIES):
            copies = [
                dataclasses.replace(
                    r, report=dataclasses.replace(r.report, key=f"{r.report.key}-{n}")
                )
                for r in records
            ]
            import_records(db, copies, "bench", "bench")
        start = time.perf_counter()
        with db.engine.connect() as con:
            con.execute(
                text(
                    "SELECT b.name, s.kind, count(*) FROM recommendations r "
                    "JOIN register_reports p ON p.id = r.report_id "
                    "JOIN register_bodies b ON b.id = p.body_id "
                    "LEFT JOIN recommendation_responses s ON s.recommendation_id = r.id "
                    "GROUP BY b.name, s.kind"
                )
            ).all()
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        with db.reading() as session:
            counts = tracker_counts(tracker_rows(all_recommendations(session), date(2026, 11, 30)))
        ours = time.perf_counter() - start
        db.dispose()
    return {
        "name": f"tracker, {counts.total:,} recommendations",
        "ours_s": ours,
        "baseline_s": baseline,
        "ratio": ours / baseline,
        "aim": "under 1 s for a thousand recommendations",
        "detail": f"{counts.overdue:,} overdue; {len(counts.by_body)} bodies",
    }
