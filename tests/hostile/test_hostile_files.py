"""Every hostile file through its loader: refused with one line naming the file, or loaded as
it says; never a traceback; and after a refusal the database is byte-for-byte what it was.

The files are built from the good test files (tests/hostile/hostile_files.py): 150+ of them
across the police.uk, MPS, values, survey microdata and published-table loaders and the
consultation survey and written-response intakes. The web upload of the same files is in
test_web_uploads.py; the CLI's handling in test_cli_refusals.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from crimeplan.consult.intake import ingest_survey, ingest_written
from crimeplan.errors import CrimeplanError
from crimeplan.ingest.mps_crime import ingest_mps_crime
from crimeplan.ingest.police_uk import ingest_police_uk
from crimeplan.ingest.survey import ingest_survey_microdata, ingest_survey_published
from crimeplan.ingest.values import ingest_values
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB
from crimeplan.synthetic.consultation import KnownFigures

from .conftest import SLUG, sqlite_dump, store_dump
from .hostile_files import (
    LETTER,
    Case,
    mps_cases,
    police_uk_cases,
    survey_cases,
    values_cases,
    written_cases,
)

STORE_CASES = police_uk_cases() + mps_cases() + values_cases() + survey_cases()
WRITTEN_CASES = written_cases()
STORE_LOADERS = {
    "police-uk": ingest_police_uk,
    "mps": ingest_mps_crime,
    "values": ingest_values,
    "survey-micro": ingest_survey_microdata,
    "survey-published": ingest_survey_published,
}
SERVER_PATH = re.compile(r"(/tmp/|/home/|/work/|/var/|pytest-of|crimeplan-upload-)")


def check_message(message: str, names: set[str]) -> None:
    """One line, naming one of the files involved, with no server path and no traceback."""
    assert "\n" not in message, message
    assert "Traceback" not in message and len(message) < 800, message
    assert not SERVER_PATH.search(message), message
    assert any(message.startswith(n) for n in names), (message, names)


def outcome(case: Case, message: str | None) -> None:
    got = "loaded" if message is None else "refused"
    if case.expect != "either":
        assert got == case.expect, f"{case.id}: {got} ({message})"


@pytest.mark.parametrize("case", STORE_CASES, ids=lambda c: c.id)
def test_store_loader(case: Case, hostile_store: Store, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    before = store_dump(hostile_store)
    message = None
    try:
        STORE_LOADERS[case.loader](hostile_store, path)
    except CrimeplanError as exc:
        message = str(exc)
        check_message(message, {path.name})
        assert store_dump(hostile_store) == before, f"{case.id}: a refusal changed the store"
    outcome(case, message)


def test_every_store_loader_and_enough_files() -> None:
    assert {c.loader for c in STORE_CASES} == set(STORE_LOADERS)
    assert len(STORE_CASES) + len(WRITTEN_CASES) + 25 >= 100  # + the consult survey cases


@pytest.fixture(scope="module")
def consult_cases(synthetic: tuple[Path, KnownFigures]) -> dict[str, Case]:
    from .hostile_files import consult_survey_cases

    folder, _ = synthetic
    return {c.id: c for c in consult_survey_cases(folder / "survey.csv", folder / "survey.xlsx")}


CONSULT_IDS = [
    f"consult-survey:survey-{k}"
    for k in [
        "utf16-bom.csv",
        "utf16-be-bom.csv",
        "utf16-nobom.csv",
        "utf8-bom.csv",
        "crlf.csv",
        "latin1.csv",
        "cp1252.csv",
        "truncated-row.csv",
        "long-row.csv",
        "half-quoted.csv",
        "duplicated-question.csv",
        "huge-cell.csv",
        "binary.csv",
        "empty.csv",
        "nul-cell.csv",
        "formula-names.csv",
        "unknown-type.txt",
        "not-xlsx.xlsx",
        "xlsx-bomb.xlsx",
        "xlsx-dotdot.xlsx",
        "xlsx-symlink.xlsx",
        "xlsx-no-parts.xlsx",
        "xlsx-truncated.xlsx",
        "xlsx-bad-xml.xlsx",
        "xlsx-good.xlsx",
    ]
]


def test_the_consult_case_list_is_complete(consult_cases: dict[str, Case]) -> None:
    assert sorted(consult_cases) == sorted(CONSULT_IDS)


@pytest.mark.parametrize("case_id", CONSULT_IDS)
def test_consult_survey(
    case_id: str,
    consult_cases: dict[str, Case],
    hostile_app_db: tuple[AppDB, str],
    tmp_path: Path,
) -> None:
    case = consult_cases[case_id]
    db, url = hostile_app_db
    path = case.build(tmp_path)
    db.engine.dispose()  # no connection holds a page while the dump reads the file
    before = sqlite_dump(url)
    message = None
    try:
        ingest_survey(db, path, "hostile", slug=SLUG)
    except CrimeplanError as exc:
        message = str(exc)
        check_message(message, {path.name})
        db.engine.dispose()
        assert sqlite_dump(url) == before, f"{case.id}: a refusal changed the database"
    outcome(case, message)


@pytest.mark.parametrize("case", WRITTEN_CASES, ids=lambda c: c.id)
def test_written_responses(case: Case, hostile_app_db: tuple[AppDB, str], tmp_path: Path) -> None:
    db, url = hostile_app_db
    folder = tmp_path / "written"
    folder.mkdir()
    (folder / "letter.txt").write_text(LETTER, encoding="utf-8")
    listed = ["letter.txt"]
    if case.name.startswith("manifest-"):
        case.build(folder)
    else:
        listed.append(case.build(folder).name)
        (folder / "manifest.csv").write_text(
            "file,respondent_name,category,organisation,received\n"
            + "".join(f"{n},Joanna Fairweather,private_individual,,2017-02-10\n" for n in listed),
            encoding="utf-8",
        )
    db.engine.dispose()
    before = sqlite_dump(url)
    message = None
    try:
        ingest_written(db, folder, "hostile", slug=SLUG)
    except CrimeplanError as exc:
        message = str(exc)
        check_message(message, {*listed, "manifest.csv", case.name, "written"})
        db.engine.dispose()
        assert sqlite_dump(url) == before, f"{case.id}: a refusal changed the database"
    outcome(case, message)
    shutil.rmtree(folder)
