"""Intake is atomic, idempotent, keeps text with its source, and writes the audit log."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import ingest_survey, ingest_written, init_consultation
from crimeplan.errors import IngestError, NotFoundError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.synthetic.consultation import KnownFigures

SHARED = Path(
    os.environ.get("CRIMEPLAN_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared")
)
GREEN_PARTY = SHARED / "seeds" / "green-party-response-2017.txt"


def _normalise(text: str) -> str:
    return " ".join(text.split())


def test_ingest_before_init_says_what_to_do(db: AppDB, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="consult init"):
        ingest_survey(db, tmp_path / "none.csv", "test")


def test_written_responses_keep_text_source_and_method(
    db: AppDB, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, known = synthetic
    init_consultation(db, loaded, "test")
    ingest_written(db, folder / "written", "test")
    with db.reading() as session:
        rows = {w.source_file: w for w in session.scalars(select(m.WrittenResponse))}
    assert sorted(rows) == sorted(known.written_files)
    methods = {Path(name).suffix: w.extraction_method.split()[0] for name, w in rows.items()}
    assert methods == {
        ".txt": "read",
        ".md": "read",
        ".pdf": "pypdf",
        ".docx": "python-docx",
        ".eml": "stdlib",
    }
    for name, w in rows.items():
        source = folder / "written" / name
        assert w.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert "Yours sincerely" in w.raw_text and "Yours sincerely" in w.redacted_text
        assert "draft Police and Crime Plan" in _normalise(w.raw_text)


def test_a_bad_row_leaves_the_database_unchanged(
    db: AppDB, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures], tmp_path: Path
) -> None:
    folder, known = synthetic
    init_consultation(db, loaded, "test")
    ingest_survey(db, folder / "survey.csv", "test")
    rows = list(csv.reader((folder / "survey.csv").open(encoding="utf-8")))
    header = rows[0]
    rows[150][0] = "NEW-0001"  # a new respondent early in the file ...
    rows[180][header.index("q2_priorities")] = "perhaps"  # ... then a bad answer on line 181
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(IngestError, match=r"bad\.csv line 181: 'q2_priorities': 'perhaps'"):
        ingest_survey(db, bad, "test")
    with db.reading() as session:
        assert session.scalar(select(func.count(m.Respondent.id))) == known.respondents
        assert session.scalar(select(m.Respondent).where(m.Respondent.key == "NEW-0001")) is None
        audit = list(session.scalars(select(m.AuditEntry.entity_key)))
    assert "bad.csv" not in audit


def test_every_intake_is_in_the_audit_log(
    db: AppDB, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, known = synthetic
    init_consultation(db, loaded, "officer")
    init_consultation(db, loaded, "officer")
    ingest_survey(db, folder / "survey.csv", "analyst1")
    ingest_written(db, folder / "written", "analyst2")
    with db.reading() as session:
        entries = list(session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)))
    got = [(e.actor, e.action, e.entity, e.entity_key) for e in entries]
    assert got == [
        ("officer", "create", "consultation", loaded.consultation.id),
        ("officer", "update", "consultation", loaded.consultation.id),
        ("analyst1", "ingest", "survey_export", "survey.csv"),
        ("analyst2", "ingest", "written_responses", "written"),
    ]
    assert entries[1].before == {"title": loaded.consultation.title, "sha256": loaded.sha256}
    assert entries[2].after is not None and entries[2].after["rows"] == known.respondents
    assert entries[3].after is not None and entries[3].after["added"] == len(known.written_files)


def test_green_party_response_extracted_whole(
    db: AppDB, loaded: LoadedConsultation, tmp_path: Path
) -> None:
    if not GREEN_PARTY.is_file():
        pytest.skip(f"../shared/seeds not present: {GREEN_PARTY} is needed for the real response")
    import docx

    from crimeplan.synthetic.pdf import write_pdf

    source = GREEN_PARTY.read_text(encoding="utf-8")
    folder = tmp_path / "written"
    folder.mkdir()
    shutil.copy(GREEN_PARTY, folder / "green-party.md")
    lines = source.split("\n")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(folder / "green-party.docx"))
    write_pdf(folder / "green-party.pdf", lines)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "respondent_name", "category", "organisation", "received"])
        for name in ("green-party.md", "green-party.docx", "green-party.pdf"):
            writer.writerow(
                [
                    name,
                    "Sian Berry AM",
                    "MP or Assembly Member",
                    "Green Party group on the London Assembly",
                    "2017-03-01",
                ]
            )
    init_consultation(db, loaded, "test")
    ingest_written(db, folder, "test")
    with db.reading() as session:
        rows = list(session.scalars(select(m.WrittenResponse)))
        respondent = session.scalar(
            select(m.Respondent).where(m.Respondent.key == "green-party.md")
        )
    assert len(rows) == 3
    for w in rows:
        assert _normalise(w.raw_text) == _normalise(source), w.source_file
        # Contact details are redacted; the Assembly Member, writing in office, is not.
        assert "Sian.Berry@london.gov.uk" not in w.redacted_text
        assert "Sian Berry AM" in w.redacted_text
        assert w.redactions.get("email", 0) >= 2
    assert respondent is not None and respondent.category == "mp_or_am"
