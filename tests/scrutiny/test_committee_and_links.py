"""A committee's response document, ingested as a written response, gives each recommendation
with its sub-points and imports with the right numbers; a linked measure shows its RAG."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import ingest_written, init_consultation
from crimeplan.ingest.values import ingest_values
from crimeplan.measures.service import rate_plan
from crimeplan.plan import Plan
from crimeplan.scrutiny.cli import scrutiny_app
from crimeplan.scrutiny.committee import parse_committee_response
from crimeplan.scrutiny.intake import records_from_written
from crimeplan.scrutiny.links import LinkResolver
from crimeplan.scrutiny.register import all_recommendations, import_records
from crimeplan.scrutiny.tracker import tracker_rows
from crimeplan.store import Store
from crimeplan.store.appdb import AppDB

FILES = Path(__file__).with_name("files")
DOCUMENT = FILES / "pcc-response-draft-plan-2021-25.txt"
ROOT = Path(__file__).resolve().parents[2]


def test_parser_reads_numbers_sub_points_spans_and_responses() -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    found = parse_committee_response(text, source_file=DOCUMENT.name)
    assert [x.number for x in found] == [str(n) for n in range(1, 14)]
    first = found[0]
    assert first.text.startswith("The final plan should set out how the Mayor will measure")
    assert first.subpoints == [
        "Publish the measure quarterly for every borough.",
        "Explain any change in how violence is recorded.",
    ]
    assert text[first.start : first.end].startswith("Recommendation 1")
    assert text[first.start : first.end].endswith("Explain any change in how violence is recorded.")
    kinds = [x.response_kind for x in found]
    assert set(kinds) == {"accepted", "accepted_in_part", "not_accepted", "noted"}
    assert kinds[2] == "not_accepted" and kinds[3] == "accepted_in_part" and kinds[8] == "noted"


def test_inline_heading_and_lettered_sub_points() -> None:
    text = (
        "Recommendation 12: MOPAC should publish the data.\n"
        "a) by borough\nb) by ward\n\nMayor's response: Partially accepted. Borough only.\n"
    )
    (x,) = parse_committee_response(text)
    assert (x.number, x.text, x.subpoints) == (
        "12",
        "MOPAC should publish the data.",
        ["by borough", "by ward"],
    )
    assert x.response_kind == "accepted_in_part"


def test_response_document_ingested_as_written_response_imports_with_numbers(
    db: AppDB, loaded: LoadedConsultation, tmp_path: Path
) -> None:
    init_consultation(db, loaded, "test")
    folder = tmp_path / "written"
    folder.mkdir()
    (folder / DOCUMENT.name).write_bytes(DOCUMENT.read_bytes())
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "respondent_name", "category", "organisation", "received"])
        w.writerow(
            [
                DOCUMENT.name,
                "",
                "mp_or_am",
                "London Assembly Police and Crime Committee",
                "2021-12-14",
            ]
        )
    ingest_written(db, folder, "test")
    records = records_from_written(db, DOCUMENT.name)
    import_records(db, records, DOCUMENT.name, "test")
    # The command does the same: a second import updates, it adds nothing.
    again = CliRunner().invoke(
        scrutiny_app, ["import", DOCUMENT.name, "--written", "--app-db", db.url]
    )
    assert again.exit_code == 0, again.output
    assert "(0 new, 13 updated)" in again.output
    with db.reading() as session:
        recs = all_recommendations(session)
    assert [x.number for x in recs] == [str(n) for n in range(1, 14)]
    assert {x.report.body.name for x in recs} == {"London Assembly Police and Crime Committee"}
    assert recs[0].sub_points == [
        "Publish the measure quarterly for every borough.",
        "Explain any change in how violence is recorded.",
    ]
    assert recs[2].responses[0].kind == "not_accepted"
    assert all(x.span_start is not None and x.span_end for x in recs)


def test_linked_measure_shows_its_current_rag(
    loaded_db: AppDB, havering_plan: Plan, london_plan: Plan, store: Store
) -> None:
    ingest_values(store, ROOT / "plans" / "values" / "havering-2016-17.csv")
    expected = {x.measure_id: x for x in rate_plan(store, havering_plan, "Havering", "2016-17-Q3")}
    # The Havering report rates ASB Red at Q3 2016/17 (+26.0% on the year to date).
    assert expected["asb-incidents"].rag == "red"
    resolve = LinkResolver({p.id: p for p in (havering_plan, london_plan)}, store, "2016-17-Q3")
    with loaded_db.reading() as session:
        rows = tracker_rows(all_recommendations(session), date(2026, 11, 30), resolve)
    asb = next(r for r in rows if r.body_key == "havering-crime-disorder" and r.number == "1")
    (link,) = asb.links
    assert link.status is not None
    assert link.status.rag == expected["asb-incidents"].rag == "red"
    assert link.status.signal == expected["asb-incidents"].signal
    marac = next(r for r in rows if r.body_key == "havering-crime-disorder" and r.number == "3")
    assert marac.links[0].status is not None
    assert marac.links[0].status.rag == expected["marac-repeat-referrals"].rag
    pcc2 = next(r for r in rows if r.body_key == "police-and-crime-committee" and r.number == "2")
    assert (
        pcc2.links[0].label
        == "Support the Violence Reduction Unit's public health approach to violence."
    )
