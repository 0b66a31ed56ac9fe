"""Run the free-text analysis of a consultation in the application database.

`analyse` segments every open survey answer and written response (redacted text only), embeds
each segment once per model (stored, reused while its text is unchanged), finds candidate themes
if the consultation has no codebook yet (or loads one from a file), trains the coder on what is
known (analysts' codes first, then the discovered clusters' members and the codebook's
examples) and codes every segment, with a confidence and a stance. The same inputs and seed give
the same themes and codes, byte for byte (`export_codes`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crimeplan.consult.intake import find_consultation
from crimeplan.consult.text.codebook import CodebookTheme, load_codebook
from crimeplan.consult.text.coder import ThemeCoder
from crimeplan.consult.text.discover import discover
from crimeplan.consult.text.embed import Embedder, Matrix, one_blas_thread
from crimeplan.consult.text.segments import split_written
from crimeplan.consult.text.stance import stance
from crimeplan.errors import CrimeplanError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.store.appdb.themes import Segment, SegmentCode, SegmentEmbedding, Theme

NEAR_MISS = 0.1  # machine rows are kept for themes scored at least this (for review order)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Piece:
    respondent_id: int
    channel: str
    locator: str
    question_key: str | None
    source_file: str
    kind: str
    section: str | None
    start: int
    end: int
    text: str


def _pieces(session: Session, consultation_id: int) -> list[_Piece]:
    out: list[_Piece] = []
    answers = session.execute(
        select(m.SurveyAnswer, m.Respondent, m.Question)
        .join(m.Respondent, m.SurveyAnswer.respondent_id == m.Respondent.id)
        .join(m.Question, m.SurveyAnswer.question_id == m.Question.id)
        .where(m.Respondent.consultation_id == consultation_id, m.Question.kind == "open")
        .order_by(m.Respondent.key, m.Question.position)
    ).all()
    for answer, respondent, question in answers:
        text = (answer.text_redacted or "").strip()
        if text:
            out.append(
                _Piece(
                    respondent.id, "survey", f"survey/{respondent.key}/{question.key}",
                    question.key, respondent.source_file, "answer", None, 0, len(text), text,
                )
            )  # fmt: skip
    written = session.scalars(
        select(m.WrittenResponse)
        .where(m.WrittenResponse.consultation_id == consultation_id)
        .order_by(m.WrittenResponse.source_file)
    )
    for response in written:
        body = response.redacted_text
        for span in split_written(body):
            out.append(
                _Piece(
                    response.respondent_id, "written", f"written/{response.source_file}/{span.start}",
                    None, response.source_file, span.kind, span.section, span.start, span.end,
                    body[span.start : span.end],
                )
            )  # fmt: skip
    return out


def build_segments(session: Session, consultation_id: int) -> list[Segment]:
    """Make the segments table match the current redacted texts; the segments, by id."""
    existing = {
        s.locator: s
        for s in session.scalars(select(Segment).where(Segment.consultation_id == consultation_id))
    }
    wanted = _pieces(session, consultation_id)
    seen = set()
    for piece in wanted:
        seen.add(piece.locator)
        segment = existing.get(piece.locator)
        if segment is None:
            segment = Segment(consultation_id=consultation_id, locator=piece.locator)
            session.add(segment)
        elif segment.text_sha256 != _sha(piece.text):
            session.execute(delete(SegmentCode).where(SegmentCode.segment_id == segment.id))
        segment.respondent_id = piece.respondent_id
        segment.channel = piece.channel
        segment.question_key = piece.question_key
        segment.source_file = piece.source_file
        segment.kind = piece.kind
        segment.section = piece.section
        segment.start, segment.end = piece.start, piece.end
        segment.text, segment.text_sha256 = piece.text, _sha(piece.text)
    for locator, segment in existing.items():
        if locator not in seen:
            session.delete(segment)
    session.flush()
    return list(
        session.scalars(
            select(Segment).where(Segment.consultation_id == consultation_id).order_by(Segment.id)
        )
    )


def segment_vectors(session: Session, segments: Sequence[Segment], embedder: Embedder) -> Matrix:
    """Each segment's vector for `embedder`: stored ones reused, missing or stale ones computed
    (in one batch) and stored."""
    stored = {
        e.segment_id: e
        for e in session.scalars(
            select(SegmentEmbedding).where(
                SegmentEmbedding.model == embedder.name,
                SegmentEmbedding.segment_id.in_([s.id for s in segments]),
            )
        )
    } if len(segments) < 30000 else {
        e.segment_id: e
        for e in session.scalars(select(SegmentEmbedding).where(SegmentEmbedding.model == embedder.name))
    }  # fmt: skip
    out = np.zeros((len(segments), embedder.dim), dtype=np.float32)
    missing = []
    for row, segment in enumerate(segments):
        found = stored.get(segment.id)
        if found is not None and found.text_sha256 == segment.text_sha256:
            out[row] = np.frombuffer(found.vector, dtype="<f4")
        else:
            missing.append(row)
    if missing:
        fresh = embedder.embed([segments[r].text for r in missing])
        for row, vector in zip(missing, fresh, strict=True):
            out[row] = vector
            segment = segments[row]
            blob = np.asarray(vector, dtype="<f4").tobytes()
            found = stored.get(segment.id)
            if found is None:
                session.add(
                    SegmentEmbedding(
                        segment_id=segment.id, model=embedder.name, dim=embedder.dim,
                        text_sha256=segment.text_sha256, vector=blob,
                    )
                )  # fmt: skip
            else:
                found.text_sha256, found.vector = segment.text_sha256, blob
        session.flush()
    return out


def active_themes(session: Session, consultation_id: int) -> list[Theme]:
    return list(
        session.scalars(
            select(Theme)
            .where(Theme.consultation_id == consultation_id, Theme.active.is_(True))
            .order_by(Theme.position, Theme.key)
        )
    )


def _save_codebook(session: Session, consultation_id: int, themes: Sequence[CodebookTheme]) -> None:
    known = {
        t.key: t for t in session.scalars(select(Theme).where(Theme.consultation_id == consultation_id))
    }  # fmt: skip
    for position, item in enumerate(themes):
        theme = known.get(item.key) or Theme(consultation_id=consultation_id, key=item.key)
        theme.label, theme.description, theme.examples = item.label, item.description, item.examples
        theme.key_terms = theme.key_terms or []
        theme.origin, theme.active, theme.position = "file", True, position
        session.add(theme)
    for key, theme in known.items():
        if key not in {t.key for t in themes}:
            theme.active = False
    session.flush()


def _discover_into(
    session: Session, consultation_id: int, segments: Sequence[Segment], vectors: Matrix, seed: int
) -> int:
    found = discover([s.text for s in segments], vectors, [s.respondent_id for s in segments], seed)
    now = datetime.now(UTC)
    for position, candidate in enumerate(found):
        theme = Theme(
            consultation_id=consultation_id, key=candidate.key, label=candidate.label,
            description=None, key_terms=candidate.key_terms,
            examples=[segments[i].text for i in candidate.representatives],
            origin="discovered", active=True, merged_into=None, position=position,
        )  # fmt: skip
        session.add(theme)
        session.flush()
        for i in candidate.members:
            session.add(
                SegmentCode(
                    segment_id=segments[i].id, theme_id=theme.id, source="cluster", present=True,
                    confidence=1.0, stance=None, coder=None, at=now,
                )
            )  # fmt: skip
    session.flush()
    return len(found)


def training_labels(
    session: Session, segments: Sequence[Segment], themes: Sequence[Theme]
) -> tuple[list[int], np.ndarray]:
    """Rows (indexes into `segments`) with known themes and their 0/1 matrix: an analyst's
    codes decide a segment wherever there are any; otherwise its cluster membership."""
    column = {t.id: j for j, t in enumerate(themes)}
    row_of = {s.id: i for i, s in enumerate(segments)}
    analyst: dict[int, set[int]] = {}
    cluster: dict[int, set[int]] = {}
    codes = session.scalars(
        select(SegmentCode).where(
            SegmentCode.source.in_(("analyst", "cluster")),
            SegmentCode.theme_id.in_(list(column)),
        )
    )
    for code in codes:
        if code.segment_id not in row_of:
            continue
        target = analyst if code.source == "analyst" else cluster
        bucket = target.setdefault(code.segment_id, set())
        if code.present:
            bucket.add(column[code.theme_id])
    rows = sorted(row_of[s] for s in set(analyst) | set(cluster))
    y = np.zeros((len(rows), len(themes)), dtype=np.int8)
    for r, i in enumerate(rows):
        sid = segments[i].id
        for j in analyst.get(sid, cluster.get(sid, set())):
            y[r, j] = 1
    return rows, y


@dataclass(frozen=True)
class AnalysisReport:
    consultation: str
    segments: int
    respondents: int
    themes: int
    discovered: int
    embedded_with: str
    unassigned: int
    trained_on: int


def code_segments(
    session: Session, segments: Sequence[Segment], vectors: Matrix, themes: Sequence[Theme],
    embedder: Embedder, seed: int,
) -> tuple[int, int]:  # fmt: skip
    """Train on what is known and (re)write every machine code; (training rows, unassigned)."""
    rows, y = training_labels(session, segments, themes)
    texts = [segments[i].text for i in rows]
    extra = [(t, j) for j, theme in enumerate(themes) for t in theme.examples or []]
    if extra:
        texts += [t for t, _ in extra]
        ex_y = np.zeros((len(extra), len(themes)), dtype=np.int8)
        for r, (_, j) in enumerate(extra):
            ex_y[r, j] = 1
        y = np.vstack([y, ex_y])
        train_vectors = np.vstack([vectors[rows], embedder.embed([t for t, _ in extra])])
    else:
        train_vectors = vectors[rows]
    if not texts or y.sum() == 0:
        raise CrimeplanError(
            "nothing to train the coder on",
            hint="Give the themes examples, code some segments, or let discovery find themes",
        )
    coder = ThemeCoder(seed=seed).fit(texts, train_vectors, y, [t.key for t in themes])
    proba = coder.predict_proba([s.text for s in segments], vectors)
    assigned = coder.assign(proba)
    ids = [s.id for s in segments]
    session.execute(
        delete(SegmentCode).where(SegmentCode.source == "machine", SegmentCode.segment_id.in_(ids))
    )
    now = datetime.now(UTC)
    for i, segment in enumerate(segments):
        segment_stance = stance(segment.text)
        for j, theme in enumerate(themes):
            if proba[i, j] >= NEAR_MISS or assigned[i, j]:
                session.add(
                    SegmentCode(
                        segment_id=segment.id, theme_id=theme.id, source="machine",
                        present=bool(assigned[i, j]), confidence=round(float(proba[i, j]), 6),
                        stance=segment_stance if assigned[i, j] else None, coder=embedder.name,
                        at=now,
                    )
                )  # fmt: skip
    session.flush()
    return len(texts), int((assigned.sum(axis=1) == 0).sum())


def analyse(
    db: AppDB,
    slug: str | None,
    embedder: Embedder,
    *,
    seed: int = 14,
    codebook: Path | None = None,
    rediscover: bool = False,
) -> AnalysisReport:
    """Segment, embed, find or load themes, train and code: one transaction."""
    loaded = load_codebook(codebook) if codebook is not None else None
    with db.transaction() as session:
        record = find_consultation(session, slug)
        segments = build_segments(session, record.id)
        if not segments:
            raise CrimeplanError(
                f"no free text in '{record.slug}'",
                hint="Ingest survey answers or written responses first",
            )
        vectors = segment_vectors(session, segments, embedder)
        with one_blas_thread():
            return _themes_and_codes(
                session, record, segments, vectors, embedder, seed, loaded, rediscover
            )


def _themes_and_codes(
    session: Session, record: m.Consultation, segments: list[Segment], vectors: Matrix,
    embedder: Embedder, seed: int, loaded: list[CodebookTheme] | None, rediscover: bool,
) -> AnalysisReport:  # fmt: skip
    discovered = 0
    if loaded is not None:
        _save_codebook(session, record.id, loaded)
    elif rediscover or not active_themes(session, record.id):
        session.execute(delete(Theme).where(Theme.consultation_id == record.id))
        discovered = _discover_into(session, record.id, segments, vectors, seed)
    themes = active_themes(session, record.id)
    if not themes:
        raise CrimeplanError("no themes found", hint="Load a codebook with --codebook FILE")
    trained, unassigned = code_segments(session, segments, vectors, themes, embedder, seed)
    return AnalysisReport(
        record.slug, len(segments), len({s.respondent_id for s in segments}), len(themes),
        discovered, embedder.name, unassigned, trained,
    )  # fmt: skip


def export_codes(session: Session, consultation_id: int) -> str:
    """Themes and machine codes as canonical JSON (sorted, no times): the determinism check."""
    themes = list(
        session.scalars(
            select(Theme).where(Theme.consultation_id == consultation_id).order_by(Theme.key)
        )
    )
    codes = session.execute(
        select(Segment.locator, Theme.key, SegmentCode.present, SegmentCode.confidence, SegmentCode.stance)
        .join(Segment, SegmentCode.segment_id == Segment.id)
        .join(Theme, SegmentCode.theme_id == Theme.id)
        .where(Segment.consultation_id == consultation_id, SegmentCode.source == "machine")
        .order_by(Segment.locator, Theme.key)
    ).all()  # fmt: skip
    data = {
        "themes": [
            {"key": t.key, "label": t.label, "key_terms": t.key_terms, "active": t.active}
            for t in themes
        ],
        "codes": [list(c) for c in codes],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
