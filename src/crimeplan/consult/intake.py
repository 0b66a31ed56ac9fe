"""Put consultations, survey answers and written responses into the application database.

Each intake runs in one transaction (all or nothing) and is idempotent: a respondent is keyed
by (consultation, channel, respondent id or file name), so ingesting the same export again
replaces those respondents' answers instead of adding copies. After every intake the redacted
texts of the whole consultation are recomputed, because a name learnt from a later file must
also be removed from texts ingested earlier. Every intake writes one audit-log entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from crimeplan.consult.audit import record_change
from crimeplan.consult.consultation_file import Consultation, LoadedConsultation
from crimeplan.consult.pii import Redactor
from crimeplan.consult.survey import SurveyMapping, read_survey
from crimeplan.consult.written import read_written
from crimeplan.errors import NotFoundError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m


@dataclass(frozen=True)
class IntakeReport:
    consultation: str
    source: str
    rows: int
    added: int
    replaced: int


def now() -> datetime:
    return datetime.now(UTC)


def find_consultation(session: Session, slug: str | None = None) -> m.Consultation:
    """The consultation named by `slug`, or the only one when none is named."""
    if slug is not None:
        found = session.scalar(select(m.Consultation).where(m.Consultation.slug == slug))
        if found is None:
            raise NotFoundError(
                f"no consultation '{slug}'", hint="Run `crimeplan consult init FILE` first"
            )
        return found
    all_ = list(session.scalars(select(m.Consultation).order_by(m.Consultation.slug)))
    if not all_:
        raise NotFoundError("no consultation yet", hint="Run `crimeplan consult init FILE` first")
    if len(all_) > 1:
        slugs = ", ".join(c.slug for c in all_)
        raise NotFoundError(f"several consultations ({slugs})", hint="Name one with --consultation")
    return all_[0]


def definition(record: m.Consultation) -> Consultation:
    return Consultation.model_validate(record.definition)


def init_consultation(db: AppDB, loaded: LoadedConsultation, actor: str) -> m.Consultation:
    """Create or update a consultation and its questions from a validated file."""
    c = loaded.consultation
    with db.transaction() as session:
        record = session.scalar(select(m.Consultation).where(m.Consultation.slug == c.id))
        before = None
        if record is None:
            record = m.Consultation(slug=c.id, created_at=now())
            session.add(record)
        else:
            before = {"title": record.title, "sha256": record.source_sha256}
        record.title = c.title
        record.organisation = c.organisation
        record.opens = c.opens
        record.closes = c.closes
        record.definition = c.model_dump(mode="json")
        record.source_file = loaded.source_file
        record.source_sha256 = loaded.sha256
        session.flush()
        wanted = [(q.id, "closed" if q.type == "closed" else "open", q) for q in c.questions]
        existing = {q.key: q for q in record.questions}
        keep: set[str] = set()
        for position, (key, kind, q) in enumerate(wanted):
            row = existing.get(key) or m.Question(consultation_id=record.id, key=key)
            row.kind, row.number, row.section, row.text = kind, q.number, q.section, q.text
            row.scale, row.position = q.scale, position
            session.add(row)
            keep.add(key)
        for offset, d in enumerate(c.demographics, start=len(wanted)):
            row = existing.get(d.id) or m.Question(consultation_id=record.id, key=d.id)
            row.kind, row.number, row.section, row.text = "demographic", None, "About you", d.text
            row.scale, row.position = None, offset
            session.add(row)
            keep.add(d.id)
        for key, row in existing.items():
            if key not in keep:
                session.delete(row)
        after = {"title": c.title, "sha256": loaded.sha256, "questions": len(keep)}
        record_change(
            session,
            actor,
            "create" if before is None else "update",
            "consultation",
            c.id,
            before,
            after,
        )
    return record


def _questions(session: Session, record: m.Consultation) -> dict[str, m.Question]:
    rows = session.scalars(select(m.Question).where(m.Question.consultation_id == record.id))
    return {q.key: q for q in rows}


def _respondents(
    session: Session, record: m.Consultation, channel: str, keys: list[str]
) -> tuple[dict[str, m.Respondent], int]:
    """The consultation's respondents with these keys, created where new, their old answers and
    written responses deleted (in bulk), and how many already existed."""
    wanted = set(keys)
    existing = {
        r.key: r
        for r in session.scalars(
            select(m.Respondent).where(
                m.Respondent.consultation_id == record.id, m.Respondent.channel == channel
            )
        )
        if r.key in wanted
    }
    ids = [r.id for r in existing.values()]
    for start in range(0, len(ids), 5000):  # stay under every engine's bound-parameter limit
        chunk = ids[start : start + 5000]
        session.execute(delete(m.SurveyAnswer).where(m.SurveyAnswer.respondent_id.in_(chunk)))
        session.execute(delete(m.WrittenResponse).where(m.WrittenResponse.respondent_id.in_(chunk)))
    found = dict(existing)
    for key in keys:
        if key not in found:
            found[key] = m.Respondent(consultation_id=record.id, channel=channel, key=key)
            session.add(found[key])
    return found, len(existing)


def _describe(respondent: m.Respondent, **values: object) -> None:
    for name, value in values.items():
        setattr(respondent, name, value)
    respondent.ingested_at = now()


def ingest_survey(
    db: AppDB,
    path: str | Path,
    actor: str,
    *,
    slug: str | None = None,
    mapping: SurveyMapping | None = None,
) -> IntakeReport:
    """Load a survey export; re-loading replaces the answers of the same respondent ids."""
    path = Path(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    with db.transaction() as session:
        record = find_consultation(session, slug)
        rows = read_survey(path, definition(record), mapping)
        questions = _questions(session, record)
        respondents, replaced = _respondents(
            session, record, "survey", [row.respondent_id for row in rows]
        )
        for row in rows:
            _describe(
                respondents[row.respondent_id],
                name=row.name,
                category=row.category,
                organisation=row.organisation,
                received=row.submitted,
                source_file=path.name,
            )
        session.flush()  # gives new respondents their ids
        answers: list[dict[str, object]] = []
        for row in rows:
            rid = respondents[row.respondent_id].id
            answers += [
                {
                    "respondent_id": rid,
                    "question_id": questions[key].id,
                    "code": code,
                    "text_raw": None,
                    "text_redacted": None,
                }
                for key, code in row.codes.items()
            ]
            answers += [
                {
                    "respondent_id": rid,
                    "question_id": questions[key].id,
                    "code": None,
                    "text_raw": text,
                    "text_redacted": "",
                }
                for key, text in row.texts.items()
            ]
        if answers:
            # Core executemany: tens of thousands of answers without an ORM object each.
            session.execute(insert(m.SurveyAnswer), answers)
        session.flush()
        refresh_redactions(session, record)
        report = IntakeReport(record.slug, path.name, len(rows), len(rows) - replaced, replaced)
        record_change(
            session,
            actor,
            "ingest",
            "survey_export",
            path.name,
            None,
            {"sha256": sha, "rows": len(rows), "added": report.added, "replaced": replaced},
        )
    return report


def ingest_written(
    db: AppDB, folder: str | Path, actor: str, *, slug: str | None = None
) -> IntakeReport:
    """Load a folder of written responses; re-loading replaces responses with the same file name."""
    folder = Path(folder)
    with db.transaction() as session:
        record = find_consultation(session, slug)
        items = read_written(folder, definition(record))
        respondents, replaced = _respondents(
            session, record, "written", [item.file for item in items]
        )
        for item in items:
            _describe(
                respondents[item.file],
                name=item.respondent_name,
                category=item.category,
                organisation=item.organisation,
                received=item.received,
                source_file=item.file,
            )
        session.flush()
        for item in items:
            session.add(
                m.WrittenResponse(
                    consultation_id=record.id,
                    respondent_id=respondents[item.file].id,
                    source_file=item.file,
                    sha256=item.sha256,
                    media_type=item.extracted.media_type,
                    extraction_method=item.extracted.method,
                    raw_text=item.extracted.text,
                    redacted_text="",
                    redactions={},
                    ingested_at=now(),
                )
            )
        session.flush()
        refresh_redactions(session, record)
        report = IntakeReport(record.slug, folder.name, len(items), len(items) - replaced, replaced)
        record_change(
            session,
            actor,
            "ingest",
            "written_responses",
            folder.name,
            None,
            {
                "files": {i.file: i.sha256 for i in items},
                "added": report.added,
                "replaced": replaced,
            },
        )
    return report


def refresh_redactions(session: Session, record: m.Consultation) -> None:
    """Recompute every redacted text of a consultation from its raw text and known names."""
    c = definition(record)
    private = {cat.code for cat in c.respondent_categories if cat.private}
    people = session.execute(
        select(m.Respondent.name, m.Respondent.organisation, m.Respondent.category).where(
            m.Respondent.consultation_id == record.id
        )
    ).all()
    # A person's name is public only beside an organisation in a non-private category (the
    # register's rule); anyone else's name is redacted wherever it appears.
    names = [name for name, org, category in people if name and (category in private or not org)]
    names += c.redaction.redact
    keep = [name for name, org, category in people if name and org and category not in private]
    keep += [org for _, org, category in people if org and category not in private]
    keep += c.redaction.keep
    redactor = Redactor(names, keep)
    written = list(
        session.scalars(
            select(m.WrittenResponse).where(m.WrittenResponse.consultation_id == record.id)
        )
    )
    for w, result in zip(written, redactor.redact_many([w.raw_text for w in written]), strict=True):
        w.redacted_text, w.redactions = result.text, result.counts
    answers = [
        a
        for a in session.scalars(
            select(m.SurveyAnswer)
            .join(m.Respondent, m.SurveyAnswer.respondent_id == m.Respondent.id)
            .where(m.Respondent.consultation_id == record.id, m.SurveyAnswer.text_raw.is_not(None))
        )
        if a.text_raw is not None
    ]
    results = redactor.redact_many([a.text_raw or "" for a in answers])
    for a, result in zip(answers, results, strict=True):
        a.text_redacted = result.text
