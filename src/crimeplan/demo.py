"""`make demo`: ingest the embedded Met data and print the London plan for the latest quarter.

The embedded data are the Met's own published tables (borough April 2010 on, ward April 2010
on), gzip-compressed in `crimeplan/data/mps/`, loaded by the same loader a user runs on a
downloaded file. No network is needed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.measures.offence_groups import offence_group_plan
from crimeplan.measures.service import rate_plan, resolve
from crimeplan.plan import load_plan
from crimeplan.publish.measure_table import print_measures, print_offence_groups
from crimeplan.store import Store

DEMO_BOROUGH = "Havering"


def plans_dir() -> Path:
    """Shipped plan files: the repository's `plans/` folder."""
    here = Path(str(resources.files("crimeplan"))).resolve()
    for candidate in (here.parents[1] / "plans", Path.cwd() / "plans"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("plans/ folder not found next to the package")


def build_demo_store(db: Path) -> Store:
    """The Met's embedded tables, plus synthetic Public Attitude Survey microdata (calibrated to
    published figures; see crimeplan.synthetic.survey) ending at the latest crime month."""
    from crimeplan.synthetic.survey import load_synthetic_pas

    store = Store(db)
    ingest_mps_crime(store, data_dir() / "mps")
    row = store.con.execute("SELECT strftime(max(month), '%Y-%m') FROM mps_crime").fetchone()
    load_synthetic_pas(store, db.parent, end=row[0] if row else None)
    return store


def run_demo(db: Path, console: Console, *, serve: bool = False) -> None:
    console.print(f"Loading the embedded Metropolitan Police recorded-crime tables into {db} ...")
    store = build_demo_store(db)
    plan = load_plan(plans_dir() / "london-2021-25.yaml")
    scope = resolve(store, plan, None, "latest")
    period = scope.period
    groups = offence_group_plan(store)
    if store.holds_synthetic("survey_respondents"):
        console.print(
            "[bold]DEMO DATA: the survey figures below are SYNTHETIC[/] (drawn to match "
            "published figures; no real survey responses are shipped)."
        )
    for area in ("London", DEMO_BOROUGH):
        console.print()
        print_measures(
            rate_plan(store, plan, area, period), "table", console, period_note=scope.period_note
        )
        console.print()
        print_offence_groups(rate_plan(store, groups, area, period), console)
    console.print(
        "\nSource: Metropolitan Police Service recorded crime (London Datastore), Open "
        "Government Licence v3.0; Census 2021 (ONS). Survey figures are from SYNTHETIC "
        "microdata calibrated to published figures (no real survey microdata is shipped)."
    )
    store.close()
    if serve:
        from crimeplan.web.cli import serve as serve_app

        serve_app(db=db)
