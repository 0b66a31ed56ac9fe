"""A store of SYNTHETIC national police.uk records, labelled synthetic: for the dashboard's
tests, the end-to-end tests and the first-view benchmark (a few forces over a few years).

The files come from `synthetic.national.generate_national` and go through the real ingest;
every file is then marked synthetic (`Store.mark_synthetic_files`, as `crimeplan ingest
police-uk --synthetic` does), so every figure drawn from them says so wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crimeplan.ingest.files import IngestReport
from crimeplan.ingest.police_uk import SOURCE, ingest_police_uk
from crimeplan.store import Store
from crimeplan.synthetic.national import generate_national, month_range

# West Yorkshire with two of its most similar forces (Greater Manchester, Merseyside) and two
# forces outside its group (Warwickshire, Dyfed-Powys): a small store that still shows the
# most similar comparison with some forces loaded and some not.
DEMO_FORCES = ("E23000010", "E23000005", "E23000004", "E23000017", "W15000004")


def load_synthetic_national(
    store: Store,
    folder: str | Path,
    *,
    first: str = "2022-01",
    last: str = "2024-12",
    forces: Sequence[str] = DEMO_FORCES,
    rows_per_month: int = 100_000,
) -> IngestReport:
    """Generate SYNTHETIC police.uk files for `forces` from month `first` to `last` into
    `folder`, ingest them into `store` and mark them synthetic. `rows_per_month` is the
    all-force volume (the forces given get their share of it)."""
    generate_national(
        folder, month_range(first, last), rows_per_month=rows_per_month, forces=forces
    )
    report = ingest_police_uk(store, folder)
    store.mark_synthetic_files(SOURCE, report.files + report.skipped)
    return report
