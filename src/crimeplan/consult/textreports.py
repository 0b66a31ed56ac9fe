"""Campaigns and recommendations of a stored consultation, read from the redacted texts.

Both are computed on demand from what `ingest-written` / `ingest-survey` stored (no other step):
written responses and survey answers of at least `LONG_ANSWER_WORDS` words. Every text used is
the redacted one, so spans index the stored redacted text and nothing personal is exported.
Formats: table, csv (columns `recommendations.CSV_COLUMNS`, sub-points joined by " | "), json.
"""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from crimeplan.consult.audit import record_change
from crimeplan.consult.campaigns import Campaign, ThemeCounts, find_campaigns, theme_counts
from crimeplan.consult.intake import find_consultation, now
from crimeplan.consult.pii import Redactor
from crimeplan.consult.recommendations import (
    CSV_COLUMNS,
    Recommendation,
    extract_recommendations,
    keyword_theme,
    number_all,
)
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m

LONG_ANSWER_WORDS = 40
CAMPAIGN_COLUMNS = ("campaign", "size", "member", "additions", "template")


def _texts(session: Session, slug: str | None) -> list[tuple[str, str, str | None, str | None]]:
    """(source, redacted text, category, organisation) for every written response and answer."""
    record = find_consultation(session, slug)
    rows: list[tuple[str, str, str | None, str | None]] = [
        (w.source_file, w.redacted_text, cat, org)
        for w, cat, org in session.execute(
            select(m.WrittenResponse, m.Respondent.category, m.Respondent.organisation)
            .join(m.Respondent, m.WrittenResponse.respondent_id == m.Respondent.id)
            .where(m.WrittenResponse.consultation_id == record.id)
            .order_by(m.WrittenResponse.source_file)
        )
    ]
    for key, qkey, text, cat, org in session.execute(
        select(
            m.Respondent.key,
            m.Question.key,
            m.SurveyAnswer.text_redacted,
            m.Respondent.category,
            m.Respondent.organisation,
        )
        .join(m.Respondent, m.SurveyAnswer.respondent_id == m.Respondent.id)
        .join(m.Question, m.SurveyAnswer.question_id == m.Question.id)
        .where(m.Respondent.consultation_id == record.id, m.SurveyAnswer.text_redacted.is_not(None))
        .order_by(m.Respondent.key, m.Question.key)
    ):
        if text:
            rows.append((f"survey:{key}:{qkey}", text, cat, org))
    return rows


REVIEW_STATUSES = ("accepted", "rejected", "corrected")


def consultation_recommendations(
    session: Session, slug: str | None = None, *, include_rejected: bool = False
) -> list[Recommendation]:
    """Every recommendation found, with analysts' reviews applied: a correction replaces text,
    addressee and theme; a rejected one is left out unless `include_rejected`."""
    record = find_consultation(session, slug)
    reviews = {
        (r.source_file, r.span_start, r.span_end): r
        for r in session.scalars(
            select(m.RecommendationReview).where(
                m.RecommendationReview.consultation_id == record.id
            )
        )
    }
    out = []
    for source, text, cat, org in _texts(session, slug):
        if source.startswith("survey:") and len(text.split()) < LONG_ANSWER_WORDS:
            continue
        for rec in extract_recommendations(text, source_file=source):
            rec.respondent_category, rec.organisation = cat, org
            review = reviews.get((source, rec.start, rec.end))
            if review is not None:
                rec.review = review.status
                if review.status == "corrected":
                    rec.text = review.text or rec.text
                    rec.addressee = review.addressee or rec.addressee
                    rec.theme = review.theme or rec.theme
            if rec.review != "rejected" or include_rejected:
                out.append(rec)
    return out


def review_recommendation(
    db: AppDB,
    slug: str,
    source_file: str,
    span: tuple[int, int],
    status: str,
    actor: str,
    *,
    text: str | None = None,
    addressee: str | None = None,
    theme: str | None = None,
) -> None:
    """Record an analyst's decision on the recommendation found at `span` of `source_file`.
    A corrected text is redacted before it is stored; the change goes to the audit log."""
    if status not in REVIEW_STATUSES:
        raise CrimeplanError(f"unknown review '{status}'", hint="accepted, rejected or corrected")
    with db.transaction() as session:
        record = find_consultation(session, slug)
        found = {
            (r.source_file, r.start, r.end)
            for r in consultation_recommendations(session, slug, include_rejected=True)
        }
        if (source_file, *span) not in found:
            raise NotFoundError(f"no recommendation at {source_file} {span[0]}-{span[1]}")
        row = session.scalar(
            select(m.RecommendationReview).where(
                m.RecommendationReview.consultation_id == record.id,
                m.RecommendationReview.source_file == source_file,
                m.RecommendationReview.span_start == span[0],
                m.RecommendationReview.span_end == span[1],
            )
        )
        before = None if row is None else {"status": row.status, "text": row.text}
        if row is None:
            row = m.RecommendationReview(
                consultation_id=record.id,
                source_file=source_file,
                span_start=span[0],
                span_end=span[1],
            )
            session.add(row)
        clean = Redactor().redact(text).text if text and text.strip() else None
        row.status, row.text = status, clean
        row.addressee = (addressee or "").strip() or None
        row.theme = (theme or "").strip() or None
        row.reviewer, row.reviewed_at = actor, now()
        record_change(
            session,
            actor,
            "review",
            "recommendation",
            f"{source_file}:{span[0]}-{span[1]}",
            before,
            {"status": status, "text": clean, "addressee": row.addressee, "theme": row.theme},
        )


def consultation_campaigns(
    session: Session, slug: str | None = None
) -> tuple[list[Campaign], list[ThemeCounts]]:
    rows = _texts(session, slug)
    ids, texts = [r[0] for r in rows], [r[1] for r in rows]
    campaigns = find_campaigns(ids, texts)
    return campaigns, theme_counts(ids, texts, campaigns, keyword_theme)


def format_recommendations(recs: list[Recommendation], fmt: str) -> str:
    rows = number_all(recs)
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row, rec in zip(rows, recs, strict=True):
            writer.writerow({**row, "subpoints": " | ".join(rec.subpoints)})
        return buf.getvalue()
    lines = [f"{len(rows)} recommendation(s)"]
    for r, rec in zip(rows, recs, strict=True):
        lines.append(
            f"{r['id']:>4} {r['source_file']} [{r['span_start']}-{r['span_end']}] "
            f"no. {r['number'] or '-'} to {r['addressee'] or '?'} ({r['theme'] or '-'})"
        )
        lines.append(f"     {r['text']}")
        lines += [f"       - {s}" for s in rec.subpoints]
    return "\n".join(lines) + "\n"


def format_campaigns(campaigns: list[Campaign], themes: list[ThemeCounts], fmt: str) -> str:
    if fmt == "json":
        data = {
            "campaigns": [
                {
                    "campaign": c.id,
                    "size": c.size,
                    "template": c.template,
                    "members": [{"id": mb.id, "additions": mb.additions} for mb in c.members],
                }
                for c in campaigns
            ],
            "themes": [t.__dict__ for t in themes],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CAMPAIGN_COLUMNS)
        for c in campaigns:
            for mb in c.members:
                writer.writerow([c.id, c.size, mb.id, " | ".join(mb.additions), c.template])
        return buf.getvalue()
    lines = [f"{len(campaigns)} campaign(s)"]
    for c in campaigns:
        lines.append(f"campaign {c.id}: {c.size} responses")
        lines.append(f"  template: {c.template}")
        for mb in c.members:
            if mb.additions:
                lines.append(f"  {mb.id} adds: {' '.join(mb.additions)}")
    lines.append("")
    lines.append(f"{'theme':<40} {'per respondent':>16} {'campaigns once':>16}")
    for t in themes:
        lines.append(
            f"{t.theme:<40} {t.per_respondent:>8} {t.share_per_respondent:5.1f}% "
            f"{t.campaigns_once:>8} {t.share_campaigns_once:5.1f}%"
        )
    return "\n".join(lines) + "\n"
