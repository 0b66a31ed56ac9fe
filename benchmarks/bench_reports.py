"""Quarterly reports for all 33 boroughs (HTML + PDF) against the measure tables alone.

Both are timed in the same process on the same store: the baseline is `rate_plan` for each
borough (the figures a report shows); ours is `build_quarterly_report` for each borough with
HTML and PDF (figures, previous-quarter ratings, trends, charts, layout and PDF). The ratio
says what a report costs on top of its figures.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

from crimeplan.errors import NoDataError
from crimeplan.geo import Geography
from crimeplan.measures.service import latest_period, quarterly_figures, rate_plan
from crimeplan.plan import Plan
from crimeplan.publish import build_quarterly_report
from crimeplan.store import Store


def run(store: Store, plan: Plan, period: str | None = None) -> dict[str, Any]:
    """Time all borough reports and all borough measure tables; return both and the ratio."""
    period = period or latest_period(store, plan)
    boroughs = Geography.load().boroughs()

    start = time.perf_counter()
    for area in boroughs:
        # an area with no data at all (the City of London in Met data) is refused, as below
        with contextlib.suppress(NoDataError):
            rate_plan(store, plan, area.code, period)
    tables_s = time.perf_counter() - start

    refused: list[str] = []  # areas with no figure at all (the City of London in Met data)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for area in boroughs:
            try:
                build_quarterly_report(
                    quarterly_figures(store, plan, area.code, period, allow_missing=True),
                    Path(tmp) / area.code,
                    formats=("html", "pdf"),
                )
            except NoDataError:
                refused.append(area.name)
        reports_s = time.perf_counter() - start
        made = [a for a in boroughs if a.name not in refused]
        pages = _pages(Path(tmp) / made[0].code / "report.pdf") if made else 0

    return {
        "name": f"{len(boroughs)} borough reports",
        "ours_s": reports_s,
        "baseline_s": tables_s,
        "ratio": reports_s / tables_s,
        "aim": "a report costs at most 10x its figures",
        "detail": (
            f"{plan.id} {period}: {reports_s / len(boroughs):.2f} s per report (HTML+PDF, "
            f"{pages} pages) against {tables_s / len(boroughs):.2f} s per measure table"
            + (
                f"; no data, no report (as the CLI would say): {', '.join(refused)}"
                if refused
                else ""
            )
        ),
        "reports_made": len(made),
        "reports_s": reports_s,
        "tables_s": tables_s,
        "per_report_s": reports_s / len(boroughs),
    }


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
