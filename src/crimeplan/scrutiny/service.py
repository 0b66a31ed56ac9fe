"""One entry for the CLI and the web: the register's rows with links resolved, as of a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from crimeplan.plan import Plan, load_plan
from crimeplan.scrutiny.links import LinkResolver
from crimeplan.scrutiny.register import all_recommendations
from crimeplan.scrutiny.tracker import TrackerRow, tracker_rows
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB


def shipped_plans(paths: Sequence[Path] = ()) -> dict[str, Plan]:
    """The plans given, else `plans/*.yaml` in the working directory or the repository."""
    if not paths:
        for folder in (Path.cwd() / "plans", Path(__file__).resolve().parents[3] / "plans"):
            paths = sorted(folder.glob("*.yaml"))
            if paths:
                break
    plans = [load_plan(p) for p in paths]
    return {p.id: p for p in plans}


def register_rows(
    db: AppDB,
    today: date,
    plans: dict[str, Plan] | None = None,
    store: Store | None = None,
    period: str = "latest",
) -> list[TrackerRow]:
    """Every recommendation as a tracker row; linked measures rated for `period` when a store
    is given."""
    resolve = LinkResolver(plans if plans is not None else shipped_plans(), store, period)
    with db.reading() as session:
        return tracker_rows(all_recommendations(session), today, resolve)
