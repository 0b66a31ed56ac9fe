"""Turn committee response documents into register records: from a file, or from a written
response already ingested into a consultation (its redacted text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from crimeplan.consult.extract import extract_text
from crimeplan.consult.intake import find_consultation
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.scrutiny.committee import parse_committee_response
from crimeplan.scrutiny.files import slug
from crimeplan.scrutiny.model import (
    PRIVATE_BODY,
    PRIVATE_CATEGORY,
    BodyRecord,
    ExtractedRecommendation,
    RegisterRecord,
    ReportRecord,
    ResponseRecord,
)
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m


def records_from_extracted(
    found: list[ExtractedRecommendation],
    body: BodyRecord,
    report: ReportRecord,
    *,
    responder: str | None = None,
    responded_on: date | None = None,
) -> list[RegisterRecord]:
    """Register records for recommendations found in a text; a reply under one is its response."""
    if not found:
        raise CrimeplanError(
            f"no 'Recommendation N' headings in {report.source_file or report.title}",
            hint="See docs/scrutiny.md for the committee-response layout",
        )
    records = []
    for x in found:
        response = None
        if x.response_kind and x.response_text:
            response = ResponseRecord(x.response_kind, x.response_text, responder, responded_on)
        records.append(
            RegisterRecord(body=body, report=report, recommendation=x, response=response)
        )
    return records


def records_from_document(
    path: str | Path,
    body_name: str,
    *,
    body_kind: str = "committee",
    report_title: str | None = None,
    published: date | None = None,
    responder: str | None = None,
) -> list[RegisterRecord]:
    """Parse a committee response document (.txt, .md, .docx, .pdf, .eml) into records."""
    path = Path(path)
    if not path.is_file():
        raise CrimeplanError(f"{path.name}: file not found", hint="Check the path")
    text = extract_text(path).text
    body = BodyRecord(slug(body_name), body_name, body_kind)
    title = report_title or path.stem
    report = ReportRecord(slug(f"{body.key} {title}"), title, published, path.name)
    found = parse_committee_response(text, source_file=path.name)
    return records_from_extracted(found, body, report, responder=responder)


def records_from_written(
    db: AppDB, source_file: str, *, consultation: str | None = None, body_kind: str = "committee"
) -> list[RegisterRecord]:
    """The recommendations in an ingested written response, from its redacted text.

    The body is the respondent's organisation; a private individual's recommendations go to
    'Private individuals (not named)'.
    """
    with db.reading() as session:
        record = find_consultation(session, consultation)
        row = session.execute(
            select(m.WrittenResponse, m.Respondent)
            .join(m.Respondent, m.WrittenResponse.respondent_id == m.Respondent.id)
            .where(
                m.WrittenResponse.consultation_id == record.id,
                m.WrittenResponse.source_file == source_file,
            )
        ).first()
        if row is None:
            raise NotFoundError(
                f"no written response {source_file!r} in consultation {record.slug}",
                hint="Run `crimeplan consult ingest-written` first",
            )
        written, respondent = row
        text, category, organisation = (
            written.redacted_text,
            respondent.category,
            respondent.organisation,
        )
        received = respondent.received
    if category == PRIVATE_CATEGORY or not organisation:
        body = BodyRecord(*PRIVATE_BODY)
    else:
        body = BodyRecord(slug(organisation), organisation, body_kind)
    report = ReportRecord(
        slug(f"{body.key} {source_file}"), f"Written response {source_file}", received, source_file
    )
    found = [
        ExtractedRecommendation(
            number=x.number,
            text=x.text,
            subpoints=x.subpoints,
            addressee=x.addressee,
            source_file=source_file,
            start=x.start,
            end=x.end,
            respondent_category=category,
            organisation=None if category == PRIVATE_CATEGORY else organisation,
            response_kind=x.response_kind,
            response_text=x.response_text,
        )
        for x in parse_committee_response(text, source_file=source_file)
    ]
    return records_from_extracted(found, body, report)
