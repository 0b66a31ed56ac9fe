"""The register: import, tracker counts against an independent count, overdue, concurrency."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from crimeplan.consult.audit import audit_entries
from crimeplan.scrutiny.files import read_register, read_register_csv
from crimeplan.scrutiny.model import ConcurrentEditError
from crimeplan.scrutiny.register import (
    RecommendationEdit,
    all_recommendations,
    edit_recommendation,
    import_records,
)
from crimeplan.scrutiny.tracker import tracker_counts, tracker_rows
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import register_models as r

REGISTER = Path(__file__).resolve().parents[2] / "registers" / "london-register.yaml"

TODAY = date(2026, 11, 30)


def independent_counts() -> dict[str, Counter[object]]:
    """Count straight from the YAML with plain dict walking: no crimeplan code."""
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))["register"]
    out: dict[str, Counter[object]] = {
        k: Counter() for k in ("body", "response", "status", "overdue", "pair")
    }
    for b in data["bodies"]:
        for rep in b["reports"]:
            for rec in rep["recommendations"]:
                kind = rec["response"]["kind"] if "response" in rec else "awaiting"
                out["body"][b["name"]] += 1
                out["response"][kind] += 1
                out["status"][rec.get("status", "open")] += 1
                out["pair"][(b["name"], kind)] += 1
                due = rec.get("due")
                if (
                    due is not None
                    and due < TODAY
                    and rec.get("status", "open") in ("open", "in_progress")
                ):
                    out["overdue"][b["name"]] += 1
    return out


def test_realistic_register_counts_equal_an_independent_count(loaded_db: AppDB) -> None:
    with loaded_db.reading() as session:
        rows = tracker_rows(all_recommendations(session), TODAY)
    counts = tracker_counts(rows)
    expected = independent_counts()
    assert counts.total == sum(expected["body"].values()) >= 40
    assert len(counts.by_body) >= 3
    assert counts.by_body == dict(expected["body"])
    assert {k: v for k, v in counts.by_response.items() if v} == dict(expected["response"])
    assert all(
        counts.by_response[k] > 0 for k in ("accepted", "accepted_in_part", "not_accepted", "noted")
    )
    assert {k: v for k, v in counts.by_status.items() if v} == dict(expected["status"])
    assert counts.body_response == dict(expected["pair"])
    assert counts.overdue_by_body == dict(expected["overdue"])
    assert counts.overdue > 0 and counts.by_status["delivered"] > 0


def test_import_twice_updates_rather_than_duplicates(loaded_db: AppDB) -> None:
    report = import_records(loaded_db, read_register(REGISTER), REGISTER.name, "test")
    assert (report.added, report.updated) == (0, 41)
    with loaded_db.reading() as session:
        assert len(all_recommendations(session)) == 41


def test_concurrent_edits_are_refused_not_lost(loaded_db: AppDB) -> None:
    with loaded_db.reading() as session:
        rec = session.scalar(
            select(r.Recommendation).where(r.Recommendation.number == "4").limit(1)
        )
        assert rec is not None
        rec_id, opened = rec.id, rec.version
    # Alice and Bob both open version `opened`; Alice saves first.
    new = edit_recommendation(
        loaded_db, rec_id, opened, RecommendationEdit(owner="Alice's team"), "alice"
    )
    assert new == opened + 1
    with pytest.raises(
        ConcurrentEditError, match=r"changed by alice .* your changes were not saved"
    ):
        edit_recommendation(
            loaded_db, rec_id, opened, RecommendationEdit(owner="Bob's team"), "bob"
        )
    with loaded_db.reading() as session:
        rec = session.get(r.Recommendation, rec_id)
        assert rec is not None and rec.owner == "Alice's team"
        entries = [e for e in audit_entries(session) if e.action == "register.edit"]
    assert [e.actor for e in entries] == ["alice"]
    assert entries[0].before is not None and entries[0].after is not None
    assert entries[0].after["owner"] == "Alice's team"


def test_an_edit_records_a_response_and_progress(loaded_db: AppDB) -> None:
    with loaded_db.reading() as session:
        rec = next(x for x in all_recommendations(session) if not x.responses)
    edit = RecommendationEdit(
        response_kind="accepted",
        response_text="The BCU will run sessions in every secondary school.",
        responder="BCU Commander",
        status="in_progress",
        progress_text="Eight schools visited.",
        progress_on=date(2026, 10, 1),
    )
    edit_recommendation(loaded_db, rec.id, rec.version, edit, "officer")
    with loaded_db.reading() as session:
        row = next(x for x in tracker_rows(all_recommendations(session), TODAY) if x.id == rec.id)
    assert row.response_kind == "accepted" and row.status == "in_progress"
    assert row.updates == [(date(2026, 10, 1), "in_progress", "Eight schools visited.")]


CSV = """number,text,sub_points,addressee,theme,source_file,span_start,span_end,respondent_category,organisation
1,Publish ward figures,"[""Quarterly"", ""With counts""]",MOPAC,Measuring success,response-07.pdf,10,80,organisation,Age UK London
2,Visit burglary victims within 48 hours,,MPS,Supporting victims,response-02.md,5,60,private_individual,Someone Private
"""


def test_extractor_csv_imports_unchanged(db: AppDB) -> None:
    records = read_register_csv("recommendations.csv", CSV.encode())
    assert records[0].body.name == "Age UK London"
    assert records[0].recommendation.subpoints == ["Quarterly", "With counts"]
    assert (records[0].recommendation.start, records[0].recommendation.end) == (10, 80)
    # A private individual is never a named body, and their name is not kept.
    assert records[1].body.name == "Private individuals (not named)"
    assert records[1].recommendation.organisation is None
    import_records(db, records, "recommendations.csv", "test")
    with db.reading() as session:
        names = {x.report.body.name for x in all_recommendations(session)}
    assert names == {"Age UK London", "Private individuals (not named)"}


def test_csv_errors_name_the_line(db: AppDB) -> None:
    from crimeplan.errors import IngestError

    bad = "number,text,due\n1,Do it,31/03/2024\n"
    with pytest.raises(IngestError, match=r"line 2: 'due': '31/03/2024' is not a date"):
        read_register_csv("bad.csv", bad.encode())
