"""Survey ingest on small real-format files: columns, mapping files, errors, atomicity, re-runs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crimeplan.errors import IngestError, NotFoundError
from crimeplan.ingest.survey import ingest_survey_microdata, ingest_survey_published
from crimeplan.measures.suppression import find_unsuppressed
from crimeplan.measures.survey_measure import published_survey_frame
from crimeplan.store.analytic import Store

FILES = Path(__file__).parent / "files" / "survey"
BAD = sorted((FILES / "bad").glob("*.csv"))


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def _count(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_standard_file_loads_respondents_and_long_answers(store: Store) -> None:
    summary = ingest_survey_microdata(store, FILES / "standard.csv")
    assert summary.respondents == 4
    assert summary.questions == ("trust_mps", "good_job_local")
    assert summary.answers == 7  # R3 left good_job_local empty: no answer stored
    assert summary.vintage == "2023-05"
    row = store.con.execute(
        "SELECT borough_code, ward_code, month, sex, weight FROM survey_respondents "
        "WHERE respondent_id = 'R1'"
    ).fetchone()
    assert row is not None
    assert (row[0], row[1], str(row[2]), row[3], row[4]) == (
        "E09000022",
        "E05014116",
        "2023-04-01",
        "female",
        1.2,
    )
    assert _count(store, "SELECT count(*) FROM survey_respondents WHERE sex IS NULL") == 1
    files = store.con.execute("SELECT source, name, rows, vintage FROM ingest_files").fetchall()
    assert files == [("survey", "standard.csv", 4, "2023-05")]


def test_reingesting_replaces_and_never_duplicates(store: Store) -> None:
    ingest_survey_microdata(store, FILES / "standard.csv")
    ingest_survey_microdata(store, FILES / "standard.csv")
    assert _count(store, "SELECT count(*) FROM survey_respondents") == 4
    assert _count(store, "SELECT count(*) FROM survey_answers") == 7
    assert _count(store, "SELECT count(DISTINCT file_id) FROM survey_respondents") == 1
    assert _count(store, "SELECT count(*) FROM ingest_files") == 2


def test_mapping_file_renames_recodes_and_reads_another_layout(store: Store) -> None:
    summary = ingest_survey_microdata(
        store, FILES / "other-layout.csv", mapping=FILES / "other-layout.yaml"
    )
    assert summary.respondents == 3
    assert set(summary.questions) == {"trust_mps", "good_job_local"}
    rows = store.con.execute(
        "SELECT r.survey, r.respondent_id, r.sex, r.ethnic_group, a.answer "
        "FROM survey_respondents r JOIN survey_answers a USING (survey, respondent_id) "
        "WHERE a.question = 'trust_mps' ORDER BY 2"
    ).fetchall()
    assert rows == [
        ("pas-test", "101", "female", "Black", "Strongly agree"),
        ("pas-test", "102", "male", "White", "Tend to disagree"),
        ("pas-test", "103", "female", "White", "Tend to agree"),
    ]
    # -99 means no answer: respondent 103 has no good_job_local row
    assert _count(store, "SELECT count(*) FROM survey_answers WHERE respondent_id = '103'") == 1


def test_a_bad_mapping_file_is_named(tmp_path: Path, store: Store) -> None:
    mapping = tmp_path / "wrong.yaml"
    mapping.write_text("colums: {a: b}\n")
    with pytest.raises(IngestError, match=r"wrong.yaml: colums: Extra inputs"):
        ingest_survey_microdata(store, FILES / "standard.csv", mapping=mapping)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_files_name_file_line_and_field(path: Path, store: Store) -> None:
    expected = path.with_suffix(".expect").read_text().strip()
    with pytest.raises(IngestError) as caught:
        ingest_survey_microdata(store, path)
    assert str(caught.value).startswith(path.name)
    assert expected in str(caught.value)


def test_a_failed_ingest_changes_nothing(store: Store) -> None:
    ingest_survey_microdata(store, FILES / "standard.csv")
    before = _count(store, "SELECT count(*) FROM survey_answers")
    with pytest.raises(IngestError):
        ingest_survey_microdata(store, FILES / "bad" / "negative-weight.csv")
    assert _count(store, "SELECT count(*) FROM survey_answers") == before
    assert _count(store, "SELECT count(*) FROM ingest_files") == 1


def test_failure_inside_the_transaction_rolls_back(store: Store) -> None:
    """The answers insert fails after the old respondents were deleted and the new ones
    inserted: everything, the provenance row included, is rolled back."""
    ingest_survey_microdata(store, FILES / "standard.csv")
    store.con.execute("DROP TABLE survey_answers")
    store.con.execute("CREATE TABLE survey_answers (survey VARCHAR, respondent_id VARCHAR)")
    with pytest.raises(Exception, match="survey_answers"):
        ingest_survey_microdata(store, FILES / "standard.csv")
    assert _count(store, "SELECT count(*) FROM survey_respondents") == 4
    assert _count(store, "SELECT count(DISTINCT file_id) FROM survey_respondents") == 1
    assert _count(store, "SELECT count(*) FROM ingest_files") == 1


def test_published_table_loads_and_replaces(store: Store, tmp_path: Path) -> None:
    summary = ingest_survey_published(store, FILES / "published.csv")
    assert summary.respondents == 4
    rows = store.con.execute(
        "SELECT area_code, characteristic, group_name, percentage, base FROM survey_published "
        "ORDER BY percentage"
    ).fetchall()
    assert rows[0] == ("E09000016", "all", "all", 48.5, 402)
    assert rows[1] == ("E23000001", "ethnic_group", "Black", 56.0, 1480)
    revised = tmp_path / "published.csv"
    revised.write_text(
        "area,period,measure,percentage,base\nE09000016,2021-22,good_job_local,49.0,402\n"
    )
    ingest_survey_published(store, revised)
    assert _count(store, "SELECT count(*) FROM survey_published") == 4
    assert (
        _count(store, "SELECT percentage FROM survey_published WHERE area_code='E09000016'") == 49
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "area,period,measure,percentage,base\nE09000016,2021-22,m,101,400\n",
            "line 2: 'percentage'",
        ),
        ("area,period,measure,percentage,base\nHavering,2021-22,m,50,400\n", "line 2: 'area'"),
        ("area,period,measure,percentage,base\nE09000016,2021-22,m,50,40.5\n", "line 2: 'base'"),
        ("area,period,measure,percentage\nE09000016,2021-22,m,50\n", "line 1: 'base'"),
        (
            "area,period,measure,percentage,base\nE09000016,2021-22,m,50,400\n"
            "E09000016,2021-22,m,51,400\n",
            "line 3: 'measure'",
        ),
    ],
)
def test_bad_published_tables(tmp_path: Path, store: Store, content: str, expected: str) -> None:
    path = tmp_path / "pub.csv"
    path.write_text(content)
    with pytest.raises(IngestError, match=expected):
        ingest_survey_published(store, path)


def test_borough_names_become_codes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "respondent_id,interview_date,borough,weight,trust_mps\n"
        "R1,2023-04-03,Lambeth,1.0,Tend to agree\n"
        "R2,2023-04-03,Kensington & Chelsea,1.0,Tend to agree\n"
        "R3,2023-04-03,E09000016,1.0,Tend to agree\n"
    )
    ingest_survey_microdata(store, path)
    codes = store.con.execute(
        "SELECT borough_code FROM survey_respondents ORDER BY respondent_id"
    ).fetchall()
    assert codes == [("E09000022",), ("E09000020",), ("E09000016",)]


def test_published_figures_come_back_suppressed(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "pub.csv"
    path.write_text(
        "area,period,measure,percentage,base,characteristic,group\n"
        "E23000001,2021-22,trust_mps,56,1480,ethnic_group,Black\n"
        "E09000016,2021-22,trust_mps,61,38,ethnic_group,Black\n"
    )
    ingest_survey_published(store, path)
    frame = published_survey_frame(store, "trust_mps")
    assert list(frame["area_code"]) == ["E09000016", "E23000001"]
    assert frame.loc[0, "suppressed"] and pd.isna(frame.loc[0, "percentage"])
    assert frame.loc[1, "percentage"] == 56
    assert find_unsuppressed(frame).empty
    only = published_survey_frame(store, "trust_mps", area_codes=["E23000001"])
    assert len(only) == 1
    with pytest.raises(NotFoundError, match="measures are: trust_mps"):
        published_survey_frame(store, "fair")
