"""The register in the application database: import, read, edit (audited, never lost).

Import is idempotent: a body, report or recommendation is found by its key or number and
updated; a recommendation's response, links and progress are replaced by the file's. Every
change is written to the audit log in the same transaction. An edit names the version of the
recommendation the editor read; if someone saved it since, `ConcurrentEditError` says who and
when, and nothing is saved (optimistic concurrency; SQLAlchemy's version counter also refuses
two transactions racing on the same row).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from crimeplan.consult.audit import record_change
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.scrutiny.model import (
    RESPONSE_KINDS,
    STATUSES,
    ConcurrentEditError,
    RegisterRecord,
)
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import register_models as r


@dataclass(frozen=True)
class ImportReport:
    source: str
    bodies: int
    reports: int
    added: int
    updated: int

    def summary(self) -> str:
        return (
            f"{self.source}: {self.added + self.updated:,} recommendations from "
            f"{self.reports} reports of {self.bodies} bodies ({self.added:,} new, "
            f"{self.updated:,} updated)"
        )


def _now() -> datetime:
    return datetime.now(UTC)


def snapshot(rec: r.Recommendation) -> dict[str, object]:
    """The editable fields of a recommendation, for the audit log."""
    response = rec.responses[-1] if rec.responses else None
    return {
        "number": rec.number,
        "text": rec.text,
        "sub_points": list(rec.sub_points),
        "addressee": rec.addressee,
        "theme": rec.theme,
        "owner": rec.owner,
        "due": rec.due.isoformat() if rec.due else None,
        "status": rec.status,
        "response_kind": response.kind if response else None,
        "response_text": response.text if response else None,
        "version": rec.version,
    }


def import_records(
    db: AppDB, records: Iterable[RegisterRecord], source: str, actor: str
) -> ImportReport:
    """Write the records into the register, all or nothing."""
    rows = list(records)
    added = updated = 0
    with db.transaction() as session:
        bodies: dict[str, r.RegisterBody] = {}
        reports: dict[str, r.RegisterReport] = {}
        for position, rec in enumerate(rows):
            body = bodies.get(rec.body.key) or _body(session, rec)
            bodies[body.key] = body
            report = reports.get(rec.report.key) or _report(session, rec, body)
            reports[report.key] = report
            existing = session.scalar(
                select(r.Recommendation).where(
                    r.Recommendation.report_id == report.id,
                    r.Recommendation.number == rec.recommendation.number,
                )
            )
            before = snapshot(existing) if existing is not None else None
            target = existing or r.Recommendation(report_id=report.id, position=position)
            if existing is not None:
                # Replace the children: delete the old rows before the new ones go in.
                existing.responses.clear()
                existing.links.clear()
                existing.updates.clear()
                session.flush()
            _fill(target, rec, actor)
            if existing is None:
                session.add(target)
                added += 1
            else:
                updated += 1
            session.flush()
            record_change(
                session,
                actor,
                "register.import",
                "recommendation",
                f"{report.key}#{target.number}",
                before,
                snapshot(target),
            )
    return ImportReport(source, len(bodies), len(reports), added, updated)


def _body(session: Session, rec: RegisterRecord) -> r.RegisterBody:
    body = session.scalar(select(r.RegisterBody).where(r.RegisterBody.key == rec.body.key))
    if body is None:
        body = r.RegisterBody(key=rec.body.key, name=rec.body.name, kind=rec.body.kind)
        session.add(body)
    else:
        body.name, body.kind = rec.body.name, rec.body.kind
    session.flush()
    return body


def _report(session: Session, rec: RegisterRecord, body: r.RegisterBody) -> r.RegisterReport:
    report = session.scalar(select(r.RegisterReport).where(r.RegisterReport.key == rec.report.key))
    if report is None:
        report = r.RegisterReport(key=rec.report.key, body_id=body.id)
        session.add(report)
    report.body_id = body.id
    report.title = rec.report.title
    report.published = rec.report.published
    report.source_file = rec.report.source_file
    session.flush()
    return report


def _fill(target: r.Recommendation, rec: RegisterRecord, actor: str) -> None:
    x = rec.recommendation
    target.number, target.text, target.sub_points = x.number, x.text, list(x.subpoints)
    target.addressee, target.theme, target.source_file = x.addressee, x.theme, x.source_file
    target.span_start, target.span_end = x.start, x.end
    target.respondent_category, target.organisation = x.respondent_category, x.organisation
    target.owner, target.due, target.status = rec.owner, rec.due, rec.status
    target.updated_at, target.updated_by = _now(), actor
    target.responses = (
        [
            r.RecommendationResponse(
                kind=rec.response.kind,
                text=rec.response.text,
                responder=rec.response.responder,
                responded_on=rec.response.on,
            )
        ]
        if rec.response
        else []
    )
    target.links = [
        r.RecommendationLink(plan_id=k.plan, kind=k.kind, target=k.target, area=k.area)
        for k in rec.links
    ]
    target.updates = [
        r.ProgressUpdate(on=u.on, text=u.text, status=u.status, author=u.author)
        for u in rec.updates
    ]


def _loaded() -> list[object]:
    return [
        selectinload(r.Recommendation.report).selectinload(r.RegisterReport.body),
        selectinload(r.Recommendation.responses),
        selectinload(r.Recommendation.links),
        selectinload(r.Recommendation.updates),
    ]


def all_recommendations(session: Session) -> list[r.Recommendation]:
    """Every recommendation with its report, body, responses, links and progress."""
    query = (
        select(r.Recommendation)
        .join(r.RegisterReport)
        .join(r.RegisterBody)
        .options(*_loaded())  # type: ignore[arg-type]
        .order_by(r.RegisterBody.name, r.RegisterReport.key, r.Recommendation.position)
    )
    return list(session.scalars(query))


def get_recommendation(session: Session, rec_id: int) -> r.Recommendation:
    rec: r.Recommendation | None = session.scalar(
        select(r.Recommendation).where(r.Recommendation.id == rec_id).options(*_loaded())  # type: ignore[arg-type]
    )
    if rec is None:
        raise NotFoundError(f"no recommendation with id {rec_id} in the register")
    return rec


@dataclass(frozen=True)
class RecommendationEdit:
    """What an editor may change; `None` leaves a field as it is (owner/due: '' clears)."""

    theme: str | None = None
    owner: str | None = None
    due: date | None = None
    clear_due: bool = False
    status: str | None = None
    response_kind: str | None = None
    response_text: str | None = None
    responder: str | None = None
    responded_on: date | None = None
    progress_text: str | None = None
    progress_on: date | None = None


def _stale(rec: r.Recommendation, version: int) -> ConcurrentEditError:
    when = rec.updated_at.strftime("%d %B %Y at %H:%M") if rec.updated_at else "recently"
    return ConcurrentEditError(
        f"Recommendation {rec.number} was changed by {rec.updated_by} on {when} after you "
        f"opened it (you had version {version}, it is now version {rec.version}); your changes "
        "were not saved",
        hint="Reload the page to see their changes, then make yours again",
    )


def edit_recommendation(
    db: AppDB, rec_id: int, version: int, edit: RecommendationEdit, actor: str
) -> int:
    """Apply an edit made on version `version`; return the new version.

    Raises ConcurrentEditError, saving nothing, if the recommendation has moved on since.
    """
    if edit.status is not None and edit.status not in STATUSES:
        raise CrimeplanError(f"status {edit.status!r} is not one of {', '.join(STATUSES)}")
    if edit.response_kind and edit.response_kind not in RESPONSE_KINDS:
        raise CrimeplanError(f"response {edit.response_kind!r} is not one of the four kinds")
    try:
        with db.transaction() as session:
            rec = get_recommendation(session, rec_id)
            if rec.version != version:
                raise _stale(rec, version)
            before = snapshot(rec)
            _apply(rec, edit, actor)
            rec.updated_at, rec.updated_by = _now(), actor
            session.flush()
            record_change(
                session,
                actor,
                "register.edit",
                "recommendation",
                f"{rec.report.key}#{rec.number}",
                before,
                snapshot(rec),
            )
            return rec.version
    except StaleDataError:
        with db.reading() as session:
            raise _stale(get_recommendation(session, rec_id), version) from None


def _apply(rec: r.Recommendation, edit: RecommendationEdit, actor: str) -> None:
    if edit.theme is not None:
        rec.theme = edit.theme.strip() or None
    if edit.owner is not None:
        rec.owner = edit.owner.strip() or None
    if edit.due is not None or edit.clear_due:
        rec.due = edit.due
    if edit.status is not None:
        rec.status = edit.status
    if edit.response_kind:
        # A new response is added (earlier ones are kept) only when the kind or words change.
        current = rec.responses[-1] if rec.responses else None
        text = (edit.response_text or "").strip() or (current.text if current else "")
        if not text:
            raise CrimeplanError("a response needs its text", hint="Write the response text")
        if current is None or (current.kind, current.text) != (edit.response_kind, text):
            rec.responses.append(
                r.RecommendationResponse(
                    kind=edit.response_kind,
                    text=text,
                    responder=(edit.responder or "").strip() or None,
                    responded_on=edit.responded_on,
                )
            )
    if edit.progress_text and edit.progress_text.strip():
        rec.updates.append(
            r.ProgressUpdate(
                on=edit.progress_on or _now().date(),
                text=edit.progress_text.strip(),
                status=rec.status,
                author=actor,
            )
        )
