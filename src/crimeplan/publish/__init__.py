"""Reports and exports: the quarterly committee report, the whole-force view, tables.

`build_quarterly_report` and `build_force_report` live in `crimeplan.publish.build`; they are
re-exported here, imported on first use so that rendering modules load without the engine.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ReportFiles",
    "build_force_report",
    "build_quarterly_report",
    "quarterly_report_html",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from crimeplan.publish import build

        return getattr(build, name)
    raise AttributeError(name)
