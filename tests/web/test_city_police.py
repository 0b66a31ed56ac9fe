"""The City of London page says who polices it and shows the City of London Police's recorded
crime from police.uk where its street files are loaded (issue 13): the service's figures, the
page, the API's area record and `crimeplan area-police` agree, and each figure equals a count
of the CSV rows made independently with the csv module.

A small file written in the police.uk layout always runs; the real City of London Police files
in ../shared run where they are present.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from crimeplan.geo import Geography, data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.measures.other_force import ALL_CRIME, ASB
from crimeplan.measures.service import area_force_figures
from crimeplan.periods import Period
from crimeplan.store import Store
from crimeplan.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plans" / "london-2021-25.yaml"
PERIOD = "2025-26-Q2"
CITY = "E09000001"
FORCE = "City of London Police"
KEYS = ("period", "last_year", "ytd", "ytd_last_year")


def independent_counts(files: list[Path], period: Period) -> Counter[tuple[str, str]]:
    """(period key, crime type) -> rows of the City force's CSV files, counted with csv alone;
    all crime (excluding anti-social behaviour) under ALL_CRIME."""
    ytd = period.ytd()
    months = {
        key: {m.strftime("%Y-%m") for m in p.months()}
        for key, p in zip(
            KEYS, (period, period.same_last_year(), ytd, ytd.same_last_year()), strict=True
        )
    }
    out: Counter[tuple[str, str]] = Counter()
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                if row["Falls within"] != FORCE:
                    continue
                for key, held in months.items():
                    if row["Month"] in held:
                        out[(key, row["Crime type"])] += 1
                        if row["Crime type"] != ASB:
                            out[(key, ALL_CRIME)] += 1
    return out


def _store(folder: Path, street: Path | None) -> Store:
    store = Store(folder / "city.duckdb")
    ingest_mps_crime(store, data_dir() / "mps" / "recorded-crime-borough.csv.gz")
    if street is not None:
        ingest_police_uk(store, street)
    return store


@pytest.fixture(scope="module")
def small(
    tmp_path_factory: pytest.TempPathFactory, city_street_files: list[Path]
) -> Iterator[tuple[Store, Path, list[Path]]]:
    """The small police.uk-format files (tests/conftest.py) loaded beside the Met's table."""
    folder = tmp_path_factory.mktemp("city-small")
    store = _store(folder, city_street_files[0].parent)
    yield store, folder / "city.duckdb", city_street_files
    store.close()


def faces(store: Store, db: Path, period: str = PERIOD) -> tuple[dict, dict, str, dict]:  # type: ignore[type-arg]
    """The same figures from the service, the API, the page and the CLI."""
    geo = Geography.load()
    service = area_force_figures(store, geo.resolve(CITY), Period.parse(period))
    assert service is not None
    client = TestClient(create_app(plan_paths=[PLAN], store=store))
    api = client.get(f"/api/v1/areas/{CITY}", params={"period": period}).json()
    page = client.get(f"/borough/{CITY}", params={"period": period}).text
    from crimeplan import cli

    result = CliRunner().invoke(
        cli.app,
        [
            "area-police",
            "--plan",
            str(PLAN),
            "--area",
            "City of London",
            "--period",
            period,
            *("--format", "json", "--db", str(db)),
        ],
    )
    assert result.exit_code == 0, result.output
    return service.as_dict(), api, page, json.loads(result.stdout)


def page_table(page: str) -> dict[str, dict[str, str]]:
    """crime type -> period key -> the cell's text, from the page's table."""
    table = re.search(r'<table[^>]*data-table="other-force".*?</table>', page, re.S)
    assert table is not None, "no City of London Police table on the page"
    out: dict[str, dict[str, str]] = {}
    for m in re.finditer(r'data-crime-type="([^"]+)">(.*?)</tr>', table.group(0), re.S):
        cells = re.findall(r'<td[^>]*data-period="(\w+)">([^<]*)</td>', m.group(2))
        out[html.unescape(m.group(1))] = {k: v.strip() for k, v in cells}
    return out


def assert_faces_agree_with_csv(store: Store, db: Path, files: list[Path], period: str) -> int:
    service, api, page, cli_json = faces(store, db, period)
    assert api["policed_by"] == FORCE
    assert api["other_force"] == service == cli_json
    expected = independent_counts(files, Period.parse(period))
    table = page_table(page)
    checked = 0
    for row in service["rows"]:
        for key in KEYS:
            held = next(p for p in service["periods"] if p["key"] == key)["months_held"]
            got = row["counts"][key]
            if not held:
                assert got is None and table[row["crime_type"]][key] == "not in the data"
                continue
            assert got == expected[(key, row["crime_type"])], (row["crime_type"], key)
            assert table[row["crime_type"]][key] == f"{got:,}"
            checked += 1
    types = {t for (_, t) in expected}
    assert types <= {r["crime_type"] for r in service["rows"]}
    text = html.unescape(page)
    assert "police.uk" in text and "not the Metropolitan Police's tables" in text
    assert "do not compare one-to-one" in text
    return checked


def test_small_file_figures_agree_everywhere_with_the_csv(
    small: tuple[Store, Path, list[Path]],
) -> None:
    store, db, files = small
    assert assert_faces_agree_with_csv(store, db, files, PERIOD) > 10
    service, _api, page, _ = faces(store, db)
    page = html.unescape(page)
    rows = {r["crime_type"]: r["counts"] for r in service["rows"]}
    # by hand: July-September 2025 has 6 + 8 (7 + 1 in Camden) + 3 crimes, ASB apart
    assert rows["Shoplifting"]["period"] == 6 and rows["Other theft"]["period"] == 8
    assert rows[ALL_CRIME]["period"] == 17 and rows[ASB]["period"] == 1
    assert service["outside_area"]["period"] == 1  # the Camden one, said on the page
    # August 2024 held back: the year-ago quarter says so and counts only what is there
    last_year = next(p for p in service["periods"] if p["key"] == "last_year")
    assert last_year["missing"] == ["2024-08", "2024-09"] and last_year["months_held"] == 1
    assert "(1 of 3 months)" in page and "never counted as 0" in page
    # the Met's row in the same LSOA is not the City force's
    assert rows["Shoplifting"]["ytd"] == 11


def test_city_page_without_the_files_says_how_to_load_them(tmp_path: Path) -> None:
    store = _store(tmp_path, None)
    try:
        client = TestClient(create_app(plan_paths=[PLAN], store=store))
        page = client.get(f"/borough/{CITY}", params={"period": PERIOD}).text
        overview = client.get("/", params={"area": CITY, "period": PERIOD}).text
        api = client.get(f"/api/v1/areas/{CITY}").json()
        other = client.get("/api/v1/areas/E09000018").json()  # Hounslow: the Met
    finally:
        store.close()
    for text in (page, overview):
        assert 'data-police="City of London Police"' in text
        assert 'data-other-force="not-loaded"' in text
        assert "not loaded on this site" in text and "data.police.uk" in text
    assert api["policed_by"] == FORCE and api["other_force"]["loaded"] is False
    assert "crimeplan ingest police-uk" in api["other_force"]["how_to_load"]
    assert other["policed_by"] == "Metropolitan Police Service" and other["other_force"] is None


@pytest.mark.slow
@pytest.mark.shared
def test_real_city_files_agree_with_an_independent_count(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "data" / "policeuk").glob("*/*-city-of-london-street.csv"))
    if not files:
        pytest.skip("../shared/data/policeuk holds no City of London Police street files")
    folder = tmp_path / "files"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder)
    store = _store(tmp_path, folder)
    try:
        checked = 0
        for period in (PERIOD, "2024-25-Q3", "2025-09"):
            checked += assert_faces_agree_with_csv(store, tmp_path / "city.duckdb", files, period)
        assert checked > 100
    finally:
        store.close()
