"""'You said, We did': how a consultation was run, what respondents said per theme (with
counts and fair quotes that trace back to the responses), what changed in the plan, and the
organisations that responded. Private individuals are counted, never named.

Themes come from a codebook file (docs/you-said-we-did.md). Until issue 14's coder lands, the
interim coder here is keyword coding of sentences of the redacted texts; `ThemeSummary` is the
hand-over type either coder fills. Officers' edits of 'You said' and 'We did' are kept in the
`yswd_entries` table with every change in the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crimeplan.consult.audit import record_change
from crimeplan.consult.closed import Share, share
from crimeplan.consult.consultation_file import Meeting
from crimeplan.consult.intake import definition, find_consultation
from crimeplan.consult.summary import ConsultationSummary, QuestionSummary, consultation_summary
from crimeplan.errors import ConcurrentEditError, CrimeplanError, IngestError
from crimeplan.plan.model import Plan
from crimeplan.plan.versions import PlanChange, commitment_text, diff_plans
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.store.appdb import register_models as r

# A sentence runs to . ! or ?, across a wrapped line but not across a blank line.
SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?![ \t]*\n))+[.!?]?")
# A sentence is not quoted if it holds a redaction, a title before a name, or introduces the writer.
UNQUOTABLE = re.compile(r"\[|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]|\bI am\b|\bmy name\b|@", re.I)
QUOTES_PER_THEME = 2


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PointIn(_Model):
    text: str
    keywords: list[str] = Field(min_length=1)


class ThemeIn(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str
    points: list[PointIn] = Field(min_length=1)
    we_did: str = ""
    commitments: list[str] = Field(default_factory=list)


class Codebook(_Model):
    themes: list[ThemeIn] = Field(min_length=1)


def load_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    try:
        return Codebook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise IngestError(path, f"not a theme codebook: {exc}") from None


@dataclass(frozen=True)
class Segment:
    """A sentence of one response: `response_id` names it, `start`/`end` index its text."""

    respondent: int
    response_id: str  # survey/<respondent key>/<question>, or written/<file>
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    response_id: str
    span: tuple[int, int]


@dataclass(frozen=True)
class PointSummary:
    text: str
    respondents: int


@dataclass(frozen=True)
class ThemeSummary:
    """One theme: its points with respondent counts, the theme's respondents and share of
    those who wrote any text (with a 95% Wilson interval), and quotes with their source."""

    theme: str
    label: str
    points: list[PointSummary]
    respondents: int
    share: Share
    quotes: list[Quote]
    respondent_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeEntry:
    summary: ThemeSummary
    you_said: str
    we_did: str
    commitments: list[tuple[str, str]]  # (ref, words of the commitment)
    version: int | None  # None: the codebook's draft, not yet edited


@dataclass(frozen=True)
class YouSaidWeDid:
    summary: ConsultationSummary
    channels: list[str]
    meetings: list[Meeting]
    headline: list[QuestionSummary]
    writers: int  # respondents who wrote any free text
    themes: list[ThemeEntry]
    agreement: str
    changes: list[PlanChange]
    produced_on: date


def segments(session: Session, consultation_id: int) -> list[Segment]:
    """Every sentence of the redacted free text: open survey answers and written responses."""
    out: list[Segment] = []
    survey = session.execute(
        select(m.Respondent.id, m.Respondent.key, m.Question.key, m.SurveyAnswer.text_redacted)
        .join(m.SurveyAnswer, m.SurveyAnswer.respondent_id == m.Respondent.id)
        .join(m.Question, m.SurveyAnswer.question_id == m.Question.id)
        .where(
            m.Respondent.consultation_id == consultation_id,
            m.SurveyAnswer.text_redacted.is_not(None),
        )
        .order_by(m.Respondent.id, m.Question.position)
    )
    texts = [(rid, f"survey/{key}/{q}", t) for rid, key, q, t in survey if t]
    written = session.execute(
        select(
            m.WrittenResponse.respondent_id,
            m.WrittenResponse.source_file,
            m.WrittenResponse.redacted_text,
        )
        .where(m.WrittenResponse.consultation_id == consultation_id)
        .order_by(m.WrittenResponse.source_file)
    )
    texts += [(rid, f"written/{f}", t) for rid, f, t in written]
    for rid, response_id, text in texts:
        for s in SENTENCE.finditer(text):
            words = s.group().strip()
            if len(words) > 3:
                start = s.start() + (len(s.group()) - len(s.group().lstrip()))
                out.append(Segment(rid, response_id, words, start, start + len(words)))
    return out


def _matches(keywords: list[str], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(k)}\b", text, re.I) for k in keywords)


def code_themes(segs: list[Segment], codebook: Codebook) -> list[ThemeSummary]:
    """The interim keyword coder: each theme's points, respondents, share and quotes."""
    writers = len({s.respondent for s in segs})
    out = []
    for theme in codebook.themes:
        points = []
        coded: list[Segment] = []
        for p in theme.points:
            hits = [s for s in segs if _matches(p.keywords, s.text)]
            coded += hits
            points.append(PointSummary(p.text, len({s.respondent for s in hits})))
        who = sorted({s.respondent for s in coded})
        out.append(
            ThemeSummary(
                theme=theme.id,
                label=theme.label,
                points=points,
                respondents=len(who),
                share=share(len(who), writers),
                quotes=_fair_quotes(coded),
                respondent_ids=who,
            )
        )
    return out


def _fair_quotes(coded: list[Segment]) -> list[Quote]:
    """Up to two quotes, from different respondents and, where there are both, one from each
    channel; the most common wording first (a fair, not an extreme, example)."""
    usable = [s for s in coded if not UNQUOTABLE.search(s.text)]
    counts: dict[str, int] = {}
    for s in usable:
        counts[_plain(s.text)] = counts.get(_plain(s.text), 0) + 1
    usable.sort(key=lambda s: (-counts[_plain(s.text)], s.response_id))
    chosen: list[Segment] = []
    for channel in ("survey/", "written/"):
        for s in usable:
            if s.response_id.startswith(channel) and all(
                s.respondent != c.respondent and _plain(s.text) != _plain(c.text) for c in chosen
            ):
                chosen.append(s)
                break
    return [Quote(s.text, s.response_id, (s.start, s.end)) for s in chosen[:QUOTES_PER_THEME]]


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def default_you_said(t: ThemeSummary) -> str:
    said = "; ".join(f"{p.text.rstrip('.')} ({p.respondents})" for p in t.points if p.respondents)
    return f"{t.respondents} respondents raised this. They said: {said}." if said else ""


def you_said_we_did(
    session: Session,
    codebook: Codebook,
    final_plan: Plan | None = None,
    draft_plan: Plan | None = None,
    slug: str | None = None,
    today: date | None = None,
) -> YouSaidWeDid:
    record = find_consultation(session, slug)
    c = definition(record)
    summary = consultation_summary(session, record.slug)
    segs = segments(session, record.id)
    edits = {
        e.theme: e
        for e in session.scalars(
            select(r.YswdEntry).where(r.YswdEntry.consultation_id == record.id)
        )
    }
    entries = []
    for theme, t in zip(codebook.themes, code_themes(segs, codebook), strict=True):
        e = edits.get(theme.id)
        refs = e.commitments if e is not None else theme.commitments
        entries.append(
            ThemeEntry(
                summary=t,
                you_said=e.you_said if e is not None else default_you_said(t),
                we_did=e.we_did if e is not None else theme.we_did,
                commitments=[(ref, commitment_text(final_plan, ref)) for ref in refs]
                if final_plan
                else [],
                version=e.version if e is not None else None,
            )
        )
    return YouSaidWeDid(
        summary=summary,
        channels=list(c.channels),
        meetings=list(c.meetings),
        headline=[q for q in summary.questions if q.section == "Consultation questions"],
        writers=len({s.respondent for s in segs}),
        themes=entries,
        agreement=(
            "Not available: these themes were coded by the interim keyword coder, with no second "
            "coder to agree with (issue 14 adds double coding and its agreement figures)."
        ),
        changes=diff_plans(draft_plan, final_plan) if draft_plan and final_plan else [],
        produced_on=today or date.today(),
    )


def save_entry(
    db: AppDB,
    slug: str,
    theme: str,
    you_said: str,
    we_did: str,
    commitments: list[str],
    version: int | None,
    actor: str,
) -> int:
    """Save an officer's 'You said' / 'We did' for a theme; refuse a stale edit (`version` is
    the one the officer opened, None for a first edit). Every edit is audited."""
    try:
        with db.transaction() as session:
            record = find_consultation(session, slug)
            entry = session.scalar(
                select(r.YswdEntry).where(
                    r.YswdEntry.consultation_id == record.id, r.YswdEntry.theme == theme
                )
            )
            if entry is not None and entry.version != version:
                raise _stale(theme, entry.updated_by, entry.version, version)
            if entry is None and version is not None:
                raise CrimeplanError(f"no saved entry for theme {theme!r} to edit")
            before = _entry_dict(entry)
            if entry is None:
                entry = r.YswdEntry(consultation_id=record.id, theme=theme)
                session.add(entry)
            entry.you_said, entry.we_did, entry.commitments = (
                you_said.strip(),
                we_did.strip(),
                commitments,
            )
            entry.updated_at, entry.updated_by = datetime.now(UTC), actor
            session.flush()
            record_change(
                session,
                actor,
                "yswd.edit",
                "yswd_entry",
                f"{slug}/{theme}",
                before,
                _entry_dict(entry),
            )
            return entry.version
    except StaleDataError:
        raise _stale(theme, "someone else", None, version) from None


def _entry_dict(e: r.YswdEntry | None) -> dict[str, object] | None:
    if e is None:
        return None
    return {
        "you_said": e.you_said,
        "we_did": e.we_did,
        "commitments": list(e.commitments),
        "version": e.version,
    }


def _stale(theme: str, who: str, now: int | None, had: int | None) -> ConcurrentEditError:
    return ConcurrentEditError(
        f"'{theme}' was changed by {who} (now version {now}) after you opened version {had}; "
        "your changes were not saved",
        hint="Reload the page to see their changes, then make yours again",
    )
