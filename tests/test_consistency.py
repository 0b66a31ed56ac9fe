"""Every face shows the same figures: the CLI's JSON, the API, the dashboard page, and the
quarterly and whole-force reports (CSV, XLSX, PDF text), with survey data loaded.

For every shipped plan, three areas and three periods (one of them `latest`), each measure's
value, rated value, RAG, direction of travel, statistical signal and survey interval is read
back out of each face and compared. Issue 11: the Havering report once said "No survey data is
loaded" and dropped every signal beside a dashboard showing the figures.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from typer.testing import CliRunner

from crimeplan.geo import data_dir
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.values import ingest_values
from crimeplan.measures.service import force_figures, quarterly_figures
from crimeplan.plan import Plan, load_plan
from crimeplan.publish import build_force_report, build_quarterly_report
from crimeplan.publish.figures import format_value
from crimeplan.publish.measure_table import SIGNAL_WORDS
from crimeplan.store import Store
from crimeplan.synthetic.survey import load_synthetic_pas
from crimeplan.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILES = sorted((ROOT / "plans").glob("*.yaml"))
FIELDS = (
    "value",
    "rated_value",
    "rag",
    "dot_short",
    "dot_long",
    "signal",
    "interval_lower",
    "interval_upper",
)
#: Three areas and three periods for each shipped plan; `latest` is read against the data.
CASES = {
    "london-2021-25": (("London", "Havering", "Croydon"), ("latest", "2024-25-Q3", "2024-25-Q1")),
    "havering-2016-17": (
        ("Havering", "Barking and Dagenham", "London"),
        ("latest", "2016-17-Q2", "2015-16-Q4"),
    ),
}
pytestmark = pytest.mark.slow


def strict_loads(text: str) -> Any:
    """json.loads that refuses NaN and Infinity, as a strict JSON parser does."""

    def refuse(name: str) -> Any:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Store]]:
    """The embedded Met tables, Havering's values file and synthetic PAS microdata ending at
    the latest crime month (as the demo builds it)."""
    folder = tmp_path_factory.mktemp("consistency")
    store = Store(folder / "all.duckdb")
    ingest_mps_crime(store, data_dir() / "mps")
    ingest_values(store, ROOT / "plans" / "values" / "havering-2016-17.csv")
    row = store.con.execute("SELECT strftime(max(month), '%Y-%m') FROM mps_crime").fetchone()
    load_synthetic_pas(store, folder, end=row[0] if row else None)
    yield folder / "all.duckdb", store
    store.close()


@pytest.fixture(scope="module")
def client(db: tuple[Path, Store]) -> TestClient:
    return TestClient(create_app(plan_paths=PLAN_FILES, store=db[1]))


def cli_json(db: Path, plan: Path, area: str, period: str) -> list[dict[str, Any]]:
    args = ["measures", "--plan", str(plan), "--area", area, "--period", period]
    args += ["--format", "json", "--db", str(db)]
    from crimeplan import cli

    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    records: list[dict[str, Any]] = strict_loads(result.stdout)
    return records


def api_items(client: TestClient, plan: str, area: str, period: str) -> tuple[str, list[Any]]:
    r = client.get(
        "/api/v1/values", params={"plan": plan, "area": area, "period": period, "page_size": 500}
    )
    assert r.status_code == 200, r.text
    body = strict_loads(r.text)
    return body["period"], body["items"]


class Rows(HTMLParser):
    """The dashboard's measure rows: each `data-field` element's text and data attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, dict[str, str]]] = {}
        self.measure: str | None = None
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-measure"):
            self.measure = a["data-measure"]
            self.rows[self.measure] = {}
        field = a.get("data-field") if self.measure else None
        if field and self.measure:
            self.rows[self.measure][field] = {k: v or "" for k, v in a.items()} | {"text": ""}
        self.open.append((tag, field))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            t, _field = self.open.pop()
            if t == tag:
                break
        if tag == "tr":
            self.measure = None

    def handle_data(self, data: str) -> None:
        if self.measure is None:
            return
        for _t, field in self.open:
            if field:
                cell = self.rows[self.measure][field]
                cell["text"] = " ".join((cell["text"] + " " + data).split())


def close(a: Any, b: Any) -> bool:
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def csv_value(text: str) -> Any:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def assert_same(face: str, want: dict[str, Any], got: dict[str, Any], where: str) -> None:
    for name in FIELDS:
        assert close(want[name], got[name]), (
            face,
            where,
            want["measure_id"],
            name,
            got[name],
            want[name],
        )


def assert_dashboard(html: str, records: list[dict[str, Any]], where: str) -> int:
    parser = Rows()
    parser.feed(html)
    compared = 0
    for r in records:
        row = parser.rows[r["measure_id"]]
        unit = r["unit"]
        value_text = row["value"]["text"]
        if r["value"] is None:
            assert value_text.startswith("no data"), (where, r["measure_id"], value_text)
        else:
            assert value_text.startswith(format_value(r["value"], unit)), (where, value_text)
        rated = row.get("rated_value", {}).get("text", "")
        if r["target"] is not None and r["rated_value"] is not None:
            assert f"value rated {format_value(r['rated_value'], unit)}" in rated, (where, rated)
        rag_text = row["rag"]["text"]
        assert rag_text.startswith((r["rag"] or "not rated").capitalize()), (where, rag_text)
        assert row["dot_long"]["data-direction"] == (r["dot_long"] or ""), where
        assert row["signal"]["data-signal"] == (r["signal"] or ""), where
        interval = row.get("interval", {}).get("text")
        if r["interval_lower"] is None:
            assert interval is None, (where, interval)
        else:
            lo, hi = (
                format_value(r["interval_lower"], unit),
                format_value(r["interval_upper"], unit),
            )
            assert interval is not None and f"{lo} to {hi}" in interval, (where, interval)
        assert ("synthetic" in row["value"]["text"].lower()) == r["synthetic"], (where, value_text)
        compared += 1
    return compared


def assert_report_files(out: Path, records: list[dict[str, Any]], where: str) -> None:
    by_id = {r["measure_id"]: r for r in records}
    with (out / "measures.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [row["measure_id"] for row in rows] == [r["measure_id"] for r in records]
    for row in rows:
        assert_same(
            "report CSV", by_id[row["measure_id"]], {k: csv_value(row[k]) for k in FIELDS}, where
        )
    sheet = openpyxl.load_workbook(out / "measures.xlsx", read_only=True)["Measures"]
    values = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    for line in values[1:]:
        rec = dict(zip(header, line, strict=True))
        assert_same("report XLSX", by_id[str(rec["measure_id"])], rec, where)
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(out / "report.pdf").pages).split()
    )
    for r in records:
        unit = r["unit"]
        for name in ("value", "rated_value"):
            if r[name] is not None:
                assert format_value(r[name], unit) in text, (
                    "report PDF",
                    where,
                    r["measure_id"],
                    name,
                )
        if r["signal"]:
            assert SIGNAL_WORDS.get(r["signal"], r["signal"]) in text, (
                "report PDF",
                where,
                r["signal"],
            )
        if r["interval_lower"] is not None:
            lo, hi = (
                format_value(r["interval_lower"], unit),
                format_value(r["interval_upper"], unit),
            )
            assert f"{lo} to {hi}" in text, ("report PDF", where, r["measure_id"])


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_face_shows_the_same_figures(
    plan_file: Path, db: tuple[Path, Store], client: TestClient, tmp_path: Path
) -> None:
    path, store = db
    plan: Plan = load_plan(plan_file)
    areas, periods = CASES[plan.id]
    survey_checked = 0
    for period in periods:
        for area in areas:
            where = f"{plan.id} {area} {period}"
            records = cli_json(path, plan_file, area, period)
            resolved, items = api_items(client, plan.id, area, period)
            assert {r["period"] for r in records} == {resolved}, where
            assert [i["measure_id"] for i in items] == [r["measure_id"] for r in records]
            for want, got in zip(records, items, strict=True):
                assert_same("API", want, got, where)
                assert got["synthetic"] == want["synthetic"], where
            page = client.get("/", params={"plan": plan.id, "area": area, "period": period})
            assert page.status_code == 200, (where, page.text[:500])
            assert assert_dashboard(page.text, records, where) == len(records)
            out = tmp_path / f"{plan.id}-{area}-{period}".replace(" ", "_")
            build_quarterly_report(
                quarterly_figures(store, plan, area, period, allow_missing=True),
                out,
                formats=("csv", "xlsx", "pdf"),
            )
            assert_report_files(out, records, where)
            survey_checked += sum(1 for r in records if r["interval_lower"] is not None)
    if any(m.source == "survey" for m in plan.measures()):
        # survey data is loaded: the reports carry the survey figures, not "No survey data"
        assert survey_checked > 0


def test_the_force_report_agrees_with_the_api_with_survey_data(
    db: tuple[Path, Store], client: TestClient, tmp_path: Path
) -> None:
    """`report force` once crashed whenever survey data was loaded; its borough figures are
    the API's, survey measures included."""
    _path, store = db
    plan = load_plan(ROOT / "plans" / "london-2021-25.yaml")
    figures = force_figures(store, plan, "latest", allow_missing=True)
    build_force_report(figures, tmp_path / "force", formats=("csv", "pdf"))
    with (tmp_path / "force" / "measures.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    survey = [m.id for m in plan.measures() if m.source == "survey"]
    assert survey and {r["measure_id"] for r in rows} >= set(survey)
    for measure_id in ("burglary", survey[0]):
        _resolved, items = api_items_level(client, plan.id, measure_id, figures.period.label)
        api = {i["area_code"]: i for i in items}
        mine = [r for r in rows if r["measure_id"] == measure_id and r["area_code"] in api]
        assert len(mine) == 33
        for row in mine:
            assert_same(
                "force CSV",
                api[row["area_code"]],
                {k: csv_value(row[k]) for k in FIELDS},
                measure_id,
            )


def api_items_level(
    client: TestClient, plan: str, measure: str, period: str
) -> tuple[str, list[Any]]:
    r = client.get(
        "/api/v1/values",
        params={
            "plan": plan,
            "measure": measure,
            "level": "borough",
            "period": period,
            "page_size": 500,
        },
    )
    assert r.status_code == 200, r.text
    body = strict_loads(r.text)
    return body["period"], body["items"]


def test_latest_says_what_it_means(db: tuple[Path, Store], client: TestClient) -> None:
    body = client.get("/api/v1/values", params={"period": "latest"}).json()
    assert re.match(
        r"Latest is \d{4}-\d{2}-Q\d \(\w+ to \w+ \d{4}\): the latest quarter", body["period_note"]
    )
    assert body["period_note"] in html.unescape(client.get("/").text)


def synthetic_faces(client: TestClient, db: Path, survey_id: str, tmp: Path) -> dict[str, str]:
    """Every page, download and report showing the London plan (survey measures included),
    as text: what a reader sees."""
    from crimeplan import cli

    faces = {}
    for url in (
        "/",
        "/borough/E09000016",
        f"/measure/{survey_id}",
        f"/map?measure={survey_id}",
        "/data",
        "/data/measures.csv",
        "/data/measures.json",
        f"/data/ranking.csv?measure={survey_id}",
    ):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        faces[url] = r.text
    plan = ROOT / "plans" / "london-2021-25.yaml"
    for fmt in ("table", "csv"):
        args = ["measures", "--plan", str(plan), "--area", "Havering", "--format", fmt]
        result = CliRunner().invoke(cli.app, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        faces[f"cli {fmt}"] = result.stdout
    return faces


def test_synthetic_figures_are_labelled_and_real_ones_are_not(
    db: tuple[Path, Store], client: TestClient, tmp_path: Path
) -> None:
    path, store = db
    plan = load_plan(ROOT / "plans" / "london-2021-25.yaml")
    survey_id = next(m.id for m in plan.measures() if m.source == "survey")

    faces = synthetic_faces(client, path, survey_id, tmp_path)
    for name, text in faces.items():
        assert "synthetic" in text.lower(), name
    assert 'data-synthetic="true"' in faces["/"]  # the banner at the top of the overview
    body = client.get("/api/v1/values", params={"area": "Havering"}).json()
    assert body["synthetic"] is True
    assert {i["measure_id"] for i in body["items"] if i["synthetic"]} == {
        m.id for m in plan.measures() if m.source == "survey"
    }
    out = tmp_path / "synthetic-report"
    build_quarterly_report(
        quarterly_figures(store, plan, "Havering", "latest", allow_missing=True),
        out,
        formats=("html", "csv", "pdf"),
    )
    assert "SYNTHETIC DATA" in (out / "report.html").read_text(encoding="utf-8")
    pdf = " ".join(p.extract_text() or "" for p in PdfReader(out / "report.pdf").pages)
    assert "SYNTHETIC DATA" in pdf and "(synthetic)" in pdf
    assert "True" in (out / "measures.csv").read_text(encoding="utf-8")

    # The same survey file, loaded as real data (unmarked): no label anywhere.
    marks = store.con.execute("SELECT key FROM meta WHERE key LIKE 'synthetic_file:%'").fetchall()
    store.con.execute("DELETE FROM meta WHERE key LIKE 'synthetic_file:%'")
    store.data_version_bump()
    try:
        for name, text in synthetic_faces(client, path, survey_id, tmp_path).items():
            if name == "cli csv":  # a column that says, for each figure, whether it is
                rows = list(csv.DictReader(text.splitlines()))
                assert rows and all(row["synthetic"] == "False" for row in rows)
            else:
                assert "synthetic" not in text.lower(), name
        body = client.get("/api/v1/values", params={"area": "Havering"}).json()
        assert body["synthetic"] is False and not any(i["synthetic"] for i in body["items"])
        out = tmp_path / "real-report"
        build_quarterly_report(
            quarterly_figures(store, plan, "Havering", "latest", allow_missing=True),
            out,
            formats=("html", "csv"),
        )
        assert "synthetic" not in (out / "report.html").read_text(encoding="utf-8").lower()
        assert "True" not in (out / "measures.csv").read_text(encoding="utf-8")
    finally:
        for (key,) in marks:
            store.con.execute("INSERT INTO meta VALUES (?, 'synthetic')", [key])
        store.data_version_bump()
