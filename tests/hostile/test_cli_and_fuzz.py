"""The CLI shows a refusal as one line and no traceback; a bounded fuzzer (hypothesis) throws
mutated and random bytes at every reader; planted personal data is redacted from UTF-16,
Latin-1 and BOM-marked files; the register names organisations only."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.extract import extract_text
from crimeplan.consult.intake import ingest_written
from crimeplan.consult.register import RegisterEntry, build_register
from crimeplan.consult.survey import read_survey
from crimeplan.errors import CrimeplanError
from crimeplan.ingest.archives import check_zip
from crimeplan.ingest.decoding import csv_rows, decode_text
from crimeplan.ingest.mps_crime import read_layout
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m

from .conftest import SLUG
from .hostile_files import LETTER, mps_cases, police_uk_cases, values_cases
from .test_hostile_files import check_message

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_cli_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    """A few refusals through the real command (one process each)."""
    cases = {
        "police-uk": [c for c in police_uk_cases() if c.name == "police-uk-archive-dotdot.zip"],
        "mps-crime": [c for c in mps_cases() if c.name == "mps-count-2-63.csv"],
        "values": [c for c in values_cases() if c.name == "values-huge-cell.csv"],
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for command, chosen in cases.items():
        for case in chosen:
            path = case.build(tmp_path)
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "crimeplan",
                    "ingest",
                    command,
                    str(path),
                    "--db",
                    str(tmp_path / "cli.duckdb"),
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            assert run.returncode == 1, (case.id, run.stderr)
            assert "Traceback" not in run.stderr, run.stderr
            lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
            assert len(lines) == 1 or " ".join(lines).startswith("error:"), run.stderr
            assert run.stderr.startswith("error: " + path.name), run.stderr


# -- the fuzzer: bounded (a few seconds per reader) ---------------------------------------

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
GOOD_SURVEY = (
    "respondent_id,name,category,q1_safer_city\nR1,Ann,private_individual,tend_to_agree\n"
    "R2,,organisation,Strongly agree\n"
)


def mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6)


@FUZZ
@given(edits=EDITS, cut=st.integers(0, 200))
def test_fuzz_consult_survey_reader(
    edits: list[tuple[int, int]], cut: int, loaded: LoadedConsultation, tmp_path: Path
) -> None:
    data = mutate(GOOD_SURVEY.encode(), edits)[: len(GOOD_SURVEY) - cut % 40]
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    try:
        rows = read_survey(path, loaded.consultation)
    except CrimeplanError as exc:
        check_message(str(exc), {"survey.csv"})
    else:
        assert all(r.respondent_id for r in rows)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_fuzz_text_decoding(raw: bytes) -> None:
    try:
        text, _ = decode_text(raw, Path("f.csv"), windows_fallback=True)
        list(csv_rows(Path("f.csv"), text))
    except CrimeplanError as exc:
        check_message(str(exc), {"f.csv"})


@FUZZ
@given(
    raw=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".pdf", ".docx", ".eml", ".md"])
)
def test_fuzz_extractors(raw: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"response{suffix}"
    path.write_bytes(raw)
    try:
        extract_text(path)
    except CrimeplanError as exc:
        check_message(str(exc), {path.name})


@FUZZ
@given(names=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4))
def test_fuzz_zip_member_names(names: list[str], tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        for i, name in enumerate(names):
            try:
                z.writestr(f"{name}" if name.strip("/") else f"x{i}", b"data")
            except (ValueError, UnicodeEncodeError, IndexError):
                return  # a name zipfile itself cannot write
    try:
        infos = check_zip(path)
    except CrimeplanError as exc:
        check_message(str(exc), {"a.zip"})
    else:
        root = (tmp_path / "out").resolve()
        for info in infos:
            assert (root / info.filename.replace("\\", "/")).resolve().is_relative_to(root)


@FUZZ
@given(header=st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_fuzz_mps_headers(header: list[str], tmp_path: Path) -> None:
    path = tmp_path / "mps.csv"
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(header)
    try:
        read_layout(path)
    except CrimeplanError as exc:
        check_message(str(exc), {"mps.csv"})


# -- personal data in other encodings ------------------------------------------------------

PLANTED = ("Fairweather", "Joanna", "27 Kingfisher Way", "RM7 0AB", "07700 900123", "example.co.uk")


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF16_LE + LETTER.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + LETTER.encode("utf-16-be"),
        LETTER.encode("utf-16-le"),
        LETTER.replace("Dear", "Ch\xe8re").encode("latin-1"),
        codecs.BOM_UTF8 + LETTER.encode(),
    ],
    ids=["utf16-notepad", "utf16-be", "utf16-no-bom", "latin1", "utf8-bom"],
)
def test_planted_personal_data_is_redacted_in_any_encoding(
    encoded: bytes, hostile_app_db: tuple[AppDB, str], tmp_path: Path
) -> None:
    db, _ = hostile_app_db
    folder = tmp_path / "written"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(encoded)
    (folder / "manifest.csv").write_text(
        "file,respondent_name,category,organisation,received\n"
        "letter.txt,Joanna Fairweather,private_individual,,2017-02-10\n",
        encoding="utf-8",
    )
    ingest_written(db, folder, "test", slug=SLUG)
    with db.reading() as session:
        texts = [w.redacted_text for w in session.query(m.WrittenResponse).all()]
    assert texts and all("\x00" not in t for t in texts)
    for text in texts:
        for item in PLANTED:
            assert item not in text, (item, text[:200])
    assert any("[name]" in t and "[phone]" in t for t in texts)


def test_the_register_names_organisations_only(loaded: LoadedConsultation) -> None:
    entries = [
        RegisterEntry("organisation", "survey", None, "Pat Private"),  # no organisation given
        RegisterEntry("organisation", "written", "Age UK London", "Leo Marsh"),
        RegisterEntry("private_individual", "written", "Acme Ltd", "Ann Lee"),
    ]
    register = build_register(entries, loaded.consultation)
    named = {c.code: c.names for c in register.categories}
    assert named["organisation"] == ["Age UK London"]
    assert named["private_individual"] == []
    listed = " ".join(n for names in named.values() for n in names)
    assert "Pat Private" not in listed and "Leo Marsh" not in listed and "Ann Lee" not in listed
    assert {c.code: c.count for c in register.categories}["organisation"] == 2
